"""The life of a generation: a user message, a pending assistant message and version, then completion.

Time is lazy. A generation stores when it completes; :func:`advance` brings a workspace
to "now" before every request, completing what is due and growing the content of what
is still running. Every response mode takes the generation's time (``generation_delay``,
shaped by :mod:`._timing`): ``sync`` answers when it is over, ``async`` at once, and a
stream as it is written. :func:`stop` ends a running generation where it is: the
message keeps the text written so far with ``finishReason: "stop"``, and its version,
which never got its files, becomes ``failed`` (the previous version stays usable).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ._content import Reply
from ._generate import Draft
from ._state import Chat, FileEntry, Message, UsageEvent, Version, Workspace
from ._timing import plan_generation

__all__ = ["add_message", "advance", "base_version", "complete", "new_chat", "start_generation", "stop"]


def new_chat(
    ws: Workspace,
    *,
    name: str,
    privacy: str,
    project_id: str | None,
    metadata: dict[str, str],
    model_configuration: dict[str, Any],
    now: float,
) -> Chat:
    """Create an empty chat."""
    chat = Chat(
        id=ws.ids.chat(),
        name=name,
        privacy=privacy,
        created_at=now,
        updated_at=now,
        author_id=ws.user.id,
        project_id=project_id,
        metadata=dict(metadata),
        model_configuration=model_configuration,
    )
    ws.chats[chat.id] = chat
    ws.emit("chat.created", now, chatId=chat.id)
    return chat


def add_message(
    ws: Workspace,
    chat: Chat,
    *,
    role: str,
    content: str,
    now: float,
    type: str = "message",
    attachments: list[dict[str, Any]] | None = None,
) -> Message:
    """Append a finished message (a user's, or an imported assistant's) to a chat."""
    parent = chat.message_ids[-1] if chat.message_ids else None
    message = Message(
        id=ws.ids.message(),
        chat_id=chat.id,
        role="user" if role == "user" else "assistant",
        type=type,
        created_at=now,
        updated_at=now,
        author_id=ws.user.id,
        parent_id=parent,
        content=content,
        attachments=list(attachments or []),
    )
    if message.role == "assistant":
        message.finish_reason = "stop"
        message.reply = Reply(text=content)
        message.units = message.reply.total
        chat.text = content
    ws.messages[message.id] = message
    chat.message_ids.append(message.id)
    chat.updated_at = now
    ws.emit("message.created", now, chatId=chat.id, messageId=message.id, role=message.role)
    if message.role == "assistant":
        ws.emit("message.finished", now, chatId=chat.id, messageId=message.id)
    return message


def base_version(ws: Workspace, chat: Chat) -> Version | None:
    """Return the version new work builds on: the latest one if completed, else the last completed."""
    latest = ws.latest_version(chat)
    if latest is not None and latest.status == "completed":
        return latest
    done = [ws.versions[v] for v in chat.version_ids if ws.versions[v].status == "completed"]
    return done[-1] if done else None


def add_version(ws: Workspace, chat: Chat, files: dict[str, FileEntry], *, now: float, status: str) -> Version:
    """Append a version and make it the chat's latest."""
    version = Version(
        id=ws.ids.version(),
        chat_id=chat.id,
        created_at=now,
        updated_at=now,
        status="completed" if status == "completed" else "pending",
        files=files,
        demo_host=ws.ids.demo_host(),
    )
    ws.versions[version.id] = version
    chat.version_ids.append(version.id)
    chat.latest_version_id = version.id
    chat.updated_at = now
    return version


def start_generation(
    ws: Workspace,
    chat: Chat,
    draft: Draft,
    *,
    now: float,
    duration: float,
    model_id: str = "v0-pro",
    quiet: Sequence[tuple[float, float]] = (),
    jitter: float = 0.0,
    seed: int = 0,
) -> Message:
    """Start the assistant's answer to the chat's last message; it completes about ``duration`` seconds from now.

    ``quiet`` and ``jitter`` shape its time as :func:`._timing.plan_generation` says.
    """
    base = base_version(ws, chat)
    files = {n: FileEntry(e.content, e.locked) for n, e in base.files.items()} if base else {}
    for name, content in draft.files.items():
        if name in files and files[name].locked:
            continue
        files[name] = FileEntry(content, files[name].locked if name in files else False)
    version = add_version(ws, chat, files, now=now, status="pending")
    focus = draft.focus if draft.focus in files else None
    reply = Reply(
        text=draft.text,
        code=files[focus].content if focus else "",
        code_file=focus,
        task=draft.task,
    )
    parent = chat.message_ids[-1] if chat.message_ids else None
    message = Message(
        id=ws.ids.message(),
        chat_id=chat.id,
        role="assistant",
        type="message",
        created_at=now,
        updated_at=now,
        author_id=ws.user.id,
        parent_id=parent,
        reply=reply,
        version_id=version.id,
        model_id=model_id,
    )
    message.started_at = now
    message.completes_at, message.quiet = plan_generation(
        start=now, delay=duration, jitter=jitter, stretches=quiet, key=f"{seed}\x00{message.id}"
    )
    version.message_id = message.id
    ws.messages[message.id] = message
    chat.message_ids.append(message.id)
    ws.emit("message.created", now, chatId=chat.id, messageId=message.id, role="assistant")
    return message


def advance(ws: Workspace, now: float) -> None:
    """Bring running generations to ``now``: complete the due ones, grow the others."""
    for message in ws.pending_messages():
        if message.completes_at is not None and now >= message.completes_at:
            complete(ws, message, at=message.completes_at)
        elif message.reply is not None:
            units = message.reply.units_at(message.progress(now))
            if units != message.units:
                message.units, message.content, message.updated_at = units, message.reply.plain(units), now


def complete(ws: Workspace, message: Message, *, at: float) -> None:
    """Finish a generation: the whole reply, the version's files, usage recorded."""
    if message.finished or message.reply is None:
        return
    message.units = message.reply.total
    message.content = message.reply.plain()
    message.finish_reason = "stop"
    message.waiting_task = message.reply.task
    message.updated_at = at
    _settle_version(ws, message, "completed", at)


def stop(ws: Workspace, message: Message, *, now: float) -> None:
    """End a running generation where it is; a finished message is left alone."""
    if message.finished or message.reply is None:
        return
    message.units = message.reply.units_at(message.progress(now))
    message.content = message.reply.plain(message.units)
    message.finish_reason = "stop"
    message.stopped = True
    message.updated_at = now
    _settle_version(ws, message, "failed", now)


def _settle_version(ws: Workspace, message: Message, status: str, at: float) -> None:
    ws.emit("message.updated", at, chatId=message.chat_id, messageId=message.id)
    ws.emit("message.finished", at, chatId=message.chat_id, messageId=message.id, stopped=message.stopped)
    version = ws.versions.get(message.version_id or "")
    if version is not None and version.status == "pending":
        version.status = "completed" if status == "completed" else "failed"
        version.updated_at = at
    chat = ws.chats.get(message.chat_id)
    if chat is not None:
        chat.text = message.content
        chat.updated_at = max(chat.updated_at, at)
    _record_usage(ws, message, at)


def _record_usage(ws: Workspace, message: Message, at: float) -> None:
    prompt = ws.messages.get(message.parent_id or "")
    written = len(message.content) + (len(message.reply.code) if message.reply and not message.stopped else 0)
    ws.usage.append(
        UsageEvent(
            id=ws.ids.opaque("ue_"),
            chat_id=message.chat_id,
            message_id=message.id,
            created_at=at,
            model_id=message.model_id,
            input_tokens=1200 + (len(prompt.content) // 4 if prompt else 0),
            output_tokens=max(1, written // 4),
            cache_read_tokens=800,
            request_id=ws.ids.opaque("req_"),
        )
    )
