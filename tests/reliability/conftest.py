"""Fixtures for the reliability suite: a fast simulator, a server with every tool over it, clients, helpers.

Everything here runs in process and fast: generations take 50 ms, the server polls every
20 ms, retries record their waits instead of sleeping, and the simulator's own rate limit
is out of the way (throttling is injected through its fault knobs where a test wants it).
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, MutableMapping
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from typing import Any, Final

import httpx
import pytest
from mcp import Client
from mcp.types import CallToolResult, TextContent

from v0_mcp.api import RetryPolicy, Timeouts, V0Client
from v0_mcp.server import V0MCPServer, build_server
from v0_mcp.settings import Settings
from v0_mcp.simulator import Simulator, SimulatorConfig
from v0_mcp.tools import Runtime

API_KEY: Final = "v0-reliability-key-4b1d"
BASE_URL: Final = "http://127.0.0.1/v1"
ALL_TOOLS: Final = Settings(api_version="v1", toolsets=frozenset({"all"}))
ERAS: Final = ("auto", "legacy")

Scope = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Callable[[], Awaitable[Any]], Callable[[Any], Awaitable[None]]], Awaitable[None]]

_TRACEBACK: Final = re.compile(r"Traceback \(most recent call last\)|File \"[^\"]+\", line \d+")


class Sleeps(list[float]):
    """Records the waits a retry policy asks for instead of waiting."""

    async def __call__(self, seconds: float) -> None:
        self.append(seconds)


class Requests:
    """ASGI middleware that records every request and can lose the answers to some of them.

    A *lost answer* is the worst case for a create: the simulator does the work, then the
    connection drops before the response arrives (``lose_answers`` of the matching requests).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.seen: list[tuple[str, str]] = []
        self.lose_answers = 0
        self.lose_method = "POST"
        self.lose_path = "/v1/chats"

    def count(self, method: str, path: str) -> int:
        return self.seen.count((method, path))

    async def __call__(self, scope: Scope, receive: Callable[[], Awaitable[Any]], send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = (scope["method"], scope["path"])
        self.seen.append(request)
        if self.lose_answers > 0 and request == (self.lose_method, self.lose_path):
            self.lose_answers -= 1

            async def swallow(_: Any) -> None:
                return None

            await self.app(scope, receive, swallow)
            raise httpx.RemoteProtocolError("Server disconnected without sending a response.")
        await self.app(scope, receive, send)


# Which ids of the seeded workspace an argument of this name can take (besides random text).
ID_ARGUMENTS: Final = {
    "chatId": "chats",
    "messageId": "messages",
    "versionId": "versions",
    "projectId": "projects",
    "deploymentId": "deployments",
    "hookId": "hooks",
    "mcpServerId": "mcp_servers",
    "environmentVariableId": "env_vars",
}


def fast_simulator(**options: Any) -> Simulator:
    """Return a simulator with a seeded workspace, 50 ms generations and no rate limit of its own."""
    options = {"generation_delay": 0.05, "log_interval": 0.01, "rate_limit": 10**9, "seed_workspace": True, **options}
    return Simulator(SimulatorConfig(**options))


def in_process_client(
    sim: Simulator | Requests, *, api_key: str | None = API_KEY, sleeps: Sleeps | None = None, **options: Any
) -> V0Client:
    """Return a v0 client talking to ``sim`` in process; retries record their waits in ``sleeps``."""
    app = sim.app if isinstance(sim, Simulator) else sim
    options.setdefault("retry", RetryPolicy(sleep=sleeps if sleeps is not None else Sleeps()))
    return V0Client(api_key, base_url=BASE_URL, transport=httpx.ASGITransport(app=app), **options)


def loopback_client(base_url: str, *, api_key: str = API_KEY, read_timeout: float, **options: Any) -> V0Client:
    """Return a v0 client talking to a simulator served on loopback, with a short read timeout (streams too)."""
    options.setdefault("retry", RetryPolicy(sleep=Sleeps()))
    timeouts = Timeouts(read=read_timeout, generation=read_timeout, connect=2.0)
    return V0Client(api_key, base_url=base_url, timeouts=timeouts, **options)


def serve(v0: V0Client, settings: Settings = ALL_TOOLS, runtime: Runtime | None = None) -> V0MCPServer:
    """Return a new server for ``settings`` over ``v0`` (or ``runtime``), polling generations every 20 ms."""
    runtime = runtime or Runtime(client=v0, poll_interval=0.02, max_poll_interval=0.05)
    return build_server(settings, runtime=runtime)


def connect(server: V0MCPServer, era: str, **options: Any) -> AbstractAsyncContextManager[Client]:
    """Return an in-memory MCP client of ``server`` in protocol era ``era`` (``auto`` or ``legacy``)."""
    return Client(server, mode=era, **options)


def text_of(result: CallToolResult) -> str:
    return "\n".join(block.text for block in result.content if isinstance(block, TextContent))


def unclear_error(tool: str, result: CallToolResult) -> str | None:
    """Say why an error result would not help an agent, or None if it is a clear tool error.

    The SDK prefixes every tool error with ``Error executing tool <name>``; a deliberate
    error continues with its own explanation, an unexpected exception stops there.
    """
    text = text_of(result).strip()
    explanation = text.removeprefix(f"Error executing tool {tool}").removeprefix(":").strip()
    if not explanation:
        return f"no explanation, i.e. an unexpected exception in the tool: {text!r}"
    if _TRACEBACK.search(text):
        return f"a traceback reached the client: {text[:300]!r}"
    if len(explanation) < 20:
        return f"too short to act on: {text!r}"
    return None


@dataclass
class World:
    """A simulator, the v0 client the server uses, the server, and what happened on the wire."""

    sim: Simulator
    requests: Requests
    sleeps: Sleeps
    v0: V0Client
    server: V0MCPServer

    def chats(self, api_key: str = API_KEY) -> set[str]:
        return set(self.sim.workspace(api_key).chats)


@pytest.fixture(params=ERAS)
def era(request: pytest.FixtureRequest) -> str:
    """The protocol era of the client: ``auto`` (2026-07-28, direct) or ``legacy`` (2025-11-25, JSON-RPC)."""
    return str(request.param)


@pytest.fixture
def sim() -> Simulator:
    return fast_simulator()


@pytest.fixture
async def world(sim: Simulator) -> AsyncIterator[World]:
    """The server with every tool over ``sim``, through a request recorder; retries do not wait."""
    requests = Requests(sim.app)
    sleeps = Sleeps()
    async with in_process_client(requests, sleeps=sleeps) as v0:
        yield World(sim=sim, requests=requests, sleeps=sleeps, v0=v0, server=serve(v0))


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Keep the developer's own key and settings out of the suite."""
    for name in ("V0_API_KEY", "V0_API_URL", "V0_MCP_TOOLSETS", "V0_MCP_TOOLS", "V0_MCP_EXCLUDE_TOOLS"):
        monkeypatch.delenv(name, raising=False)
    yield
