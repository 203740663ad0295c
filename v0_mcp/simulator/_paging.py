"""Cursors and dates for the list endpoints (api-notes.md §3)."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any, TypeVar
from urllib.parse import urlencode

from ._errors import ApiError

__all__ = ["decode_cursor", "encode_cursor", "newest_first", "page", "timestamp"]

_T = TypeVar("_T")


def encode_cursor(offset: int) -> str:
    """Return the opaque cursor of an offset (base64 of ``{"offset": n}``, as v0's look)."""
    return base64.b64encode(json.dumps({"offset": offset}, separators=(",", ":")).encode()).decode()


def decode_cursor(cursor: str | None) -> int:
    """Return the offset a cursor stands for; a cursor we did not issue answers 422."""
    if not cursor:
        return 0
    try:
        offset = json.loads(base64.b64decode(cursor, validate=True))["offset"]
    except (binascii.Error, ValueError, TypeError, KeyError):
        raise ApiError(422, f"Invalid cursor: {cursor!r}") from None
    if not isinstance(offset, int) or offset < 0:
        raise ApiError(422, f"Invalid cursor: {cursor!r}")
    return offset


def page(items: list[Any], *, cursor: str | None, limit: int, url: str) -> tuple[list[Any], dict[str, Any]]:
    """Cut one page from ``items`` and return it with the ``pagination`` block."""
    start = decode_cursor(cursor)
    chunk = items[start : start + limit]
    more = start + limit < len(items)
    pagination: dict[str, Any] = {"hasMore": more}
    if more:
        token = encode_cursor(start + limit)
        pagination.update(nextCursor=token, nextUrl=f"{url}?{urlencode({'cursor': token, 'limit': limit})}")
    return chunk, pagination


def timestamp(value: datetime | None) -> float | None:
    """Return a query date-time as UNIX seconds (a date-time without zone is UTC)."""
    if value is None:
        return None
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).timestamp()


def newest_first(items: Iterable[_T], stamp: Callable[[_T], float]) -> list[_T]:
    """Sort by ``stamp``, newest first; of two with the same stamp, the later created comes first."""
    ordered = sorted(enumerate(items), key=lambda pair: (stamp(pair[1]), pair[0]), reverse=True)
    return [item for _, item in ordered]
