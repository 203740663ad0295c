"""Usage on API v2: credits consumed (not a balance), billed events a page at a time, activity."""

from __future__ import annotations

from tests.tools.v2.vercel_fixtures import open_v2
from v0_mcp.simulator import Simulator


async def test_usage_reports_what_generations_cost(sim: Simulator, era: str) -> None:
    async with open_v2(sim, era) as session:
        for prompt in ("Build a pricing page", "Build a blog", "Build a todo app"):
            await session.v0.call("chats.create", message=prompt)
        summary = await session.agent.ok("get_usage_summary")
        first = await session.agent.ok("list_usage_events", {"limit": 2})
        rest = await session.agent.ok("list_usage_events", {"cursor": first["nextCursor"]})
        activity = await session.agent.ok("get_usage_activity")
        bad_range = await session.agent.fail("get_usage_summary", {"start": "yesterday"})

    assert summary["credits"]["total"] > 0 and "not a balance" in summary["note"]
    assert sum(day["total"] for day in summary["daily"]) == summary["credits"]["total"]
    assert first["hasMore"] is True and len(first["events"]) == 2 and "cursor=" in first["note"]
    events = first["events"] + rest["events"]
    assert len({event["id"] for event in events}) == len(events) >= 3  # paged without repeats
    assert all(event["credits"] is not None and event["chatId"] for event in events)
    assert activity["data"]["summary"]["chatCount"] == 3
    assert "start" in bad_range
