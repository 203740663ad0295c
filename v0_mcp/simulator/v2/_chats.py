"""Handlers of chats: create (sync, stream, async), imports, list, get, update, delete, duplicate, resume."""

from __future__ import annotations

import base64
import json
from typing import Any

import anyio
from starlette.responses import Response

from .._errors import ApiError
from .._generate import imported_files, slugify
from ._lifecycle import add_message, complete, new_chat, record_files, start_generation
from ._registry import V2Call, handles
from ._shapes import chat_json, zero_usage
from ._state import Chat, FileEntry, Message
from ._stream import chat_stream
from ._webhooks import emit

__all__ = ["begin", "decode_cursor", "encode_cursor", "wait_for"]

JSON = dict[str, Any]


def _model(body: JSON) -> str:
    return str((body.get("modelConfiguration") or {}).get("modelId", "v0-pro"))


def begin(call: V2Call, chat: Chat, body: JSON) -> Message:
    """Record the user's message and start the assistant's answer."""
    add_message(call.ws, chat, role="user", content=body["message"], now=call.now, attachments=body.get("attachments"))
    return start_generation(
        call.ws,
        chat,
        body["message"],
        now=call.now,
        duration=call.api.config.generation_delay,
        seed=call.api.config.seed,
        model_id=_model(body),
    )


async def wait_for(call: V2Call, message: Message) -> None:
    """Block until ``message`` is finished, as the sync endpoints do (at most ``generation_delay`` of real time)."""
    remaining = max(0.0, min(call.api.config.generation_delay, (message.completes_at or 0.0) - call.clock()))
    steps = 10
    for _ in range(steps):
        if message.finished:
            return
        await anyio.sleep(remaining / steps)
    if not message.finished:
        complete(
            call.ws, message, at=message.completes_at or call.clock(), connect_delay=call.api.settings.connect_delay
        )


def _create(call: V2Call) -> tuple[Chat, Message]:
    body = call.body
    chat = new_chat(
        call.ws,
        title=body.get("title"),
        privacy=body.get("privacy", "private"),
        metadata=body.get("metadata") or {},
        now=call.now,
        system_prompt=body.get("systemPrompt"),
    )
    _check_servers(call, body)
    return chat, begin(call, chat, body)


def _check_servers(call: V2Call, body: JSON) -> None:
    for server_id in body.get("mcpServerIds") or []:
        call.ws.mcp_server(server_id)


@handles("chats.create")
async def create(call: V2Call) -> JSON:
    chat, message = _create(call)
    await wait_for(call, message)
    return {"chat": chat_json(chat), "usage": message.usage or zero_usage()}


@handles("chats.createStream")
def create_stream(call: V2Call) -> Response:
    chat, message = _create(call)
    return chat_stream(call, chat, message, new=True)


@handles("chats.createAsync")
def create_async(call: V2Call) -> JSON:
    chat, message = _create(call)
    return {"chatId": chat.id, "messageId": message.id}


def _import(call: V2Call, files: dict[str, str], *, label: str) -> JSON:
    """Create a chat holding ``files`` (no generation runs: the docs are silent, so imports are instant)."""
    body = call.body
    chat = new_chat(
        call.ws,
        title=body.get("title") or label,
        privacy=body.get("privacy", "private"),
        metadata=body.get("metadata") or {},
        now=call.now,
    )
    add_message(call.ws, chat, role="user", content=f"Imported {len(files)} files from {label}", now=call.now)
    parts: list[JSON] = [{"type": "file-edit", "operation": "create", "path": path} for path in files]
    record = add_message(call.ws, chat, role="assistant", content="", now=call.now, parts=parts)
    record_files(chat, record, {path: FileEntry(content) for path, content in files.items()}, at=call.now)
    return {"chat": chat_json(chat), "usage": zero_usage()}


@handles("chats.createFromFiles")
def create_from_files(call: V2Call) -> JSON:
    files: dict[str, str] = {}
    for index, item in enumerate(call.body["files"]):
        if item["name"] in files:
            raise ApiError(422, f"Invalid request body: files.{index}.name: duplicate path {item['name']!r}")
        files[item["name"]] = item["content"]
    return _import(call, files, label=call.body.get("title") or "uploaded files")


@handles("chats.createFromZip")
def create_from_zip(call: V2Call) -> JSON:
    url = call.body["url"]
    label = slugify(url.rstrip("/").rsplit("/", 1)[-1].removesuffix(".zip")) or "archive"
    return _import(call, imported_files("zip", label, url, call.api.config.seed), label=label)


@handles("chats.createFromRepo")
def create_from_repo(call: V2Call) -> JSON:
    repo = call.body["repo"]
    url = repo["url"]
    label = url.rstrip("/").removesuffix(".git").split("github.com/")[-1] or "repository"
    return _import(call, imported_files("repo", label, url, call.api.config.seed), label=label)


@handles("chats.list")
def list_chats(call: V2Call) -> JSON:
    query = call.query
    chats = sorted(call.ws.chats.values(), key=lambda c: (c.updated_at, c.created_at), reverse=True)
    if "authorId" in query:
        chats = [c for c in chats if c.author_id == query["authorId"]]
    if "vercelProjectId" in query:
        chats = [c for c in chats if c.vercel_project_id == query["vercelProjectId"]]
    for key, value in (query.get("metadata") or {}).items():
        chats = [c for c in chats if c.metadata.get(key) == value]
    start = decode_cursor(query.get("cursor"))
    limit = int(query.get("limit", 20))
    page = chats[start : start + limit]
    more = start + limit < len(chats)
    return {"chats": [chat_json(c) for c in page], "cursor": encode_cursor(start + limit) if more else None}


def encode_cursor(offset: int) -> str:
    """An opaque cursor (v2's are unpadded base64 of a small JSON object)."""
    return base64.urlsafe_b64encode(json.dumps({"o": offset}).encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        offset = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))["o"]
    except (ValueError, TypeError, KeyError):
        raise ApiError(422, f"Invalid request query: cursor: not a cursor this API issued ({cursor!r})") from None
    if not isinstance(offset, int) or offset < 0:
        raise ApiError(422, f"Invalid request query: cursor: not a cursor this API issued ({cursor!r})")
    return offset


@handles("chats.get")
def get(call: V2Call) -> JSON:
    return chat_json(call.ws.chat(call.params["chatId"]))


@handles("chats.update")
def update(call: V2Call) -> JSON:
    chat, body = call.ws.chat(call.params["chatId"]), call.body
    if "title" in body:
        chat.title = body["title"]
    if "privacy" in body:
        chat.privacy = body["privacy"]
    if body.get("metadata") is not None:
        for key, value in body["metadata"].items():
            if value is None:
                chat.metadata.pop(key, None)
            else:
                chat.metadata[key] = value
    chat.updated_at = call.now
    emit(call.ws, "chat.updated", {"chatId": chat.id}, chat_id=chat.id, now=call.now)
    return chat_json(chat)


@handles("chats.delete")
def delete(call: V2Call) -> JSON:
    chat = call.ws.chat(call.params["chatId"])
    for message_id in chat.message_ids:
        emit(call.ws, "message.deleted", {"chatId": chat.id, "messageId": message_id}, chat_id=chat.id, now=call.now)
    emit(call.ws, "chat.deleted", {"chatId": chat.id}, chat_id=chat.id, now=call.now)
    call.ws.delete_chat(chat)
    return {"chatId": chat.id}


@handles("chats.duplicate")
def duplicate(call: V2Call) -> JSON:
    source, body = call.ws.chat(call.params["chatId"]), call.body
    title = body.get("title") or _next_title(call, source.title or "Untitled chat")
    chat = new_chat(
        call.ws, title=title, privacy=body.get("privacy", "private"), metadata=source.metadata, now=call.now
    )
    chat.system_prompt = source.system_prompt
    for message in call.ws.chat_messages(source):
        if not message.finished:
            continue  # a generation still running is not copied
        copy = add_message(
            call.ws,
            chat,
            role=message.role,
            content=message.content,
            now=call.now,
            parts=[dict(p) for p in message.parts],
            attachments=message.attachments,
        )
        copy.finish_reason, copy.usage = message.finish_reason, message.usage
        copy.files_after = dict(message.files_after) if message.files_after is not None else None
    chat.files = dict(source.files)
    return chat_json(chat)


def _next_title(call: V2Call, title: str) -> str:
    """``Title (2)``, ``Title (3)``…: the original title with an incremented suffix."""
    base = title
    if base.endswith(")") and " (" in base:
        stem, _, suffix = base[:-1].rpartition(" (")
        if suffix.isdigit():
            base = stem
    taken = {c.title for c in call.ws.chats.values()}
    n = 2
    while f"{base} ({n})" in taken:
        n += 1
    return f"{base} ({n})"


@handles("chats.resume")
def resume(call: V2Call) -> Response:
    chat = call.ws.chat(call.params["chatId"])
    latest = next((m for m in reversed(call.ws.chat_messages(chat)) if m.role == "assistant"), None)
    return chat_stream(call, chat, latest, new=False)
