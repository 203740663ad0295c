"""Errors an agent can act on: bad arguments name the field, v0's errors say what to do next, the key never shows."""

from __future__ import annotations

import logging
from typing import Any, Final

import httpx
import pytest
from mcp import Client

from tests.tools.conftest import ALL, API_KEY, make_server, make_v0, open_agent, text_of
from v0_mcp.api import RetryPolicy, V0Client
from v0_mcp.server import V0MCPServer, build_server
from v0_mcp.settings import Settings
from v0_mcp.simulator import Simulator, SimulatorConfig

SENTINEL_KEY: Final = "v0-SENTINEL-9f83c2d1e7a4b6"


# -- invalid arguments: refused before v0 is asked, naming the field -----------------------------------------------


@pytest.mark.parametrize(
    ("tool", "arguments", "field", "problem"),
    [
        ("get_chat", {}, "chatId", "required"),
        ("send_message", {"chatId": "c"}, "message", "required"),
        ("create_chat", {"message": "x", "chatPrivacy": "secret"}, "chatPrivacy", "'private'"),
        ("get_chat", {"chatId": "c", "chat_id": "c"}, "chat_id", "unknown argument"),
        ("create_chat", {"message": "x", "waitSeconds": 601}, "waitSeconds", "600"),
        ("create_chat", {"message": "x", "waitSeconds": -1}, "waitSeconds", "0"),
        ("create_mcp_server", {"name": "n" * 101, "url": "https://example.com"}, "name", "100"),
        ("list_chats", {"limit": "ten"}, "limit", "integer"),
        (
            "update_version_files",
            {"chatId": "c", "versionId": "v", "files": [{"name": "a"}]},
            "files.0.content",
            "required",
        ),
        ("resolve_task", {"chatId": "c", "task": {"type": "no-such-task"}}, "task", "no-such-task"),
    ],
)
async def test_invalid_arguments_are_refused_naming_the_field(
    server: V0MCPServer, sim: Simulator, era: str, tool: str, arguments: dict[str, Any], field: str, problem: str
) -> None:
    async with open_agent(server, era) as agent:
        error = await agent.fail(tool, arguments)

    assert f"- {field}" in error or f"{field}:" in error
    assert problem in error
    assert sim.workspace(API_KEY).chats == {}


# -- v0's errors ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tool", "arguments", "lister"),
    [
        ("get_chat", {"chatId": "chat_missing"}, "list_chats"),
        ("get_project", {"projectId": "prj_missing"}, "list_projects"),
        ("get_deployment", {"deploymentId": "dpl_missing"}, "list_deployments"),
        ("get_hook", {"hookId": "hook_missing"}, "list_hooks"),
        ("get_mcp_server", {"mcpServerId": "mcp_missing"}, "list_mcp_servers"),
    ],
)
async def test_not_found_names_the_tool_that_lists_valid_ids(
    server: V0MCPServer, era: str, tool: str, arguments: dict[str, Any], lister: str
) -> None:
    async with open_agent(server, era) as agent:
        error = await agent.fail(tool, arguments)

    assert "404 not_found_error" in error
    assert lister in error
    assert next(iter(arguments.values())) in error


async def test_not_found_version_points_at_list_versions(server: V0MCPServer, era: str) -> None:
    async with open_agent(server, era) as agent:
        chat = await agent.ok("create_chat", {"message": "Build a todo app", "waitSeconds": 30})
        error = await agent.fail("get_version", {"chatId": chat["chatId"], "versionId": "ver_missing"})

    assert "404" in error and "Version not found" in error
    assert "list_versions" in error


async def test_unprocessable_says_to_fix_the_field(server: V0MCPServer, era: str) -> None:
    async with open_agent(server, era) as agent:
        created = await agent.ok("create_mcp_server", {"name": "Docs", "url": "https://mcp.example.com"})
        error = await agent.fail(
            "authorize_mcp_server", {"mcpServerId": created["data"]["id"], "returnUrl": "https://example.com/back"}
        )

    assert "422 unprocessable_entity_error" in error
    assert "does not use OAuth" in error
    assert "Fix the field" in error


async def test_unauthorized_says_to_set_v0_api_key(era: str) -> None:
    sim = Simulator(SimulatorConfig(api_key="the-right-key"))
    async with make_v0(sim, "a-wrong-key") as v0, open_agent(make_server(ALL, client=v0), era) as agent:
        error = await agent.fail("list_chats")

    assert "401 unauthorized_error" in error
    assert "V0_API_KEY" in error
    assert "a-wrong-key" not in error


async def test_rate_limited_says_when_to_retry(server: V0MCPServer, sim: Simulator, era: str) -> None:
    sim.faults.rate_limit_every = 1
    sim.faults.retry_after = 120  # longer than the client waits by itself
    async with open_agent(server, era) as agent:
        error = await agent.fail("list_chats")

    assert "429 too_many_requests_error" in error
    assert "retry in 120s" in error


async def test_rate_limited_generation_says_when_to_retry(era: str) -> None:
    sim = Simulator(SimulatorConfig(daily_message_limit=0))
    async with make_v0(sim) as v0, open_agent(make_server(ALL, client=v0), era) as agent:
        error = await agent.fail("create_chat", {"message": "Build a todo app"})

    assert "429" in error and "Daily message limit" in error
    assert "retry in " in error


async def test_server_errors_say_to_retry_shortly(server: V0MCPServer, sim: Simulator, era: str) -> None:
    sim.faults.fail_next = 1
    async with open_agent(server, era) as agent:
        error = await agent.fail("create_project", {"name": "x"})

    assert "500 internal_server_error" in error
    assert "retry shortly" in error


async def test_an_unreachable_v0_says_to_check_the_url(era: str) -> None:
    sim = Simulator()
    sim.faults.drop_rate = 1.0
    v0 = make_v0(sim, retry=RetryPolicy(max_attempts=1))
    async with v0, open_agent(make_server(ALL, client=v0), era) as agent:
        error = await agent.fail("get_user")

    assert "Could not reach v0" in error
    assert "V0_API_URL" in error


# -- no key ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("tool", ["list_chats", "create_chat", "get_user"])
async def test_without_a_key_every_call_explains_how_to_set_it(era: str, tool: str) -> None:
    sent: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(500)

    v0 = V0Client(None, base_url="http://127.0.0.1/v1", transport=httpx.MockTransport(record))
    assert not v0.has_api_key
    async with v0, open_agent(make_server(ALL, client=v0), era) as agent:
        error = await agent.fail(tool, {"message": "Build a todo app"} if tool == "create_chat" else {})

    assert "V0_API_KEY" in error
    assert "https://v0.app/chat/settings/keys" in error
    assert "--demo" in error
    assert sent == []


async def test_without_a_key_the_server_still_builds_and_lists_its_tools(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("V0_API_KEY", raising=False)

    server = build_server(Settings(api_version="v1"))

    async with Client(server, mode="legacy") as client:
        assert (await client.list_tools()).tools
        result = await client.call_tool("list_chats", {})
    assert result.is_error
    assert "No v0 API key is configured" in text_of(result)


# -- the key never shows ---------------------------------------------------------------------------------------------


async def test_the_api_key_never_appears_in_results_or_logs(era: str, caplog: pytest.LogCaptureFixture) -> None:
    sim = Simulator(SimulatorConfig(generation_delay=0.1))
    texts: list[str] = []
    caplog.set_level(logging.DEBUG)
    async with make_v0(sim, SENTINEL_KEY) as v0, open_agent(make_server(ALL, client=v0), era) as agent:
        chat = await agent.ok("create_chat", {"message": "Build a todo app", "waitSeconds": 30})
        calls: list[tuple[str, dict[str, Any]]] = [
            ("get_chat", {"chatId": chat["chatId"]}),
            ("get_user", {}),
            ("get_chat", {"chatId": "chat_missing"}),
            ("list_chats", {"limit": "bad"}),
            ("get_rate_limits", {}),
        ]
        for tool, arguments in calls:
            texts.append(text_of(await agent.call(tool, arguments)))
        sim.config.api_key = "another-key"
        texts.append(text_of(await agent.call("list_chats")))

    assert "401" in texts[-1]
    assert all(SENTINEL_KEY not in text for text in texts)
    assert SENTINEL_KEY not in caplog.text
    assert SENTINEL_KEY[-8:] not in caplog.text
