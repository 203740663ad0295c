"""Fold a v2 stream's events into the chat and message they describe.

Each stream starts from an empty ``parts`` list (a resumed one too) and its
``message.parts.chunk`` events carry deltas against it, applied by
:func:`~v0_mcp.api.v2._delta.apply_delta`. The folding follows the SDK's
``applyStreamEvent``, with two differences a careful client wants: an event of
an unknown kind is ignored instead of fatal, and a delta that cannot be applied
marks the state ``out_of_sync`` (read the message with ``messages.get``) instead
of being dropped silently.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .._errors import V0StreamError
from .._sse import StreamEvent
from ._delta import DeltaError, apply_delta

__all__ = ["StreamState", "fold"]


@dataclass(slots=True)
class StreamState:
    """What the events of one stream have said so far.

    ``message`` is the assistant message snapshot (message streams only: the
    create and resume streams send none, so read ``finishReason`` and ``content``
    with ``messages.get`` afterwards); ``parts`` is always current.
    """

    chat: dict[str, Any] | None = None
    title: str | None = None
    message: dict[str, Any] | None = None
    message_id: str | None = None
    parts: list[Any] = field(default_factory=list)
    usage: dict[str, Any] | None = None
    out_of_sync: bool = False
    events: int = 0

    @property
    def chat_id(self) -> str | None:
        """The chat the stream is about, once an event has named it."""
        if self.chat is not None and isinstance(self.chat.get("id"), str):
            return str(self.chat["id"])
        if self.message is not None and isinstance(self.message.get("chatId"), str):
            return str(self.message["chatId"])
        return None

    @property
    def finished(self) -> bool:
        """Whether the message snapshot says the generation is over (``finishReason`` set)."""
        return self.message is not None and self.message.get("finishReason") is not None

    def apply(self, event: StreamEvent) -> None:
        """Fold one event in; raise :class:`V0StreamError` for an ``error`` event."""
        self.events += 1
        data = {key: value for key, value in event.data.items() if key != "object"}
        kind = event.object
        if kind == "chat":
            self.chat = data
        elif kind == "chat.title":
            self.title = event.delta if isinstance(event.delta, str) else self.title  # the whole title so far
            if self.chat is not None:
                self.chat["title"] = self.title
        elif kind == "message":
            self.message = data
            self.message_id = event.id or self.message_id
            parts = data.get("parts")
            self.parts = copy.deepcopy(parts) if isinstance(parts, list) else []
            self.usage = data.get("usage") if isinstance(data.get("usage"), dict) else self.usage
        elif kind == "message.parts.chunk":
            self.message_id = event.id or self.message_id
            try:
                parts = apply_delta(self.parts, event.delta)
            except DeltaError:
                self.out_of_sync = True
                return
            if not isinstance(parts, list):
                self.out_of_sync = True
                return
            self.parts = parts
            if self.message is not None:
                self.message["parts"] = copy.deepcopy(parts)
        elif kind == "message.usage":
            usage = data.get("usage")
            if isinstance(usage, dict):
                self.usage = usage
                if self.message is not None:
                    self.message["usage"] = usage
        elif kind == "error":
            code = data.get("code")
            raise V0StreamError(
                event.error or "the generation failed",
                code=code if isinstance(code, str) else None,
                id=event.id,
            )

    def end(self) -> None:
        """Check the stream as a whole once the server has closed it."""
        if self.events == 0:
            raise V0StreamError("the stream ended before sending an event")


def fold(events: Iterable[StreamEvent], state: StreamState | None = None) -> StreamState:
    """Fold every event of a finished stream and return the state."""
    state = state or StreamState()
    for event in events:
        state.apply(event)
    state.end()
    return state
