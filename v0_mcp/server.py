"""Build the MCP server: the selected tools, resources and prompts over one v0 client."""

from __future__ import annotations

import functools
import logging
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import AbstractAsyncContextManager, AsyncExitStack, asynccontextmanager
from typing import TYPE_CHECKING, Any, Final

from mcp.server.mcpserver import MCPServer

from . import __version__
from ._protocol import accept_log_levels, drop_stateless_methods
from .app import app_extension, list_view_only_to_app_hosts
from .completions import register_completions
from .preview import LivePreviews
from .prompts import register_prompts
from .resources import register_resources
from .settings import Settings
from .tools import Runtime, Selection, guard_tool_calls, select, stored_tools, to_mcp_tool
from .tools._runtime import AppState, DeferredAdapter, V0MCPServer

if TYPE_CHECKING:  # httpx loads with the first request or preview, not with the server (cold start is measured)
    import httpx

    from .api import V0Client
    from .api._client import Transport
    from .api.vercel import VercelClient
    from .tools._adapter import Adapter

__all__ = ["INSTRUCTIONS", "INSTRUCTIONS_OF", "V0MCPServer", "build_server", "demo_client", "demo_clients"]

logger = logging.getLogger(__name__)

INSTRUCTIONS_V2: Final = """\
v0 builds web apps (Next.js) from prompts. The flow:
1. create_chat(message=what to build) -> chatId, messageId, reply, files edited.
   If status is "pending", call wait_for_generation(chatId, messageId). If the result has needsInput,
   v0 asks something: answer with the resolve_task call it gives.
2. Iterate: send_message(chatId, message=the change); or edit files directly: get_chat_files(chatId) lists
   them (paths=[...] for contents), update_chat_files(chatId, files=[{path, content}], null content deletes).
3. See it: get_preview(chatId) -> URL.
4. Ship: create_deployment(chatId) follows the build to READY or ERROR -> get_deployment_logs(deploymentId);
   fix and deploy again. Deployments need VERCEL_TOKEN (and VERCEL_TEAM_ID) in the server's environment.
Ids come from results: chatId, messageId, deploymentId. Destructive tools need confirmation.
"""

INSTRUCTIONS_V1: Final = """\
v0 builds web apps (Next.js) from prompts. The flow:
1. create_chat(message=what to build) -> chatId, reply, demoUrl, files.
   If status is "pending", call wait_for_generation.
2. Iterate: send_message(chatId, message=the change); or edit files directly with update_version_files.
   get_version lists files; read one from its v0://chats/{chatId}/versions/{versionId}/files/{path} resource.
3. Ship: create_deployment(chatId, versionId) -> get_deployment_logs (poll with since=nextSince) and
   get_deployment_errors; fix and deploy again.
Ids come from results: chatId, versionId (latestVersion), deploymentId. Destructive tools need confirmation.
"""

INSTRUCTIONS_OF: Final[Mapping[str, str]] = {"v2": INSTRUCTIONS_V2, "v1": INSTRUCTIONS_V1}
INSTRUCTIONS: Final = INSTRUCTIONS_V2  # the default version's


def _simulator(settings: Settings) -> Callable[[], httpx.AsyncBaseTransport]:
    """Return what makes the in-process transport to one simulator: built on first call, the same one after.

    The demo's v0 client, Vercel client and preview proxy share it (a preview shows the chats
    the client made). Neither the simulator nor httpx is loaded before the first request.
    """

    @functools.cache
    def transport() -> httpx.AsyncBaseTransport:
        import httpx

        from .simulator import Simulator, SimulatorConfig

        config = SimulatorConfig(seed_workspace=True, generation_delay=settings.generation_delay)
        return httpx.ASGITransport(app=Simulator(config).app)

    return transport


def demo_clients(
    settings: Settings, transport: Transport | None = None
) -> tuple[V0Client, Callable[[], VercelClient | None]]:
    """Return a v0 client wired in process to one fresh simulator, and how to make its Vercel client.

    The simulator serves v1 at ``/v1``, v2 at ``/v2`` and Vercel at ``/vercel``, with
    the same state behind v2 and Vercel; the demo key is the Vercel token too. The
    Vercel client (v2 only) is made on first use: its models are not loaded at startup.
    Pass ``transport`` to share the simulator (the preview proxy reads its ``/v2-preview``).
    """
    from .api import build_client

    transport = transport or _simulator(settings)
    key = settings.api_key or "demo"
    version = settings.api_version
    client = build_client(version, key, f"http://127.0.0.1/{version}", transport=transport)

    @functools.cache
    def vercel() -> VercelClient | None:
        if version != "v2":
            return None
        from .api.vercel import VercelClient

        return VercelClient(key, team_id="", base_url="http://127.0.0.1/vercel", transport=transport)

    return client, vercel


def demo_client(settings: Settings) -> V0Client:
    """Return a client wired in process to a fresh simulator with a seeded workspace."""
    return demo_clients(settings)[0]


def vercel_client(settings: Settings) -> VercelClient | None:
    """Return the Vercel client API v2's deployment tools use, or None without ``VERCEL_TOKEN``."""
    if settings.api_version != "v2" or not (settings.vercel_token or "").strip():
        return None
    from .api.vercel import VercelClient

    return VercelClient(settings.vercel_token, team_id=settings.vercel_team_id or "", base_url=settings.vercel_api_url)


def _limits(settings: Settings) -> dict[str, Any]:
    """The operator's subscription limits, for the runtime (a runtime passed in keeps its own)."""
    return {
        "max_subscriptions": settings.max_subscriptions,
        "max_subscriptions_per_caller": settings.max_subscriptions_per_caller,
        "max_listens_per_caller": settings.max_listens_per_caller,
        "subscription_idle_expiry": settings.subscription_idle_expiry,
    }


def _lifespan(
    settings: Settings,
    client: V0Client | None,
    runtime: Runtime | None,
    adapter: Adapter,
    previews: LivePreviews | None = None,
) -> Callable[[V0MCPServer], AbstractAsyncContextManager[AppState]]:
    """Return the lifespan that hands each run of the server its state and :class:`Runtime`.

    A run is the stdio process, the HTTP session manager, or one SSE connection. Its
    runtime is made on first use (no request, no client: the API's client modules load
    with the first call, not with the server; cold start is measured). A client to the
    real v0 (and on v2 to Vercel) is made for each run that needs one and closed when
    the run ends. The demo's in-process simulator is made once, so every run sees the
    same workspace (it holds no sockets). A client or runtime passed in belongs to the caller.
    """
    demo: Callable[[], tuple[V0Client, VercelClient | None]] | None = None
    if runtime is None and client is None and settings.demo:

        @functools.cache
        def demo() -> tuple[V0Client, VercelClient | None]:
            made, vercel = demo_clients(settings, previews.upstream if previews else None)
            return made, vercel()

    def clients(stack: AsyncExitStack) -> tuple[V0Client, VercelClient | None]:
        """The run's v0 and Vercel clients; those made here close with the run (``stack``)."""
        if demo is not None:
            return demo()
        vercel = vercel_client(settings)
        if vercel is not None:
            stack.push_async_callback(vercel.aclose)
        if client is not None:
            return client, vercel
        from .api import build_client

        owned = build_client(settings.api_version, settings.api_key, settings.api_url)
        stack.push_async_callback(owned.aclose)
        return owned, vercel

    @asynccontextmanager
    async def lifespan(_: V0MCPServer) -> AsyncIterator[AppState]:
        async with AsyncExitStack() as stack:
            if previews is not None:  # the preview proxy (v2) lives as long as the run; see LivePreviews
                await stack.enter_async_context(previews.running())

            def make() -> Runtime:
                if runtime is not None:
                    made = runtime
                else:
                    v0, vercel = clients(stack)
                    made = Runtime(client=v0, adapter=adapter, vercel=vercel, **_limits(settings))
                if previews is not None and made.previews is None:
                    made.previews = previews
                return made

            yield AppState(make)

    return lifespan


def build_server(settings: Settings, *, client: V0Client | None = None, runtime: Runtime | None = None) -> V0MCPServer:
    """Build the server for ``settings``; pass ``client`` (or a whole ``runtime``) to talk to a v0 of your own.

    The tools are declared from the selected API version's stored declarations: no
    toolset module, API model or adapter loads until the first call that needs it
    (cold start is measured). A runtime passed in is given that version's adapter.
    """
    version = settings.api_version
    adapter = DeferredAdapter.of(version)
    if runtime is not None:
        runtime.adapter = adapter
    selection = Selection(
        toolsets=None if settings.toolsets == {"builder"} else settings.toolsets,
        tools=settings.tools,
        exclude=settings.exclude_tools,
        read_only=settings.read_only,
        version=version,
    )
    declared = stored_tools(version)
    served = select(declared, selection)
    previews = None  # v1's demoUrl opens as it is; v2 previews need a token header, added by the preview proxy
    if version == "v2":
        previews = LivePreviews.for_settings(settings, _simulator(settings) if settings.demo else None)
    server: V0MCPServer = MCPServer(
        "v0-mcp",
        title="v0",
        description="Build, iterate on, edit and deploy apps with v0",
        instructions=INSTRUCTIONS_OF[version],
        website_url="https://v0.app",
        version=__version__,
        tools=[to_mcp_tool(tool) for tool in served],
        lifespan=_lifespan(settings, client, runtime, adapter, previews),
        extensions=[app_extension(preview_origin=previews.origin, frame_domains=()) if previews else app_extension()],
    )
    guard_tool_calls(server, declared, selection)
    register_resources(server, version)
    register_completions(server)
    register_prompts(server, api=version, tools=[tool.name for tool in served])
    accept_log_levels(server)
    list_view_only_to_app_hosts(server)
    if settings.stateless:
        drop_stateless_methods(server)
    return server
