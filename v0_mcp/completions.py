"""Completion of ids and file paths from what the v0 account holds.

One handler serves the whole server (MCP allows one): resource template variables
(``chatId``, ``messageId``, ``versionId``, ``deploymentId``, ``projectId``, ``path``) and
prompt arguments named after them (``chat_id``, ``deployment_id``, ...). What each
names is looked up through the API version's adapter (on v2, deployments and
projects are Vercel's, completed only when a Vercel token is set). Each answer costs
a few bounded API calls (a first page, never a walk of the account), is cut to
:data:`MAX_VALUES` and gives up after :data:`TIMEOUT` seconds: completion is typing
help, so a slow or failing v0 yields no suggestions rather than an error.
"""

from __future__ import annotations

import logging
import re
import weakref
from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, Final, Literal

import anyio
from mcp.server.context import ServerRequestContext
from mcp.server.lowlevel.server import Server
from mcp.server.mcpserver import Context
from mcp.types import (
    CompleteRequestParams,
    CompleteResult,
    Completion,
    CompletionArgument,
    CompletionContext,
    PromptReference,
    ResourceTemplateReference,
)

from ._sdk import lowlevel_of
from .api import V0Error
from .tools._runtime import V0MCPServer, runtime_of

if TYPE_CHECKING:
    from .api import V0Client
    from .tools._adapter import Adapter, Choice, Sources

__all__ = ["MAX_VALUES", "TIMEOUT", "complete", "kind_of", "register_completions"]

logger = logging.getLogger(__name__)

MAX_VALUES: Final = 50
TIMEOUT: Final = 5.0
RECENT_CHATS: Final = 50  # chats one completion looks at

_REGISTERED: Final[weakref.WeakSet[Any]] = weakref.WeakSet()

Kind = Literal["chat", "message", "version", "deployment", "project", "file"]

_KINDS: Final[Mapping[str, Kind]] = {
    "chatid": "chat",
    "messageid": "message",
    "versionid": "version",
    "deploymentid": "deployment",
    "projectid": "project",
    "path": "file",
    "filepath": "file",
}


def _key(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower())


def kind_of(argument: str) -> Kind | None:
    """Return what an argument or template variable names (``chat_id`` and ``chatId`` alike), if known."""
    return _KINDS.get(_key(argument))


def _given(context: CompletionContext | None, kind: Kind) -> str | None:
    """Return an already chosen value of ``kind`` from the other arguments, if the client sent it."""
    for name, value in ((context.arguments or {}) if context else {}).items():
        if kind_of(name) == kind and value:
            return value
    return None


def _pick(candidates: Iterable[Choice], typed: str) -> Completion:
    """Rank ``(value, label)`` pairs: values starting with what was typed, then labels containing it."""
    typed_lower = typed.lower()
    seen: set[str] = set()
    first: list[str] = []
    then: list[str] = []
    for value, label in ((choice.value, choice.label) for choice in candidates):
        if value in seen:
            continue
        if value.lower().startswith(typed_lower):
            first.append(value)
        elif typed_lower and typed_lower in label.lower():
            then.append(value)
        else:
            continue
        seen.add(value)
    values = first + then
    return Completion(values=values[:MAX_VALUES], total=len(values), has_more=len(values) > MAX_VALUES)


async def _chats(adapter: Adapter, v0: V0Client) -> list[Choice]:
    from .tools._adapter import Choice  # with the first completion, not at startup (cold start is measured)

    return [Choice(chat.id, chat.name or "") for chat in await adapter.recent_chats(v0, RECENT_CHATS)]


async def _candidates(
    adapter: Adapter, sources: Sources, v0: V0Client, kind: Kind, context: CompletionContext | None
) -> list[Choice]:
    chat_id = _given(context, "chat")
    version_id = _given(context, "version")
    if kind == "chat":
        return await _chats(adapter, v0)
    if kind == "project":
        return await adapter.project_choices(sources, v0)
    if kind == "deployment":
        return await adapter.deployment_choices(sources, v0, chat_id, version_id)
    if not chat_id:  # messages, versions and files belong to a chat
        return []
    if kind == "message":
        return await adapter.message_choices(v0, chat_id, MAX_VALUES)
    if kind == "version":
        return await adapter.version_choices(v0, chat_id, MAX_VALUES)
    return await adapter.file_choices(sources, v0, chat_id, version_id)


async def complete(
    adapter: Adapter,
    sources: Sources,
    v0: V0Client,
    ref: PromptReference | ResourceTemplateReference,
    argument: CompletionArgument,
    context: CompletionContext | None,
) -> Completion:
    """Suggest values for ``argument`` of a prompt or resource template, from the account."""
    kind = kind_of(argument.name)
    if kind is None:
        return Completion(values=[])
    candidates: list[Choice] = []
    with anyio.move_on_after(TIMEOUT):
        try:
            candidates = await _candidates(adapter, sources, v0, kind, context)
        except V0Error as exc:
            logger.debug("no completions for %s: %s", argument.name, type(exc).__name__)
    return _pick(candidates, argument.value)


Handler = Callable[[ServerRequestContext[Any, Any], CompleteRequestParams], Awaitable[CompleteResult]]


def _handler(server: V0MCPServer) -> Handler:
    async def handle(rctx: ServerRequestContext[Any, Any], params: CompleteRequestParams) -> CompleteResult:
        ctx: Context[Any, Any] = Context(request_context=rctx, mcp_server=server)
        runtime = runtime_of(ctx)
        completion = await complete(
            runtime.adapter, runtime, runtime.client_for(ctx), params.ref, params.argument, params.context
        )
        return CompleteResult(completion=completion)

    return handle


def register_completions(server: V0MCPServer) -> None:
    """Serve ``completion/complete`` for every prompt and resource template of ``server``.

    Registered on the low-level server rather than with ``MCPServer.completion()``, whose
    handlers get no request context, so that each caller's own v0 key is used over HTTP.
    Registering twice is a no-op.
    """
    if server in _REGISTERED:
        return
    _REGISTERED.add(server)
    lowlevel: Server[Any] = lowlevel_of(server)
    lowlevel.add_request_handler("completion/complete", CompleteRequestParams, _handler(server))
