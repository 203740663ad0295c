"""Over HTTP, each caller's own key (X-V0-Api-Key) is used on v2 as on v1: its own chats, its own cached files."""

from __future__ import annotations

from pathlib import Path

import httpx2
import pytest
from mcp import Client
from mcp.client.streamable_http import streamable_http_client

from tests.transports.conftest import running_server


@pytest.mark.e2e
async def test_each_caller_key_sees_only_its_own_chats_and_files_on_v2(tmp_path: Path) -> None:
    with running_server(tmp_path, "--transport", "http", api_version="v2") as running:

        def as_user(key: str) -> Client:
            http = httpx2.AsyncClient(headers={"X-V0-Api-Key": key}, timeout=60)
            return Client(streamable_http_client(f"{running.base}/mcp", http_client=http))

        async with as_user("alice-v2-key") as alice, as_user("bob-v2-key") as bob:
            made = await alice.call_tool("create_chat", {"message": "Alice's private dashboard", "waitSeconds": 30})
            assert not made.is_error
            chat_id = (made.structured_content or {})["chatId"]
            mine = await alice.call_tool("get_chat_files", {"chatId": chat_id})
            theirs = await bob.call_tool("get_chat_files", {"chatId": chat_id})  # alice's files are cached now
            bob_chats = await bob.call_tool("list_chats", {})
        assert not mine.is_error and (mine.structured_content or {})["files"]
        assert theirs.is_error and "404" in str(theirs.content[0])
        assert chat_id not in {c["id"] for c in (bob_chats.structured_content or {})["chats"]}
        log = running.stderr()
    assert "alice-v2-key" not in log and "bob-v2-key" not in log
