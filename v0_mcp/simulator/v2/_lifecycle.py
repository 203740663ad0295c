"""The life of v2 chats and generations, computed lazily from the clock as on v1.

A generation is planned in full when it starts (:mod:`._plan`); :func:`advance` brings a
workspace to "now" before every request, finishing what is due. A finished assistant
message has its final parts, ``finishReason`` (``"stop"``, or ``"tool-calls"`` when it
waits on a task: the docs are silent, the examples guess the same), its usage, and the
chat's files after it (a restore point). :func:`stop` freezes a generation where it is:
its files are not written and it does not wait on a task. A prompt containing
``GENERATION_ERROR`` fails a third of the way in: ``finishReason: "error"``, nothing
written, and streams end with an ``error`` event.
"""

from __future__ import annotations

from typing import Any

from .._generate import first_draft, follow_up_draft, requested_task, strip_markers, title_for
from ._plan import blocking_part, plan_generation
from ._shapes import usage_json
from ._state import Chat, ConnectRequest, FileEntry, Message, UsageEvent, V2Workspace
from ._webhooks import emit

__all__ = [
    "GENERATION_ERROR_MARKER",
    "ICON_PATH",
    "ICON_PNG",
    "add_message",
    "advance",
    "complete",
    "new_chat",
    "record_files",
    "start_generation",
    "stop",
    "text_files",
]

JSON = dict[str, Any]
GENERATION_ERROR_MARKER = "GENERATION_ERROR"  # a prompt containing it makes the generation fail
ICON_PATH = "public/icon.png"
ICON_PNG = (  # a 1x1 PNG
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def new_chat(
    ws: V2Workspace,
    *,
    title: str | None,
    privacy: str,
    metadata: dict[str, str],
    now: float,
    system_prompt: str | None = None,
) -> Chat:
    chat = Chat(
        id=ws.ids.chat(),
        title=title,
        privacy=privacy,
        created_at=now,
        updated_at=now,
        author_id=ws.user_id,
        metadata=dict(metadata),
        system_prompt=system_prompt,
    )
    ws.chats[chat.id] = chat
    emit(ws, "chat.created", {"chatId": chat.id}, chat_id=chat.id, now=now)
    return chat


def add_message(
    ws: V2Workspace,
    chat: Chat,
    *,
    role: str,
    content: str,
    now: float,
    parts: list[JSON] | None = None,
    attachments: list[JSON] | None = None,
) -> Message:
    """Append a finished message (the user's prompt, or a recorded file edit)."""
    user = role == "user"
    message = Message(
        id=ws.ids.message(),
        chat_id=chat.id,
        role="user" if user else "assistant",
        created_at=now,
        updated_at=now,
        content=content,
        author_id=ws.user_id if user else None,
        parts=parts if parts is not None else ([{"type": "text", "text": content}] if content else []),
        attachments=list(attachments or []),
    )
    ws.messages[message.id] = message
    chat.message_ids.append(message.id)
    chat.updated_at = max(chat.updated_at, now)
    emit(ws, "message.created", {"chatId": chat.id, "messageId": message.id}, chat_id=chat.id, now=now)
    return message


def text_files(chat: Chat) -> dict[str, str]:
    return {path: entry.content for path, entry in chat.files.items() if entry.encoding == "utf8"}


def start_generation(
    ws: V2Workspace,
    chat: Chat,
    prompt: str,
    *,
    now: float,
    duration: float,
    seed: int,
    model_id: str = "v0-pro",
) -> Message:
    """Start the assistant's answer to ``prompt``; it finishes ``duration`` seconds from now."""
    existing = text_files(chat)
    draft = first_draft(prompt, seed) if not existing else follow_up_draft(prompt, seed, existing)
    if chat.title is None:
        chat.title = title_for(strip_markers(prompt) or prompt)
    task = requested_task(prompt)
    block: JSON | None = None
    request_id: str | None = None
    if task is not None:
        block, request_id = blocking_part(task, ws.ids, chat_title=chat.title, files={**existing, **draft.files})
    written = {path: FileEntry(content) for path, content in draft.files.items()}
    if not chat.files:
        written[ICON_PATH] = FileEntry(ICON_PNG, "base64")  # a binary asset, answered as base64
    timeline, _ = plan_generation(
        draft,
        existing,
        start=now,
        duration=duration,
        block=block,
        assets=[path for path, entry in written.items() if entry.encoding == "base64"],
    )
    fails = GENERATION_ERROR_MARKER in prompt
    if fails:  # it breaks a third of the way in
        timeline = timeline[: max(1, len(timeline) // 3)]
        duration /= 3
    message = Message(
        id=ws.ids.message(),
        chat_id=chat.id,
        role="assistant",
        created_at=now,
        updated_at=now,
        content="",
        author_id=None,
        finish_reason=None,
        fails=fails,
        timeline=timeline,
        final_content=draft.text,
        completes_at=now + max(0.0, duration),
        pending_files=dict(written),
        task=task,
        model_id=model_id,
        prompt_chars=len(prompt),
    )
    ws.messages[message.id] = message
    chat.message_ids.append(message.id)
    chat.updated_at = max(chat.updated_at, now)
    if request_id is not None:
        ws.connect[request_id] = ConnectRequest(id=request_id, chat_id=chat.id, message_id=message.id, ready_at=0.0)
    emit(ws, "message.created", {"chatId": chat.id, "messageId": message.id}, chat_id=chat.id, now=now)
    return message


def advance(ws: V2Workspace, now: float, *, connect_delay: float) -> None:
    """Finish every generation whose time has come."""
    for message in list(ws.messages.values()):
        if not message.finished and message.completes_at is not None and now >= message.completes_at:
            complete(ws, message, at=message.completes_at, connect_delay=connect_delay)


def complete(ws: V2Workspace, message: Message, *, at: float, connect_delay: float) -> None:
    """Finish a generation: final parts and content, files written, usage recorded, hooks told."""
    if message.finished:
        return
    message.parts = [dict(p) for p in message.timeline[-1].parts] if message.timeline else []
    message.content = "" if message.fails else message.final_content
    message.finish_reason = "error" if message.fails else ("tool-calls" if message.task else "stop")
    message.updated_at = at
    if message.fails:
        message.task, message.pending_files = None, None
    chat = ws.chats.get(message.chat_id)
    if chat is not None and message.pending_files is not None:
        record_files(chat, message, message.pending_files, at=at)
    for request in ws.connect.values():
        if request.message_id == message.id:
            request.ready_at = at + connect_delay
    _settle(ws, message, at)


def record_files(chat: Chat, message: Message, changes: dict[str, FileEntry | None], *, at: float) -> None:
    """Apply file changes (``None`` deletes) to the chat and make ``message`` a restore point."""
    files = dict(chat.files)
    for path, entry in changes.items():
        if entry is None:
            files.pop(path, None)
        else:
            files[path] = entry
    chat.files = files
    message.files_after = dict(files)
    message.pending_files = None
    chat.updated_at = max(chat.updated_at, at)


def stop(ws: V2Workspace, message: Message, *, now: float) -> None:
    """End a running generation where it is; nothing is written and no task is left open."""
    message.parts = message.parts_at(now)
    texts = [p["text"] for p in message.parts if p.get("type") == "text"]
    message.content = texts[-1] if texts else ""
    message.finish_reason = "stop"
    message.task = None
    message.pending_files = None
    message.updated_at = now
    _settle(ws, message, now)


def _settle(ws: V2Workspace, message: Message, at: float) -> None:
    written = sum(len(str(p)) for p in message.parts)
    tokens = {
        "input": 1200 + message.prompt_chars // 4,
        "output": max(1, written // 4),
        "cacheRead": 800,
        "cacheWrite": 200,
    }
    message.usage = usage_json(tokens)
    ws.usage.append(
        UsageEvent(
            id=ws.ids.opaque("ue_", 12),
            chat_id=message.chat_id,
            message_id=message.id,
            created_at=at,
            model=message.model_id,
            tokens=message.usage["tokens"],
            credits=message.usage["creditsCost"],
        )
    )
    chat = ws.chats.get(message.chat_id)
    if chat is not None:
        chat.updated_at = max(chat.updated_at, at)
    data = {"chatId": message.chat_id, "messageId": message.id}
    emit(ws, "message.finished", data, chat_id=message.chat_id, now=at)
