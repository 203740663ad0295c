"""v2 streams: ``data: <json>\\n\\n`` events exactly as the transcripts in the spec's examples.

No ``event:``/``id:`` lines and no end sentinel: the stream ends when the server closes
it (api-notes.md §6.1). Parts travel as jsondiffpatch deltas between consecutive
snapshots (:mod:`._delta`), every stream starting from ``parts = []``:

* create: ``chat`` (no title yet), ``chat.title`` (the whole title so far, twice), the
  chunks, ``message.usage``, the closing ``chat``;
* send and resolve: the ``message`` snapshot (empty parts, ``finishReason: null``, zero
  usage), the chunks, ``message.usage``, the final ``message``;
* resume: ``chat``, then one chunk carrying everything generated so far and the rest
  as above, then ``message.usage`` and the closing ``chat``; a finished generation
  gets the closing ``chat`` only.

Events are paced over the generation's remaining time with real sleeps (at most
``generation_delay`` in all). A generation stopped meanwhile ends the stream at once
with its frozen parts; one the stream runs to the end of completes; a client that goes
away leaves the generation to complete on the clock. A generation that fails ends its
stream with an ``error`` event (``{"object": "error", "id", "message", "code"}``).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import anyio
from starlette.responses import StreamingResponse

from ._delta import diff
from ._lifecycle import complete
from ._registry import V2Call
from ._shapes import chat_json, message_json, zero_usage
from ._state import Chat, Message

__all__ = ["chat_stream", "event", "message_stream"]

JSON = dict[str, Any]
_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}


def event(payload: JSON) -> bytes:
    """Encode one SSE event as v0 does: compact JSON, UTF-8 as is."""
    return f"data: {json.dumps(payload, separators=(',', ':'), ensure_ascii=False)}\n\n".encode()


def _response(events: AsyncIterator[bytes]) -> StreamingResponse:
    return StreamingResponse(events, media_type="text/event-stream", headers=_HEADERS)


def chat_stream(call: V2Call, chat: Chat, message: Message | None, *, new: bool) -> StreamingResponse:
    """``chats.createStream`` (``new``) or ``chats.resume``."""
    return _response(_chat_events(call, chat, message, new=new))


def message_stream(call: V2Call, chat: Chat, message: Message) -> StreamingResponse:
    """``messages.sendStream`` and ``messages.resolveStream``."""
    return _response(_message_events(call, chat, message))


async def _chat_events(call: V2Call, chat: Chat, message: Message | None, *, new: bool) -> AsyncIterator[bytes]:
    if new:
        opening = chat_json(chat)
        opening.pop("title", None)
        yield event({"object": "chat", **opening})
        title = chat.title or ""
        words = title.split(" ")
        if len(words) > 1:
            yield event({"id": chat.id, "object": "chat.title", "delta": " ".join(words[: max(1, len(words) // 2)])})
        yield event({"id": chat.id, "object": "chat.title", "delta": title})
    else:
        yield event({"object": "chat", **chat_json(chat)})
        if message is None or message.finished:
            return
    if message is not None:
        async for chunk in _chunks(call, message):
            yield chunk
        if message.finish_reason == "error":
            yield _failure(message)
            return
        yield event({"id": message.id, "object": "message.usage", "usage": message.usage or zero_usage()})
    yield event({"object": "chat", **chat_json(chat)})


async def _message_events(call: V2Call, chat: Chat, message: Message) -> AsyncIterator[bytes]:
    opening = message_json(call.ws, message, call.now)
    opening.update(parts=[], finishReason=None, content="", usage=zero_usage(), updatedAt=opening["createdAt"])
    yield event({"object": "message", **opening})
    async for chunk in _chunks(call, message):
        yield chunk
    if message.finish_reason == "error":
        yield _failure(message)
        return
    yield event({"id": message.id, "object": "message.usage", "usage": message.usage or zero_usage()})
    yield event({"object": "message", **message_json(call.ws, message, call.clock())})


def _failure(message: Message) -> bytes:
    """The in-band error of a generation that failed after the stream started."""
    return event(
        {
            "id": message.id,
            "object": "error",
            "message": "The generation failed. Try again.",
            "code": "generation_failed",
        }
    )


async def _chunks(call: V2Call, message: Message) -> AsyncIterator[bytes]:
    """Send the parts deltas from ``[]`` to the final parts, paced, then complete the generation."""
    sent: list[JSON] = []
    now = call.clock()
    current = message.parts_at(now)
    if current:
        yield _chunk(message, sent, current)
        sent = current
    upcoming = [s for s in message.timeline if s.at > now] if not message.finished else []
    remaining = (message.completes_at or now) - now
    pause = max(0.0, min(call.api.config.generation_delay, remaining)) / (len(upcoming) + 1)
    for snap in upcoming:
        await anyio.sleep(pause)
        if message.finished:
            break
        parts = list(snap.parts)
        if diff(sent, parts) is not None:
            yield _chunk(message, sent, parts)
            sent = parts
    if not message.finished:
        await anyio.sleep(pause)
    if not message.finished:
        complete(
            call.ws, message, at=max(call.clock(), message.created_at), connect_delay=call.api.settings.connect_delay
        )
    if diff(sent, message.parts) is not None:
        yield _chunk(message, sent, message.parts)


def _chunk(message: Message, before: list[JSON], after: list[JSON]) -> bytes:
    return event({"id": message.id, "object": "message.parts.chunk", "delta": diff(before, after)})
