"""Fixtures for the tool tests: a simulator, a server over it, and an MCP client in either protocol era."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any, Final

import httpx
import jsonschema
import pytest
from jsonschema.protocols import Validator
from mcp import Client
from mcp.types import CallToolResult, Tool

from tests.conftest import SPEC_DIR, no_sleep
from tests.conftest import connect as connect  # re-exported: the tool tests import it from here
from tests.conftest import text_of as text_of
from v0_mcp.api import RetryPolicy, V0Client
from v0_mcp.server import V0MCPServer, build_server
from v0_mcp.settings import Settings
from v0_mcp.simulator import Simulator, SimulatorConfig
from v0_mcp.tools import Runtime

API_KEY: Final = "v0-tools-test-key-0c7e1f"
BASE_URL: Final = "http://127.0.0.1/v1"
ALL: Final = Settings(api_version="v1", toolsets=frozenset({"all"}))
VOCABULARY: Final[dict[str, Any]] = json.loads((SPEC_DIR / "tool-vocabulary.json").read_text())
VOCABULARY_ENTRIES: Final[dict[str, dict[str, Any]]] = {
    entry["tool"]: entry for entry in [*VOCABULARY["operations"], *VOCABULARY["workflow_tools"]]
}
ERAS: Final = ["auto", "legacy"]
V1_ENV: Final = {"V0_API_VERSION": "v1"}  # the environment of a server that serves API v1 (the default is v2)


def make_v0(sim: Simulator, api_key: str | None = API_KEY, **options: Any) -> V0Client:
    """Return a v0 client wired in process to ``sim``; retries do not wait."""
    options.setdefault("retry", RetryPolicy(sleep=no_sleep))
    return V0Client(api_key, base_url=BASE_URL, transport=httpx.ASGITransport(app=sim.app), **options)


_VALIDATORS: dict[str, Validator] = {}


def output_validator(schema: dict[str, Any]) -> Validator:
    """Return a validator of ``schema``, checked against its metaschema once per process, not once per result.

    ``jsonschema.validate`` checks the schema itself on every call, which costs far more than the
    validation; the tool tests validate thousands of results against a few dozen output schemas.
    """
    key = json.dumps(schema, sort_keys=True)
    validator = _VALIDATORS.get(key)
    if validator is None:
        cls = jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)
        validator = _VALIDATORS[key] = cls(schema)
    return validator


def make_server(settings: Settings = ALL, *, client: V0Client | None = None) -> V0MCPServer:
    """Return a new server for ``settings`` over ``client``, polling fast (generations here take 0.1 s).

    Each test gets its own server, and with it its own runtime; the SDK tools behind
    it are built once per process, so a server is cheap to build.
    """
    client = client or V0Client("unused", base_url=BASE_URL)
    return build_server(settings, runtime=Runtime(client=client, poll_interval=0.05, max_poll_interval=0.1))


@dataclass
class Agent:
    """An MCP client that checks every successful result against the tool's outputSchema."""

    client: Client
    tools: dict[str, Tool]
    called: set[str] = field(default_factory=set)

    async def call(self, name: str, arguments: dict[str, Any] | None = None, **options: Any) -> CallToolResult:
        self.called.add(name)
        return await self.client.call_tool(name, arguments or {}, **options)

    async def ok(self, name: str, arguments: dict[str, Any] | None = None, **options: Any) -> dict[str, Any]:
        """Call a tool that must succeed; return its structured content, validated against its outputSchema."""
        result = await self.call(name, arguments, **options)
        assert not result.is_error, f"{name} failed: {text_of(result)}"
        data = result.structured_content
        assert isinstance(data, dict), f"{name} returned no structuredContent"
        schema = self.tools[name].output_schema
        assert schema is not None, f"{name} has no outputSchema"
        output_validator(schema).validate(data)
        assert json.loads(text_of(result)) == data, f"{name}: the text block is not the structured content"
        return data

    async def fail(self, name: str, arguments: dict[str, Any] | None = None, **options: Any) -> str:
        """Call a tool that must fail with a tool error; return the error text."""
        result = await self.call(name, arguments, **options)
        assert result.is_error, f"{name} should have failed but returned {result.structured_content}"
        return text_of(result)


# The MCP client lives in the test's own task: an async fixture would enter its task group in
# one task and leave it in another, which anyio refuses.
@asynccontextmanager
async def open_agent(server: V0MCPServer, era: str, **options: Any) -> AsyncIterator[Agent]:
    """Connect to ``server`` and list its tools once."""
    async with connect(server, era, **options) as client:
        tools = {tool.name: tool for tool in (await client.list_tools()).tools}
        yield Agent(client, tools)


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Keep the developer's own key and settings out of the tests."""
    for name in ("V0_API_KEY", "V0_API_URL"):
        monkeypatch.delenv(name, raising=False)
    for suffix in ("TOOLSETS", "TOOLS", "EXCLUDE_TOOLS", "READ_ONLY"):
        monkeypatch.delenv(f"V0_MCP_{suffix}", raising=False)
    yield


@pytest.fixture(params=ERAS)
def era(request: pytest.FixtureRequest) -> str:
    """The protocol era of the client: ``auto`` (2026-07-28) or ``legacy`` (2025-11-25 handshake)."""
    return str(request.param)


@pytest.fixture
def sim() -> Simulator:
    """A fresh simulator whose generations finish in 0.1 s and whose builds log fast."""
    return Simulator(SimulatorConfig(generation_delay=0.1, log_interval=0.01))


@pytest.fixture
async def v0(sim: Simulator) -> AsyncIterator[V0Client]:
    async with make_v0(sim) as client:
        yield client


@pytest.fixture
def server(v0: V0Client) -> V0MCPServer:
    """A server with every tool, over the simulator."""
    return make_server(ALL, client=v0)
