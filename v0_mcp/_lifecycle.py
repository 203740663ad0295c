"""The server process shutting down, as the generation waits see it.

A wait is cancelled alike when the client cancels its call, when the server
shuts down (SIGTERM, SIGINT, stdin closing) and when a connection drops; only
the first may stop v0's generation. The transports say here when the process
is going down; each wait registers the generation it follows, so what is still
running on v0 is logged with its ids (one line each) for someone to pick up.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["following", "shut_down", "stopping"]

logger = logging.getLogger("v0_mcp")

_followed: dict[int, tuple[str, str | None]] = {}
_ids = itertools.count()
_stopping = False


@contextmanager
def following(chat_id: str, message_id: str | None) -> Iterator[None]:
    """Register a generation a call is waiting for, for as long as it waits."""
    key = next(_ids)
    _followed[key] = (chat_id, message_id)
    try:
        yield
    finally:
        _followed.pop(key, None)


def stopping() -> bool:
    """Whether the process is shutting down (a cancelled wait then is not the client's cancel)."""
    return _stopping


def shut_down(reason: str) -> None:
    """Note that the process is going down, and log each generation still running on v0, once."""
    global _stopping
    if _stopping:
        return
    _stopping = True
    for chat_id, message_id in sorted(set(_followed.values()), key=lambda ids: (ids[0], ids[1] or "")):
        logger.warning(
            "%s: v0 is still generating message %s of chat %s; it was left running: "
            "call wait_for_generation to pick it up",
            reason,
            message_id or "(latest)",
            chat_id,
        )
