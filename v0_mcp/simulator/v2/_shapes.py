"""The JSON bodies of v2: ``Chat``, ``Message``, ``Usage`` exactly as openapi.json shapes them."""

from __future__ import annotations

from typing import Any

from .._clock import iso
from ._state import Chat, Message, V2Workspace

__all__ = ["chat_json", "message_json", "usage_json", "zero_usage"]

JSON = dict[str, Any]
_KEYS = ("input", "output", "cacheRead", "cacheWrite")


def zero_usage() -> JSON:
    return {"tokens": dict.fromkeys((*_KEYS, "total"), 0), "creditsCost": dict.fromkeys((*_KEYS, "total"), 0)}


def usage_json(tokens: dict[str, int]) -> JSON:
    """Return a ``Usage`` for these token counts: totals are the sums, credits priced per kind."""
    prices = {"input": 40e-6, "output": 450e-6, "cacheRead": 6e-6, "cacheWrite": 50e-6}
    counts = {k: int(tokens.get(k, 0)) for k in _KEYS}
    credits = {k: round(counts[k] * prices[k], 4) for k in _KEYS}
    return {
        "tokens": {**counts, "total": sum(counts.values())},
        "creditsCost": {**credits, "total": round(sum(credits.values()), 4)},
    }


def chat_json(chat: Chat) -> JSON:
    body: JSON = {"id": chat.id}
    if chat.title is not None:
        body["title"] = chat.title
    body.update(
        privacy=chat.privacy,
        createdAt=iso(chat.created_at),
        updatedAt=iso(chat.updated_at),
        authorId=chat.author_id,
        metadata=dict(chat.metadata),
        writePermission=True,
    )
    if chat.vercel_project_id is not None:
        body["vercelProjectId"] = chat.vercel_project_id
    return body


def message_json(ws: V2Workspace, message: Message, now: float) -> JSON:
    chat = ws.chats.get(message.chat_id)
    restorable = (
        message.role == "assistant"
        and message.files_after is not None
        and chat is not None
        and message.files_after != chat.files
    )
    return {
        "id": message.id,
        "chatId": message.chat_id,
        "role": message.role,
        "createdAt": iso(message.created_at),
        "updatedAt": iso(message.updated_at if message.finished else max(message.updated_at, _last_step(message, now))),
        "content": message.content,
        "parts": [dict(p) for p in message.parts_at(now)],
        "finishReason": message.finish_reason,
        "restorable": restorable,
        "attachments": [dict(a) for a in message.attachments],
        "authorId": message.author_id,
        "usage": message.usage if message.usage is not None else zero_usage(),
    }


def _last_step(message: Message, now: float) -> float:
    seen = [s.at for s in message.timeline if s.at <= now]
    return seen[-1] if seen else message.created_at
