"""Subscriptions to ``v0://`` chats and deployment logs, polled because v0 pushes no events.

A subscribed object is polled quickly while a generation or build moves, more
slowly while it is idle. Which subscription a client gets depends on its era:

* up to 2025-11-25, ``resources/subscribe``: a polling task per connection and URI, held
  in a task group of the lifespan run that serves the connection, sends
  ``notifications/resources/updated`` on the connection until ``resources/unsubscribe``
  or until the connection closes;
* 2026-07-28, ``subscriptions/listen`` with resource URIs: polling runs inside the listen
  request, with the caller's key, and publishes on a bus of that stream alone, so it
  ends with the stream and no other caller hears of it.

Limits keep one caller from taking every slot, and a poller whose client is gone, or
whose object stays unchanged for the runtime's idle expiry, stops calling v0.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final, Protocol

import anyio
import anyio.abc
from mcp.server.context import ServerRequestContext
from mcp.server.lowlevel.server import Server
from mcp.server.subscriptions import (
    InMemorySubscriptionBus,
    ListenHandler,
    ResourceUpdated,
    ServerEvent,
    SubscriptionBus,
)
from mcp.shared.exceptions import MCPError
from mcp.shared.uri_template import UriTemplate
from mcp.types import (
    INTERNAL_ERROR,
    INVALID_PARAMS,
    INVALID_REQUEST,
    EmptyResult,
    SubscribeRequestParams,
    SubscriptionsListenRequestParams,
    UnsubscribeRequestParams,
)

from .._sdk import connection_of
from ..api import NotFound, V0Error
from ..tools._runtime import Runtime, V0MCPServer, runtime_of
from ..uris import CHAT, DEPLOYMENT_LOGS, MESSAGE, MESSAGES
from ._listing import request_context
from ._reading import describe, missing_chat, missing_deployment

if TYPE_CHECKING:
    from ..api import V0Client
    from ..tools._adapter import Adapter, Sources

__all__ = [
    "MAX_LISTENS_PER_CALLER",
    "MAX_WATCHES",
    "MAX_WATCHES_PER_CONNECTION",
    "MAX_WATCHES_PER_LISTEN",
    "SLOW_POLL",
    "StreamBus",
    "Watches",
    "hosting_lifespan",
    "listen_handler",
    "subscribe_handlers",
]

logger = logging.getLogger(__name__)

SLOW_POLL: Final = 15.0  # seconds between polls of an idle subscribed resource
# The defaults; the runtime carries the limits in force (the operator's flags set them).
MAX_WATCHES: Final[int] = Runtime.max_subscriptions  # legacy subscriptions one server polls at once
MAX_WATCHES_PER_CONNECTION: Final[int] = Runtime.max_subscriptions_per_caller  # one client cannot take every slot
MAX_WATCHES_PER_LISTEN: Final[int] = Runtime.max_subscriptions_per_caller
MAX_LISTENS_PER_CALLER: Final[int] = Runtime.max_listens_per_caller  # per v0 key (or connection without a key)

_CHAT_TEMPLATES: Final = (UriTemplate.parse(CHAT), UriTemplate.parse(MESSAGES), UriTemplate.parse(MESSAGE))
_LOGS_TEMPLATE: Final = UriTemplate.parse(DEPLOYMENT_LOGS)


class _Poller(Protocol):
    """Watches one v0 object: ``baseline`` takes its first state, ``poll`` says what moved since."""

    async def baseline(self) -> None: ...

    async def poll(self) -> tuple[bool, bool]:
        """Return ``(changed, active)``: whether it changed, and whether it is still moving."""
        ...


@dataclass
class _ChatPoller:
    adapter: Adapter
    v0: V0Client
    chat_id: str
    _state: tuple[Any, ...] | None = None

    async def _read(self) -> tuple[tuple[Any, ...], bool]:
        chat = await self.adapter.chat(self.v0, self.chat_id)
        reply = chat.reply
        state = (
            chat.updated_at,
            chat.name,
            chat.version_id,
            chat.version_status,
            chat.message_count,
            reply.id if reply is not None else None,
            reply.finish_reason if reply is not None else None,
            len(reply.content or "") if reply is not None else 0,
        )
        generating = chat.version_status == "pending" or (reply is not None and reply.finish_reason is None)
        return state, generating

    async def baseline(self) -> None:
        self._state, _ = await self._read()

    async def poll(self) -> tuple[bool, bool]:
        state, generating = await self._read()
        changed = state != self._state
        self._state = state
        return changed, generating


@dataclass
class _LogsPoller:
    adapter: Adapter
    sources: Sources
    v0: V0Client
    deployment_id: str
    _since: float | None = None
    _seen: set[str | None] = field(default_factory=set)

    async def _fetch(self) -> int:
        page = await self.adapter.logs(self.sources, self.v0, self.deployment_id, self._since)
        new = [line for line in page.lines if line.id not in self._seen]
        self._seen.update(line.id for line in new)
        if page.next_since is not None:
            self._since = page.next_since
        return len(new)

    async def baseline(self) -> None:
        await self._fetch()

    async def poll(self) -> tuple[bool, bool]:
        new = await self._fetch()
        return new > 0, new > 0


def _poller_for(uri: str, runtime: Runtime, v0: V0Client) -> _Poller | None:
    """Return what to poll for ``uri``, or None when it cannot be subscribed to."""
    for template in _CHAT_TEMPLATES:
        if (found := template.match(uri)) is not None:
            return _ChatPoller(runtime.adapter, v0, str(found["chatId"]))
    if (found := _LOGS_TEMPLATE.match(uri)) is not None:
        return _LogsPoller(runtime.adapter, runtime, v0, str(found["deploymentId"]))
    return None


def _missing_for(uri: str) -> str:
    for template in _CHAT_TEMPLATES:
        if (found := template.match(uri)) is not None:
            return missing_chat(str(found["chatId"]))
    if (found := _LOGS_TEMPLATE.match(uri)) is not None:
        return missing_deployment(str(found["deploymentId"]))
    return f"Unknown resource {uri!r}."


async def _watch(poller: _Poller, notify: Callable[[], Awaitable[None]], runtime: Runtime) -> None:
    """Poll until cancelled, calling ``notify`` on every change; fast while the object moves.

    Polling ends by itself when nobody can be told any more (the notification cannot
    be sent: the client is gone) or when the object stayed unchanged for the
    runtime's ``subscription_idle_expiry`` seconds, so abandoned pollers stop calling v0.
    """
    fast = max(runtime.poll_interval, 0.05)
    slow = max(SLOW_POLL, fast)
    interval, idle = fast, 0.0
    while True:
        await anyio.sleep(interval)
        try:
            changed, active = await poller.poll()
        except NotFound:
            await _tell(notify)  # deleted: readers now get the not-found error
            return
        except V0Error as exc:
            logger.debug("polling a subscribed resource failed: %s", type(exc).__name__)
            changed, active = False, False
        idle = 0.0 if changed or active else idle + interval
        if changed and not await _tell(notify):
            logger.info("stopped polling a subscribed resource: its client is gone")
            return
        if idle >= runtime.subscription_idle_expiry:
            logger.info("stopped polling a subscribed resource unchanged for %.0f s; subscribe again to resume", idle)
            return
        interval = fast if changed or active else min(interval * 2, slow)


async def _tell(notify: Callable[[], Awaitable[None]]) -> bool:
    """Send one notification; False when the client's stream is closed."""
    try:
        await notify()
    except (anyio.ClosedResourceError, anyio.BrokenResourceError):
        return False
    return True


class Watches:
    """Legacy-era subscriptions: one polling task per (connection, URI), hosted by the server's lifespan."""

    def __init__(self, limit: int = MAX_WATCHES, per_connection: int = MAX_WATCHES_PER_CONNECTION) -> None:
        self._limit = limit
        self._per_connection = per_connection
        self._groups: list[tuple[object, anyio.abc.TaskGroup]] = []  # with the lifespan state each serves
        self._scopes: dict[tuple[object, str], anyio.CancelScope] = {}
        self._owners: set[int] = set()

    @asynccontextmanager
    async def hosting(self, state: object) -> AsyncIterator[None]:
        """Hold a task group for the watches of connections served with lifespan ``state``; leaving stops them.

        Each run of the server (the process on stdio, the session manager over HTTP, one
        connection over SSE) enters the lifespan once, so watches die with what served them.
        """
        async with anyio.create_task_group() as group:
            entry = (state, group)
            self._groups.append(entry)
            try:
                yield
            finally:
                self._groups = [other for other in self._groups if other is not entry]
                group.cancel_scope.cancel()

    def watching(self, owner: object, uri: str) -> bool:
        return (owner, uri) in self._scopes

    def start(
        self,
        owner: object,
        uri: str,
        state: object,
        run: Callable[[], Awaitable[None]],
        *,
        limit: int | None = None,
        per_connection: int | None = None,
    ) -> None:
        """Poll ``uri`` for ``owner`` within the limits (the runtime's, which the operator's flags set)."""
        limit = self._limit if limit is None else limit
        per_connection = self._per_connection if per_connection is None else per_connection
        key = (owner, uri)
        if key in self._scopes:
            return
        serving = [group for served, group in self._groups if served is state] or [g for _, g in self._groups]
        if not serving:
            raise MCPError(code=INTERNAL_ERROR, message="Subscriptions need a running server; none is running.")
        if sum(1 for held, _ in self._scopes if held is owner) >= per_connection:
            raise MCPError(
                code=INVALID_REQUEST,
                message=f"Too many subscriptions ({per_connection}) on this connection; "
                "resources/unsubscribe from some first.",
            )
        if len(self._scopes) >= limit:
            raise MCPError(
                code=INVALID_REQUEST,
                message=f"Too many subscriptions ({limit}); resources/unsubscribe from some first.",
            )
        self._release_with(owner)
        scope = anyio.CancelScope()
        self._scopes[key] = scope
        serving[-1].start_soon(self._run, key, scope, run)

    async def _run(self, key: tuple[object, str], scope: anyio.CancelScope, run: Callable[[], Awaitable[None]]) -> None:
        try:
            with scope:
                await run()
        finally:
            if self._scopes.get(key) is scope:
                del self._scopes[key]

    def stop(self, owner: object, uri: str) -> bool:
        scope = self._scopes.pop((owner, uri), None)
        if scope is not None:
            scope.cancel()
        return scope is not None

    def stop_owner(self, owner: object) -> None:
        self._owners.discard(id(owner))
        for key in [key for key in self._scopes if key[0] is owner]:
            self._scopes.pop(key).cancel()

    def _release_with(self, owner: object) -> None:
        """Stop the owner's watches when its connection closes, where the SDK exposes that."""
        exit_stack = getattr(owner, "exit_stack", None)
        if isinstance(exit_stack, AsyncExitStack) and id(owner) not in self._owners:
            self._owners.add(id(owner))
            exit_stack.callback(self.stop_owner, owner)


def _connection_of(rctx: ServerRequestContext[Any, Any]) -> object:
    """Return what identifies the caller's connection across requests.

    Low-level handlers get a per-request session; the connection it wraps is the same for
    every request of one client. The SDK offers no public handle on it yet, so fall back to
    the session when it is not there.
    """
    return connection_of(rctx.session)


def subscribe_handlers(
    server: V0MCPServer, watches: Watches
) -> tuple[Callable[..., Awaitable[EmptyResult]], Callable[..., Awaitable[EmptyResult]]]:
    async def subscribe(rctx: ServerRequestContext[Any, Any], params: SubscribeRequestParams) -> EmptyResult:
        uri = str(params.uri)
        ctx = request_context(server, rctx)
        runtime = runtime_of(ctx)
        poller = _poller_for(uri, runtime, runtime.client_for(ctx))
        if poller is None:
            raise MCPError(
                code=INVALID_PARAMS,
                message=(
                    f"{uri} cannot be subscribed to: subscriptions cover v0://chats/{{chatId}}, "
                    "v0://chats/{chatId}/messages, v0://chats/{chatId}/messages/{messageId} "
                    "and v0://deployments/{deploymentId}/logs."
                ),
            )
        owner = _connection_of(rctx)
        if watches.watching(owner, uri):
            return EmptyResult()
        try:
            await poller.baseline()
        except NotFound:
            raise MCPError(code=INVALID_PARAMS, message=_missing_for(uri), data={"uri": uri}) from None
        except V0Error as exc:
            raise MCPError(code=INTERNAL_ERROR, message=describe(exc), data={"uri": uri}) from None
        session = rctx.session

        async def notify() -> None:
            await session.send_resource_updated(uri)

        watches.start(
            owner,
            uri,
            rctx.lifespan_context,
            lambda: _watch(poller, notify, runtime),
            limit=runtime.max_subscriptions,
            per_connection=runtime.max_subscriptions_per_caller,
        )
        return EmptyResult()

    async def unsubscribe(rctx: ServerRequestContext[Any, Any], params: UnsubscribeRequestParams) -> EmptyResult:
        watches.stop(_connection_of(rctx), str(params.uri))
        return EmptyResult()

    return subscribe, unsubscribe


class StreamBus:
    """One listen stream's bus: the server's events, except resource updates, which are this stream's own.

    A stream's v0 URIs are polled with its caller's key; publishing those updates on
    the shared bus would tell every stream listening on the same URI, another key's
    included, that the chat moved. Each stream hears only its own pollers.
    """

    def __init__(self, shared: SubscriptionBus) -> None:
        self._shared = shared
        self._own = InMemorySubscriptionBus()

    async def publish(self, event: ServerEvent) -> None:
        await self._own.publish(event)

    def subscribe(self, listener: Callable[[ServerEvent], None]) -> Callable[[], None]:
        def shared(event: ServerEvent) -> None:
            if not isinstance(event, ResourceUpdated):
                listener(event)

        leave_shared, leave_own = self._shared.subscribe(shared), self._own.subscribe(listener)

        def unsubscribe() -> None:
            leave_shared()
            leave_own()

        return unsubscribe


def _caller_of(rctx: ServerRequestContext[Any, Any], v0: V0Client) -> object:
    """Return who a limit counts against: the v0 key in use (as a digest), else the connection."""
    return v0.key_digest or connection_of(rctx.session)


def listen_handler(server: V0MCPServer, bus: SubscriptionBus) -> Callable[..., Awaitable[Any]]:
    """Serve ``subscriptions/listen``: the stream's v0 URIs are polled for its caller while it is open."""
    open_streams: dict[object, int] = {}

    async def listen_and_poll(rctx: ServerRequestContext[Any, Any], params: SubscriptionsListenRequestParams) -> Any:
        ctx = request_context(server, rctx)
        runtime = runtime_of(ctx)
        v0 = runtime.client_for(ctx)
        caller = _caller_of(rctx, v0)
        if open_streams.get(caller, 0) >= runtime.max_listens_per_caller:
            raise MCPError(
                code=INVALID_REQUEST,
                message=f"Too many open listen streams ({runtime.max_listens_per_caller}) for this caller; "
                "close one first.",
            )
        uris = list(dict.fromkeys(params.notifications.resource_subscriptions or ()))
        watched = [(uri, poller) for uri in uris if (poller := _poller_for(uri, runtime, v0)) is not None]
        own = StreamBus(bus)
        open_streams[caller] = open_streams.get(caller, 0) + 1
        try:
            async with anyio.create_task_group() as group:
                for uri, poller in watched[: runtime.max_subscriptions_per_caller]:
                    group.start_soon(_watch_listened, poller, uri, own, runtime)
                try:
                    return await ListenHandler(own)(rctx, params)
                finally:
                    group.cancel_scope.cancel()
        finally:
            open_streams[caller] -= 1
            if not open_streams[caller]:
                del open_streams[caller]

    return listen_and_poll


async def _watch_listened(poller: _Poller, uri: str, bus: SubscriptionBus, runtime: Runtime) -> None:
    try:
        await poller.baseline()
    except V0Error as exc:
        # Honoured but silent, as the SDK treats any URI that never changes.
        logger.info("not polling %s for a listen stream: %s", uri, type(exc).__name__)
        return

    async def publish() -> None:
        await bus.publish(ResourceUpdated(uri=uri))

    await _watch(poller, publish, runtime)


def hosting_lifespan(
    lowlevel: Server[Any], watches: Watches
) -> Callable[[Server[Any]], AbstractAsyncContextManager[Any]]:
    inner = lowlevel.lifespan

    @asynccontextmanager
    async def lifespan(app: Server[Any]) -> AsyncIterator[Any]:
        async with inner(app) as state, watches.hosting(state):
            yield state

    return lifespan
