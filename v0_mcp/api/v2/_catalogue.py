"""The v0 Platform API v2: all 44 operations, each described once.

v2 has no ``responseMode`` field: creating a chat, sending a message and
resolving a task are three endpoints each, one per response mode. ``mode`` says
which one an endpoint is (``sync`` waits for the generation, ``stream`` answers
with server-sent events, ``async`` answers 202 at once), and ``status`` the
success status the API answers with.
"""

from __future__ import annotations

from typing import Final

from .._operation import Catalogue, Operation
from ._models import (
    AsyncChat,
    AsyncMessage,
    Chat,
    ChatsCreateBody,
    ChatsCreateFromFilesBody,
    ChatsCreateFromRepoBody,
    ChatsCreateFromZipBody,
    ChatsCreateVercelProjectBody,
    ChatsCreateVercelProjectResponse,
    ChatsDeleteResponse,
    ChatsDeployResponse,
    ChatsDuplicateBody,
    ChatsGetConnectStatusQuery,
    ChatsGetConnectStatusResponse,
    ChatsGetPreviewResponse,
    ChatsListQuery,
    ChatsListResponse,
    ChatsRestoreMessageBody,
    ChatsRestoreMessageResponse,
    ChatsUpdateBody,
    ChatsUpdateFilesBody,
    ChatsUpdateFilesResponse,
    ChatWithUsage,
    Files,
    McpServer,
    McpServersCreateBody,
    McpServersDeleteResponse,
    McpServersListResponseItem,
    McpServersUpdateBody,
    Message,
    MessageListResponse,
    MessagesListQuery,
    MessagesResolveBody,
    MessagesSendBody,
    MessagesStopResponse,
    SettingsSetPreviewHostsBody,
    TrustedPreviewHosts,
    UsageActivity,
    UsageEventList,
    UsageGetActivityQuery,
    UsageGetSummaryQuery,
    UsageListEventsQuery,
    UsageSummary,
    Webhook,
    WebhooksCreateBody,
    WebhooksDeleteResponse,
    WebhooksListResponseItem,
    WebhooksUpdateBody,
)

__all__ = ["CATALOGUE"]

_CHAT: Final = "/chats/{chatId}"
_MESSAGES: Final = "/chats/{chatId}/messages"

# fmt: off
CATALOGUE: Final = Catalogue("v2", (
    # chats: create, in three modes, and import
    Operation("chats.create", "POST", "/chats", body=ChatsCreateBody, response=ChatWithUsage,
              generation=True, mode="sync"),
    Operation("chats.createStream", "POST", "/chats/stream", body=ChatsCreateBody, content="sse",
              generation=True, mode="stream"),
    Operation("chats.createAsync", "POST", "/chats/async", body=ChatsCreateBody, response=AsyncChat,
              generation=True, mode="async", status=202),
    Operation("chats.createFromFiles", "POST", "/chats/from-files", body=ChatsCreateFromFilesBody,
              response=ChatWithUsage),
    Operation("chats.createFromZip", "POST", "/chats/from-zip", body=ChatsCreateFromZipBody, response=ChatWithUsage),
    Operation("chats.createFromRepo", "POST", "/chats/from-repo", body=ChatsCreateFromRepoBody,
              response=ChatWithUsage),
    # chats: read and change
    Operation("chats.list", "GET", "/chats", query=ChatsListQuery, response=ChatsListResponse,
              pagination="cursor", items="chats"),
    Operation("chats.get", "GET", _CHAT, response=Chat),
    Operation("chats.update", "PATCH", _CHAT, body=ChatsUpdateBody, response=Chat),
    Operation("chats.delete", "DELETE", _CHAT, response=ChatsDeleteResponse),
    Operation("chats.duplicate", "POST", f"{_CHAT}/duplicate", body=ChatsDuplicateBody, response=Chat, status=201),
    Operation("chats.resume", "POST", f"{_CHAT}/resume", content="sse", generation=True, mode="stream"),
    # chats: files, preview, Vercel
    Operation("chats.getFiles", "GET", f"{_CHAT}/files", response=Files),
    Operation("chats.updateFiles", "PATCH", f"{_CHAT}/files", body=ChatsUpdateFilesBody,
              response=ChatsUpdateFilesResponse),
    Operation("chats.downloadFiles", "GET", f"{_CHAT}/files/download", content="binary"),  # a ZIP, not JSON
    Operation("chats.restoreMessage", "POST", f"{_CHAT}/restore-message", body=ChatsRestoreMessageBody,
              response=ChatsRestoreMessageResponse),
    Operation("chats.getPreview", "GET", f"{_CHAT}/preview", response=ChatsGetPreviewResponse),
    Operation("chats.getConnectStatus", "GET", f"{_CHAT}/connect/status", query=ChatsGetConnectStatusQuery,
              response=ChatsGetConnectStatusResponse),
    Operation("chats.deploy", "POST", f"{_CHAT}/deploy", response=ChatsDeployResponse),
    Operation("chats.createVercelProject", "POST", f"{_CHAT}/vercel-project", body=ChatsCreateVercelProjectBody,
              response=ChatsCreateVercelProjectResponse, status=201),
    # messages
    Operation("messages.list", "GET", _MESSAGES, query=MessagesListQuery, response=MessageListResponse,
              pagination="cursor", items="messages"),  # newest first
    Operation("messages.get", "GET", f"{_MESSAGES}/{{messageId}}", response=Message),
    Operation("messages.send", "POST", _MESSAGES, body=MessagesSendBody, response=Message,
              generation=True, mode="sync"),
    Operation("messages.sendStream", "POST", f"{_MESSAGES}/stream", body=MessagesSendBody, content="sse",
              generation=True, mode="stream"),
    Operation("messages.sendAsync", "POST", f"{_MESSAGES}/async", body=MessagesSendBody, response=AsyncMessage,
              generation=True, mode="async", status=202),
    Operation("messages.resolve", "POST", f"{_MESSAGES}/resolve", body=MessagesResolveBody, response=Message,
              generation=True, mode="sync"),
    Operation("messages.resolveStream", "POST", f"{_MESSAGES}/resolve/stream", body=MessagesResolveBody,
              content="sse", generation=True, mode="stream"),
    Operation("messages.resolveAsync", "POST", f"{_MESSAGES}/resolve/async", body=MessagesResolveBody,
              response=AsyncMessage, generation=True, mode="async", status=202),
    Operation("messages.stop", "POST", f"{_MESSAGES}/{{messageId}}/stop", response=MessagesStopResponse),
    # MCP servers
    Operation("mcpServers.list", "GET", "/mcp-servers", response=list[McpServersListResponseItem]),
    Operation("mcpServers.create", "POST", "/mcp-servers", body=McpServersCreateBody, response=McpServer),
    Operation("mcpServers.get", "GET", "/mcp-servers/{mcpServerId}", response=McpServer),
    Operation("mcpServers.update", "PATCH", "/mcp-servers/{mcpServerId}", body=McpServersUpdateBody,
              response=McpServer),
    Operation("mcpServers.delete", "DELETE", "/mcp-servers/{mcpServerId}", response=McpServersDeleteResponse),
    # settings
    Operation("settings.getPreviewHosts", "GET", "/settings/preview-hosts", response=TrustedPreviewHosts),
    Operation("settings.setPreviewHosts", "PUT", "/settings/preview-hosts", body=SettingsSetPreviewHostsBody,
              response=TrustedPreviewHosts),
    # usage
    Operation("usage.getSummary", "GET", "/usage/summary", query=UsageGetSummaryQuery, response=UsageSummary),
    Operation("usage.listEvents", "GET", "/usage/events", query=UsageListEventsQuery, response=UsageEventList,
              pagination="cursor", items="data"),
    Operation("usage.getActivity", "GET", "/usage/activity", query=UsageGetActivityQuery, response=UsageActivity),
    # webhooks
    Operation("webhooks.list", "GET", "/hooks", response=list[WebhooksListResponseItem]),
    Operation("webhooks.create", "POST", "/hooks", body=WebhooksCreateBody, response=Webhook),
    Operation("webhooks.get", "GET", "/hooks/{hookId}", response=Webhook),
    Operation("webhooks.update", "PATCH", "/hooks/{hookId}", body=WebhooksUpdateBody, response=Webhook),
    Operation("webhooks.delete", "DELETE", "/hooks/{hookId}", response=WebhooksDeleteResponse),
))
# fmt: on
