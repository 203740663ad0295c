"""Walk the pagination styles of the v0 API, every version, as one stream of items.

* offset (v1 ``chats.find``): ``limit``/``offset``; no total, so a short page is the last.
* cursor: send the page's cursor back as ``cursor`` until there is none. Where
  the cursor lives differs: v1 ``findMessages``, ``findVersions``,
  ``reports.getUsage`` have ``pagination.nextCursor`` and ``hasMore`` (pages may
  be empty while more remain; ``reports.getAIUsage`` has no ``hasMore``); v2
  ``chats.list`` and ``messages.list`` (newest first) a top-level ``cursor``;
  v2 ``usage.listEvents`` ``pagination.cursor`` and ``hasMore``. The items are
  in the field the operation names (``items``), else ``data``.
* since (``deployments.findLogs``): poll with ``since=nextSince``; stop when a
  poll brings no new log or ``nextSince`` does not move forward.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

from ._client import V0Client

if TYPE_CHECKING:
    from ._operation import Operation

__all__ = ["paginate"]


async def paginate(
    client: V0Client, op: str | Operation, /, *, max_items: int | None = None, **arguments: Any
) -> AsyncIterator[Any]:
    """Yield every item of a paginated operation, at most ``max_items`` of them."""
    resolved = client.operation(op)
    if resolved.pagination is None:
        raise TypeError(f"{resolved.id} is not paginated: use V0Client.call()")
    pages = {"offset": _offset, "cursor": _cursor, "since": _since}[resolved.pagination]
    if max_items is not None and max_items <= 0:
        return
    count = 0
    async for item in pages(client, resolved, dict(arguments)):
        yield item
        count += 1
        if max_items is not None and count >= max_items:
            return


async def _offset(client: V0Client, op: Operation, arguments: dict[str, Any]) -> AsyncIterator[Any]:
    default: int = op.query.model_fields["limit"].default if op.query is not None else 60
    limit: int = arguments.get("limit", default)
    offset: int = arguments.get("offset", 0)
    while True:
        page = await client.call(op, **{**arguments, "limit": limit, "offset": offset})
        items = page.data or []
        for item in items:
            yield item
        if not items or len(items) < limit:
            return
        offset += len(items)


async def _cursor(client: V0Client, op: Operation, arguments: dict[str, Any]) -> AsyncIterator[Any]:
    seen: set[str] = set()
    items = getattr(op, "items", None) or "data"
    while True:
        page = await client.call(op, **arguments)
        for item in getattr(page, items, None) or []:
            yield item
        pagination = getattr(page, "pagination", None)
        if pagination is not None:
            cursor = getattr(pagination, "nextCursor", None) or getattr(pagination, "cursor", None)
        else:
            cursor = getattr(page, "cursor", None)
        if getattr(pagination, "hasMore", None) is False or not cursor or cursor in seen:
            return
        seen.add(cursor)
        arguments["cursor"] = cursor


async def _since(client: V0Client, op: Operation, arguments: dict[str, Any]) -> AsyncIterator[Any]:
    since = arguments.get("since")
    seen: set[str] = set()
    while True:
        page = await client.call(op, **arguments)
        new = [log for log in page.logs or [] if log.id not in seen]
        for log in new:
            seen.add(log.id)
            yield log
        following = page.nextSince
        if not new or following is None or (since is not None and following <= since):
            return
        since = arguments["since"] = following
