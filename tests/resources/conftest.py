"""Fixtures for the resource, completion and prompt tests: a seeded simulator and a server over it."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any, Final

import httpx
import pytest

from tests.conftest import SPEC_DIR, no_sleep
from tests.conftest import connect as connect  # re-exported: the resource tests import it from here
from v0_mcp.api import RetryPolicy, V0Client, VercelClient, build_client
from v0_mcp.completions import register_completions
from v0_mcp.prompts import register_prompts
from v0_mcp.resources import register_resources
from v0_mcp.server import V0MCPServer, build_server
from v0_mcp.settings import Settings
from v0_mcp.simulator import Simulator, SimulatorConfig
from v0_mcp.tools import Runtime

API_KEY: Final = "v0-resources-test-key-7d21"
BASE_URL: Final = "http://127.0.0.1/v1"
V2_URL: Final = "http://127.0.0.1/v2"
VERCEL_URL: Final = "http://127.0.0.1/vercel"  # the simulator's Vercel, sharing the v2 workspace of the same key
ERAS: Final = ["auto", "legacy"]
VOCABULARY: Final[dict[str, Any]] = json.loads((SPEC_DIR / "tool-vocabulary.json").read_text())
TOOL_NAMES: Final = frozenset(entry["tool"] for entry in [*VOCABULARY["operations"], *VOCABULARY["workflow_tools"]])


class CountingTransport(httpx.AsyncBaseTransport):
    """An ASGI transport to the simulator that records every request's method and path."""

    def __init__(self, simulator: Simulator) -> None:
        self._inner = httpx.ASGITransport(app=simulator.app)
        self.requests: list[str] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(f"{request.method} {request.url.path}")
        return await self._inner.handle_async_request(request)


def make_server(client: V0Client, **runtime: Any) -> V0MCPServer:
    """Return a new server with every tool, resource, completion and prompt, polling fast, over ``client``."""
    options: dict[str, Any] = {"poll_interval": 0.05, "max_poll_interval": 0.1, **runtime}
    server = build_server(
        Settings(api_version="v1", toolsets=frozenset({"all"})), runtime=Runtime(client=client, **options)
    )
    register_resources(server)
    register_completions(server)
    register_prompts(server)
    return server


@dataclass(frozen=True)
class Seeded:
    """Ids of the simulator's demo workspace."""

    chat_id: str  # the landing page: in a project, deployed
    chat_name: str
    version_id: str
    files: tuple[str, ...]
    deployment_id: str
    project_id: str
    other_chat_id: str  # the dashboard: two versions, no project


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Keep the developer's own key and settings out of the tests."""
    for name in ("V0_API_KEY", "V0_API_URL"):
        monkeypatch.delenv(name, raising=False)
    yield


@pytest.fixture(params=ERAS)
def era(request: pytest.FixtureRequest) -> str:
    """The protocol era of the client: ``auto`` (2026-07-28) or ``legacy`` (2025-11-25 handshake)."""
    return str(request.param)


@pytest.fixture
def simulator() -> Simulator:
    """A fresh simulator with the demo workspace, quick generations and quick builds (v2's start at once)."""
    simulator = Simulator(SimulatorConfig(seed_workspace=True, generation_delay=0.3, log_interval=0.02))
    simulator.v2.settings.queue_delay = 0.05
    return simulator


@pytest.fixture
def transport(simulator: Simulator) -> CountingTransport:
    return CountingTransport(simulator)


@pytest.fixture
async def v0(transport: CountingTransport) -> AsyncIterator[V0Client]:
    async with V0Client(API_KEY, base_url=BASE_URL, transport=transport, retry=RetryPolicy(sleep=no_sleep)) as client:
        yield client


@pytest.fixture
def server(v0: V0Client) -> V0MCPServer:
    return make_server(v0)


@pytest.fixture
async def seeded(v0: V0Client) -> Seeded:
    chats = (await v0.call("chats.find")).data
    landing = next(chat for chat in chats if chat.projectId)
    dashboard = next(chat for chat in chats if not chat.projectId)
    version = await v0.call("chats.getVersion", chatId=landing.id, versionId=landing.latestVersion.id)
    deployments = (await v0.call("deployments.find", chatId=landing.id, versionId=version.id)).data
    return Seeded(
        chat_id=landing.id,
        chat_name=landing.name,
        version_id=version.id,
        files=tuple(file.name for file in version.files),
        deployment_id=deployments[0].id,
        project_id=landing.projectId,
        other_chat_id=dashboard.id,
    )


# -- API v2 -----------------------------------------------------------------------------------------------------------


def make_v2_server(client: V0Client, vercel: VercelClient | None, **settings: Any) -> V0MCPServer:
    """Return a new v2 server (every tool unless ``settings`` say otherwise), polling fast, over ``client``."""
    runtime = Runtime(client=client, vercel=vercel, poll_interval=0.05, max_poll_interval=0.1)
    options: dict[str, Any] = {"api_version": "v2", "toolsets": frozenset({"all"}), **settings}
    return build_server(Settings(**options), runtime=runtime)


@dataclass(frozen=True)
class SeededV2:
    """Ids of the v2 demo workspace: a deployed chat with a Vercel project, and one without."""

    chat_id: str
    title: str
    files: tuple[str, ...]
    project_id: str
    deployment_id: str
    message_id: str  # the deployed chat's latest (assistant) message
    other_chat_id: str


@pytest.fixture
async def v0_v2(transport: CountingTransport) -> AsyncIterator[V0Client]:
    async with build_client("v2", API_KEY, V2_URL, transport=transport, retry=RetryPolicy(sleep=no_sleep)) as client:
        yield client


@pytest.fixture
async def vercel(transport: CountingTransport) -> AsyncIterator[VercelClient]:
    async with VercelClient(API_KEY, team_id="", base_url=VERCEL_URL, transport=transport) as client:
        yield client


@pytest.fixture
def server_v2(v0_v2: V0Client, vercel: VercelClient) -> V0MCPServer:
    return make_v2_server(v0_v2, vercel)


@pytest.fixture
async def seeded_v2(v0_v2: V0Client, vercel: VercelClient) -> SeededV2:
    chats = (await v0_v2.call("chats.list")).chats
    deployed = next(chat for chat in chats if chat.vercelProjectId)
    other = next(chat for chat in chats if not chat.vercelProjectId)
    files = (await v0_v2.call("chats.getFiles", chatId=deployed.id)).files
    deployments = (await vercel.list_deployments(projectId=deployed.vercelProjectId)).deployments or []
    latest = (await v0_v2.call("messages.list", chatId=deployed.id, limit=1)).messages[0]
    return SeededV2(
        chat_id=deployed.id,
        title=deployed.title,
        files=tuple(sorted(file.path for file in files)),
        project_id=deployed.vercelProjectId,
        deployment_id=deployments[0].uid,
        message_id=latest.id,
        other_chat_id=other.id,
    )
