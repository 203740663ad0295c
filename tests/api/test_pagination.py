"""paginate() walks offset, cursor and since pagination into one stream of items."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.api.conftest import Script
from v0_mcp.api import paginate


def chats(*ids: str) -> dict[str, Any]:
    return {"object": "list", "data": [{"id": i, "object": "chat"} for i in ids]}


def messages(*ids: str, more: bool, cursor: str | None = None) -> dict[str, Any]:
    pagination: dict[str, Any] = {"hasMore": more}
    if cursor:
        pagination["nextCursor"] = cursor
    return {"object": "list", "data": [{"id": i, "object": "message"} for i in ids], "pagination": pagination}


def logs(*ids: str, next_since: float | None) -> dict[str, Any]:
    page: dict[str, Any] = {"object": "list", "logs": [{"id": i, "object": "deployment_log"} for i in ids]}
    if next_since is not None:
        page["nextSince"] = next_since
    return page


def replies(*pages: dict[str, Any]) -> Script:
    return Script(*(httpx.Response(200, json=page) for page in pages))


async def collect(v0, op: str, **arguments: Any) -> list[str]:
    return [item.id async for item in paginate(v0, op, **arguments)]


async def test_offset_pages_until_a_short_page(make_client):
    script = replies(chats("a", "b"), chats("c", "d"), chats("e"))
    async with make_client(script) as v0:
        assert await collect(v0, "chats.find", limit=2) == ["a", "b", "c", "d", "e"]
    assert [(r.url.params["limit"], r.url.params["offset"]) for r in script.requests] == [
        ("2", "0"),
        ("2", "2"),
        ("2", "4"),
    ]


async def test_offset_stops_on_empty_page(make_client):
    script = replies(chats("a", "b"), chats())
    async with make_client(script) as v0:
        assert await collect(v0, "chats.find", limit=2, isFavorite=True) == ["a", "b"]
    assert all(r.url.params["isFavorite"] == "true" for r in script.requests)


async def test_offset_uses_default_limit(make_client):
    script = replies(chats("a"))
    async with make_client(script) as v0:
        await collect(v0, "chats.find")
    assert script.last.url.params["limit"] == "60"


async def test_cursor_follows_next_cursor_while_has_more(make_client):
    script = replies(
        messages("m1", "m2", more=True, cursor="c2"), messages(more=True, cursor="c3"), messages("m3", more=False)
    )
    async with make_client(script) as v0:
        assert await collect(v0, "chats.findMessages", chatId="chat", limit=2) == ["m1", "m2", "m3"]
    assert [r.url.params.get("cursor") for r in script.requests] == [None, "c2", "c3"]
    assert all(r.url.params["limit"] == "2" for r in script.requests)


async def test_cursor_stops_when_cursor_repeats(make_client):
    script = replies(messages("m1", more=True, cursor="same"))
    async with make_client(script) as v0:
        assert await collect(v0, "chats.findMessages", chatId="chat") == ["m1", "m1"]
    assert len(script.requests) == 2


async def test_usage_report_loops_on_has_more(make_client):
    page = {
        "object": "list",
        "data": [{"id": "u1", "object": "usage_event"}],
        "pagination": {"hasMore": True, "nextCursor": "n"},
        "meta": {"totalCount": 1},
    }
    last = {"object": "list", "data": [], "pagination": {"hasMore": False}, "meta": {"totalCount": 0}}
    script = replies(page, last)
    async with make_client(script) as v0:
        assert await collect(v0, "reports.getUsage") == ["u1"]


async def test_ai_usage_stops_when_next_cursor_is_null(make_client):
    first = {"object": "list", "data": [{"eventId": "e1"}], "pagination": {"nextCursor": "n2"}}
    second = {"object": "list", "data": [{"eventId": "e2"}], "pagination": {"nextCursor": None}}
    script = replies(first, second)
    async with make_client(script) as v0:
        events = [item.eventId async for item in paginate(v0, "reports.getAIUsage", limit=1)]
    assert events == ["e1", "e2"]
    assert script.last.url.params["cursor"] == "n2"


async def test_since_polls_until_no_new_logs(make_client):
    script = replies(logs("l1", "l2", next_since=100), logs("l2", "l3", next_since=200), logs("l3", next_since=300))
    async with make_client(script) as v0:
        assert await collect(v0, "deployments.findLogs", deploymentId="d") == ["l1", "l2", "l3"]
    assert [r.url.params.get("since") for r in script.requests] == [None, "100", "200"]


async def test_since_stops_when_next_since_does_not_advance(make_client):
    script = replies(logs("l1", next_since=50), logs("l2", next_since=50))
    async with make_client(script) as v0:
        assert await collect(v0, "deployments.findLogs", deploymentId="d", since=10) == ["l1", "l2"]
    assert len(script.requests) == 2


async def test_since_stops_without_next_since(make_client):
    script = replies(logs("l1", next_since=None))
    async with make_client(script) as v0:
        assert await collect(v0, "deployments.findLogs", deploymentId="d") == ["l1"]
    assert len(script.requests) == 1


async def test_max_items_bounds_the_walk(make_client):
    script = replies(chats("a", "b"), chats("c", "d"))
    async with make_client(script) as v0:
        assert await collect(v0, "chats.find", limit=2, max_items=3) == ["a", "b", "c"]
    assert len(script.requests) == 2


async def test_unpaginated_operation_is_refused(make_client):
    async with make_client(replies(chats())) as v0:
        with pytest.raises(TypeError, match="not paginated"):
            await collect(v0, "projects.find")
