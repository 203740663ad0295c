"""API v2's tools as an agent sees them: vocabulary, annotations, schemas, snapshots and the context budget."""

from __future__ import annotations

from pathlib import Path
from typing import Final

import jsonschema
import pytest
from mcp.types import Tool

from tests.conftest import connect
from tests.tools._toolsnaps import CONTEXT_BUDGETS, budget_figure, toolsnap_problems
from tests.tools.v2.conftest import ALL_V2, ENTRIES_V2, make_v2_server
from v0_mcp.api import build_client
from v0_mcp.cli import parse_settings
from v0_mcp.settings import Settings
from v0_mcp.tools._toolsets import toolset_names
from v0_mcp.tools.v2 import ALL_TOOLS, VOCABULARY

TOOLSNAPS: Final = Path(__file__).parent / "toolsnaps"
V2_ENV: Final = {"V0_API_VERSION": "v2"}


async def list_tools(settings: Settings = ALL_V2) -> list[Tool]:
    async with (
        build_client("v2", "unused", "http://127.0.0.1/v2") as client,
        connect(make_v2_server(settings, client=client), "auto") as mcp,
    ):
        return (await mcp.list_tools()).tools


@pytest.fixture(scope="module")
def all_tools() -> list[Tool]:
    import anyio

    return anyio.run(list_tools)


# -- the vocabulary ------------------------------------------------------------------------------------------------


def test_v2_vocabulary_matches_the_spec_vocabulary() -> None:
    expected = {
        tool: (entry["toolset"], entry["kind"], entry["builder"], tuple(entry["operations"]))
        for tool, entry in ENTRIES_V2.items()
        if tool != "wait_for_generation"
    } | {"wait_for_generation": ("chats", "read", True, ())}
    assert {e.tool: (e.toolset, e.kind, e.builder, e.operations) for e in VOCABULARY} == expected


def test_every_v2_operation_named_by_the_vocabulary_exists() -> None:
    for exposure in VOCABULARY:
        for operation in exposure.operations:
            if operation.startswith("vercel:"):
                assert exposure.vercel
            else:
                assert operation in VOCABULARY.catalogue, operation
    assert VOCABULARY.operation("get_deployment").path == "/v13/deployments/{idOrUrl}"


def test_every_declared_tool_has_its_vocabulary_entry() -> None:
    for spec in ALL_TOOLS:
        exposure = VOCABULARY[spec.name]
        assert (spec.toolset, spec.kind, spec.builder) == (exposure.toolset, exposure.kind, exposure.builder)
        assert spec.toolset in toolset_names("v2")


# -- annotations, titles, arguments --------------------------------------------------------------------------------


def test_every_tool_has_a_title_and_annotations_from_its_kind(all_tools: list[Tool]) -> None:
    for tool in all_tools:
        kind = VOCABULARY[tool.name].kind
        assert tool.title and tool.description and len(tool.description) <= 300, tool.name
        hints = tool.annotations
        assert hints is not None and hints.open_world_hint is True
        assert hints.read_only_hint is (kind == "read"), tool.name
        if kind != "read":
            assert hints.destructive_hint is (kind == "destructive"), tool.name


def test_destructive_tools_take_confirm_and_generations_take_wait_seconds(all_tools: list[Tool]) -> None:
    for tool in all_tools:
        properties = tool.input_schema.get("properties", {})
        assert ("confirm" in properties) is (VOCABULARY[tool.name].kind == "destructive"), tool.name
    by_name = {tool.name: tool for tool in all_tools}
    for name in ("create_chat", "send_message", "resolve_task", "wait_for_generation", "update_chat_files"):
        assert "waitSeconds" in by_name[name].input_schema["properties"], name


def test_arguments_are_camel_case_and_unknown_ones_are_refused(all_tools: list[Tool]) -> None:
    for tool in all_tools:
        schema = tool.input_schema
        assert "additionalProperties" not in schema, tool.name  # refused by name on the server instead
        for name in schema.get("properties", {}):
            assert "_" not in name and name[:1].islower(), (tool.name, name)
        jsonschema.Draft202012Validator.check_schema(schema)


def test_generations_share_one_output_schema_with_needs_input(all_tools: list[Tool]) -> None:
    schemas = {tool.name: tool.output_schema for tool in all_tools}
    generation = schemas["create_chat"]
    assert generation is not None
    for name in ("send_message", "resolve_task", "wait_for_generation"):
        assert schemas[name] == generation, name
    assert generation["properties"]["status"]["enum"] == ["completed", "pending", "needs-input"]
    assert "needsInput" in generation["properties"]


# -- stored schemas and snapshots ----------------------------------------------------------------------------------


def test_toolsnaps_match_every_tool_schema(all_tools: list[Tool]) -> None:
    """Snapshot each v2 tool in toolsnaps/<name>.json; UPDATE_TOOLSNAPS=1 rewrites, CI refuses missing ones."""
    problems = toolsnap_problems(all_tools, TOOLSNAPS)
    assert not problems, "\n".join(problems)


def test_no_stale_toolsnaps(all_tools: list[Tool]) -> None:
    assert {path.stem for path in TOOLSNAPS.glob("*.json")} <= {tool.name for tool in all_tools}


# -- context budget: the same measure and limits as v1 -------------------------------------------------------------


@CONTEXT_BUDGETS
async def test_context_budget(profile: str, argv: list[str], limit: int, capsys: pytest.CaptureFixture[str]) -> None:
    tools = await list_tools(parse_settings(argv, env=V2_ENV))
    tokens, figure = budget_figure("context budget (v2)", profile, tools, limit)
    with capsys.disabled():
        print(f"\n{figure}")
    assert tokens <= limit, figure
