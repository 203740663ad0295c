"""API v2 behind the :class:`~v0_mcp.tools._adapter.Adapter` seam.

The only module above ``api/`` that names v2's operationIds and response
attributes for waits, resources and completions. v2 has no versions: a chat's
latest state is its latest assistant message (``messages.list?limit=1``, or
``messages.get`` for a known one), and its files are the chat's files
(``chats.getFiles``, every file in full). Deployments and their logs live on
Vercel, not here: they are the deployments toolset's business.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Final

from pydantic import BaseModel

from ...api import Operation, V0Client, V0Error, paginate
from .._adapter import ChatDocument, ChatSnapshot, Choice, Followed, GenerationStart, LogLine, LogPage, MessageView
from .._shapes import ChatBrief
from ._shapes import chat_brief_of, doing_of, file_infos, message_text

__all__ = ["V2", "V2Adapter", "V2Unsupported"]

_ASYNC_STARTS: Final = frozenset({"chats.createAsync", "messages.sendAsync", "messages.resolveAsync"})


class V2Unsupported(V0Error):
    """What v1 had and v2 has not (versions, v0-hosted deployment logs, v0 projects)."""


def _data(item: Any) -> dict[str, Any]:
    if isinstance(item, BaseModel):
        data: dict[str, Any] = item.model_dump(mode="json", by_alias=True, exclude_none=True)
        return data
    return dict(item) if isinstance(item, Mapping) else {}


def message_view(message: Any) -> MessageView:
    """Return one v2 message (a model or its JSON) as waits and the thread resource read it."""
    data = _data(message)
    content = data.get("content")
    text = (content or "").strip() or message_text(data.get("parts"))
    attachments = tuple(
        str(a.get("name") or a.get("url") or "?") for a in data.get("attachments") or [] if isinstance(a, dict)
    )
    return MessageView(
        id=data.get("id"),
        role=data.get("role"),
        content=content if content else (text or None),
        text=text,
        created_at=data.get("createdAt"),
        type=None,
        finish_reason=data.get("finishReason"),
        attachments=attachments,
    )


class V2Adapter:
    """API v2: a chat is its messages and its files; generations start with the async endpoints."""

    # -- generations ---------------------------------------------------------------------------------------------------

    def generation_start(self, op: Operation) -> GenerationStart:
        # The async endpoints answer ids at once; the others (createFromFiles, ...) answer the finished chat.
        return GenerationStart(waits=op.id in _ASYNC_STARTS)

    def snapshot(self, chat: Any, message_id: str | None = None) -> ChatSnapshot:
        """Return what a start answered (``{chatId, messageId}``), a chat, or a message, as a snapshot."""
        data = _data(chat)
        if "role" in data:  # a message
            return ChatSnapshot(chat_id=str(data.get("chatId") or ""), reply=message_view(data), message_count=1)
        chat_id = data.get("chatId") or data.get("id") or ""
        reply_id = message_id or data.get("messageId")
        return ChatSnapshot(
            chat_id=str(chat_id),
            name=data.get("title"),
            updated_at=data.get("updatedAt"),
            reply=MessageView(id=reply_id, role="assistant") if reply_id else None,
        )

    async def latest_message(self, v0: V0Client, chat_id: str) -> Any:
        """Return the chat's newest message (None for an empty chat)."""
        page = await v0.call("messages.list", chatId=chat_id, limit=1)
        return (page.messages or [None])[0]

    async def chat(self, v0: V0Client, chat_id: str, message_id: str | None = None) -> ChatSnapshot:
        if message_id:
            message = await v0.call("messages.get", chatId=chat_id, messageId=message_id)
        else:
            message = await self.latest_message(v0, chat_id)
        if message is None:
            return ChatSnapshot(chat_id=chat_id)
        view = message_view(message)
        return ChatSnapshot(
            chat_id=chat_id, reply=view, message_count=1, updated_at=getattr(message, "updatedAt", None)
        )

    async def message_role(self, v0: V0Client, chat_id: str, message_id: str) -> str | None:
        message = await v0.call("messages.get", chatId=chat_id, messageId=message_id)
        role: str | None = message.role
        return role

    async def stop(self, v0: V0Client, chat_id: str, message_id: str) -> None:
        await v0.call("messages.stop", chatId=chat_id, messageId=message_id)

    async def follow(
        self, v0: V0Client, chat_id: str, message_id: str, on_text: Callable[[str], Awaitable[None]]
    ) -> Followed:
        """Follow the chat's running generation with ``chats.resume``, relaying what v0 does as it does it."""
        from ...api.v2 import resume_generation

        followed = Followed()
        last = ""

        async def on_event(_: Any, state: Any) -> None:
            nonlocal last
            followed.events = state.events
            doing = doing_of(state.parts)
            if doing and doing != last:
                last = doing
                await on_text(doing)

        state = await resume_generation(v0, chat_id, on_event=on_event)
        followed.events = state.events
        followed.text = message_text(state.parts)
        followed.chat = state.chat
        return followed

    # -- resources -----------------------------------------------------------------------------------------------------

    async def chat_document(self, v0: V0Client, chat_id: str) -> ChatDocument:
        chat = await v0.call("chats.get", chatId=chat_id)
        return ChatDocument(data=_data(chat), latest_version_id=None, project_id=chat.vercelProjectId or None)

    async def messages(self, v0: V0Client, chat_id: str, max_items: int) -> list[MessageView]:
        found = paginate(v0, "messages.list", chatId=chat_id, limit=100, max_items=max_items)
        return [message_view(message) async for message in found]

    async def version_document(self, v0: V0Client, chat_id: str, version_id: str) -> dict[str, Any]:
        raise V2Unsupported("API v2 has no versions: read the chat's files (v0://chats/{chatId}/files/{path})")

    async def file(self, v0: V0Client, chat_id: str, version_id: str, path: str) -> tuple[str | None, list[str]]:
        """Return a file of the chat (v2 keeps only the latest files: ``version_id`` is not used)."""
        files = (await v0.call("chats.getFiles", chatId=chat_id)).files or []
        found = next((file for file in files if file.path == path), None)
        if found is None:
            return None, sorted(file.path for file in files if file.path)
        return found.content or "", []

    async def logs(self, v0: V0Client, deployment_id: str, since: float | None = None) -> LogPage:
        raise V2Unsupported("on API v2 deployment logs are read from Vercel: call get_deployment_logs")

    async def all_logs(self, v0: V0Client, deployment_id: str, max_items: int) -> list[LogLine]:
        raise V2Unsupported("on API v2 deployment logs are read from Vercel: call get_deployment_logs")

    async def project_document(self, v0: V0Client, project_id: str) -> dict[str, Any]:
        raise V2Unsupported("API v2 has no v0 projects: a chat's project is a Vercel project (get_vercel_project)")

    async def recent_chats(self, v0: V0Client, limit: int, offset: int = 0) -> list[ChatBrief]:
        page = await v0.call("chats.list", limit=max(1, min(limit, 100)))
        return [chat_brief_of(chat) for chat in (page.chats or [])[offset:]]

    # -- completions ---------------------------------------------------------------------------------------------------

    async def version_choices(self, v0: V0Client, chat_id: str, limit: int) -> list[Choice]:
        page = await v0.call("messages.list", chatId=chat_id, limit=max(1, min(limit, 100)))
        return [Choice(m.id, m.role or "") for m in page.messages or []]

    async def project_choices(self, v0: V0Client) -> list[Choice]:
        return []

    async def file_choices(self, v0: V0Client, chat_id: str, version_id: str) -> list[Choice]:
        files = (await v0.call("chats.getFiles", chatId=chat_id)).files or []
        return [Choice(info.path, info.path) for info in file_infos(files)]

    async def deployment_choices(self, v0: V0Client, chat_id: str, version_id: str) -> list[Choice]:
        return []


V2: Final = V2Adapter()
