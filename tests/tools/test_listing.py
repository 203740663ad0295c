"""Which tools are served: toolsets, --tools, --exclude-tools, --read-only, their env twins, unknown names."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from tests.tools.conftest import ALL, V1_ENV, VOCABULARY, VOCABULARY_ENTRIES, connect, make_server, text_of
from v0_mcp.cli import main, parse_settings
from v0_mcp.server import build_server
from v0_mcp.settings import Settings
from v0_mcp.tools import TOOLSETS, UnknownNameError

OPERATION_TOOLS = {entry["tool"] for entry in VOCABULARY["operations"]}
BUILDER_TOOLS = {name for name, entry in VOCABULARY_ENTRIES.items() if entry["builder"]}
READ_TOOLS = {name for name, entry in VOCABULARY_ENTRIES.items() if entry["kind"] == "read"}


async def served(settings: Settings, era: str = "auto") -> list[str]:
    """Return the names a client lists from a server built for ``settings``."""
    async with connect(make_server(settings), era) as client:
        return [tool.name for tool in (await client.list_tools()).tools]


def toolset_tools(*toolsets: str) -> set[str]:
    return {name for name, entry in VOCABULARY_ENTRIES.items() if entry["toolset"] in toolsets}


async def test_all_toolsets_list_the_59_operations_and_wait_for_generation(era: str) -> None:
    names = await served(parse_settings(["--toolsets", "all"], env=V1_ENV), era)

    assert len(OPERATION_TOOLS) == 59
    assert len(names) == len(set(names)) == 60
    assert set(names) == OPERATION_TOOLS | {"wait_for_generation"}


async def test_default_profile_is_the_builder_tools_of_the_vocabulary() -> None:
    names = await served(parse_settings([], env=V1_ENV))

    assert set(names) == BUILDER_TOOLS
    assert "wait_for_generation" in names
    assert len(names) < 15


@pytest.mark.parametrize("toolset", TOOLSETS)
async def test_each_toolset_lists_exactly_its_own_tools(toolset: str) -> None:
    names = await served(parse_settings(["--toolsets", toolset], env=V1_ENV))

    assert set(names) == toolset_tools(toolset)


async def test_toolsets_accept_a_comma_list() -> None:
    names = await served(parse_settings(["--toolsets", "hooks, account"], env=V1_ENV))

    assert set(names) == toolset_tools("hooks", "account")


async def test_builder_combines_with_other_toolsets() -> None:
    names = await served(parse_settings(["--toolsets", "builder,hooks"], env=V1_ENV))

    assert set(names) == BUILDER_TOOLS | toolset_tools("hooks")


async def test_tools_flag_adds_single_tools_to_the_profile() -> None:
    names = await served(parse_settings(["--tools", "delete_chat,get_user"], env=V1_ENV))

    assert set(names) == BUILDER_TOOLS | {"delete_chat", "get_user"}


async def test_exclude_tools_wins_over_toolsets_and_tools() -> None:
    argv = ["--toolsets", "all", "--tools", "get_user", "--exclude-tools", "get_user,create_chat"]
    settings = parse_settings(argv, env=V1_ENV)
    names = await served(settings)

    assert "get_user" not in names
    assert "create_chat" not in names
    assert len(names) == 58


async def test_read_only_lists_only_read_tools(era: str) -> None:
    names = await served(parse_settings(["--toolsets", "all", "--read-only"], env=V1_ENV), era)

    assert set(names) == READ_TOOLS
    assert "delete_chat" not in names and "create_chat" not in names


async def test_read_only_hides_write_tools_even_when_named_with_tools() -> None:
    names = await served(parse_settings(["--read-only", "--tools", "create_project,get_user"], env=V1_ENV))

    assert "create_project" not in names
    assert "get_user" in names


@pytest.mark.parametrize("tool", ["create_chat", "delete_chat", "update_version_files"])
async def test_read_only_server_refuses_to_call_write_and_destructive_tools(tool: str, era: str) -> None:
    server = make_server(parse_settings(["--toolsets", "all", "--read-only"], env=V1_ENV))
    async with connect(server, era) as client:
        result = await client.call_tool(tool, {"chatId": "c", "versionId": "v", "message": "m", "confirm": True})

    assert result.is_error
    assert tool in text_of(result)


def test_unknown_toolset_fails_at_startup_naming_the_valid_ones() -> None:
    settings = parse_settings(["--toolsets", "chats,nope"], env=V1_ENV)

    with pytest.raises(UnknownNameError) as failure:
        build_server(settings)

    message = str(failure.value)
    assert "nope" in message
    for toolset in ("builder", *TOOLSETS, "all"):
        assert toolset in message


@pytest.mark.parametrize("flag", ["--tools", "--exclude-tools"])
def test_unknown_tool_name_fails_at_startup_naming_the_valid_ones(flag: str) -> None:
    settings = parse_settings([flag, "get_chat,made_up_tool"], env=V1_ENV)

    with pytest.raises(UnknownNameError) as failure:
        build_server(settings)

    message = str(failure.value)
    assert "made_up_tool" in message
    assert all(name in message for name in OPERATION_TOOLS | {"wait_for_generation"})


@pytest.fixture
def _restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:], root.level = handlers, level


@pytest.mark.usefixtures("_restore_logging")
@pytest.mark.parametrize("argv", [["--toolsets", "nope"], ["--tools", "made_up_tool"]])
def test_cli_exits_2_with_the_valid_names_on_stderr(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(argv)

    out, err = capsys.readouterr()
    assert exit_.value.code == 2
    assert out == ""
    assert argv[1] in err
    assert "get_chat" in err or "deployments" in err


async def test_env_twins_select_the_same_tools_as_the_flags() -> None:
    env = {
        **V1_ENV,
        "V0_MCP_TOOLSETS": "deployments,hooks",
        "V0_MCP_TOOLS": "get_user",
        "V0_MCP_EXCLUDE_TOOLS": "delete_hook",
        "V0_MCP_READ_ONLY": "true",
    }
    flags = ["--toolsets", "deployments,hooks", "--tools", "get_user", "--exclude-tools", "delete_hook", "--read-only"]

    from_env = await served(parse_settings([], env=env))
    from_flags = await served(parse_settings(flags, env=V1_ENV))

    assert from_env == from_flags
    assert set(from_env) == (toolset_tools("deployments", "hooks") & READ_TOOLS) | {"get_user"}


async def test_a_flag_overrides_its_env_twin() -> None:
    names = await served(parse_settings(["--toolsets", "hooks"], env={**V1_ENV, "V0_MCP_TOOLSETS": "account"}))

    assert set(names) == toolset_tools("hooks")


def test_unknown_toolset_in_env_fails_at_startup() -> None:
    with pytest.raises(UnknownNameError, match="bogus"):
        build_server(parse_settings([], env={**V1_ENV, "V0_MCP_TOOLSETS": "bogus"}))


async def test_tools_are_listed_by_toolset_then_name() -> None:
    names = await served(ALL)
    order = {toolset: index for index, toolset in enumerate(TOOLSETS)}

    keys = [(order[VOCABULARY_ENTRIES[name]["toolset"]], name) for name in names]
    assert keys == sorted(keys)


async def test_instructions_tell_the_build_iterate_deploy_flow(era: str) -> None:
    async with connect(make_server(ALL), era) as client:
        instructions = client.instructions

    assert instructions is not None
    assert len(instructions.splitlines()) <= 12
    steps = [
        "create_chat",
        "wait_for_generation",
        "send_message",
        "update_version_files",
        "create_deployment",
        "get_deployment_logs",
    ]
    positions = [instructions.index(step) for step in steps]
    assert positions == sorted(positions)
