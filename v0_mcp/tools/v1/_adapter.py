"""API v1 behind the :class:`~v0_mcp.tools._adapter.Adapter` seam.

The only module above ``api/`` that names v1's operationIds and response
attributes (``latestVersion``, ``demoUrl``, ``responseMode``, ...) for waits,
resources and completions.
"""

from __future__ import annotations

import typing
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Final

import anyio
from pydantic import BaseModel

from ...api import ContentAccumulator, Operation, V0Client, V0Error, content_text, paginate
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
from ._shapes import chat_brief_of, chat_of, files_of, last_assistant, project_of, version_of

__all__ = ["ADAPTER", "V1", "V1Adapter"]

_ASYNC: Final = "responseMode"
_DEPLOYMENT_SOURCES: Final = 5  # versions whose deployments one completion looks at


def _dump(model: Any) -> dict[str, Any]:
    data: dict[str, Any] = model.model_dump(mode="json", exclude_none=True)
    return data


def _message(message: Any) -> MessageView:
    content = getattr(message, "content", None)
    text = (content or "").strip()
    rich = getattr(message, "experimental_content", None)
    if not text and rich:
        text = content_text(rich).strip()
    attachments = tuple(a.name or a.url or "?" for a in getattr(message, "attachments", None) or [])
    return MessageView(
        id=getattr(message, "id", None),
        role=getattr(message, "role", None),
        content=content,
        text=text,
        created_at=getattr(message, "createdAt", None),
        type=getattr(message, "type", None),
        finish_reason=getattr(message, "finishReason", None),
        attachments=attachments,
    )


def _find_file(files: Sequence[Any] | None, path: str) -> Any:
    return next((file for file in files or [] if file.name == path), None)


class V1Adapter:
    """API v1: a chat detail carries its latest version and its messages."""

    templates: Final = TEMPLATES_OF["v1"]

    # -- generations ---------------------------------------------------------------------------------------------------

    def generation_start(self, op: Operation) -> GenerationStart:
        # v1 picks the mode with responseMode in the body; chats.init has none and answers at once.
        takes_mode = any(_ASYNC in model.model_fields for model in _body_models(op.body))
        if not takes_mode:
            return GenerationStart()
        return GenerationStart(arguments={_ASYNC: "async"}, hidden=frozenset({_ASYNC}), waits=True)

    def snapshot(self, chat: Any, message_id: str | None = None) -> ChatSnapshot:
        messages = getattr(chat, "messages", None) or []
        message = next((m for m in messages if m.id == message_id), None) if message_id else None
        message = message or last_assistant(chat)
        version = getattr(chat, "latestVersion", None)
        files = getattr(version, "files", None) if version is not None else None
        return ChatSnapshot(
            chat_id=chat.id,
            name=getattr(chat, "name", None),
            web_url=getattr(chat, "webUrl", None),
            updated_at=getattr(chat, "updatedAt", None),
            version_id=getattr(version, "id", None),
            version_status=getattr(version, "status", None),
            demo_url=getattr(version, "demoUrl", None),
            files=files_of(files) if files is not None else None,
            message_count=len(messages),
            reply=_message(message) if message is not None else None,
        )

    async def chat(self, v0: V0Client, chat_id: str, message_id: str | None = None) -> ChatSnapshot:
        return self.snapshot(await v0.call("chats.getById", chatId=chat_id), message_id)

    async def message_role(self, v0: V0Client, chat_id: str, message_id: str) -> str | None:
        message = await v0.call("chats.getMessage", chatId=chat_id, messageId=message_id)
        role: str | None = message.role
        return role

    async def stop(self, v0: V0Client, chat_id: str, message_id: str) -> None:
        await v0.call("chats.stop", chatId=chat_id, messageId=message_id)

    async def follow(
        self, v0: V0Client, chat_id: str, message_id: str, on_text: Callable[[str], Awaitable[None]]
    ) -> Followed:
        followed, content = Followed(), ContentAccumulator()
        async with v0.stream("chats.resume", chatId=chat_id, messageId=message_id) as events:
            async for event in events:
                followed.events += 1
                if event.object == "message.experimental_content.chunk":
                    content.apply(event.delta)
                    followed.text = content.text
                    await on_text(followed.text)
                elif event.object == "chat":
                    followed.chat = event.data
        return followed

    # -- resources -----------------------------------------------------------------------------------------------------

    async def chat_document(self, v0: V0Client, chat_id: str) -> ChatDocument:
        chat = await v0.call("chats.getById", chatId=chat_id)
        latest = chat.latestVersion
        return ChatDocument(
            data=_dump(chat_of(chat)),
            latest_version_id=latest.id if latest is not None else None,
            project_id=chat.projectId or None,
        )

    async def messages(self, v0: V0Client, chat_id: str, max_items: int) -> list[MessageView]:
        found = paginate(v0, "chats.findMessages", chatId=chat_id, limit=100, max_items=max_items)
        return [_message(message) async for message in found]

    async def message(self, v0: V0Client, chat_id: str, message_id: str) -> MessageView:
        return _message(await v0.call("chats.getMessage", chatId=chat_id, messageId=message_id))

    async def version_document(self, v0: V0Client, chat_id: str, version_id: str) -> dict[str, Any]:
        return _dump(version_of(await v0.call("chats.getVersion", chatId=chat_id, versionId=version_id)))

    async def file(self, v0: V0Client, chat_id: str, version_id: str, path: str) -> tuple[str | None, list[str]]:
        version = await v0.call("chats.getVersion", chatId=chat_id, versionId=version_id)
        found = _find_file(version.files, path)
        if found is None:  # v0's default files are listed only on request
            version = await v0.call("chats.getVersion", chatId=chat_id, versionId=version_id, includeDefaultFiles=True)
            found = _find_file(version.files, path)
        if found is None:
            return None, sorted(file.name for file in version.files or [] if file.name)
        return found.content or "", []

    async def chat_file(self, sources: Sources, v0: V0Client, chat_id: str, path: str) -> tuple[str | None, list[str]]:
        """Return a file of the chat's latest version."""
        latest = (await v0.call("chats.getById", chatId=chat_id)).latestVersion
        if latest is None:
            return None, []
        return await self.file(v0, chat_id, latest.id, path)

    async def logs(self, sources: Sources, v0: V0Client, deployment_id: str, since: float | None = None) -> LogPage:
        arguments: dict[str, Any] = {"deploymentId": deployment_id}
        if since is not None:
            arguments["since"] = since
        page = await v0.call("deployments.findLogs", **arguments)
        return LogPage(lines=[_log(log) for log in page.logs or []], next_since=page.nextSince)

    async def all_logs(self, sources: Sources, v0: V0Client, deployment_id: str, max_items: int) -> list[LogLine]:
        found = paginate(v0, "deployments.findLogs", deploymentId=deployment_id, max_items=max_items)
        return [_log(log) async for log in found]

    async def project_document(self, sources: Sources, v0: V0Client, project_id: str) -> dict[str, Any]:
        return _dump(project_of(await v0.call("projects.getById", projectId=project_id)))

    async def recent_chats(self, v0: V0Client, limit: int, offset: int = 0) -> list[ChatBrief]:
        page = await v0.call("chats.find", limit=limit, offset=offset)
        return [chat_brief_of(chat) for chat in page.data or []]

    # -- completions ---------------------------------------------------------------------------------------------------

    async def version_choices(self, v0: V0Client, chat_id: str, limit: int) -> list[Choice]:
        page = await v0.call("chats.findVersions", chatId=chat_id, limit=limit)
        return [Choice(version.id, version.status or "") for version in page.data or []]

    async def message_choices(self, v0: V0Client, chat_id: str, limit: int) -> list[Choice]:
        page = await v0.call("chats.findMessages", chatId=chat_id, limit=limit)
        return [Choice(message.id, message.role or "") for message in page.data or []]

    async def project_choices(self, sources: Sources, v0: V0Client) -> list[Choice]:
        page = await v0.call("projects.find")
        return [Choice(project.id, project.name or "") for project in page.data or []]

    async def file_choices(self, sources: Sources, v0: V0Client, chat_id: str, version_id: str | None) -> list[Choice]:
        if version_id is None:  # the chat's current files: its latest version's
            latest = (await v0.call("chats.getById", chatId=chat_id)).latestVersion
            if latest is None:
                return []
            version_id = latest.id
        version = await v0.call("chats.getVersion", chatId=chat_id, versionId=version_id)
        return [Choice(file.name, file.name) for file in version.files or [] if file.name]

    async def deployment_choices(
        self, sources: Sources, v0: V0Client, chat_id: str | None, version_id: str | None
    ) -> list[Choice]:
        """Return deployments of the given version, else of a chat's recent versions, else of recent chats."""
        if chat_id and version_id:
            pairs = [(chat_id, version_id)]
        elif chat_id:
            versions = await self.version_choices(v0, chat_id, _DEPLOYMENT_SOURCES)
            pairs = [(chat_id, version.value) for version in versions[:_DEPLOYMENT_SOURCES]]
        else:
            chats = await self.recent_chats(v0, _DEPLOYMENT_SOURCES)
            pairs = [(chat.id, chat.latestVersionId) for chat in chats if chat.latestVersionId is not None]
        found: list[Choice] = []

        async def collect(chat: str, version: str) -> None:
            try:
                page = await v0.call("deployments.find", chatId=chat, versionId=version)
            except V0Error:
                return
            found.extend(Choice(deployment.id, deployment.webUrl or "") for deployment in page.data or [])

        async with anyio.create_task_group() as group:
            for chat, version in pairs:
                group.start_soon(collect, chat, version)
        return found


def _log(log: Any) -> LogLine:
    return LogLine(id=log.id, created_at=log.createdAt, level=log.level, text=log.text)


def _body_models(body: Any) -> list[Any]:
    if body is None:
        return []
    if isinstance(body, type) and issubclass(body, BaseModel):
        return [body]
    if typing.get_origin(body) is typing.Annotated:
        return _body_models(typing.get_args(body)[0])
    return [model for arm in typing.get_args(body) for model in _body_models(arm)]


V1: Final = V1Adapter()
ADAPTER: Final = V1  # the name every version's adapter has (``DeferredAdapter`` loads it)
