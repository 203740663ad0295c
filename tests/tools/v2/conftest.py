"""Fixtures for the API v2 tool tests: a server serving v2 over the simulator's /v2 and /vercel, in process.

The era, simulator and agent helpers come from the v1 tool tests' conftest; here
the client speaks v2 and the runtime holds a Vercel client over the same simulator.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any, Final

import httpx
import pytest

from tests.conftest import SPEC_DIR, no_sleep
from tests.tools.conftest import API_KEY
from v0_mcp.api import RetryPolicy, V0Client, build_client
from v0_mcp.api.vercel import VercelClient
from v0_mcp.server import V0MCPServer, build_server
from v0_mcp.settings import Settings
from v0_mcp.simulator import Simulator
from v0_mcp.tools import Runtime

V2_URL: Final = "http://127.0.0.1/v2"
VERCEL_URL: Final = "http://127.0.0.1/vercel"
ALL_V2: Final = Settings(api_version="v2", toolsets=frozenset({"all"}))
VOCABULARY_V2: Final[dict[str, Any]] = json.loads((SPEC_DIR / "tool-vocabulary-v2.json").read_text())
ENTRIES_V2: Final[dict[str, dict[str, Any]]] = {
    entry["tool"]: entry for entry in [*VOCABULARY_V2["operations"], *VOCABULARY_V2["workflow_tools"]]
}


def make_v2(sim: Simulator, api_key: str | None = API_KEY) -> V0Client:
    """Return a v2 client wired in process to ``sim``; retries do not wait."""
    transport = httpx.ASGITransport(app=sim.app)
    return build_client("v2", api_key, V2_URL, transport=transport, retry=RetryPolicy(sleep=no_sleep))


def make_vercel(sim: Simulator, token: str | None = API_KEY) -> VercelClient:
    """Return a Vercel client over ``sim`` (its Vercel part shares the v2 state and key)."""
    transport = httpx.ASGITransport(app=sim.app)
    return VercelClient(token, team_id="", base_url=VERCEL_URL, transport=transport, retry=RetryPolicy(sleep=no_sleep))


def make_v2_server(
    settings: Settings = ALL_V2, *, client: V0Client, vercel: VercelClient | None = None, **options: Any
) -> V0MCPServer:
    """Return a server for ``settings`` (API v2) over ``client``, polling fast."""
    options.setdefault("poll_interval", 0.05)
    options.setdefault("max_poll_interval", 0.1)
    return build_server(settings, runtime=Runtime(client=client, vercel=vercel, **options))


@pytest.fixture
def sim(sim: Simulator) -> Simulator:
    """The tool tests' simulator, with a preview that starts fast and Vercel Connect set up at once."""
    sim.v2.settings.preview_delay = 0.2
    sim.v2.settings.connect_delay = 0.0
    return sim


@pytest.fixture
async def v2(sim: Simulator) -> AsyncIterator[V0Client]:
    async with make_v2(sim) as client:
        yield client


@pytest.fixture
async def vercel(sim: Simulator) -> AsyncIterator[VercelClient]:
    async with make_vercel(sim) as client:
        yield client


@pytest.fixture
def server(v2: V0Client, vercel: VercelClient) -> V0MCPServer:
    """A server with every v2 tool, over the simulator."""
    return make_v2_server(ALL_V2, client=v2, vercel=vercel)
