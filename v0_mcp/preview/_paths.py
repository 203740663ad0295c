"""The unguessable, expiring per-chat paths a browser opens: ``/preview/<token>/...``.

An iframe cannot send a bearer token, so the path is the credential: 192 random bits,
issued per chat (per caller and chat when callers bring their own keys), forgotten after
``idle`` seconds without a request. Unknown and expired paths look the same to a caller.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["PathTable"]


@dataclass(slots=True)
class _Entry:
    chat_id: str
    expires_at: float


class PathTable:
    """Issue and resolve per-chat path tokens, each living ``idle`` seconds past its last use."""

    def __init__(self, *, clock: Callable[[], float], idle: float = 3600.0) -> None:
        self._clock = clock
        self._idle = idle
        self._by_token: dict[str, _Entry] = {}
        self._by_chat: dict[str, str] = {}

    def issue(self, chat_id: str) -> str:
        """Return the chat's live token (extending it), or a new one."""
        now = self._clock()
        token = self._by_chat.get(chat_id)
        entry = self._by_token.get(token) if token else None
        if token is None or entry is None or entry.expires_at <= now:
            self._prune(now)
            token = secrets.token_urlsafe(24)
            entry = _Entry(chat_id, now + self._idle)
            self._by_token[token] = entry
            self._by_chat[chat_id] = token
        entry.expires_at = now + self._idle
        return token

    def resolve(self, token: str) -> str | None:
        """Return the chat a live token opens (and keep it alive), else ``None``."""
        now = self._clock()
        entry = self._by_token.get(token)
        if entry is None or entry.expires_at <= now:
            return None
        entry.expires_at = now + self._idle
        return entry.chat_id

    def _prune(self, now: float) -> None:
        for token, entry in list(self._by_token.items()):
            if entry.expires_at <= now:
                del self._by_token[token]
                if self._by_chat.get(entry.chat_id) == token:
                    del self._by_chat[entry.chat_id]
