"""resources/list: the most recent chats and their latest versions, one API call per page, MCP cursors."""

from __future__ import annotations

import pytest
from mcp import MCPError
from mcp.types import INVALID_PARAMS

from tests.resources.conftest import CountingTransport, Seeded, connect, make_server
from v0_mcp.api import V0Client
from v0_mcp.resources import _listing
from v0_mcp.server import V0MCPServer


async def test_lists_each_chat_with_its_latest_version(server: V0MCPServer, era: str, seeded: Seeded) -> None:
    async with connect(server, era) as client:
        listed = (await client.list_resources()).resources
    uris = [resource.uri for resource in listed]
    assert f"v0://chats/{seeded.chat_id}" in uris
    assert f"v0://chats/{seeded.chat_id}/versions/{seeded.version_id}" in uris
    assert f"v0://chats/{seeded.other_chat_id}" in uris
    assert len([uri for uri in uris if uri.startswith("v0://")]) == 4  # and the MCP App view (ui://)


async def test_listed_chats_carry_names_and_mime_types(server: V0MCPServer, era: str, seeded: Seeded) -> None:
    async with connect(server, era) as client:
        listed = {resource.uri: resource for resource in (await client.list_resources()).resources}
    chat = listed[f"v0://chats/{seeded.chat_id}"]
    version = listed[f"v0://chats/{seeded.chat_id}/versions/{seeded.version_id}"]
    assert chat.title == seeded.chat_name
    assert chat.mime_type == version.mime_type == "application/json"
    assert "completed" in (version.description or "")
    assert chat.annotations is not None and chat.annotations.last_modified


async def test_most_recent_chats_come_first(server: V0MCPServer, era: str, seeded: Seeded) -> None:
    async with connect(server, era) as client:
        listed = [r for r in (await client.list_resources()).resources if r.uri.startswith("v0://")]
    assert listed[0].uri == f"v0://chats/{seeded.other_chat_id}"


async def test_pages_follow_the_cursor_until_the_chats_run_out(
    server: V0MCPServer, era: str, seeded: Seeded, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_listing, "LIST_PAGE_SIZE", 1)
    pages: list[list[str]] = []
    async with connect(server, era) as client:
        cursor: str | None = None
        while True:
            page = await client.list_resources(cursor=cursor)
            pages.append([r.uri for r in page.resources if r.uri.startswith("v0://") and "/versions/" not in r.uri])
            cursor = page.next_cursor
            if cursor is None:
                break
    assert pages[:2] == [[f"v0://chats/{seeded.other_chat_id}"], [f"v0://chats/{seeded.chat_id}"]]
    assert all(page == [] for page in pages[2:])


async def test_a_page_costs_one_api_call(
    server: V0MCPServer, era: str, seeded: Seeded, transport: CountingTransport
) -> None:
    async with connect(server, era) as client:
        before = len(transport.requests)
        await client.list_resources()
        made = transport.requests[before:]
    assert made == ["GET /v1/chats"]


async def test_a_cursor_it_did_not_issue_is_refused(server: V0MCPServer, era: str) -> None:
    async with connect(server, era) as client:
        with pytest.raises(MCPError) as caught:
            await client.list_resources(cursor="not-a-cursor")
    assert caught.value.error.code == INVALID_PARAMS
    assert "cursor" in caught.value.error.message


async def test_tools_list_treats_a_bad_cursor_as_resources_list_does(server: V0MCPServer, era: str) -> None:
    async with connect(server, era) as client:
        assert (await client.list_tools()).tools  # no cursor: the one page
        with pytest.raises(MCPError) as caught:
            await client.list_tools(cursor="not-a-cursor")
    assert caught.value.error.code == INVALID_PARAMS
    assert "cursor" in caught.value.error.message


async def test_a_missing_key_is_a_clear_error(era: str, v0: V0Client) -> None:
    server = make_server(v0.with_api_key(""))
    async with connect(server, era) as client:
        with pytest.raises(MCPError) as caught:
            await client.list_resources()
    assert "V0_API_KEY" in caught.value.error.message
