"""Streamable HTTP and SSE: the real process, the SDK's client, a create -> get -> deploy flow."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import httpx
import httpx2
import pytest
from mcp import Client
from mcp.client.sse import sse_client
from mcp.client.streamable_http import streamable_http_client

from tests.transports.conftest import TOKEN, Running, running_server

pytestmark = pytest.mark.e2e


async def _flow(client: Client) -> dict[str, Any]:
    tools = {tool.name for tool in (await client.list_tools()).tools}
    assert {"create_chat", "get_version", "create_deployment"} <= tools
    created = await client.call_tool("create_chat", {"message": "A todo list app", "waitSeconds": 30})
    assert not created.is_error, created.content
    result = created.structured_content or {}
    assert result["status"] == "completed"
    version = await client.call_tool("get_version", {"chatId": result["chatId"], "versionId": result["versionId"]})
    assert not version.is_error, version.content
    files = [f["name"] for f in (version.structured_content or {})["version"]["files"]]
    assert files
    deployed = await client.call_tool(
        "create_deployment", {"chatId": result["chatId"], "versionId": result["versionId"]}
    )
    assert not deployed.is_error, deployed.content
    assert (deployed.structured_content or {})["id"]
    return result


async def test_streamable_http_serves_the_build_and_deploy_flow(http_server: Running) -> None:
    async with Client(f"{http_server.base}/mcp") as client:
        await _flow(client)


async def test_sse_serves_the_build_and_deploy_flow(sse_server: Running) -> None:
    async with Client(sse_client(f"{sse_server.base}/sse")) as client:
        await _flow(client)


async def test_stateless_http_serves_tool_calls(tmp_path: Path) -> None:
    with running_server(tmp_path, "--transport", "http", "--stateless") as running:
        async with Client(f"{running.base}/mcp", mode="legacy") as client:
            listed = await client.call_tool("list_chats", {})
            assert not listed.is_error
            assert (listed.structured_content or {})["chats"], "the demo workspace is seeded"
        async with httpx.AsyncClient() as http:
            answer = await http.post(
                f"{running.base}/mcp",
                json={
                    "jsonrpc": "2.0",
                    "id": 1,
                    "method": "initialize",
                    "params": {
                        "protocolVersion": "2025-11-25",
                        "capabilities": {},
                        "clientInfo": {"name": "t", "version": "1"},
                    },
                },
                headers={"Accept": "application/json, text/event-stream"},
            )
        assert answer.status_code == 200
        assert "mcp-session-id" not in answer.headers


def test_healthz_answers_without_a_token(guarded_http_server: Running, guarded_sse_server: Running) -> None:
    for running, transport in ((guarded_http_server, "http"), (guarded_sse_server, "sse")):
        answer = httpx.get(f"{running.base}/healthz")
        assert answer.status_code == 200
        assert answer.json() == {"status": "ok", "transport": transport}


def test_request_without_token_is_refused_with_www_authenticate(guarded_http_server: Running) -> None:
    answer = httpx.post(f"{guarded_http_server.base}/mcp", json={"jsonrpc": "2.0", "id": 1, "method": "ping"})
    assert answer.status_code == 401
    assert answer.headers["www-authenticate"].startswith("Bearer")


def test_request_with_wrong_token_is_refused(guarded_http_server: Running) -> None:
    answer = httpx.post(
        f"{guarded_http_server.base}/mcp",
        json={"jsonrpc": "2.0", "id": 1, "method": "ping"},
        headers={"Authorization": "Bearer wrong-token"},
    )
    assert answer.status_code == 401


def test_sse_without_token_is_refused(guarded_sse_server: Running) -> None:
    with httpx.stream("GET", f"{guarded_sse_server.base}/sse") as answer:
        assert answer.status_code == 401


async def test_request_with_the_right_token_is_served(guarded_http_server: Running) -> None:
    http = httpx2.AsyncClient(headers={"Authorization": f"Bearer {TOKEN}"})
    async with Client(streamable_http_client(f"{guarded_http_server.base}/mcp", http_client=http)) as client:
        listed = await client.call_tool("list_chats", {})
        assert not listed.is_error


async def test_sse_with_the_right_token_is_served(guarded_sse_server: Running) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    async with Client(sse_client(f"{guarded_sse_server.base}/sse", headers=headers)) as client:
        listed = await client.call_tool("list_chats", {})
        assert not listed.is_error


async def test_each_caller_key_sees_only_its_own_chats(http_server: Running) -> None:
    running = http_server

    def as_user(key: str) -> Client:
        http = httpx2.AsyncClient(headers={"X-V0-Api-Key": key}, timeout=60)
        return Client(streamable_http_client(f"{running.base}/mcp", http_client=http))

    async with as_user("alice-key") as alice, as_user("bob-key") as bob:
        made = await alice.call_tool("create_chat", {"message": "Alice's private dashboard", "waitSeconds": 0})
        alice_chat = (made.structured_content or {})["chatId"]
        bob_chats = await bob.call_tool("list_chats", {})
        alice_chats = await alice.call_tool("list_chats", {})
        assert alice_chat in {c["id"] for c in (alice_chats.structured_content or {})["chats"]}
        assert alice_chat not in {c["id"] for c in (bob_chats.structured_content or {})["chats"]}
        stolen = await bob.call_tool("get_chat", {"chatId": alice_chat})
        assert stolen.is_error
        assert "404" in json.dumps([c.model_dump() for c in stolen.content])
        # concurrently: each sees its own workspace, never the other's
        both = await asyncio.gather(alice.call_tool("list_chats", {}), bob.call_tool("list_chats", {}))
        ids = [{c["id"] for c in (r.structured_content or {})["chats"]} for r in both]
        assert alice_chat in ids[0] and alice_chat not in ids[1]
    assert "alice-key" not in running.stderr()
    assert "bob-key" not in running.stderr()


def test_dns_rebinding_host_is_refused(http_server: Running) -> None:
    answer = httpx.post(
        f"{http_server.base}/mcp",
        json={"jsonrpc": "2.0", "id": 1, "method": "ping"},
        headers={"Host": "evil.example.com", "Accept": "application/json, text/event-stream"},
    )
    assert answer.status_code in (403, 421)
