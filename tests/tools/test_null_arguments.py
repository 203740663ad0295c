"""A null optional argument means "not given": the strict simulator, like v0, refuses a forwarded null."""

from __future__ import annotations

from tests.tools.conftest import API_KEY, open_agent
from v0_mcp.server import V0MCPServer
from v0_mcp.simulator import Simulator


async def test_null_optional_arguments_are_left_out_upstream(server: V0MCPServer, era: str) -> None:
    async with open_agent(server, era) as agent:
        chat = await agent.ok(
            "create_chat",
            {"message": "Build a todo app", "projectId": None, "system": None, "attachments": None, "waitSeconds": 30},
        )
        assert chat["chatId"]
        sent = await agent.ok(
            "send_message", {"chatId": chat["chatId"], "message": "Add a footer", "modelConfiguration": None}
        )
        assert sent["chatId"] == chat["chatId"]


async def test_a_null_the_api_reads_is_still_sent(server: V0MCPServer, sim: Simulator, era: str) -> None:
    async with open_agent(server, era) as agent:
        chat = await agent.ok("create_chat", {"message": "Build a blog", "metadata": {"team": "a"}, "waitSeconds": 30})
        stored = sim.workspace(API_KEY).chats[chat["chatId"]]
        assert stored.metadata == {"team": "a"}
        await agent.ok("update_chat", {"chatId": chat["chatId"], "metadata": None})  # null clears the metadata
    assert stored.metadata == {}
