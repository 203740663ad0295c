"""The server's typed app state: the v0 client for each request, and timing.

Each run of the server (the stdio process, the HTTP session manager, one SSE
connection) enters its lifespan, which yields an :class:`AppState` holding the
:class:`Runtime`; every handler finds it in its request context
(``lifespan_context``), so no state hangs on the server object.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final, Protocol, TypeAlias, cast

import anyio
from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.exceptions import ToolError

if TYPE_CHECKING:
    from ..api import V0Client
    from ..api.vercel import VercelClient
    from ..preview import LivePreviews
    from ._adapter import Adapter

__all__ = [
    "API_KEY_HEADER",
    "NO_VERCEL_MESSAGE",
    "AppState",
    "Clock",
    "DeferredAdapter",
    "EventLoopClock",
    "Runtime",
    "V0MCPServer",
    "runtime_of",
]

API_KEY_HEADER: Final = "x-v0-api-key"
_MAX_CACHED_CHATS: Final = 32  # whole file sets are large: keep the chats an agent works on, not all it saw
NO_VERCEL_MESSAGE: Final = (
    "No Vercel token is configured: deployments, their logs and env vars are read from Vercel on API v2. "
    "Set VERCEL_TOKEN (https://vercel.com/account/tokens) and VERCEL_TEAM_ID (the team that owns v0's projects) "
    "in the MCP server's environment; every other tool works without them."
)


class Clock(Protocol):
    """What waits measure their budget with; a test passes one that moves without sleeping."""

    def now(self) -> float: ...

    async def sleep(self, seconds: float) -> None: ...


class EventLoopClock:
    """The event loop's clock: real time."""

    def now(self) -> float:
        return anyio.current_time()

    async def sleep(self, seconds: float) -> None:
        await anyio.sleep(seconds)


class DeferredAdapter:
    """The adapter of an API version, imported on its first use.

    A server start hands its runtime one of these: ``tools/list`` is answered before
    the version's adapter, and the shapes it builds, are loaded (cold start is measured).
    """

    def __init__(self, version: str) -> None:
        self.version: Final = version
        self._adapter: Adapter | None = None

    def loaded(self) -> Adapter:
        if self._adapter is None:
            self._adapter = cast("Adapter", importlib.import_module(f"{__package__}.{self.version}._adapter").ADAPTER)
        return self._adapter

    def __getattr__(self, name: str) -> Any:
        return getattr(self.loaded(), name)

    def __repr__(self) -> str:
        return f"DeferredAdapter({self.version})"

    @staticmethod
    def of(version: str) -> Adapter:
        """Return the deferred adapter of ``version``, typed as what it stands for."""
        return cast("Adapter", DeferredAdapter(version))


def _default_adapter() -> Adapter:
    from .v1._adapter import V1  # at construction, when every module is loaded

    return V1


@dataclass
class Runtime:
    """The server's shared state: one v0 client (one connection pool) and polling cadence."""

    client: V0Client
    poll_interval: float = 1.0  # seconds between status checks while a generation runs
    max_poll_interval: float = 3.0
    default_wait: int = 120
    follow_streams: bool = True  # follow generations live with chats.resume; else poll only
    confirmation_timeout: float = 120.0  # seconds to wait for a user to answer a confirmation (elicitation)
    subscription_idle_expiry: float = 3600.0  # a subscribed object unchanged this long stops being polled
    max_subscriptions: int = 64  # legacy subscriptions one server polls at once
    max_subscriptions_per_caller: int = 16  # per connection (legacy) or listen stream (2026-07-28)
    max_listens_per_caller: int = 8  # open subscriptions/listen streams per v0 key (or connection without one)
    adapter: Adapter = field(default_factory=_default_adapter)  # the API version's seam (v1 unless told)
    clock: Clock = field(default_factory=EventLoopClock)  # what generation waits measure and sleep with
    vercel: VercelClient | None = None  # API v2's deployments, logs and env vars; None without VERCEL_TOKEN
    previews: LivePreviews | None = None  # API v2: the preview proxy, entered in the server's lifespan
    # v2 answers every file of a chat in full: kept per (caller's key, chat) until anything changes them.
    file_cache: dict[tuple[str | None, str], Any] = field(default_factory=dict, repr=False)

    def require_vercel(self) -> VercelClient:
        """Return the Vercel client, or fail the tool call with what to set."""
        if self.vercel is None or not self.vercel.has_token:
            raise ToolError(NO_VERCEL_MESSAGE)
        return self.vercel

    def preview_url(self, chat_id: str, v0: V0Client | None = None, *, answer: Any = None) -> str | None:
        """Return the URL an agent or user opens in a plain browser to see a chat's preview, or None.

        The URL is the loopback preview proxy's (v2 previews need a token header a browser cannot
        send). Pass the caller's client (``client_for(ctx)``): the proxy refreshes the preview's
        token with that key; and ``answer``, a ``chats.getPreview`` answer just had, if any.
        None when this server does not serve previews (API v1: its results carry ``demoUrl``).
        """
        if self.previews is None:
            return None
        return self.previews.url_for(v0 or self.client, chat_id, answer=answer)

    def cached_files(self, v0: V0Client, chat_id: str) -> Any:
        """Return the chat's files as last read with ``v0``'s key, or None."""
        return self.file_cache.get((v0.key_digest, chat_id))

    def cache_files(self, v0: V0Client, chat_id: str, files: Any) -> None:
        key = (v0.key_digest, chat_id)
        self.file_cache.pop(key, None)
        self.file_cache[key] = files  # newest last: the oldest chats go first when the cache is full
        while len(self.file_cache) > _MAX_CACHED_CHATS:
            del self.file_cache[next(iter(self.file_cache))]

    def forget_files(self, chat_id: str) -> None:
        """Drop every cached copy of a chat's files (a generation, an edit or a restore changed them)."""
        for key in [key for key in self.file_cache if key[1] == chat_id]:
            del self.file_cache[key]

    def client_for(self, ctx: Context[Any, Any]) -> V0Client:
        """Return the client for this request: the caller's own key over HTTP, else the server's."""
        try:
            headers: Mapping[str, str] | None = ctx.headers
        except ValueError:  # no request in flight (a direct call from Python)
            headers = None
        key = (headers.get(API_KEY_HEADER) or "").strip() if headers else ""
        return self.client.with_api_key(key) if key else self.client


class AppState:
    """What one run of the server holds: its runtime, made on first use (shared by the runs of one server).

    A distinct object per run, so what a run hosts (its subscriptions) is told apart from
    another run's even when both serve the same runtime. The runtime is made when a request
    first needs it: a run that has answered only ``initialize`` and ``tools/list`` has made
    no client (cold start is measured).
    """

    __slots__ = ("_make", "_runtime")

    def __init__(self, make: Callable[[], Runtime]) -> None:
        self._make: Callable[[], Runtime] | None = make
        self._runtime: Runtime | None = None

    @property
    def runtime(self) -> Runtime:
        if self._runtime is None:
            assert self._make is not None
            self._runtime, self._make = self._make(), None
        return self._runtime


V0MCPServer: TypeAlias = MCPServer[AppState]
"""An MCP server whose lifespan yields an :class:`AppState` (what ``v0_mcp.server.build_server`` builds)."""


def runtime_of(ctx: Context[Any, Any]) -> Runtime:
    """Return the runtime of the server run handling ``ctx``."""
    state = ctx.request_context.lifespan_context
    if not isinstance(state, AppState):
        raise RuntimeError("the MCP server was not built by v0_mcp.server.build_server")
    return state.runtime
