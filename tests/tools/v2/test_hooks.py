"""Webhooks on API v2: created, read, changed, listed and deleted."""

from __future__ import annotations

from tests.tools.v2.vercel_fixtures import open_v2
from v0_mcp.simulator import Simulator


async def test_a_webhook_is_created_changed_and_deleted(sim: Simulator, era: str) -> None:
    async with open_v2(sim, era) as session:
        agent = session.agent
        chat_id = await session.chat()
        empty = await agent.ok("list_hooks")
        hook = await agent.ok(
            "create_hook",
            {"name": "ci", "events": ["message.finished"], "url": "http://127.0.0.1:9/hook", "chatId": chat_id},
        )
        changed = await agent.ok("update_hook", {"hookId": hook["id"], "events": ["chat.created", "chat.deleted"]})
        fetched = await agent.ok("get_hook", {"hookId": hook["id"]})
        listed = await agent.ok("list_hooks")
        bad_event = await agent.fail("create_hook", {"name": "x", "events": ["chat.exploded"], "url": "http://x"})
        refused = await agent.fail("delete_hook", {"hookId": hook["id"]})
        deleted = await agent.ok("delete_hook", {"hookId": hook["id"], "confirm": True})
        gone = await agent.fail("get_hook", {"hookId": hook["id"]})

    assert empty["hooks"] == [] and "create_hook" in empty["note"]
    assert hook["chatId"] == chat_id and hook["events"] == ["message.finished"]
    assert changed["events"] == ["chat.created", "chat.deleted"] and changed["chatId"] == chat_id
    assert fetched == changed
    assert listed["hooks"] == [{"id": hook["id"], "name": "ci"}]
    assert "events" in bad_event
    assert "confirm" in refused
    assert deleted == {"id": hook["id"], "object": "hook", "deleted": True}
    assert "404" in gone and "list_hooks" in gone
