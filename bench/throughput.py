"""Throughput: 50 concurrent clients calling read tools over streamable HTTP, for a fixed number of calls.

``v0-mcp --transport http`` (its own process) talks to the simulator (another process) on
loopback. Each client keeps a session and makes its share of the calls one after the
other, cycling through ``list_chats``, ``get_chat`` and ``get_version``. The baseline is
the same 50 workers making the same v0 requests straight to the simulator with
``V0Client``. Both are reported as calls per second, p50 and p99 latency, and errors.
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Awaitable, Callable
from typing import Any, Final

import httpx

from ._common import SIM_KEY, Figure, Section, child_env, free_port, median, ms, percentile, simulator, wait_http
from ._peers import HttpPeer

__all__ = ["run"]

CLIENTS: Final = 50


async def _load(workers: list[Callable[[int], Awaitable[Any]]], per_worker: int) -> dict[str, Any]:
    latencies: list[float] = []
    errors: list[str] = []

    async def work(call: Callable[[int], Awaitable[Any]]) -> None:
        for number in range(per_worker):
            began = time.perf_counter()
            try:
                await call(number)
            except Exception as exc:  # counted, reported: the run goes on
                errors.append(f"{type(exc).__name__}: {exc}"[:200])
            else:
                latencies.append(time.perf_counter() - began)

    began = time.perf_counter()
    await asyncio.gather(*(work(worker) for worker in workers))
    elapsed = time.perf_counter() - began
    return {
        "calls": len(workers) * per_worker,
        "seconds": round(elapsed, 3),
        "calls_per_second": round(len(latencies) / elapsed, 1),
        "p50_ms": ms(median(latencies)),
        "p99_ms": ms(percentile(latencies, 0.99)),
        "errors": len(errors),
        "first_errors": errors[:3],
    }


async def run(*, quick: bool) -> Section:
    from v0_mcp.api import V0Client

    per_client = 10 if quick else 100
    section = Section("throughput", f"Throughput: {CLIENTS} concurrent clients, {CLIENTS * per_client:,} read calls")
    with simulator() as api_url:
        async with V0Client(SIM_KEY, base_url=api_url) as v0:
            chat = await v0.call("chats.getById", chatId=(await v0.call("chats.find")).data[0].id)
        tool_calls: list[tuple[str, dict[str, Any]]] = [
            ("list_chats", {}),
            ("get_chat", {"chatId": chat.id}),
            ("get_version", {"chatId": chat.id, "versionId": chat.latestVersion.id}),
        ]
        api_calls: list[tuple[str, dict[str, Any]]] = [
            ("chats.find", {}),
            ("chats.getById", {"chatId": chat.id}),
            ("chats.getVersion", {"chatId": chat.id, "versionId": chat.latestVersion.id}),
        ]
        port = free_port()
        env = child_env(V0_API_URL=api_url, V0_API_KEY=SIM_KEY, V0_API_VERSION="v1", V0_MCP_LOG_LEVEL="WARNING")
        command = [sys.executable, "-m", "v0_mcp", "--transport", "http", "--port", str(port)]
        quiet = asyncio.subprocess.DEVNULL
        server = await asyncio.create_subprocess_exec(*command, env=env, stdin=quiet, stdout=quiet, stderr=quiet)
        try:
            await wait_http(f"http://127.0.0.1:{port}/healthz")
            limits = httpx.Limits(max_connections=CLIENTS * 2, max_keepalive_connections=CLIENTS * 2)
            async with httpx.AsyncClient(timeout=60, limits=limits) as http:
                peers = [HttpPeer(http, f"http://127.0.0.1:{port}/mcp") for _ in range(CLIENTS)]
                await asyncio.gather(*(peer.initialize() for peer in peers))
                for peer in peers:  # one warm-up call each
                    await peer.call_tool(*tool_calls[0])

                def mcp_worker(index: int, peer: HttpPeer) -> Callable[[int], Awaitable[Any]]:
                    return lambda n: peer.call_tool(*tool_calls[(index + n) % len(tool_calls)])

                through_mcp = await _load([mcp_worker(i, p) for i, p in enumerate(peers)], per_client)
                await asyncio.gather(*(peer.close() for peer in peers))
        finally:
            server.terminate()
            await asyncio.wait_for(server.wait(), timeout=10)
        clients = [V0Client(SIM_KEY, base_url=api_url) for _ in range(CLIENTS)]
        try:

            def direct_worker(index: int, client: V0Client) -> Callable[[int], Awaitable[Any]]:
                def call(n: int) -> Awaitable[Any]:
                    operation, arguments = api_calls[(index + n) % len(api_calls)]
                    return client.call(operation, **arguments)

                return call

            for client in clients:
                await client.call(api_calls[0][0])  # warm the connection
            direct = await _load([direct_worker(i, c) for i, c in enumerate(clients)], per_client)
        finally:
            await asyncio.gather(*(client.aclose() for client in clients))
    section.figures += [
        Figure(
            "calls per second",
            through_mcp["calls_per_second"],
            "calls/s",
            "V0Client direct",
            direct["calls_per_second"],
        ),
        Figure("p50 latency", through_mcp["p50_ms"], "ms", "V0Client direct", direct["p50_ms"]),
        Figure("p99 latency", through_mcp["p99_ms"], "ms", "V0Client direct", direct["p99_ms"]),
        Figure(
            "errors",
            through_mcp["errors"],
            "calls",
            "V0Client direct",
            direct["errors"],
            target="0",
            met=through_mcp["errors"] == 0,
        ),
    ]
    section.details = {"clients": CLIENTS, "mcp": through_mcp, "direct": direct}
    return section
