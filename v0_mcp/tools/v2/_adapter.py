"""API v2 behind the :class:`~v0_mcp.tools._adapter.Adapter` seam.

The only module above ``api/`` that names v2's operationIds and response
attributes for waits, resources and completions. v2 has no versions: a chat's
latest state is its latest assistant message (``messages.list?limit=1``, or
``messages.get`` for a known one), and its files are the chat's files
(``chats.getFiles``, every file in full). Deployments and their logs live on
Vercel, not here: they are the deployments toolset's business.
"""

from __future__ import annotations

import base64
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Final

from pydantic import BaseModel

from ...api import MissingVercelToken, Operation, V0Client, V0Error, paginate
from ...uris import TEMPLATES_OF
from .._adapter import (
    ChatDocument,
    ChatSnapshot,
    Choice,
    Followed,
    GenerationStart,
    LogLine,
    LogPage,
    MessageView,
    Sources,
)
from .._shapes import ChatBrief
from ._shapes import chat_brief_of, doing_of, file_infos, message_text

__all__ = ["ADAPTER", "V2", "V2Adapter", "V2Unsupported"]

if TYPE_CHECKING:
    from ...api.vercel import VercelClient

RUNTIME_LOG_SECONDS: Final = 3.0  # how long a resource read follows a deployment's runtime log stream
NO_VERCEL: Final = (
    "Deployment logs and Vercel projects are read from Vercel on API v2: set VERCEL_TOKEN "
    "(https://vercel.com/account/tokens) and VERCEL_TEAM_ID (the team that owns v0's projects) "
    "in the MCP server's environment."
)
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

    templates: Final = TEMPLATES_OF["v2"]

    async def chat_document(self, v0: V0Client, chat_id: str) -> ChatDocument:
        chat = await v0.call("chats.get", chatId=chat_id)
        latest = await self.latest_message(v0, chat_id)
        data = _data(chat)
        if latest is not None:
            data["latestMessage"] = _message_data(latest)
        return ChatDocument(
            data=data,
            project_id=chat.vercelProjectId or None,
            latest_message_id=getattr(latest, "id", None),
        )

    async def messages(self, v0: V0Client, chat_id: str, max_items: int) -> list[MessageView]:
        found = paginate(v0, "messages.list", chatId=chat_id, limit=100, max_items=max_items)
        return [message_view(message) async for message in found]

    async def message(self, v0: V0Client, chat_id: str, message_id: str) -> MessageView:
        return message_view(await v0.call("messages.get", chatId=chat_id, messageId=message_id))

    async def version_document(self, v0: V0Client, chat_id: str, version_id: str) -> dict[str, Any]:
        raise V2Unsupported("API v2 has no versions: read the chat's files (v0://chats/{chatId}/files/{path})")

    async def file(self, v0: V0Client, chat_id: str, version_id: str, path: str) -> tuple[str | None, list[str]]:
        raise V2Unsupported("API v2 has no versions: read the chat's files (v0://chats/{chatId}/files/{path})")

    async def _files(self, sources: Sources, v0: V0Client, chat_id: str) -> list[Any]:
        """Return the chat's files (each in full), from the runtime's cache, which the files tools share.

        The cache holds the list of ``{path, content, encoding}`` models, as ``get_chat_files`` keeps it.
        """
        cached = sources.cached_files(v0, chat_id)
        if cached is None:
            cached = list((await v0.call("chats.getFiles", chatId=chat_id)).files or [])
            sources.cache_files(v0, chat_id, cached)
        return list(cached)

    async def chat_file(
        self, sources: Sources, v0: V0Client, chat_id: str, path: str
    ) -> tuple[str | bytes | None, list[str]]:
        files = await self._files(sources, v0, chat_id)
        found = next((file for file in files if _data(file).get("path") == path), None)
        if found is None:
            return None, sorted(str(_data(file).get("path")) for file in files if _data(file).get("path"))
        data = _data(found)
        content = str(data.get("content") or "")
        if data.get("encoding") == "base64":
            return base64.b64decode(content), []
        return content, []

    async def logs(self, sources: Sources, v0: V0Client, deployment_id: str, since: float | None = None) -> LogPage:
        """Return the build events recorded after ``since`` (Vercel's ms timestamp) and where the next page starts."""
        query: dict[str, Any] = {"limit": -1}
        if since is not None:
            query["since"] = int(since)
        events = await _vercel(sources).build_events(deployment_id, **query)
        lines = [_event_line(event) for event in events]
        created = [float(event["created"]) for event in events if isinstance(event.get("created"), int | float)]
        return LogPage(lines=lines, next_since=max(created) + 1 if created else since)

    async def all_logs(self, sources: Sources, v0: V0Client, deployment_id: str, max_items: int) -> list[LogLine]:
        """Return the build's events, then (once the deployment serves) its runtime log lines, oldest first."""
        vercel = _vercel(sources)
        deployment = await vercel.get_deployment(deployment_id)
        events = await vercel.build_events(deployment_id, limit=-1)
        lines = [_event_line(event) for event in events][:max_items]
        if deployment.readyState == "READY" and deployment.projectId and len(lines) < max_items:
            read = await vercel.runtime_logs(
                deployment.projectId, deployment_id, deadline=RUNTIME_LOG_SECONDS, max_lines=max_items - len(lines)
            )
            lines.extend(_runtime_line(line) for line in read.items)
        return lines

    async def project_document(self, sources: Sources, v0: V0Client, project_id: str) -> dict[str, Any]:
        """Return the Vercel project and the v0 chats that build into it."""
        project = await _vercel(sources).get_project(project_id)
        data = _data(project)
        page = await v0.call("chats.list", vercelProjectId=project_id, limit=100)
        data["chats"] = [{"id": chat.id, "title": chat.title} for chat in page.chats or []]
        return data

    async def recent_chats(self, v0: V0Client, limit: int, offset: int = 0) -> list[ChatBrief]:
        page = await v0.call("chats.list", limit=max(1, min(limit + offset, 100)))
        return [chat_brief_of(chat) for chat in (page.chats or [])[offset:]]

    # -- completions ---------------------------------------------------------------------------------------------------

    async def version_choices(self, v0: V0Client, chat_id: str, limit: int) -> list[Choice]:
        return []  # no versions on v2

    async def message_choices(self, v0: V0Client, chat_id: str, limit: int) -> list[Choice]:
        page = await v0.call("messages.list", chatId=chat_id, limit=max(1, min(limit, 100)))
        return [Choice(m.id, m.role or "") for m in page.messages or []]

    async def project_choices(self, sources: Sources, v0: V0Client) -> list[Choice]:
        if sources.vercel is None or not sources.vercel.has_token:
            return []
        page = await sources.vercel.list_projects()
        return [Choice(project.id, project.name or "") for project in page.projects or []]

    async def file_choices(self, sources: Sources, v0: V0Client, chat_id: str, version_id: str | None) -> list[Choice]:
        return [Choice(info.path, info.path) for info in file_infos(await self._files(sources, v0, chat_id))]

    async def deployment_choices(
        self, sources: Sources, v0: V0Client, chat_id: str | None, version_id: str | None
    ) -> list[Choice]:
        """Return the deployments of the chat's Vercel project, else the team's latest."""
        if sources.vercel is None or not sources.vercel.has_token:
            return []
        query: dict[str, Any] = {}
        if chat_id:
            project = (await v0.call("chats.get", chatId=chat_id)).vercelProjectId
            if not project:
                return []
            query["projectId"] = project
        page = await sources.vercel.list_deployments(**query)
        return [Choice(item.uid, item.url or "") for item in page.deployments or []]


def _vercel(sources: Sources) -> VercelClient:
    """Return the Vercel client, or fail with what to set (every other resource works without it)."""
    if sources.vercel is None or not sources.vercel.has_token:
        raise MissingVercelToken(NO_VERCEL)
    return sources.vercel


def _message_data(message: Any) -> dict[str, Any]:
    view = message_view(message)
    data = {"id": view.id, "role": view.role, "createdAt": view.created_at, "finishReason": view.finish_reason}
    return {key: value for key, value in data.items() if value is not None}


def _ms_iso(value: Any) -> str | None:
    if not isinstance(value, int | float):
        return None
    return datetime.fromtimestamp(value / 1000, tz=UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _event_line(event: Mapping[str, Any]) -> LogLine:
    """One Vercel build event as a log line: stderr, fatal and error-level events are errors."""
    payload = event.get("payload") if isinstance(event.get("payload"), Mapping) else None
    data: Mapping[str, Any] = payload or event
    kind = str(event.get("type") or "")
    level = data.get("level") or ("error" if kind in ("stderr", "fatal") else "info")
    text = data.get("text")
    if text is None and kind == "deployment-state":
        text = f"deployment state: {(data.get('info') or {}).get('readyState', '?')}"
    return LogLine(
        id=str(data.get("id") or data.get("serial") or "") or None,
        created_at=_ms_iso(data.get("created") or data.get("date")),
        level=str(level),
        text=str(text) if text is not None else kind,
    )


def _runtime_line(line: Any) -> LogLine:
    """One runtime log line: its message, else the request it records."""
    request = " ".join(str(part) for part in (line.requestMethod, line.requestPath) if part)
    if line.responseStatusCode is not None:
        request = f"{request} {int(line.responseStatusCode)}".strip()
    return LogLine(
        id=line.rowId,
        created_at=_ms_iso(line.timestampInMs),
        level=line.level or "info",
        text=line.message or request,
    )


V2: Final = V2Adapter()
ADAPTER: Final = V2  # the name every version's adapter has (``DeferredAdapter`` loads it)
