"""Compact shapes of v2 objects for agents: chats, messages, files, and what v0 is doing.

v2 messages carry ``parts`` (thinking, file reads and edits, commands, text, the
part a blocked generation waits on); results keep the text and name the files,
never the parts themselves.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import BaseModel

from .._results import Result, clip
from .._shapes import ChatBrief, Shape

__all__ = [
    "ChatFileInfo",
    "ChatSummary",
    "MessageSummary",
    "chat_brief_of",
    "chat_summary_of",
    "doing_of",
    "edited_files",
    "file_infos",
    "message_summary_of",
    "message_text",
]


class ChatFileInfo(Shape):
    path: str
    size: int
    encoding: str = "utf8"


class ChatSummary(Result):
    id: str
    title: str | None = None
    privacy: str | None = None
    createdAt: str | None = None
    updatedAt: str | None = None
    vercelProjectId: str | None = None
    metadata: dict[str, str] | None = None


class MessageSummary(Result):
    id: str
    role: str | None = None
    createdAt: str | None = None
    finishReason: str | None = None
    restorable: bool | None = None
    text: str | None = None
    filesEdited: list[str] | None = None


def _dump(item: Any) -> dict[str, Any]:
    if isinstance(item, BaseModel):
        data: dict[str, Any] = item.model_dump(mode="json", by_alias=True, exclude_none=True)
        return data
    return item if isinstance(item, dict) else {}


def message_text(parts: Iterable[Any] | None) -> str:
    """Return the text parts of a message, joined (what v0 said, not what it did)."""
    texts = [str(p.get("text") or "") for p in (_dump(p) for p in parts or []) if p.get("type") == "text"]
    return "\n\n".join(t.strip() for t in texts if t.strip())


def edited_files(parts: Iterable[Any] | None) -> list[str]:
    """Return the paths a message's ``file-edit`` parts touched, in order, once each."""
    paths = (_dump(p) for p in parts or [])
    found = [str(p.get("toPath") or p.get("path")) for p in paths if p.get("type") == "file-edit" and p.get("path")]
    return list(dict.fromkeys(found))


def doing_of(parts: Sequence[Any] | None) -> str:
    """Say in a few words what v0 is doing from the last part of a running message."""
    if not parts:
        return ""
    last = _dump(parts[-1])
    kind = last.get("type")
    if kind == "file-edit" and last.get("path"):
        return f"editing {last['path']}"
    if kind == "file-read" and last.get("path"):
        return f"reading {last['path']}"
    if kind == "thinking":
        return "thinking"
    if kind == "bash":
        return f"running {str(last.get('command') or 'a command')[:60]}"
    if kind == "search":
        return "searching"
    text = str(last.get("text") or "").strip().splitlines()
    if kind == "text" and text:
        line = text[-1]
        return line if len(line) <= 80 else "…" + line[-79:]
    return ""


def file_infos(files: Iterable[Any] | None) -> list[ChatFileInfo]:
    """Return paths, sizes (bytes as stored) and encodings of a chat's files, sorted by path."""
    infos = []
    for file in files or []:
        data = _dump(file)
        path = data.get("path")
        if not path:
            continue
        encoding = data.get("encoding") or "utf8"
        content = str(data.get("content") or "")
        size = len(_decoded(content)) if encoding == "base64" else len(content.encode("utf-8"))
        infos.append(ChatFileInfo(path=path, size=size, encoding=encoding))
    return sorted(infos, key=lambda info: info.path)


def _decoded(content: str) -> bytes:
    try:
        return base64.b64decode(content, validate=False)
    except ValueError:
        return content.encode()


def chat_brief_of(chat: Any) -> ChatBrief:
    data = _dump(chat)
    return ChatBrief(
        id=data["id"], name=data.get("title"), privacy=data.get("privacy"), updatedAt=data.get("updatedAt")
    )


def chat_summary_of(chat: Any) -> ChatSummary:
    data = _dump(chat)
    fields = ("title", "privacy", "createdAt", "updatedAt", "vercelProjectId", "metadata")
    return ChatSummary(id=data["id"], **{name: data[name] for name in fields if data.get(name) is not None})


def message_summary_of(message: Any, *, limit: int) -> MessageSummary:
    data = _dump(message)
    parts = data.get("parts")
    text = (data.get("content") or "").strip() or message_text(parts)
    return MessageSummary(
        id=data["id"],
        role=data.get("role"),
        createdAt=data.get("createdAt"),
        finishReason=data.get("finishReason"),
        restorable=data.get("restorable"),
        text=clip(text, limit) or None,
        filesEdited=edited_files(parts) or None,
    )
