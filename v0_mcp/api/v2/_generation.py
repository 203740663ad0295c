"""Follow a v2 generation over its stream, reconnecting with ``chats.resume`` when the connection drops.

A stream POST (``chats.createStream``, ``messages.sendStream``,
``messages.resolveStream``) starts a generation, so it is sent exactly once:
the official SDK's reader would send it again after any failure, starting a
second chat or generation. Here a connection that breaks mid-stream is picked
up with ``POST /chats/{chatId}/resume``, which reconnects to the running
generation without starting one; a resumed stream starts from empty parts and
re-sends everything generated so far.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from .._client import V0Client
from .._errors import V0TransportError
from .._sse import StreamEvent
from ._stream import StreamState

__all__ = ["OnEvent", "follow_generation", "resume_generation"]

OnEvent = Callable[[StreamEvent, StreamState], Awaitable[None]]

logger = logging.getLogger("v0_mcp.api")


async def follow_generation(
    client: V0Client, operation: str, /, *, max_resumes: int = 3, on_event: OnEvent | None = None, **arguments: Any
) -> StreamState:
    """Send a v2 stream operation once and return the folded state when the generation's stream ends.

    ``on_event`` sees each event with the state after it (for progress). When
    the connection drops, the chat's generation is resumed up to
    ``max_resumes`` times; a stream that drops before naming its chat cannot
    be resumed and raises :class:`~v0_mcp.api.V0TransportError` (the chat
    may exist: look for it with ``chats.list``).
    """
    op = client.operation(operation)
    if op.content != "sse" or op.id == "chats.resume":
        raise TypeError(f"{op.id} is not a stream that starts a generation: use resume_generation or V0Client.call()")
    state = StreamState()
    try:
        await _consume(client, state, on_event, op.id, **arguments)
    except V0TransportError as exc:
        if not exc.request_sent:
            raise
        chat_id = arguments.get("chatId") or state.chat_id
        if not isinstance(chat_id, str):
            exc.message = f"{exc.message}; the stream broke before naming its chat, which may exist: look for it"
            raise
        logger.info("%s: the stream broke (%s); resuming the chat's generation", op.id, type(exc).__name__)
        resumed = await resume_generation(client, chat_id, max_attempts=max_resumes, on_event=on_event)
        return _merge(state, resumed)
    state.end()
    return state


async def resume_generation(
    client: V0Client, chat_id: str, /, *, max_attempts: int = 3, on_event: OnEvent | None = None
) -> StreamState:
    """Follow the chat's active generation with ``chats.resume`` until its stream ends.

    If the latest message has finished, the stream holds only the chat's state.
    Each attempt starts from empty parts, as each resumed stream re-sends them.
    """
    attempt = 0
    while True:
        attempt += 1
        state = StreamState()
        try:
            await _consume(client, state, on_event, "chats.resume", chatId=chat_id)
        except V0TransportError:
            if attempt >= max_attempts:
                raise
            logger.info("chats.resume: the stream broke; resuming again (attempt %d)", attempt + 1)
            continue
        state.end()
        return state


async def _consume(
    client: V0Client, state: StreamState, on_event: OnEvent | None, operation: str, /, **arguments: Any
) -> None:
    async with client.stream(operation, **arguments) as events:
        async for event in events:
            state.apply(event)
            if on_event is not None:
                await on_event(event, state)


def _merge(before: StreamState, resumed: StreamState) -> StreamState:
    """Combine what the broken stream said with what the resumed one says (its parts are complete)."""
    merged = StreamState(
        chat=resumed.chat or before.chat,
        title=resumed.title or before.title,
        message=before.message,
        message_id=resumed.message_id or before.message_id,
        parts=resumed.parts,
        usage=resumed.usage or before.usage,
        out_of_sync=resumed.out_of_sync,
        events=before.events + resumed.events,
    )
    if resumed.message_id is None and before.parts:
        # The generation ended while we were away: the resumed stream carried only the chat's state.
        merged.parts, merged.out_of_sync = before.parts, True
    if merged.message is not None:
        merged.message = {**merged.message, "parts": merged.parts}
        if merged.usage is not None:
            merged.message["usage"] = merged.usage
    return merged
