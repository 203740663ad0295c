"""Where a chat's preview lives upstream, and a cache that refreshes its token in time.

v0 answers ``chats.getPreview`` with ``{url, token, expiresAt}`` (or ``null`` while the
preview starts); every request to ``url`` must carry ``x-v0-preview-token``. The token
expires: :class:`TokenCache` asks again when less than ``margin`` seconds remain, and
:meth:`TokenCache.invalidate` drops a token v0 asked us to refresh.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import anyio

__all__ = ["FetchPreview", "TokenCache", "UpstreamPreview"]


@dataclass(frozen=True, slots=True)
class UpstreamPreview:
    """A running preview: its URL, the token to send with each request, and when the token expires (UNIX s)."""

    url: str
    token: str = ""
    expires_at: float = float("inf")

    def __repr__(self) -> str:  # the token never reaches a log line
        return f"UpstreamPreview(url={self.url!r}, expires_at={self.expires_at!r})"

    @classmethod
    def from_api(cls, body: Mapping[str, Any] | None) -> UpstreamPreview | None:
        """Read a ``chats.getPreview`` body: ``{url, token, expiresAt}``, ``{preview: {...}}`` or null."""
        if body is not None and "preview" in body and "url" not in body:
            body = body["preview"]
        if not body:
            return None
        expires = body.get("expiresAt")
        if isinstance(expires, str):
            at = datetime.fromisoformat(expires.replace("Z", "+00:00")).timestamp()
        elif isinstance(expires, int | float):
            at = float(expires) / (1000 if expires > 1e11 else 1)  # milliseconds or seconds
        else:
            at = float("inf")
        return cls(url=str(body["url"]), token=str(body.get("token") or ""), expires_at=at)


FetchPreview = Callable[[str], Awaitable[UpstreamPreview | None]]
"""Ask v0 for a chat's preview (``chats.getPreview``); ``None`` while it is still starting."""


class TokenCache:
    """Per-preview upstream previews, fetched once and again shortly before the token expires.

    A preview is known by a key (the chat id, or the chat as one caller sees it) and is
    fetched with the call bound to that key (:meth:`bind`: over HTTP, the caller's own
    client), else with ``fetch`` applied to the key.

    **Parameters:**

    * **fetch** - the default call to v0, e.g. ``chats.getPreview`` through the client.
    * **clock** - UNIX time now (injectable for tests).
    * **margin** - refresh when fewer seconds than this remain (v0's docs use 60).
    """

    def __init__(self, fetch: FetchPreview | None, *, clock: Callable[[], float], margin: float = 60.0) -> None:
        self._fetch = fetch
        self._clock = clock
        self._margin = margin
        self._cached: dict[str, UpstreamPreview] = {}
        self._bound: dict[str, tuple[str, FetchPreview]] = {}
        self._locks: dict[str, anyio.Lock] = {}

    def bind(self, key: str, chat_id: str, fetch: FetchPreview, *, seed: UpstreamPreview | None = None) -> None:
        """Fetch ``key``'s preview with ``fetch(chat_id)`` from now on; ``seed`` is one just fetched."""
        self._bound[key] = (chat_id, fetch)
        if seed is not None:
            self._cached[key] = seed

    async def get(self, key: str) -> UpstreamPreview | None:
        """Return the preview, fetching it when none is cached or its token is about to expire."""
        lock = self._locks.setdefault(key, anyio.Lock())
        async with lock:  # one getPreview per preview at a time, however many requests wait
            cached = self._cached.get(key)
            if cached is not None and cached.expires_at - self._clock() > self._margin:
                return cached
            chat_id, fetch = self._bound.get(key) or (key, self._fetch)
            if fetch is None:
                return None
            fresh = await fetch(chat_id)
            if fresh is None:
                self._cached.pop(key, None)
            else:
                self._cached[key] = fresh
            return fresh

    def invalidate(self, key: str, stale: UpstreamPreview) -> None:
        """Drop ``stale`` (v0 said ``x-v0-preview-refresh: 1``) unless a newer one already replaced it."""
        if self._cached.get(key) is stale:
            del self._cached[key]
