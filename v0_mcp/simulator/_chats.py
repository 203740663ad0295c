"""Handlers of chats and messages, including the three generation operations.

``create``, ``sendMessage`` and ``resolveTask`` honour ``responseMode``: ``sync``
answers the completed chat, ``async`` the chat with a pending version and an empty
assistant message, ``experimental_stream`` an SSE stream (:mod:`._stream`). ``init``
has no ``responseMode`` in the spec and always completes at once. A chat generates one
message at a time: sending while a generation runs answers 409.
"""

from __future__ import annotations

import mimetypes
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import PurePosixPath
from typing import Any

from starlette.responses import Response

from ._clock import sleep_until
from ._errors import ApiError
from ._generate import Draft, first_draft, follow_up_draft, imported_files, title_for
from ._generation import add_message, add_version, advance, base_version, complete, new_chat, start_generation, stop
from ._paging import newest_first, page
from ._registry import Answer, Call, handles
from ._shapes import api_base, chat_detail, chat_summary, deleted, message_detail, message_summary
from ._state import Chat, FileEntry, Message, Version, Workspace
from ._stream import generation_stream

__all__: list[str] = []

JSON = dict[str, Any]
_DEFAULT_MODEL = {"modelId": "v0-pro", "imageGenerations": False, "thinking": False}


def _model(configuration: Any) -> dict[str, Any]:
    return configuration.model_dump() if configuration is not None else dict(_DEFAULT_MODEL)


def _attachments(items: list[Any] | None) -> list[dict[str, Any]]:
    out = []
    for item in items or []:
        name = PurePosixPath(item.url.split("?")[0]).name or "attachment"
        entry: dict[str, Any] = {"url": item.url, "name": name, "size": 0}
        kind = mimetypes.guess_type(name)[0]
        if kind:
            entry["contentType"] = kind
        out.append(entry)
    return out


def _check_daily_limit(call: Call) -> None:
    """Refuse a message past the daily limit, as v0 does for free users."""
    day = datetime.fromtimestamp(call.now, UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    start = day.timestamp()
    sent = sum(1 for m in call.ws.messages.values() if m.role == "user" and m.created_at >= start)
    if sent >= call.config.daily_message_limit:
        reset = (day + timedelta(days=1)).timestamp()
        raise ApiError(429, "Daily message limit reached", retry_after=reset - call.now)


def _check_idle(ws: Workspace, chat: Chat) -> None:
    if any(not m.finished for m in ws.chat_messages(chat)):
        raise ApiError(409, f"Chat {chat.id} is still generating a message; wait for it or stop it")


def _check_references(ws: Workspace, body: Any) -> None:
    if getattr(body, "projectId", None):
        ws.project(body.projectId)
    for server_id in getattr(body, "mcpServerIds", None) or []:
        ws.mcp_server(server_id)


def _respond(
    call: Call, chat: Chat, message: Message, mode: str, *, new: bool, prompt: Message | None = None
) -> Answer:
    if mode == "sync":
        return _when_done(call, chat, message)
    if mode == "experimental_stream":
        return generation_stream(call, chat.id, message.id, new_chat=new)
    if prompt is not None:
        # v0's async sendMessage answer leaves out the message just sent (api-notes.md §4, observed)
        return chat_detail(call.ws, chat, hide=frozenset({prompt.id}))
    return chat_detail(call.ws, chat)


async def _when_done(call: Call, chat: Chat, message: Message) -> JSON:
    """Answer a ``sync`` generation as v0 does: once it has finished (or was stopped), on the clock."""
    clock = call.config.clock
    while not message.finished:
        due = message.completes_at if message.completes_at is not None else clock()
        await sleep_until(clock, due)
        now = clock()
        if now >= due:
            complete(call.ws, message, at=due)  # also when its chat was deleted meanwhile
        advance(call.ws, now)
    if chat.id not in call.ws.chats:
        raise ApiError(404, f"Chat not found: {chat.id} (deleted while generating)")
    return chat_detail(call.ws, chat)


def _start(call: Call, chat: Chat, draft: Draft, model_id: str) -> Message:
    """Start v0's reply on the simulator's timing (see :mod:`._timing`)."""
    config = call.config
    return start_generation(
        call.ws,
        chat,
        draft,
        now=call.now,
        duration=config.generation_delay,
        model_id=model_id,
        quiet=config.quiet_stretches,
        jitter=config.generation_jitter,
        seed=config.seed,
    )


@handles("chats.create")
def create(call: Call) -> Answer:
    body, ws = call.body, call.ws
    _check_references(ws, body)
    _check_daily_limit(call)
    chat = new_chat(
        ws,
        name=title_for(body.message),
        privacy=body.chatPrivacy,
        project_id=body.projectId,
        metadata=body.metadata,
        model_configuration=_model(body.modelConfiguration),
        now=call.now,
    )
    add_message(ws, chat, role="user", content=body.message, now=call.now, attachments=_attachments(body.attachments))
    draft = first_draft(body.message, call.config.seed)
    message = _start(call, chat, draft, chat.model_configuration["modelId"])
    return _respond(call, chat, message, body.responseMode, new=True)


@handles("chats.find")
def find(call: Call) -> JSON:
    q, ws = call.query, call.ws
    chats = newest_first(ws.chats.values(), lambda c: c.updated_at)
    if q.isFavorite is not None:
        chats = [c for c in chats if c.favorite == q.isFavorite]
    if q.vercelProjectId is not None:
        linked = {p.id for p in ws.projects.values() if p.vercel_project_id == q.vercelProjectId}
        chats = [c for c in chats if c.project_id in linked]
    if q.branch is not None:
        chats = [c for c in chats if c.branch == q.branch]
    for key, value in (q.metadata or {}).items():
        chats = [c for c in chats if c.metadata.get(key) == value]
    start, count = max(0, q.offset), max(0, q.limit)  # the spec sets no minimum; negatives read as 0
    return {"object": "list", "data": [chat_summary(ws, c) for c in chats[start : start + count]]}


_INIT_PROMPTS = {
    "files": "Start from these files.",
    "repo": "Start from this repository.",
    "registry": "Start from this registry item.",
    "zip": "Start from this ZIP file.",
    "template": "Start from this template.",
}


def _source(body: Any) -> tuple[str, str | None]:
    """Return the label and URL of an init source."""
    if body.type == "template":
        return body.templateId, None
    if body.type == "files":
        return "Imported files", None
    url = getattr(body, body.type).url
    stem = PurePosixPath(url.rstrip("/").split("?")[0]).name
    for suffix in (".git", ".json", ".zip"):
        stem = stem.removesuffix(suffix)
    return stem or body.type, url


def _imported_content(file: Any) -> str:
    """Return a file's content; a file given by URL gets a stub naming where it came from."""
    content = getattr(file, "content", None)
    return content if content is not None else f"// Imported from {file.url}\n"


@handles("chats.init")
def init(call: Call) -> JSON:
    body, ws = call.body, call.ws
    _check_references(ws, body)
    label, url = _source(body)
    chat = new_chat(
        ws,
        name=body.name or label,
        privacy=body.chatPrivacy,
        project_id=body.projectId,
        metadata=body.metadata,
        model_configuration=dict(_DEFAULT_MODEL),
        now=call.now,
    )
    if body.type == "repo":
        chat.branch = body.repo.branch or "main"
    if body.type == "files":
        files = {f.name: FileEntry(_imported_content(f), bool(f.locked)) for f in body.files}
    else:
        lock = bool(getattr(body, "lockAllFiles", False))
        files = {n: FileEntry(c, lock) for n, c in imported_files(body.type, label, url, call.config.seed).items()}
    add_message(ws, chat, role="user", content=_INIT_PROMPTS[body.type], now=call.now, type="open-in-v0")
    version = add_version(ws, chat, files, now=call.now, status="completed")
    reply = add_message(
        ws, chat, role="assistant", content=f"**{label}** was imported.", now=call.now, type="open-in-v0"
    )
    version.message_id = reply.id
    return chat_detail(ws, chat)


@handles("chats.delete")
def delete(call: Call) -> JSON:
    chat = call.ws.chat(call.params["chatId"])
    call.ws.delete_chat(chat, now=call.now)
    return deleted(chat.id, "chat")


@handles("chats.getById")
def get(call: Call) -> JSON:
    return chat_detail(call.ws, call.ws.chat(call.params["chatId"]))


@handles("chats.update")
def update(call: Call) -> JSON:
    body, chat = call.body, call.ws.chat(call.params["chatId"])
    given = body.model_fields_set
    if body.name is not None:
        chat.name = body.name
    if body.privacy is not None:
        chat.privacy = body.privacy
    if "metadata" in given:
        if body.metadata is None:
            chat.metadata.clear()
        for key, value in (body.metadata or {}).items():
            if value is None:
                chat.metadata.pop(key, None)
            else:
                chat.metadata[key] = value
    chat.updated_at = call.now
    call.ws.emit("chat.updated", call.now, chatId=chat.id)
    return chat_detail(call.ws, chat)


@handles("chats.favorite")
def favorite(call: Call) -> JSON:
    chat = call.ws.chat(call.params["chatId"])
    chat.favorite = call.body.isFavorite
    chat.updated_at = call.now
    call.ws.emit("chat.updated", call.now, chatId=chat.id)
    return {"id": chat.id, "object": "chat", "favorited": chat.favorite}


@handles("chats.fork")
def fork(call: Call) -> JSON:
    ws, body = call.ws, call.body
    source = ws.chat(call.params["chatId"])
    version = ws.version(source, body.versionId) if body.versionId else base_version(ws, source)
    if version is not None and version.status != "completed":
        raise ApiError(409, f"Version {version.id} is {version.status}; only completed versions can be forked")
    chat = new_chat(
        ws,
        name=source.name,
        privacy=body.privacy,
        project_id=source.project_id,
        metadata=source.metadata,
        model_configuration=dict(source.model_configuration),
        now=call.now,
    )
    history = source.message_ids
    if version is not None and version.message_id in history:
        history = history[: history.index(version.message_id) + 1]
    renamed: dict[str, str] = {}
    for old in history:
        original = ws.messages[old]
        if not original.finished:
            continue
        copy = replace(
            original,
            id=ws.ids.message(),
            chat_id=chat.id,
            parent_id=renamed.get(original.parent_id or ""),
            attachments=list(original.attachments),
        )
        renamed[old] = copy.id
        ws.messages[copy.id] = copy
        chat.message_ids.append(copy.id)
        if copy.role == "assistant":
            chat.text = copy.content
    if version is not None:
        files = {n: FileEntry(e.content, e.locked) for n, e in version.files.items()}
        new_version = add_version(ws, chat, files, now=call.now, status="completed")
        new_version.message_id = renamed.get(version.message_id or "")
        for message_id in renamed.values():
            if ws.messages[message_id].version_id == version.id:
                ws.messages[message_id].version_id = new_version.id
    return chat_detail(ws, chat)


@handles("chats.findMessages")
def find_messages(call: Call) -> JSON:
    chat = call.ws.chat(call.params["chatId"])
    newest_first = list(reversed(call.ws.chat_messages(chat)))
    items, pagination = page(
        newest_first, cursor=call.query.cursor, limit=call.query.limit, url=f"{api_base()}/chats/{chat.id}/messages"
    )
    return {"object": "list", "data": [message_summary(m) for m in items], "pagination": pagination}


def _locked(version: Version | None) -> frozenset[str]:
    """Return the names of a version's locked files, which a generation never overwrites."""
    return frozenset(name for name, entry in version.files.items() if entry.locked) if version else frozenset()


def _reply(call: Call, chat: Chat, draft: Draft, *, prompt: Message | None = None) -> Answer:
    """Start v0's reply to the chat's newest user message, under the body's model and response mode."""
    body = call.body
    if body.modelConfiguration is not None:
        chat.model_configuration = _model(body.modelConfiguration)
    message = _start(call, chat, draft, chat.model_configuration.get("modelId", "v0-pro"))
    return _respond(call, chat, message, body.responseMode, new=False, prompt=prompt)


@handles("chats.sendMessage")
def send_message(call: Call) -> Answer:
    body, ws = call.body, call.ws
    chat = ws.chat(call.params["chatId"])
    _check_references(ws, body)
    _check_idle(ws, chat)
    _check_daily_limit(call)
    kind = "fix-with-v0" if body.action is not None else "message"
    prompt = add_message(
        ws, chat, role="user", content=body.message, now=call.now, type=kind, attachments=_attachments(body.attachments)
    )
    base = base_version(ws, chat)
    if base is None:
        draft = first_draft(body.message, call.config.seed)
    else:
        draft = follow_up_draft(
            body.message, call.config.seed, base.contents(), _locked(base), fix=body.action is not None
        )
    return _reply(call, chat, draft, prompt=prompt)


@handles("chats.getMessage")
def get_message(call: Call) -> JSON:
    chat = call.ws.chat(call.params["chatId"])
    return message_detail(call.ws.message(chat, call.params["messageId"]))


def _assistant(call: Call) -> tuple[Chat, Message]:
    chat = call.ws.chat(call.params["chatId"])
    message = call.ws.message(chat, call.params["messageId"])
    if message.role != "assistant":
        raise ApiError(404, f"Message {message.id} is a user message; it has no generation")
    return chat, message


@handles("chats.resume")
def resume(call: Call) -> Response:
    chat, message = _assistant(call)
    return generation_stream(call, chat.id, message.id, new_chat=False)


@handles("chats.stop")
def stop_message(call: Call) -> JSON:
    _, message = _assistant(call)
    stop(call.ws, message, now=call.now)
    return {"success": True}


def _resolution(task: Any) -> str:
    """Return the user message that resolves a task."""
    if task.type == "plan-exit-response":
        return f"Plan {task.status}: {task.content}"
    if task.type == "answered-questions":
        return "; ".join(
            f"{a.questionText} {', '.join(a.selectedLabels)}{' ' + a.customText if a.customText else ''}".strip()
            for a in task.answers
        )
    if task.type == "confirmed-permissions":
        return task.userMessage or "Allowed " + ", ".join(p.toolName for p in task.permissions)
    if task.type == "confirmed-steps":
        return "Confirmed the steps" + "".join(f"; {n}" for n in task.connectedIntegrationNames)
    return "Connected Vercel"


@handles("chats.resolveTask")
def resolve_task(call: Call) -> Answer:
    body, ws = call.body, call.ws
    chat = ws.chat(call.params["chatId"])
    _check_idle(ws, chat)
    waiting = next((m for m in reversed(ws.chat_messages(chat)) if m.role == "assistant"), None)
    kind = body.task.type
    if waiting is None or waiting.waiting_task != kind:
        if kind == "vercel-connect-setup":
            raise ApiError(404, "No Vercel Connect setup was started for this chat")
        raise ApiError(409, f"The chat is not waiting for a {kind!r} task")
    waiting.waiting_task = None
    text = _resolution(body.task)
    add_message(
        ws,
        chat,
        role="user",
        content=text,
        now=call.now,
        type="answered-questions" if kind == "answered-questions" else "message",
    )
    base = base_version(ws, chat)
    draft = follow_up_draft(text, call.config.seed, base.contents() if base else {}, _locked(base))
    return _reply(call, chat, draft)
