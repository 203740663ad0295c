"""Handlers of a chat's files, its preview and its Vercel Connect setup.

Files are the chat's current files with full content (``utf8``, or ``base64`` for
binary files). Editing them needs the preview running (``getPreview`` answered with a
token that has not expired), else 409; the edit, and a restore, are recorded as a user
and an assistant message (their content is undocumented; these say what changed). The
preview is ``null`` for ``preview_delay`` seconds after the first ``getPreview``, then
``{url, token, expiresAt}`` with a URL served by this simulator under ``/v2-preview/``.
"""

from __future__ import annotations

import base64
import io
import time
import zipfile
from posixpath import normpath
from typing import Any

from starlette.responses import Response

from .._clock import iso
from .._errors import ApiError
from .._generate import slugify
from ._errors import FileIssues
from ._lifecycle import add_message, record_files
from ._registry import V2Call, handles
from ._shapes import message_json
from ._state import Chat, FileEntry, Message, V2Workspace

__all__ = ["file_bytes", "preview_running"]

JSON = dict[str, Any]


def file_bytes(entry: FileEntry) -> bytes:
    return base64.b64decode(entry.content) if entry.encoding == "base64" else entry.content.encode()


def preview_running(chat: Chat, now: float) -> bool:
    return chat.preview.token is not None and now < chat.preview.expires_at


def _settled(ws: V2Workspace, chat: Chat) -> None:
    """409 while the chat's first generation runs and there is nothing to read yet."""
    latest = ws.latest(chat)
    if not chat.files and latest is not None and not latest.finished:
        raise ApiError(409, "The chat has no files yet: its first generation is still running")


@handles("chats.getFiles")
def get_files(call: V2Call) -> JSON:
    chat = call.ws.chat(call.params["chatId"])
    _settled(call.ws, chat)
    return {
        "files": [
            {"path": path, "content": entry.content, "encoding": entry.encoding}
            for path, entry in sorted(chat.files.items())
        ]
    }


@handles("chats.downloadFiles")
def download_files(call: V2Call) -> Response:
    chat = call.ws.chat(call.params["chatId"])
    _settled(call.ws, chat)
    stamp = time.gmtime(max(chat.updated_at, 315_532_800))[:6]  # zip dates start in 1980
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path, entry in sorted(chat.files.items()):
            info = zipfile.ZipInfo(path, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, file_bytes(entry))
    name = slugify(chat.title or chat.id) or chat.id
    return Response(
        buffer.getvalue(),
        media_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{name}.zip"'},
    )


def _bad_path(path: str) -> str | None:
    if not path.strip():
        return "Path must not be empty"
    if path.startswith("/") or normpath(path) != path or path.startswith(".."):
        return f"Path must be relative and normalised: {path!r}"
    return None


@handles("chats.updateFiles")
def update_files(call: V2Call) -> JSON:
    chat = call.ws.chat(call.params["chatId"])
    issues: list[dict[str, str]] = []
    changes: dict[str, FileEntry | None] = {}
    for index, item in enumerate(call.body["files"]):
        path, content = item["path"], item["content"]
        problem = _bad_path(path)
        if problem:
            issues.append({"path": f"files.{index}.path", "error": problem})
        elif path in changes:
            issues.append({"path": f"files.{index}.path", "error": f"Duplicate path: {path}"})
        elif content is None and path not in chat.files:
            issues.append({"path": f"files.{index}.path", "error": f"No such file to delete: {path}"})
        elif content is not None and "\x00" in content:
            issues.append({"path": f"files.{index}.content", "error": "File content must be valid UTF-8 text"})
        changes[path] = None if content is None else FileEntry(content)
    if not call.body["files"]:
        issues.append({"path": "files", "error": "Send at least one file"})
    if issues:
        raise FileIssues(issues)
    if not preview_running(chat, call.now):
        raise ApiError(409, "The chat's preview is not running: call chats.getPreview until it is not null, then retry")
    names = ", ".join(changes)
    user = add_message(call.ws, chat, role="user", content=f"Edited {names}", now=call.now)
    parts = [_edit_part(chat, path, entry) for path, entry in changes.items()]
    record = add_message(call.ws, chat, role="assistant", content="", now=call.now, parts=parts)
    record_files(chat, record, changes, at=call.now)
    return {"messages": [message_json(call.ws, m, call.now) for m in (user, record)]}


def _edit_part(chat: Chat, path: str, entry: FileEntry | None) -> JSON:
    operation = "delete" if entry is None else ("update" if path in chat.files else "create")
    return {"type": "file-edit", "operation": operation, "path": path}


@handles("chats.restoreMessage")
def restore_message(call: V2Call) -> JSON:
    chat = call.ws.chat(call.params["chatId"])
    source = call.ws.message(chat, call.body["messageId"])
    if source.role != "assistant" or source.files_after is None:
        raise ApiError(409, "This message has no files to restore (only finished assistant messages that wrote code)")
    if source.files_after == chat.files:
        raise ApiError(409, "The files of this message are already the chat's latest files")
    target = source.files_after
    changes: dict[str, FileEntry | None] = {p: None for p in chat.files if p not in target}
    changes.update({p: e for p, e in target.items() if chat.files.get(p) != e})
    user = add_message(call.ws, chat, role="user", content=f"Restored the files of message {source.id}", now=call.now)
    parts = [_edit_part(chat, path, entry) for path, entry in changes.items()]
    record = add_message(call.ws, chat, role="assistant", content="", now=call.now, parts=parts)
    record_files(chat, record, changes, at=call.now)
    return {"messages": [message_json(call.ws, m, call.now) for m in (user, record)]}


@handles("chats.getPreview")
def get_preview(call: V2Call) -> JSON | None:
    chat = call.ws.chat(call.params["chatId"])
    preview, settings = chat.preview, call.api.settings
    if preview.started_at is None:
        preview.started_at = call.now
    if call.now < preview.started_at + settings.preview_delay:
        return None
    if not preview_running(chat, call.now):
        preview.token = call.ws.ids.opaque("pvt_", 32)
        preview.expires_at = call.now + settings.preview_ttl
    origin = f"{call.request.url.scheme}://{call.request.url.netloc}"
    return {"url": f"{origin}/v2-preview/{chat.id}/", "token": preview.token, "expiresAt": iso(preview.expires_at)}


@handles("chats.getConnectStatus")
def get_connect_status(call: V2Call) -> JSON:
    chat = call.ws.chat(call.params["chatId"])
    request = call.ws.connect.get(call.query["requestId"])
    if request is None or request.chat_id != chat.id:
        raise ApiError(404, f"Connect setup not found: {call.query['requestId']}")
    message: Message | None = call.ws.messages.get(request.message_id)
    if message is None or (message.finished and message.task is None):
        return {"status": "error", "message": "The generation that asked for this connector was stopped."}
    if not message.finished or call.now < request.ready_at:
        return {"status": "pending", "progress": "Waiting for the connector to be authorized"}
    return {
        "status": "ready",
        "connector": {
            "id": "conn_" + request.id.removeprefix("vcr_"),
            "name": "Linear",
            "service": "linear",
            "type": "oauth",
            "supportedSubjectTypes": ["user"],
            "supportsInstallation": False,
            "attachedToProject": True,
        },
    }
