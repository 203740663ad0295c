"""``experimental_stream`` and ``resume``: Server-Sent Events in the format of api-notes.md §4.

A stream is ``data: <json>\\n\\n`` events: a ``chat`` snapshot (version pending), for a
new chat ``chat.title`` deltas and a ``chat.name`` delta, the
``message.experimental_content.chunk`` deltas of the reply, a final ``chat`` snapshot,
then ``data: [DONE]``. A chunk is sent when the clock reaches the time it is written
(:mod:`._timing`: quiet stretches send nothing), so a stream on a :class:`ManualClock`
moves when the test moves time. Once the message is stopped (``chats.stop``) the stream
sends what was written and the final snapshot; a generation the clock completes
meanwhile still streams all its deltas. A client that goes away leaves the generation
to complete on the clock.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from typing import Any

from starlette.responses import StreamingResponse

from ._clock import sleep_until
from ._generation import advance, complete
from ._registry import Call
from ._shapes import api_base, chat_detail, serving_at

__all__ = ["event", "generation_stream"]

log = logging.getLogger(__name__)
_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
_POLL = 0.05  # real seconds between two looks at a message the clock has not moved


def event(payload: dict[str, Any] | str) -> bytes:
    """Encode one SSE event."""
    data = payload if isinstance(payload, str) else json.dumps(payload, separators=(",", ":"), ensure_ascii=False)
    return f"data: {data}\n\n".encode()


def generation_stream(call: Call, chat_id: str, message_id: str, *, new_chat: bool) -> StreamingResponse:
    """Answer a generation (or a resume) as SSE."""
    events = _events(call, chat_id, message_id, new_chat=new_chat, base=api_base())
    return StreamingResponse(events, media_type="text/event-stream", headers=_HEADERS)


async def _events(call: Call, chat_id: str, message_id: str, *, new_chat: bool, base: str) -> AsyncIterator[bytes]:
    ws = call.ws
    chat, message = ws.chats.get(chat_id), ws.messages.get(message_id)
    if chat is None or message is None or message.reply is None:
        yield event({"id": chat_id, "object": "chat", "error": "chat not found"})
        yield event("[DONE]")
        return
    with serving_at(base):
        snapshot = chat_detail(ws, chat)
    yield event(snapshot)
    if message.finished:
        yield event("[DONE]")
        return
    if new_chat:
        words = chat.name.split(" ")
        half = max(1, len(words) // 2)
        for part in (" ".join(words[:half]), "".join(" " + w for w in words[half:])):
            if part:
                yield event({"id": chat.id, "object": "chat.title", "delta": part})
        yield event({"id": chat.id, "object": "chat.name", "delta": chat.name})
    deltas = message.reply.deltas()
    sent = 0
    while True:
        now = call.clock()
        advance(ws, now)
        written = message.reply.total if message.finished and not message.stopped else message.units
        while sent < written:
            yield event({"id": message.id, "object": "message.experimental_content.chunk", "delta": deltas[sent]})
            sent += 1
        if message.finished or message.id not in ws.messages:
            break
        # the next chunk is due when the clock passes it; look again now and then, for a stop
        await sleep_until(call.config.clock, max(message.time_of_units(sent + 1), now + 1e-3), poll=_POLL)
    if not message.finished:
        complete(ws, message, at=call.clock())  # deleted meanwhile: settle what is left
    if chat.id not in ws.chats:
        yield event({"id": chat.id, "object": "chat", "error": "chat was deleted"})
    else:
        with serving_at(base):
            snapshot = chat_detail(ws, chat)
        yield event(snapshot)
    yield event("[DONE]")
