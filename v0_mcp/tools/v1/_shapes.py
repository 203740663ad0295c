"""API v1's objects in the compact shapes agents get: each ``*_of`` reads a v1 response model.

None of them calls the API.
"""

from __future__ import annotations

from typing import Any

from .._results import clip
from .._shapes import ChatBrief, ChatInfo, Deleted, DeploymentInfo, FileInfo, MessageInfo, ProjectInfo, VersionInfo

__all__ = [
    "chat_brief_of",
    "chat_of",
    "deleted_of",
    "deployment_of",
    "files_of",
    "last_assistant",
    "message_of",
    "project_of",
    "version_of",
]


def _get(obj: Any, name: str) -> Any:
    return getattr(obj, name, None) if not isinstance(obj, dict) else obj.get(name)


def files_of(files: Any) -> list[FileInfo]:
    """Return name, size in bytes and lock state of each file (never its content)."""
    out = []
    for file in files or []:
        content = _get(file, "content") or ""
        out.append(FileInfo(name=_get(file, "name") or "?", size=len(content.encode()), locked=_get(file, "locked")))
    return out


def version_of(version: Any, *, with_files: bool = True) -> VersionInfo:
    files = _get(version, "files")
    return VersionInfo(
        id=_get(version, "id"),
        status=_get(version, "status"),
        demoUrl=_get(version, "demoUrl"),
        screenshotUrl=_get(version, "screenshotUrl"),
        createdAt=_get(version, "createdAt"),
        files=files_of(files) if with_files and files is not None else None,
    )


def message_of(message: Any, *, limit: int = 1_000) -> MessageInfo:
    return MessageInfo(
        id=_get(message, "id"),
        role=_get(message, "role"),
        type=_get(message, "type"),
        createdAt=_get(message, "createdAt"),
        finishReason=_get(message, "finishReason"),
        text=clip(_get(message, "content"), limit),
    )


def last_assistant(chat: Any) -> Any:
    """Return the newest assistant message of a chat detail, if any."""
    messages = [m for m in (_get(chat, "messages") or []) if _get(m, "role") == "assistant"]
    return max(messages, key=lambda m: _get(m, "createdAt") or "", default=None)


def chat_brief_of(chat: Any) -> ChatBrief:
    latest = _get(chat, "latestVersion")
    return ChatBrief(
        id=_get(chat, "id"),
        name=_get(chat, "name"),
        privacy=_get(chat, "privacy"),
        favorite=_get(chat, "favorite"),
        updatedAt=_get(chat, "updatedAt"),
        webUrl=_get(chat, "webUrl"),
        latestVersionId=_get(latest, "id") if latest else None,
        latestVersionStatus=_get(latest, "status") if latest else None,
        demoUrl=_get(latest, "demoUrl") if latest else None,
    )


def chat_of(chat: Any, *, note: str | None = None) -> ChatInfo:
    latest = _get(chat, "latestVersion")
    reply = last_assistant(chat)
    messages = _get(chat, "messages")
    return ChatInfo(
        id=_get(chat, "id"),
        name=_get(chat, "name"),
        privacy=_get(chat, "privacy"),
        favorite=_get(chat, "favorite"),
        projectId=_get(chat, "projectId"),
        createdAt=_get(chat, "createdAt"),
        updatedAt=_get(chat, "updatedAt"),
        webUrl=_get(chat, "webUrl"),
        demoUrl=_get(latest, "demoUrl") if latest else None,
        latestVersion=version_of(latest) if latest else None,
        messageCount=len(messages) if messages is not None else None,
        lastReply=clip(_get(reply, "content"), 1_500) if reply is not None else None,
        note=note,
    )


def project_of(project: Any) -> ProjectInfo:
    chats = _get(project, "chats")
    return ProjectInfo(
        id=_get(project, "id"),
        name=_get(project, "name"),
        description=_get(project, "description"),
        privacy=_get(project, "privacy"),
        vercelProjectId=_get(project, "vercelProjectId"),
        webUrl=_get(project, "webUrl"),
        createdAt=_get(project, "createdAt"),
        chats=[chat_brief_of(c) for c in chats] if chats is not None else None,
    )


def deployment_of(deployment: Any) -> DeploymentInfo:
    return DeploymentInfo(
        id=_get(deployment, "id"),
        status=_get(deployment, "status"),
        projectId=_get(deployment, "projectId"),
        chatId=_get(deployment, "chatId"),
        versionId=_get(deployment, "versionId"),
        webUrl=_get(deployment, "webUrl"),
        inspectorUrl=_get(deployment, "inspectorUrl"),
        apiUrl=_get(deployment, "apiUrl"),
    )


def deleted_of(response: Any) -> Deleted:
    return Deleted(id=_get(response, "id"), object=_get(response, "object"), deleted=bool(_get(response, "deleted")))
