"""Build the MCP server: the selected tools, resources and prompts over one v0 client."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Final

import httpx
from mcp.server.mcpserver import MCPServer

from . import __version__
from ._protocol import accept_log_levels, drop_stateless_methods
from .api import V0Client
from .completions import register_completions
from .prompts import register_prompts
from .resources import register_resources
from .settings import Settings
from .tools import Runtime, Selection, explain_disabled_tools, select, to_mcp_tool
from .tools._registry import load_schemas
from .tools._runtime import AppState, V0MCPServer
from .tools.v1 import ALL_TOOLS, SCHEMAS

__all__ = ["INSTRUCTIONS", "V0MCPServer", "build_server", "demo_client"]

logger = logging.getLogger(__name__)

INSTRUCTIONS: Final = """\
v0 builds web apps (Next.js) from prompts. The flow:
1. create_chat(message=what to build) -> chatId, reply, demoUrl, files.
   If status is "pending", call wait_for_generation.
2. Iterate: send_message(chatId, message=the change); or edit files directly with update_version_files.
   get_version lists files; read one from its v0://chats/{chatId}/versions/{versionId}/files/{path} resource.
3. Ship: create_deployment(chatId, versionId) -> get_deployment_logs (poll with since=nextSince) and
   get_deployment_errors; fix and deploy again.
Ids come from results: chatId, versionId (latestVersion), deploymentId. Destructive tools need confirmation.
"""


class _LazySimulator(httpx.AsyncBaseTransport):
    """An in-process transport to a simulator that is built on the first request, not at startup."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._transport: httpx.ASGITransport | None = None

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self._transport is None:
            from .simulator import Simulator, SimulatorConfig

            config = SimulatorConfig(seed_workspace=True, generation_delay=self._settings.generation_delay)
            self._transport = httpx.ASGITransport(app=Simulator(config).app)
        return await self._transport.handle_async_request(request)


def demo_client(settings: Settings) -> V0Client:
    """Return a client wired in process to a fresh simulator with a seeded workspace."""
    return V0Client(
        api_key=settings.api_key or "demo", base_url="http://127.0.0.1/v1", transport=_LazySimulator(settings)
    )


def _lifespan(
    settings: Settings, client: V0Client | None, runtime: Runtime | None
) -> Callable[[V0MCPServer], AbstractAsyncContextManager[AppState]]:
    """Return the lifespan that hands each run of the server its state and :class:`Runtime`.

    A run is the stdio process, the HTTP session manager, or one SSE connection. A
    client to the real v0 is made for each run and closed when the run ends. The
    demo's in-process simulator is made once, so every run sees the same workspace
    (it holds no sockets). A client or runtime passed in belongs to the caller.
    """
    if runtime is None and client is None and settings.demo:
        client = demo_client(settings)

    @asynccontextmanager
    async def lifespan(_: V0MCPServer) -> AsyncIterator[AppState]:
        if runtime is not None:
            yield AppState(runtime)
        elif client is not None:
            yield AppState(Runtime(client=client))
        else:
            async with V0Client(settings.api_key, base_url=settings.api_url) as owned:
                yield AppState(Runtime(client=owned))

    return lifespan


def build_server(settings: Settings, *, client: V0Client | None = None, runtime: Runtime | None = None) -> V0MCPServer:
    """Build the server for ``settings``; pass ``client`` (or a whole ``runtime``) to talk to a v0 of your own."""
    selection = Selection(
        toolsets=None if settings.toolsets == {"builder"} else settings.toolsets,
        tools=settings.tools,
        exclude=settings.exclude_tools,
        read_only=settings.read_only,
    )
    specs = select(ALL_TOOLS, selection)
    stored = load_schemas(SCHEMAS)
    server: V0MCPServer = MCPServer(
        "v0-mcp",
        title="v0",
        description="Build, iterate on, edit and deploy apps with v0",
        instructions=INSTRUCTIONS,
        website_url="https://v0.app",
        version=__version__,
        tools=[to_mcp_tool(spec, stored.get(spec.name)) for spec in specs],
        lifespan=_lifespan(settings, client, runtime),
    )
    explain_disabled_tools(server, ALL_TOOLS, selection)
    register_resources(server)
    register_completions(server)
    register_prompts(server)
    accept_log_levels(server)
    if settings.stateless:
        drop_stateless_methods(server)
    return server
