"""The 44 v2 operations: how each is routed and validated, and the handler table.

Each route names its operationId (the SDK's method name), method, path, success status
and the generated request models that validate its query and body strictly. Handlers
are functions of a :class:`V2Call` (sync, or async for the ones that wait or stream):
they return the JSON body (``None`` is a JSON ``null``) or a ready Response, and raise
:class:`ApiError` for anything else.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from pydantic import BaseModel
from starlette.requests import Request

from ...api.v2 import _models as m
from ._state import V2Workspace

if TYPE_CHECKING:
    from .._config import SimulatorConfig
    from ._settings import V2Settings

__all__ = ["HANDLERS", "ROUTES", "Route", "V2Call", "V2Host", "handles"]


class V2Host(Protocol):
    """What handlers and the preview site need of the v2 API that hosts them (the API itself, in ``_api``).

    A protocol rather than the class, so the modules the API imports never import it back.
    """

    config: SimulatorConfig
    settings: V2Settings

    def workspaces(self) -> list[V2Workspace]: ...


@dataclass(frozen=True)
class Route:
    id: str
    method: str
    path: str
    status: int = 200
    body: type[BaseModel] | None = None
    query: type[BaseModel] | None = None
    optional_body: bool = False  # the spec gives the whole body a default: no body is fine


ROUTES: tuple[Route, ...] = (
    Route("chats.create", "POST", "/chats", body=m.ChatsCreateBody),
    Route("chats.list", "GET", "/chats", query=m.ChatsListQuery),
    Route("chats.createFromFiles", "POST", "/chats/from-files", body=m.ChatsCreateFromFilesBody),
    Route("chats.createFromZip", "POST", "/chats/from-zip", body=m.ChatsCreateFromZipBody),
    Route("chats.createFromRepo", "POST", "/chats/from-repo", body=m.ChatsCreateFromRepoBody),
    Route("chats.createStream", "POST", "/chats/stream", body=m.ChatsCreateBody),
    Route("chats.createAsync", "POST", "/chats/async", 202, body=m.ChatsCreateBody),
    Route("messages.list", "GET", "/chats/{chatId}/messages", query=m.MessagesListQuery),
    Route("messages.send", "POST", "/chats/{chatId}/messages", body=m.MessagesSendBody),
    Route("messages.get", "GET", "/chats/{chatId}/messages/{messageId}"),
    Route("messages.sendStream", "POST", "/chats/{chatId}/messages/stream", body=m.MessagesSendBody),
    Route("messages.sendAsync", "POST", "/chats/{chatId}/messages/async", 202, body=m.MessagesSendBody),
    Route("messages.resolve", "POST", "/chats/{chatId}/messages/resolve", body=m.MessagesResolveBody),
    Route("messages.resolveStream", "POST", "/chats/{chatId}/messages/resolve/stream", body=m.MessagesResolveBody),
    Route("messages.resolveAsync", "POST", "/chats/{chatId}/messages/resolve/async", 202, body=m.MessagesResolveBody),
    Route("messages.stop", "POST", "/chats/{chatId}/messages/{messageId}/stop"),
    Route("chats.get", "GET", "/chats/{chatId}"),
    Route("chats.update", "PATCH", "/chats/{chatId}", body=m.ChatsUpdateBody),
    Route("chats.delete", "DELETE", "/chats/{chatId}"),
    Route("chats.getPreview", "GET", "/chats/{chatId}/preview"),
    Route("chats.getFiles", "GET", "/chats/{chatId}/files"),
    Route("chats.updateFiles", "PATCH", "/chats/{chatId}/files", body=m.ChatsUpdateFilesBody),
    Route("chats.downloadFiles", "GET", "/chats/{chatId}/files/download"),
    Route("chats.getConnectStatus", "GET", "/chats/{chatId}/connect/status", query=m.ChatsGetConnectStatusQuery),
    Route("chats.restoreMessage", "POST", "/chats/{chatId}/restore-message", body=m.ChatsRestoreMessageBody),
    Route("chats.duplicate", "POST", "/chats/{chatId}/duplicate", 201, body=m.ChatsDuplicateBody, optional_body=True),
    Route("chats.deploy", "POST", "/chats/{chatId}/deploy"),
    Route(
        "chats.createVercelProject",
        "POST",
        "/chats/{chatId}/vercel-project",
        201,
        body=m.ChatsCreateVercelProjectBody,
        optional_body=True,
    ),
    Route("chats.resume", "POST", "/chats/{chatId}/resume"),
    Route("mcpServers.list", "GET", "/mcp-servers"),
    Route("mcpServers.create", "POST", "/mcp-servers", body=m.McpServersCreateBody),
    Route("mcpServers.get", "GET", "/mcp-servers/{mcpServerId}"),
    Route("mcpServers.update", "PATCH", "/mcp-servers/{mcpServerId}", body=m.McpServersUpdateBody),
    Route("mcpServers.delete", "DELETE", "/mcp-servers/{mcpServerId}"),
    Route("settings.getPreviewHosts", "GET", "/settings/preview-hosts"),
    Route("settings.setPreviewHosts", "PUT", "/settings/preview-hosts", body=m.SettingsSetPreviewHostsBody),
    Route("usage.getSummary", "GET", "/usage/summary", query=m.UsageGetSummaryQuery),
    Route("usage.listEvents", "GET", "/usage/events", query=m.UsageListEventsQuery),
    Route("usage.getActivity", "GET", "/usage/activity", query=m.UsageGetActivityQuery),
    Route("webhooks.list", "GET", "/hooks"),
    Route("webhooks.create", "POST", "/hooks", body=m.WebhooksCreateBody),
    Route("webhooks.get", "GET", "/hooks/{hookId}"),
    Route("webhooks.update", "PATCH", "/hooks/{hookId}", body=m.WebhooksUpdateBody),
    Route("webhooks.delete", "DELETE", "/hooks/{hookId}"),
)


@dataclass
class V2Call:
    """One validated request, as a handler sees it."""

    ws: V2Workspace
    api: V2Host
    now: float
    params: Mapping[str, str]
    query: dict[str, Any]  # what the caller sent, validated ({} without a query model)
    body: dict[str, Any]  # what the caller sent, validated, defaults of "required with default" added
    request: Request

    def clock(self) -> float:
        """Return the current time (it moves during a wait or a stream)."""
        return self.api.config.clock()


Result = Any  # a JSON value, or a Response
Handler = Callable[[V2Call], Result | Awaitable[Result]]
HANDLERS: dict[str, Handler] = {}


def handles(operation_id: str) -> Callable[[Handler], Handler]:
    """Register the decorated function as the handler of ``operation_id``."""

    def register(fn: Handler) -> Handler:
        if operation_id in HANDLERS:
            raise RuntimeError(f"two handlers for {operation_id}")
        HANDLERS[operation_id] = fn
        return fn

    return register
