"""Minimal MCP clients for measuring servers, not clients.

The SDK's client validates every result (output schemas included) and costs more CPU
than the servers it talks to; these speak plain JSON-RPC (2025-11-25, initialize
handshake) over a spawned process's stdio or over streamable HTTP, and do nothing else.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from typing import Any, Final

import httpx

__all__ = ["PROTOCOL", "HttpPeer", "RPCError", "StdioPeer"]

PROTOCOL: Final = "2025-11-25"
_INITIALIZE: Final = {"protocolVersion": PROTOCOL, "capabilities": {}, "clientInfo": {"name": "bench", "version": "0"}}


class RPCError(RuntimeError):
    """The server answered a request with a JSON-RPC error."""


class StdioPeer:
    """An MCP server process spoken to over its stdin and stdout, one request at a time."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.notifications: list[tuple[float, dict[str, Any]]] = []
        self._next = 0

    @classmethod
    async def spawn(cls, argv: Sequence[str], env: dict[str, str]) -> StdioPeer:
        process = await asyncio.create_subprocess_exec(
            *argv,
            env=env,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,
            limit=64 * 1024 * 1024,
        )
        return cls(process)

    @property
    def pid(self) -> int:
        return self.process.pid

    async def _send(self, message: dict[str, Any]) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(message, separators=(",", ":")).encode() + b"\n")
        await self.process.stdin.drain()

    async def request(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        """Send a request and return its result (notifications on the way are kept, timestamped)."""
        self._next += 1
        number = self._next
        await self._send({"jsonrpc": "2.0", "id": number, "method": method, **({"params": params} if params else {})})
        assert self.process.stdout is not None
        loop = asyncio.get_running_loop()
        while True:
            line = await self.process.stdout.readline()
            if not line:
                raise RPCError(f"the server closed its output (exit code {await self.process.wait()})")
            message = json.loads(line)
            if message.get("id") == number and "method" not in message:
                if "error" in message:
                    raise RPCError(str(message["error"]))
                return dict(message["result"])
            if "method" in message and "id" not in message:
                self.notifications.append((loop.time(), message))

    async def notify(self, method: str, params: dict[str, Any] | None = None) -> None:
        await self._send({"jsonrpc": "2.0", "method": method, **({"params": params} if params else {})})

    async def initialize(self) -> dict[str, Any]:
        result = await self.request("initialize", _INITIALIZE)
        await self.notify("notifications/initialized")
        return result

    async def call_tool(self, name: str, arguments: dict[str, Any]) -> dict[str, Any]:
        """Call a tool; raise if it answers with an error result."""
        result = await self.request("tools/call", {"name": name, "arguments": arguments})
        if result.get("isError"):
            raise RPCError(f"{name} failed: {result.get('content')}")
        return result

    async def close(self) -> int:
        """Close stdin (the server's cue to exit) and wait; kill it if it lingers."""
        if self.process.stdin is not None:
            self.process.stdin.close()
        try:
            return await asyncio.wait_for(self.process.wait(), timeout=10)
        except TimeoutError:
            self.process.kill()
            return await self.process.wait()


class HttpPeer:
    """One MCP session over streamable HTTP, through a shared ``httpx.AsyncClient``."""

    def __init__(self, http: httpx.AsyncClient, url: str) -> None:
        self.http = http
        self.url = url
        self.headers = {"Accept": "application/json, text/event-stream", "Content-Type": "application/json"}
        self._next = 0

    async def _post(self, message: dict[str, Any]) -> httpx.Response:
        response = await self.http.post(self.url, content=json.dumps(message), headers=self.headers)
        response.raise_for_status()
        return response

    async def request(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        self._next += 1
        number = self._next
        response = await self._post(
            {"jsonrpc": "2.0", "id": number, "method": method, **({"params": params} if params else {})}
        )
        for message in _messages(response):
            if message.get("id") == number:
                if "error" in message:
                    raise RPCError(str(message["error"]))
                return dict(message["result"])
        raise RPCError(f"no answer to {method} in {response.text[:200]!r}")

    async def initialize(self) -> None:
        self._next += 1
        response = await self._post({"jsonrpc": "2.0", "id": self._next, "method": "initialize", "params": _INITIALIZE})
        if session := response.headers.get("mcp-session-id"):
            self.headers["mcp-session-id"] = session
        self.headers["mcp-protocol-version"] = PROTOCOL
        await self._post({"jsonrpc": "2.0", "method": "notifications/initialized"})

    async def call_tool(self, name: str, arguments: dict[str, Any]) -> dict[str, Any]:
        result = await self.request("tools/call", {"name": name, "arguments": arguments})
        if result.get("isError"):
            raise RPCError(f"{name} failed: {result.get('content')}")
        return result

    async def close(self) -> None:
        if "mcp-session-id" in self.headers:
            await self.http.delete(self.url, headers=self.headers)


def _messages(response: httpx.Response) -> list[dict[str, Any]]:
    if response.headers.get("content-type", "").startswith("application/json"):
        data = response.json()
        return data if isinstance(data, list) else [data]
    lines = response.text.splitlines()
    return [json.loads(line[5:]) for line in lines if line.startswith("data:") and line[5:].strip()]
