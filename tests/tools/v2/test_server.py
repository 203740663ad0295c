"""The server follows the selected API version: its tools, toolsets, instructions and Vercel client."""

from __future__ import annotations

import pytest
from mcp.server.mcpserver.exceptions import ToolError

from tests.conftest import connect
from v0_mcp.api import build_client
from v0_mcp.cli import parse_settings
from v0_mcp.server import build_server, demo_clients, vercel_client
from v0_mcp.settings import Settings
from v0_mcp.tools import UnknownNameError
from v0_mcp.tools._runtime import Runtime


async def test_v2_is_served_by_default_and_its_instructions_describe_its_flow() -> None:
    settings = parse_settings([], env={})
    assert settings.api_version == "v2"
    async with connect(build_server(Settings(demo=True)), "auto") as client:
        names = {tool.name for tool in (await client.list_tools()).tools}
        instructions = client.instructions or ""
    assert {"create_chat", "get_chat_files", "update_chat_files", "get_preview"} <= names
    assert "get_version" not in names
    for step in ("create_chat", "wait_for_generation", "get_chat_files", "update_chat_files", "get_preview"):
        assert step in instructions
    assert "create_deployment" in instructions and "get_deployment_logs" in instructions
    assert "versionId" not in instructions
    assert len(instructions.splitlines()) <= 12


async def test_v1_stays_whole_behind_the_flag() -> None:
    async with connect(build_server(parse_settings(["--api-version", "v1", "--demo"], env={})), "auto") as client:
        names = {tool.name for tool in (await client.list_tools()).tools}
        instructions = client.instructions or ""
    assert {"get_version", "update_version_files"} <= names and "get_chat_files" not in names
    assert "update_version_files" in instructions


def test_the_unknown_toolset_error_lists_the_toolsets_of_the_version_served() -> None:
    with pytest.raises(UnknownNameError) as raised:
        build_server(parse_settings(["--toolsets", "versions"], env={}))
    message = str(raised.value)
    assert "files" in message and "settings" in message and "integrations" not in message
    build_server(parse_settings(["--toolsets", "files,settings"], env={}))


def test_help_names_the_toolsets_of_both_versions(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        parse_settings(["--help"], env={})
    text = " ".join(capsys.readouterr().out.split())
    assert "v2: chats, files, deployments" in text and "v1: chats, versions" in text


def test_without_a_vercel_token_there_is_no_vercel_client_and_tools_say_what_to_set() -> None:
    assert vercel_client(Settings()) is None
    runtime = Runtime(client=build_client("v2", "k", "http://127.0.0.1/v2"))
    with pytest.raises(ToolError) as raised:
        runtime.require_vercel()
    assert "VERCEL_TOKEN" in str(raised.value) and "VERCEL_TEAM_ID" in str(raised.value)


def test_a_vercel_token_gives_a_client_for_its_team() -> None:
    vercel = vercel_client(Settings(vercel_token="tok-abc", vercel_team_id="team_1", vercel_api_url="http://x.test"))
    assert vercel is not None and vercel.has_token and vercel.team_id == "team_1"
    assert vercel.base_url == "http://x.test"
    assert vercel_client(Settings(api_version="v1", vercel_token="tok-abc")) is None  # v1 deploys through v0


async def test_the_demo_serves_vercel_from_the_same_simulator() -> None:
    v0, make_vercel = demo_clients(Settings(demo=True, generation_delay=0.1))
    vercel = make_vercel()
    assert vercel is not None and vercel.has_token and make_vercel() is vercel
    async with v0, vercel:
        started = await v0.call("chats.createAsync", message="Build a blog")
        chat = await v0.call("chats.get", chatId=started.chatId)
        projects = await vercel.call("getProjects")  # the demo key is the Vercel token
    assert chat.id == started.chatId and projects is not None
    _, none = demo_clients(Settings(api_version="v1", demo=True))
    assert none() is None
