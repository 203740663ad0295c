"""Trusted preview hosts on API v2: the whole list is replaced, at most five."""

from __future__ import annotations

from tests.tools.v2.vercel_fixtures import open_v2
from v0_mcp.simulator import Simulator


async def test_preview_hosts_are_replaced_as_a_whole(sim: Simulator, era: str) -> None:
    async with open_v2(sim, era) as session:
        agent = session.agent
        before = await agent.ok("get_preview_hosts")
        first = await agent.ok("set_preview_hosts", {"hosts": ["app.example.com", "*.example.com"]})
        replaced = await agent.ok("set_preview_hosts", {"hosts": ["**.preview.example.org"]})
        after = await agent.ok("get_preview_hosts")
        too_many = await agent.fail("set_preview_hosts", {"hosts": [f"h{i}.example.com" for i in range(6)]})

    assert before["hosts"] == [] and "5 of 5" in before["note"]
    assert first["hosts"] == ["app.example.com", "*.example.com"]
    assert replaced["hosts"] == after["hosts"] == ["**.preview.example.org"]
    assert "replaces the whole list" in after["note"]
    assert "hosts" in too_many
