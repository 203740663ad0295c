"""MCP servers v0 may call on API v2: their credentials go in and never come back out."""

from __future__ import annotations

import json
import logging

import pytest

from tests.tools.v2.vercel_fixtures import open_v2
from v0_mcp.simulator import Simulator

TOKEN = "mcp-bearer-9d1f0c2b7e"
HEADER_VALUE = "hdr-secret-44aa0e"


async def test_mcp_servers_are_managed_without_echoing_their_secrets(
    sim: Simulator, era: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with open_v2(sim, era) as session:
        agent = session.agent
        created = await agent.ok(
            "create_mcp_server",
            {"name": "docs", "url": "https://mcp.example.com/mcp", "auth": {"type": "bearer", "token": TOKEN}},
        )
        server_id = created["id"]
        updated = await agent.ok(
            "update_mcp_server",
            {
                "mcpServerId": server_id,
                "enabled": False,
                "auth": {"type": "custom-headers", "headers": {"X-Api-Key": HEADER_VALUE}},
            },
        )
        fetched = await agent.ok("get_mcp_server", {"mcpServerId": server_id})
        listed = await agent.ok("list_mcp_servers")
        bad = await agent.fail("create_mcp_server", {"name": "x", "url": "https://x", "auth": {"type": "magic"}})
        refused = await agent.fail("delete_mcp_server", {"mcpServerId": server_id})
        deleted = await agent.ok("delete_mcp_server", {"mcpServerId": server_id, "confirm": True})
        after = await agent.ok("list_mcp_servers")

    for result in (created, updated, fetched, listed):
        assert TOKEN not in json.dumps(result) and HEADER_VALUE not in json.dumps(result)
    assert created["auth"] == {"type": "bearer"} and created["enabled"] is True
    assert updated["enabled"] is False
    assert fetched["auth"] == {"type": "custom-headers", "headerNames": ["X-Api-Key"]}
    assert [s["id"] for s in listed["mcpServers"]] == [server_id]
    assert "auth" in bad
    assert "confirm" in refused
    assert deleted == {"id": server_id, "object": "mcp_server", "deleted": True}
    assert after["mcpServers"] == [] and "create_mcp_server" in after["note"]
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert TOKEN not in logged and HEADER_VALUE not in logged
