"""``resources/list``: the most recent chats and their latest versions, one API call per page.

``resources/list`` never walks the account: a page is one call for the most recent
chats (each with its latest version), and the MCP cursor carries the next offset.
A cursor the server did not issue is refused, on ``tools/list`` too.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Final

from mcp.server.context import ServerRequestContext
from mcp.server.mcpserver import Context
from mcp.shared.exceptions import MCPError
from mcp.types import INTERNAL_ERROR, INVALID_PARAMS, Annotations, ListResourcesResult, PaginatedRequestParams, Resource

from ..api import V0Error
from ..tools._runtime import V0MCPServer, runtime_of
from ..uris import chat_uri, version_uri
from ._reading import describe

if TYPE_CHECKING:
    from ..tools._shapes import ChatBrief

__all__ = ["LIST_PAGE_SIZE", "list_handler", "one_page", "request_context"]

LIST_PAGE_SIZE: Final = 20  # chats per resources/list page (each adds its latest version)
_CURSOR_PREFIX: Final = "chats:"


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


def one_page(handler: Callable[..., Awaitable[Any]], method: str) -> Callable[..., Awaitable[Any]]:
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


def _listed(brief: ChatBrief) -> list[Resource]:
    name = brief.name or brief.id
    status = f", latest version {brief.latestVersionStatus}" if brief.latestVersionId else ""
    changed = Annotations(last_modified=brief.updatedAt) if brief.updatedAt else None
    entries = [
        Resource(
            uri=chat_uri(brief.id),
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
                uri=version_uri(brief.id, brief.latestVersionId),
                name=f"version {brief.latestVersionId}",
                title=f"{name}: latest version",
                description=f"Latest version of chat {name!r}: {brief.latestVersionStatus or 'unknown status'}{demo}",
                mime_type="application/json",
                annotations=changed,
            )
        )
    return entries


def request_context(server: V0MCPServer, rctx: ServerRequestContext[Any, Any]) -> Context[Any, Any]:
    """Wrap a low-level request context so the runtime can pick this caller's v0 key."""
    return Context(request_context=rctx, mcp_server=server)


def list_handler(server: V0MCPServer) -> Callable[..., Awaitable[ListResourcesResult]]:
    async def list_resources(
        rctx: ServerRequestContext[Any, Any], params: PaginatedRequestParams | None
    ) -> ListResourcesResult:
        offset = _decode_cursor(params.cursor if params is not None else None)
        ctx = request_context(server, rctx)
        runtime = runtime_of(ctx)
        try:
            chats = await runtime.adapter.recent_chats(runtime.client_for(ctx), LIST_PAGE_SIZE, offset)
        except V0Error as exc:
            raise MCPError(code=INTERNAL_ERROR, message=f"Could not list v0 chats: {describe(exc)}") from None
        resources = await server.list_resources() if offset == 0 else []
        for chat in chats:
            resources.extend(_listed(chat))
        following = _encode_cursor(offset + len(chats)) if len(chats) >= LIST_PAGE_SIZE else None
        return ListResourcesResult(resources=resources, next_cursor=following)

    return list_resources
