"""v0 as MCP resources: chats, threads, versions, files, deployment logs and projects.

Tool results stay compact and link here (``resource_link``) for what they leave out:

* ``v0://chats/{chatId}`` - the chat: name, privacy, latest version, message count, URLs (JSON).
* ``v0://chats/{chatId}/messages`` - the whole thread as readable text, oldest first.
* ``v0://chats/{chatId}/versions/{versionId}`` - status, demo URL and the file list (JSON).
* ``v0://chats/{chatId}/versions/{versionId}/files/{+path}`` - one file, typed by its extension.
* ``v0://deployments/{deploymentId}/logs`` - build logs as text, oldest first, with levels.
* ``v0://projects/{projectId}`` - the project and its chats (JSON).

``resources/list`` never walks the account: a page is one ``chats.find`` call (the
most recent chats) plus each chat's latest version, and the MCP cursor carries the
next offset. An unknown id reads as an error that names it and the tool that lists
valid ones.

v0 pushes no events, so a subscribed chat or deployment log is polled: quickly while a
generation or build moves, more slowly while it is idle. Which subscription a client
gets depends on the protocol era it speaks:

* up to 2025-11-25, ``resources/subscribe``: a polling task per connection and URI, held
  in a task group of the lifespan that serves the connection, sends
  ``notifications/resources/updated`` on the connection until ``resources/unsubscribe``
  or until the connection closes;
* 2026-07-28, ``subscriptions/listen`` with resource URIs: polling runs inside the listen
  request and publishes on the server's subscription bus, so it ends with the stream.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import weakref
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from contextlib import AbstractAsyncContextManager, AsyncExitStack, asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from typing import Any, Final, Protocol

import anyio
import anyio.abc
from mcp.server.context import ServerRequestContext
from mcp.server.lowlevel.server import Server
from mcp.server.mcpserver import Context
from mcp.server.mcpserver.exceptions import ResourceError, ResourceNotFoundError, ToolError
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
    Annotations,
    EmptyResult,
    ListResourcesResult,
    PaginatedRequestParams,
    ReadResourceRequestParams,
    ReadResourceResult,
    Resource,
    SubscribeRequestParams,
    SubscriptionsListenRequestParams,
    UnsubscribeRequestParams,
)

from ._sdk import connection_of, lowlevel_of, subscription_bus_of
from .api import NotFound, V0Client, V0Error, content_text, paginate
from .tools._errors import agent_errors
from .tools._results import file_link, mime_type_for
from .tools._runtime import Runtime, V0MCPServer, runtime_of
from .tools._shapes import chat_brief_of, chat_of, last_assistant, project_of, version_of

__all__ = [
    "CHAT",
    "DEPLOYMENT_LOGS",
    "FILE",
    "LIST_PAGE_SIZE",
    "MESSAGES",
    "PROJECT",
    "RESOURCE_NOT_FOUND",
    "TEMPLATES",
    "VERSION",
    "file_uri",
    "register_resources",
]

logger = logging.getLogger(__name__)

CHAT: Final = "v0://chats/{chatId}"
MESSAGES: Final = "v0://chats/{chatId}/messages"
VERSION: Final = "v0://chats/{chatId}/versions/{versionId}"
FILE: Final = "v0://chats/{chatId}/versions/{versionId}/files/{+path}"
DEPLOYMENT_LOGS: Final = "v0://deployments/{deploymentId}/logs"
PROJECT: Final = "v0://projects/{projectId}"
TEMPLATES: Final = (CHAT, MESSAGES, VERSION, FILE, DEPLOYMENT_LOGS, PROJECT)

LIST_PAGE_SIZE: Final = 20  # chats per resources/list page (each adds its latest version)
MAX_MESSAGES: Final = 1_000  # newest messages a thread shows
MAX_LOG_LINES: Final = 5_000
SLOW_POLL: Final = 15.0  # seconds between polls of an idle subscribed resource
MAX_WATCHES: Final = 64  # legacy subscriptions one server polls at once
MAX_WATCHES_PER_CONNECTION: Final = 16  # so one client cannot take every slot
MAX_WATCHES_PER_LISTEN: Final = 16
MAX_LISTENS_PER_CALLER: Final = 8  # open subscriptions/listen streams per v0 key (or connection without a key)
RESOURCE_NOT_FOUND: Final = -32002  # JSON-RPC code MCP clients expect for a resource that does not exist

_FILE_TEMPLATE: Final = UriTemplate.parse(FILE)
_CHAT_TEMPLATES: Final = (UriTemplate.parse(CHAT), UriTemplate.parse(MESSAGES))
_LOGS_TEMPLATE: Final = UriTemplate.parse(DEPLOYMENT_LOGS)
_CURSOR_PREFIX: Final = "chats:"
_REGISTERED: Final[weakref.WeakSet[Any]] = weakref.WeakSet()  # servers already wired (registering is idempotent)

# -- unknown ids ------------------------------------------------------------------------------------------------------


def _missing_chat(chat_id: str) -> str:
    return f"No chat {chat_id!r} in this v0 account. List chat ids with the list_chats tool or resources/list."


def _missing_version(chat_id: str, version_id: str) -> str:
    return (
        f"No version {version_id!r} in chat {chat_id!r} (or no such chat). List versions with "
        f"list_versions(chatId={chat_id!r}) or read v0://chats/{chat_id}; list chats with list_chats."
    )


def _missing_deployment(deployment_id: str) -> str:
    return (
        f"No deployment {deployment_id!r} in this v0 account. List deployments with "
        "list_deployments(chatId, versionId); create_deployment returns the id of a new one."
    )


def _missing_project(project_id: str) -> str:
    return f"No project {project_id!r} in this v0 account. List project ids with list_projects."


def _describe(exc: V0Error) -> str:
    """Say what went wrong in the words tools use (one seam for every v0 error message)."""
    try:
        with agent_errors():
            raise exc
    except ToolError as translated:
        return str(translated)
    return str(exc)  # pragma: no cover - agent_errors translates every V0Error


@contextmanager
def _reading(missing: str) -> Iterator[None]:
    """Turn v0 client errors into resource errors; a 404 names the id and where valid ones are listed."""
    try:
        yield
    except NotFound:
        raise ResourceNotFoundError(missing) from None
    except V0Error as exc:
        raise ResourceError(_describe(exc)) from None


def _not_found(read: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    """Answer a resource that does not exist with ``-32002`` and its URI, as MCP clients expect.

    The SDK answers ``ResourceNotFoundError`` (an unknown id, or a URI no template
    matches) with ``-32602``; every other error passes through unchanged.
    """

    async def read_resource(rctx: ServerRequestContext[Any, Any], params: ReadResourceRequestParams) -> Any:
        try:
            return await read(rctx, params)
        except MCPError as exc:
            uri = str(params.uri)
            if exc.error.code != INVALID_PARAMS or exc.error.data != {"uri": uri}:
                raise
            raise MCPError(code=RESOURCE_NOT_FOUND, message=exc.error.message, data={"uri": uri}) from None

    return read_resource


def _client(ctx: Context[Any, Any]) -> V0Client:
    return runtime_of(ctx).client_for(ctx)


def _json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


def _dump(model: Any) -> dict[str, Any]:
    data: dict[str, Any] = model.model_dump(mode="json", exclude_none=True)
    return data


def file_uri(chat_id: str, version_id: str, path: str) -> str:
    """Return the URI of a file of a version, as tools link to it (path percent-encoded except ``/``)."""
    return file_link(chat_id, version_id, path).uri


# -- reading ----------------------------------------------------------------------------------------------------------


async def read_chat(chatId: str, ctx: Context[Any, Any]) -> str:
    """Return the chat: name, privacy, latest version with its files, message count, URLs."""
    with _reading(_missing_chat(chatId)):
        chat = await _client(ctx).call("chats.getById", chatId=chatId)
    data = _dump(chat_of(chat))
    links = {"messages": MESSAGES.replace("{chatId}", chatId)}
    if chat.latestVersion is not None:
        links["latestVersion"] = f"v0://chats/{chatId}/versions/{chat.latestVersion.id}"
    if chat.projectId:
        links["project"] = f"v0://projects/{chat.projectId}"
    data["resources"] = links
    return _json(data)


def _message_text(message: Any) -> str:
    text = (message.content or "").strip()
    if not text and message.experimental_content:
        text = content_text(message.experimental_content).strip()
    return text


def _message_block(number: int, message: Any) -> str:
    head = [f"[{number}] {message.role or 'message'}"]
    if message.createdAt:
        head.append(message.createdAt)
    head.append(f"id {message.id}")
    if message.type and message.type != "message":
        head.append(message.type)
    if message.role == "assistant" and message.finishReason is None:
        head.append("still generating")
    elif message.finishReason not in (None, "stop"):
        head.append(f"finished: {message.finishReason}")
    lines = [" · ".join(head)]
    for attachment in message.attachments or []:
        lines.append(f"attachment: {attachment.name or attachment.url or '?'}")
    lines.append(_message_text(message) or "(no text)")
    return "\n".join(lines)


async def read_messages(chatId: str, ctx: Context[Any, Any]) -> str:
    """Return the thread as text: each message's role, time and plain text, oldest first."""
    v0 = _client(ctx)
    with _reading(_missing_chat(chatId)):
        newest_first = [
            message
            async for message in paginate(
                v0, "chats.findMessages", chatId=chatId, limit=100, max_items=MAX_MESSAGES + 1
            )
        ]
    cut = len(newest_first) > MAX_MESSAGES
    # Reversed first so that messages with the same timestamp keep their order in the thread.
    messages = sorted(reversed(newest_first[:MAX_MESSAGES]), key=lambda m: m.createdAt or "")
    header = f"Chat {chatId}: {len(messages)} messages, oldest first."
    if cut:
        header += f" Only the newest {MAX_MESSAGES} are shown; list_messages pages through older ones."
    blocks = [_message_block(number, message) for number, message in enumerate(messages, start=1)]
    return "\n\n".join([header, *blocks]) + "\n"


async def read_version(chatId: str, versionId: str, ctx: Context[Any, Any]) -> str:
    """Return a version: status, demo URL and its files (names, sizes and resource URIs)."""
    with _reading(_missing_version(chatId, versionId)):
        version = await _client(ctx).call("chats.getVersion", chatId=chatId, versionId=versionId)
    data = {"chatId": chatId, **_dump(version_of(version))}
    data["files"] = [{**file, "uri": file_uri(chatId, versionId, file["name"])} for file in data.get("files", [])]
    return _json(data)


def _find_file(files: Sequence[Any] | None, path: str) -> Any:
    return next((file for file in files or [] if file.name == path), None)


async def read_file(chatId: str, versionId: str, path: str, ctx: Context[Any, Any]) -> str:
    """Return one file of a version (v0's default files too, when the version does not list it)."""
    v0 = _client(ctx)
    with _reading(_missing_version(chatId, versionId)):
        version = await v0.call("chats.getVersion", chatId=chatId, versionId=versionId)
        found = _find_file(version.files, path)
        if found is None:
            version = await v0.call("chats.getVersion", chatId=chatId, versionId=versionId, includeDefaultFiles=True)
            found = _find_file(version.files, path)
    if found is None:
        names = sorted(file.name for file in version.files or [] if file.name)
        listing = ", ".join(names[:30]) + (f" and {len(names) - 30} more" if len(names) > 30 else "")
        raise ResourceNotFoundError(
            f"Version {versionId!r} of chat {chatId!r} has no file {path!r}. "
            f"Its files: {listing or 'none'} (see v0://chats/{chatId}/versions/{versionId})."
        )
    content: str = found.content or ""
    return content


async def read_deployment_logs(deploymentId: str, ctx: Context[Any, Any]) -> str:
    """Return a deployment's log lines, oldest first, each with its time and level."""
    v0 = _client(ctx)
    with _reading(_missing_deployment(deploymentId)):
        logs = [
            log
            async for log in paginate(v0, "deployments.findLogs", deploymentId=deploymentId, max_items=MAX_LOG_LINES)
        ]
    header = f"Deployment {deploymentId}: {len(logs)} log lines, oldest first."
    if len(logs) >= MAX_LOG_LINES:
        header += f" Cut at {MAX_LOG_LINES}; get_deployment_logs with since=nextSince pages on."
    if not logs:
        header += " No lines yet: the build may not have started; read again shortly."
    lines = [f"{log.createdAt or '-'} [{log.level or 'info'}] {log.text or ''}".rstrip() for log in logs]
    return "\n".join([header, *lines]) + "\n"


async def read_project(projectId: str, ctx: Context[Any, Any]) -> str:
    """Return a project and its chats."""
    with _reading(_missing_project(projectId)):
        project = await _client(ctx).call("projects.getById", projectId=projectId)
    data = _dump(project_of(project))
    for chat in data.get("chats", []):
        chat["uri"] = f"v0://chats/{chat['id']}"
    return _json(data)


@dataclass(frozen=True)
class _Template:
    uri: str
    name: str
    title: str
    description: str
    mime_type: str
    read: Callable[..., Awaitable[str]]


_TEMPLATES: Final = (
    _Template(
        CHAT,
        "chat",
        "v0 chat",
        "A chat: name, privacy, latest version (status, demo URL, files), message count, last reply and URLs.",
        "application/json",
        read_chat,
    ),
    _Template(
        MESSAGES,
        "chat_messages",
        "v0 chat thread",
        "The whole thread as text, oldest first: each message's role, time and plain text.",
        "text/plain",
        read_messages,
    ),
    _Template(
        VERSION,
        "version",
        "v0 version",
        "A generated version: status, demo URL and its files (names, sizes and the URI of each).",
        "application/json",
        read_version,
    ),
    _Template(
        FILE,
        "version_file",
        "File of a v0 version",
        "One file of a version, in full; its mime type follows the file's extension. Paths keep their '/'.",
        "text/plain",
        read_file,
    ),
    _Template(
        DEPLOYMENT_LOGS,
        "deployment_logs",
        "v0 deployment logs",
        "A deployment's build logs as text, oldest first, one line each with time and level.",
        "text/plain",
        read_deployment_logs,
    ),
    _Template(
        PROJECT,
        "project",
        "v0 project",
        "A project: name, privacy, Vercel link and its chats.",
        "application/json",
        read_project,
    ),
)


# -- listing ----------------------------------------------------------------------------------------------------------


def _encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"{_CURSOR_PREFIX}{offset}".encode()).decode()


def _decode_cursor(cursor: str | None) -> int:
    """Return the chat offset a ``resources/list`` cursor stands for (0 for the first page)."""
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor.encode()).decode()
        if not text.startswith(_CURSOR_PREFIX):
            raise ValueError(text)
        offset = int(text.removeprefix(_CURSOR_PREFIX))
        if offset < 0:
            raise ValueError(text)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise MCPError(
            code=INVALID_PARAMS, message="Invalid cursor: pass the nextCursor of a previous resources/list result."
        ) from None
    return offset


def _one_page(handler: Callable[..., Awaitable[Any]], method: str) -> Callable[..., Awaitable[Any]]:
    """Refuse a cursor on a list that is always one page, as ``resources/list`` refuses a bad one.

    Such a list never hands out a ``nextCursor``, so any cursor is one it did not make.
    """

    async def list_one_page(rctx: ServerRequestContext[Any, Any], params: PaginatedRequestParams | None) -> Any:
        if params is not None and params.cursor is not None:
            raise MCPError(
                code=INVALID_PARAMS,
                message=f"Invalid cursor: {method} has a single page; call it without a cursor.",
            )
        return await handler(rctx, params)

    return list_one_page


def _listed(chat: Any) -> list[Resource]:
    brief = chat_brief_of(chat)
    name = brief.name or brief.id
    status = f", latest version {brief.latestVersionStatus}" if brief.latestVersionId else ""
    changed = Annotations(last_modified=brief.updatedAt) if brief.updatedAt else None
    entries = [
        Resource(
            uri=f"v0://chats/{brief.id}",
            name=f"chat {brief.id}",
            title=name,
            description=f"Chat {name!r}{status}",
            mime_type="application/json",
            annotations=changed,
        )
    ]
    if brief.latestVersionId:
        demo = f", demo {brief.demoUrl}" if brief.demoUrl else ""
        entries.append(
            Resource(
                uri=f"v0://chats/{brief.id}/versions/{brief.latestVersionId}",
                name=f"version {brief.latestVersionId}",
                title=f"{name}: latest version",
                description=f"Latest version of chat {name!r}: {brief.latestVersionStatus or 'unknown status'}{demo}",
                mime_type="application/json",
                annotations=changed,
            )
        )
    return entries


def _request_context(server: V0MCPServer, rctx: ServerRequestContext[Any, Any]) -> Context[Any, Any]:
    """Wrap a low-level request context so the runtime can pick this caller's v0 key."""
    return Context(request_context=rctx, mcp_server=server)


def _list_handler(server: V0MCPServer) -> Callable[..., Awaitable[ListResourcesResult]]:
    async def list_resources(
        rctx: ServerRequestContext[Any, Any], params: PaginatedRequestParams | None
    ) -> ListResourcesResult:
        offset = _decode_cursor(params.cursor if params is not None else None)
        ctx = _request_context(server, rctx)
        v0 = runtime_of(ctx).client_for(ctx)
        try:
            page = await v0.call("chats.find", limit=LIST_PAGE_SIZE, offset=offset)
        except V0Error as exc:
            raise MCPError(code=INTERNAL_ERROR, message=f"Could not list v0 chats: {_describe(exc)}") from None
        chats = page.data or []
        resources = await server.list_resources() if offset == 0 else []
        for chat in chats:
            resources.extend(_listed(chat))
        following = _encode_cursor(offset + len(chats)) if len(chats) >= LIST_PAGE_SIZE else None
        return ListResourcesResult(resources=resources, next_cursor=following)

    return list_resources


# -- subscriptions ----------------------------------------------------------------------------------------------------


class _Poller(Protocol):
    """Watches one v0 object: ``baseline`` takes its first state, ``poll`` says what moved since."""

    async def baseline(self) -> None: ...

    async def poll(self) -> tuple[bool, bool]:
        """Return ``(changed, active)``: whether it changed, and whether it is still moving."""
        ...


@dataclass
class _ChatPoller:
    v0: V0Client
    chat_id: str
    _state: tuple[Any, ...] | None = None

    async def _read(self) -> tuple[tuple[Any, ...], bool]:
        chat = await self.v0.call("chats.getById", chatId=self.chat_id)
        latest = chat.latestVersion
        messages = chat.messages or []
        reply = last_assistant(chat)
        state = (
            chat.updatedAt,
            chat.name,
            latest.id if latest else None,
            latest.status if latest else None,
            len(messages),
            reply.id if reply is not None else None,
            reply.finishReason if reply is not None else None,
            len(reply.content or "") if reply is not None else 0,
        )
        generating = (latest is not None and latest.status == "pending") or (
            reply is not None and reply.finishReason is None
        )
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
    v0: V0Client
    deployment_id: str
    _since: float | None = None
    _seen: set[str] = field(default_factory=set)

    async def _fetch(self) -> int:
        arguments: dict[str, Any] = {"deploymentId": self.deployment_id}
        if self._since is not None:
            arguments["since"] = self._since
        page = await self.v0.call("deployments.findLogs", **arguments)
        new = [log for log in page.logs or [] if log.id not in self._seen]
        self._seen.update(log.id for log in new)
        if page.nextSince is not None:
            self._since = page.nextSince
        return len(new)

    async def baseline(self) -> None:
        await self._fetch()

    async def poll(self) -> tuple[bool, bool]:
        new = await self._fetch()
        return new > 0, new > 0


def _poller_for(uri: str, v0: V0Client) -> _Poller | None:
    """Return what to poll for ``uri``, or None when it cannot be subscribed to."""
    for template in _CHAT_TEMPLATES:
        if (found := template.match(uri)) is not None:
            return _ChatPoller(v0, str(found["chatId"]))
    if (found := _LOGS_TEMPLATE.match(uri)) is not None:
        return _LogsPoller(v0, str(found["deploymentId"]))
    return None


def _missing_for(uri: str) -> str:
    for template in _CHAT_TEMPLATES:
        if (found := template.match(uri)) is not None:
            return _missing_chat(str(found["chatId"]))
    if (found := _LOGS_TEMPLATE.match(uri)) is not None:
        return _missing_deployment(str(found["deploymentId"]))
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


class _Watches:
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

    def start(self, owner: object, uri: str, state: object, run: Callable[[], Awaitable[None]]) -> None:
        key = (owner, uri)
        if key in self._scopes:
            return
        serving = [group for served, group in self._groups if served is state] or [g for _, g in self._groups]
        if not serving:
            raise MCPError(code=INTERNAL_ERROR, message="Subscriptions need a running server; none is running.")
        if sum(1 for held, _ in self._scopes if held is owner) >= self._per_connection:
            raise MCPError(
                code=INVALID_REQUEST,
                message=f"Too many subscriptions ({self._per_connection}) on this connection; "
                "resources/unsubscribe from some first.",
            )
        if len(self._scopes) >= self._limit:
            raise MCPError(
                code=INVALID_REQUEST,
                message=f"Too many subscriptions ({self._limit}); resources/unsubscribe from some first.",
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


def _subscribe_handlers(
    server: V0MCPServer, watches: _Watches
) -> tuple[Callable[..., Awaitable[EmptyResult]], Callable[..., Awaitable[EmptyResult]]]:
    async def subscribe(rctx: ServerRequestContext[Any, Any], params: SubscribeRequestParams) -> EmptyResult:
        uri = str(params.uri)
        ctx = _request_context(server, rctx)
        runtime = runtime_of(ctx)
        poller = _poller_for(uri, runtime.client_for(ctx))
        if poller is None:
            raise MCPError(
                code=INVALID_PARAMS,
                message=(
                    f"{uri} cannot be subscribed to: subscriptions cover v0://chats/{{chatId}}, "
                    "v0://chats/{chatId}/messages and v0://deployments/{deploymentId}/logs."
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
            raise MCPError(code=INTERNAL_ERROR, message=_describe(exc), data={"uri": uri}) from None
        session = rctx.session

        async def notify() -> None:
            await session.send_resource_updated(uri)

        watches.start(owner, uri, rctx.lifespan_context, lambda: _watch(poller, notify, runtime))
        return EmptyResult()

    async def unsubscribe(rctx: ServerRequestContext[Any, Any], params: UnsubscribeRequestParams) -> EmptyResult:
        watches.stop(_connection_of(rctx), str(params.uri))
        return EmptyResult()

    return subscribe, unsubscribe


class _StreamBus:
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


def _listen_handler(server: V0MCPServer, bus: SubscriptionBus) -> Callable[..., Awaitable[Any]]:
    """Serve ``subscriptions/listen``: the stream's v0 URIs are polled for its caller while it is open."""
    open_streams: dict[object, int] = {}

    async def listen_and_poll(rctx: ServerRequestContext[Any, Any], params: SubscriptionsListenRequestParams) -> Any:
        ctx = _request_context(server, rctx)
        runtime = runtime_of(ctx)
        v0 = runtime.client_for(ctx)
        caller = _caller_of(rctx, v0)
        if open_streams.get(caller, 0) >= MAX_LISTENS_PER_CALLER:
            raise MCPError(
                code=INVALID_REQUEST,
                message=f"Too many open listen streams ({MAX_LISTENS_PER_CALLER}) for this caller; close one first.",
            )
        uris = list(dict.fromkeys(params.notifications.resource_subscriptions or ()))
        watched = [(uri, poller) for uri in uris if (poller := _poller_for(uri, v0)) is not None]
        own = _StreamBus(bus)
        open_streams[caller] = open_streams.get(caller, 0) + 1
        try:
            async with anyio.create_task_group() as group:
                for uri, poller in watched[:MAX_WATCHES_PER_LISTEN]:
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


# -- wiring -----------------------------------------------------------------------------------------------------------


def _typed_files(read: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    """Wrap ``resources/read`` so a file's contents carry the mime type of its extension."""

    async def read_resource(rctx: ServerRequestContext[Any, Any], params: ReadResourceRequestParams) -> Any:
        result = await read(rctx, params)
        found = _FILE_TEMPLATE.match(str(params.uri))
        if found is None or not isinstance(result, ReadResourceResult):
            return result
        mime = mime_type_for(str(found["path"]))
        contents = [content.model_copy(update={"mime_type": mime}) for content in result.contents]
        return result.model_copy(update={"contents": contents})

    return read_resource


def _hosting_lifespan(
    lowlevel: Server[Any], watches: _Watches
) -> Callable[[Server[Any]], AbstractAsyncContextManager[Any]]:
    inner = lowlevel.lifespan

    @asynccontextmanager
    async def lifespan(app: Server[Any]) -> AsyncIterator[Any]:
        async with inner(app) as state, watches.hosting(state):
            yield state

    return lifespan


def register_resources(server: V0MCPServer) -> None:
    """Serve the ``v0://`` templates, a paginated ``resources/list`` and resource subscriptions on ``server``.

    Registering twice is a no-op.
    """
    if server in _REGISTERED:
        return
    _REGISTERED.add(server)
    for template in _TEMPLATES:
        server.resource(
            template.uri,
            name=template.name,
            title=template.title,
            description=template.description,
            mime_type=template.mime_type,
        )(template.read)

    # MCPServer has no public hook for these; the low-level server takes replacement handlers.
    lowlevel: Server[Any] = lowlevel_of(server)
    lowlevel.add_request_handler("resources/list", PaginatedRequestParams, _list_handler(server))
    read = lowlevel.get_request_handler("resources/read")
    if read is not None:
        lowlevel.add_request_handler(
            "resources/read", ReadResourceRequestParams, _not_found(_typed_files(read.handler))
        )
    tools = lowlevel.get_request_handler("tools/list")
    if tools is not None:
        lowlevel.add_request_handler("tools/list", PaginatedRequestParams, _one_page(tools.handler, "tools/list"))

    watches = _Watches()
    subscribe, unsubscribe = _subscribe_handlers(server, watches)
    lowlevel.add_request_handler("resources/subscribe", SubscribeRequestParams, subscribe)
    lowlevel.add_request_handler("resources/unsubscribe", UnsubscribeRequestParams, unsubscribe)
    lowlevel.lifespan = _hosting_lifespan(lowlevel, watches)

    listen = lowlevel.get_request_handler("subscriptions/listen")
    bus = subscription_bus_of(server)
    if listen is not None and bus is not None:
        lowlevel.add_request_handler(
            "subscriptions/listen", SubscriptionsListenRequestParams, _listen_handler(server, bus)
        )
