"""The v2 server-sent-events wire format, read as the official SDK's generated reader reads it.

Unlike v1 (one ``data:`` line per event, ``[DONE]`` at the end), v2 events are
blocks separated by a blank line: a block's ``data:`` lines are joined with
``\\n`` and parsed as JSON; ``event:``, ``id:``, ``retry:`` and comment lines
carry nothing v2 uses; there is no end sentinel, the server closes the stream;
an unterminated last block is discarded. Data that is not a JSON object (a
stray ``[DONE]``, a keep-alive) is skipped, not fatal.
"""

from __future__ import annotations

import codecs
import json
import logging
import re
from collections.abc import AsyncIterable, AsyncIterator, Iterable, Iterator
from typing import Final

from .._sse import StreamEvent

__all__ = ["SSEDecoder", "iter_events", "parse_events"]

_DATA: Final = re.compile(r"^data:\s*")

logger = logging.getLogger("v0_mcp.api")


class SSEDecoder:
    """Incrementally turn v2 stream bytes (split anywhere) into events."""

    def __init__(self) -> None:
        self._buffer = ""
        self._utf8 = codecs.getincrementaldecoder("utf-8")(errors="replace")

    def feed(self, chunk: str | bytes) -> list[StreamEvent]:
        """Consume a chunk and return the events it completes."""
        text = self._utf8.decode(chunk) if isinstance(chunk, bytes) else chunk
        self._buffer = (self._buffer + text).replace("\r\n", "\n").replace("\r", "\n")
        *blocks, self._buffer = self._buffer.split("\n\n")
        events = (self._decode(block) for block in blocks)
        return [event for event in events if event is not None]

    def flush(self) -> list[StreamEvent]:
        """End the stream: an unterminated last block is dropped, as the SDK drops it."""
        self._buffer = ""
        return []

    @staticmethod
    def _decode(block: str) -> StreamEvent | None:
        lines = [_DATA.sub("", line, count=1) for line in block.split("\n") if line.startswith("data:")]
        if not lines:
            return None
        raw = "\n".join(lines)
        try:
            data = json.loads(raw)
        except ValueError:
            data = None
        if not isinstance(data, dict):
            logger.debug("skipped stream data that is not a JSON object (%d characters)", len(raw))
            return None
        return StreamEvent.from_data(data)


def parse_events(chunks: Iterable[str | bytes]) -> Iterator[StreamEvent]:
    """Yield the events of an already received stream."""
    decoder = SSEDecoder()
    for chunk in chunks:
        yield from decoder.feed(chunk)
    yield from decoder.flush()


async def iter_events(chunks: AsyncIterable[str | bytes]) -> AsyncIterator[StreamEvent]:
    """Yield events as the chunks of a live stream arrive, until the server closes it."""
    decoder = SSEDecoder()
    async for chunk in chunks:
        for event in decoder.feed(chunk):
            yield event
    for event in decoder.flush():
        yield event
