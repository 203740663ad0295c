"""What every tool declares: names, titles, annotations, typed input and output schemas, and what it costs."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Final

import jsonschema
import pytest
from mcp.types import Tool
from pydantic import BaseModel

from tests.conftest import SPEC_DIR
from tests.tools._toolsnaps import CONTEXT_BUDGETS, budget_figure, toolsnap_problems
from tests.tools.conftest import ALL, V1_ENV, VOCABULARY_ENTRIES, connect, make_server
from v0_mcp.cli import parse_settings
from v0_mcp.settings import Settings
from v0_mcp.tools._schema import compact_schema
from v0_mcp.tools.v1 import VOCABULARY

TOOLSNAPS: Final = Path(__file__).parent / "toolsnaps"
OPENAPI: Final[dict[str, Any]] = json.loads((SPEC_DIR / "openapi.json").read_text())
OUR_ARGUMENTS: Final = {"waitSeconds", "confirm"}


async def list_tools(settings: Settings = ALL) -> list[Tool]:
    async with connect(make_server(settings), "auto") as client:
        return (await client.list_tools()).tools


@pytest.fixture(scope="module")
def all_tools() -> list[Tool]:
    import anyio

    return anyio.run(list_tools)


# -- annotations and titles --------------------------------------------------------------------------------------


def test_every_tool_has_a_title_and_a_short_description(all_tools: list[Tool]) -> None:
    for tool in all_tools:
        assert tool.title, tool.name
        assert tool.description and len(tool.description) <= 250, tool.name


def test_every_tool_is_open_world(all_tools: list[Tool]) -> None:
    for tool in all_tools:
        assert tool.annotations is not None, tool.name
        assert tool.annotations.open_world_hint is True, tool.name


def test_read_tools_are_read_only(all_tools: list[Tool]) -> None:
    reads = [tool for tool in all_tools if VOCABULARY_ENTRIES[tool.name]["kind"] == "read"]

    assert len(reads) > 25
    for tool in reads:
        assert tool.annotations is not None
        assert tool.annotations.read_only_hint is True, tool.name
        assert not tool.annotations.destructive_hint, tool.name


def test_write_tools_are_neither_read_only_nor_destructive(all_tools: list[Tool]) -> None:
    writes = [tool for tool in all_tools if VOCABULARY_ENTRIES[tool.name]["kind"] == "write"]

    assert len(writes) > 20
    for tool in writes:
        assert tool.annotations is not None
        assert tool.annotations.read_only_hint is False, tool.name
        assert tool.annotations.destructive_hint is False, tool.name


def test_destructive_tools_say_so(all_tools: list[Tool]) -> None:
    destructive = {t.name for t in all_tools if t.annotations is not None and t.annotations.destructive_hint}

    expected = {name for name, entry in VOCABULARY_ENTRIES.items() if entry["kind"] == "destructive"}
    assert destructive == expected
    assert {"delete_chat", "delete_project", "delete_env_vars", "delete_mcp_server"} <= destructive


def test_write_tools_are_idempotent_exactly_when_their_method_is_put_patch_or_delete(all_tools: list[Tool]) -> None:
    for tool in all_tools:
        if VOCABULARY_ENTRIES[tool.name]["kind"] == "read":
            continue
        assert tool.annotations is not None
        method = VOCABULARY.operation(tool.name).method
        assert tool.annotations.idempotent_hint is (method in ("PUT", "PATCH", "DELETE")), (tool.name, method)


def test_idempotence_follows_the_method_for_known_examples(all_tools: list[Tool]) -> None:
    hints = {t.name: t.annotations.idempotent_hint for t in all_tools if t.annotations is not None}

    assert hints["update_chat"] is True  # PATCH
    assert hints["favorite_chat"] is True  # PUT
    assert hints["delete_hook"] is True  # DELETE
    assert hints["create_chat"] is False  # POST
    assert hints["delete_env_vars"] is False  # POST .../env-vars/delete


# -- input schemas ------------------------------------------------------------------------------------------------


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = OPENAPI
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        node = target
    return node


def _body_properties(schema: dict[str, Any]) -> set[str]:
    """Return the top-level property names of a request body, through allOf/oneOf/anyOf."""
    schema = _resolve(schema)
    names = set(schema.get("properties", {}))
    for key in ("allOf", "oneOf", "anyOf"):
        for arm in schema.get(key, []):
            names |= _body_properties(arm)
    return names


def _spec_arguments() -> dict[str, set[str]]:
    """Map each operationId to the names of its parameters and body fields, as the OpenAPI document has them."""
    names: dict[str, set[str]] = {}
    for item in OPENAPI["paths"].values():
        for method, op in item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            arguments = {_resolve(p)["name"] for p in op.get("parameters", [])}
            body = op.get("requestBody", {}).get("content", {}).get("application/json")
            if body:
                arguments |= _body_properties(body["schema"])
            names[op["operationId"]] = arguments
    return names


def test_arguments_are_the_api_field_names(all_tools: list[Tool]) -> None:
    spec = _spec_arguments()
    assert len(spec) == 59
    for tool in all_tools:
        if tool.name == "wait_for_generation":
            continue
        op_id = VOCABULARY_ENTRIES[tool.name]["operationId"]
        properties = set(tool.input_schema["properties"])
        expected = spec[op_id] - {"responseMode"}
        assert properties - OUR_ARGUMENTS == expected, tool.name


def test_our_own_arguments_appear_only_where_they_mean_something(all_tools: list[Tool]) -> None:
    waits = {t.name for t in all_tools if "waitSeconds" in t.input_schema["properties"]}
    confirms = {t.name for t in all_tools if "confirm" in t.input_schema["properties"]}

    # chats.init answers with the finished chat (it takes no responseMode): nothing to wait for
    assert waits == {"create_chat", "send_message", "resolve_task", "wait_for_generation"}
    assert confirms == {name for name, entry in VOCABULARY_ENTRIES.items() if entry["kind"] == "destructive"}


def test_every_argument_name_is_camel_case(all_tools: list[Tool]) -> None:
    camel = re.compile(r"^[a-z][a-zA-Z0-9]*$")
    for tool in all_tools:
        for name in tool.input_schema["properties"]:
            assert camel.match(name), (tool.name, name)


def test_input_schemas_are_objects_without_the_strictness_keyword(all_tools: list[Tool]) -> None:
    # The server refuses unknown arguments by name (tests/tools/test_arguments.py); saying so in every
    # schema would cost each agent's context about 7 tokens a tool.
    for tool in all_tools:
        assert tool.input_schema["type"] == "object", tool.name
        assert "additionalProperties" not in tool.input_schema, tool.name


def test_input_schemas_are_valid_json_schema(all_tools: list[Tool]) -> None:
    for tool in all_tools:
        jsonschema.Draft202012Validator.check_schema(tool.input_schema)


def test_input_schemas_carry_no_generated_titles(all_tools: list[Tool]) -> None:
    for tool in all_tools:
        assert '"title"' not in json.dumps(tool.input_schema["properties"]).replace('"title": {', ""), tool.name


def test_schemas_carry_types_enums_limits_defaults_and_required_fields(all_tools: list[Tool]) -> None:
    by_name = {tool.name: tool.input_schema for tool in all_tools}
    create_chat = by_name["create_chat"]["properties"]

    assert by_name["create_chat"]["required"] == ["message"]
    assert create_chat["message"]["type"] == "string"
    assert create_chat["chatPrivacy"]["enum"] == ["public", "private", "team-edit", "team", "unlisted"]
    assert create_chat["chatPrivacy"]["default"] == "private"
    assert "v0-max" in create_chat["modelConfiguration"]["properties"]["modelId"]["enum"]
    assert create_chat["waitSeconds"] == {
        **create_chat["waitSeconds"],
        "type": "integer",
        "minimum": 0,
        "maximum": 600,
        "default": 45,  # under the 60 s after which common hosts give up on a call
    }
    mcp_name = by_name["create_mcp_server"]["properties"]["name"]
    assert (mcp_name["minLength"], mcp_name["maxLength"]) == (1, 100)
    assert set(by_name["update_version_files"]["required"]) == {"chatId", "versionId", "files"}
    assert by_name["download_version"]["properties"]["format"]["enum"] == ["zip", "tarball"]
    assert by_name["init_chat"]["properties"]["type"]["enum"] == ["files", "repo", "registry", "zip", "template"]


def test_property_descriptions_are_short(all_tools: list[Tool]) -> None:
    def descriptions(node: Any) -> list[str]:
        if isinstance(node, dict):
            own = [node["description"]] if isinstance(node.get("description"), str) else []
            return own + [d for value in node.values() for d in descriptions(value)]
        if isinstance(node, list):
            return [d for item in node for d in descriptions(item)]
        return []

    for tool in all_tools:
        for text in descriptions(tool.input_schema):
            assert len(text) <= 120, (tool.name, text)


class _Shared(BaseModel):
    url: str
    headers: dict[str, str]


class _Uses(BaseModel):
    first: _Shared
    second: list[_Shared]
    once: _Shared | None = None


class _Single(BaseModel):
    name: str


class _UsesOnce(BaseModel):
    only: _Single


def test_shapes_used_more_than_once_are_defined_once_in_defs() -> None:
    schema = compact_schema(_Uses.model_json_schema(by_alias=True))

    assert list(schema["$defs"]) == ["_Shared"]
    assert json.dumps(schema).count('"headers": {') == 1
    assert schema["properties"]["first"] == {"$ref": "#/$defs/_Shared"}


def test_shapes_used_once_are_inlined() -> None:
    schema = compact_schema(_UsesOnce.model_json_schema(by_alias=True))

    assert "$defs" not in schema
    assert schema["properties"]["only"]["properties"]["name"]["type"] == "string"


def test_no_large_shape_is_written_out_twice_in_one_schema(all_tools: list[Tool]) -> None:
    def shapes(node: Any, seen: dict[str, int]) -> None:
        if isinstance(node, dict):
            if node.get("type") == "object" and "properties" in node:
                text = json.dumps(node, sort_keys=True)
                if len(text) > 200:
                    seen[text] = seen.get(text, 0) + 1
            for value in node.values():
                shapes(value, seen)
        elif isinstance(node, list):
            for item in node:
                shapes(item, seen)

    for tool in all_tools:
        for schema in (tool.input_schema, tool.output_schema):
            seen: dict[str, int] = {}
            shapes(schema, seen)
            assert all(count == 1 for count in seen.values()), tool.name


# -- output schemas -----------------------------------------------------------------------------------------------


def test_every_tool_has_an_object_output_schema(all_tools: list[Tool]) -> None:
    for tool in all_tools:
        assert tool.output_schema is not None, tool.name
        assert tool.output_schema["type"] == "object", tool.name
        jsonschema.Draft202012Validator.check_schema(tool.output_schema)


def test_output_schemas_offer_a_note_for_cut_results_and_next_steps(all_tools: list[Tool]) -> None:
    for tool in all_tools:
        assert tool.output_schema is not None
        assert tool.output_schema["properties"]["note"] == {"type": "string"}, tool.name


def test_generation_tools_share_one_output_schema(all_tools: list[Tool]) -> None:
    schemas = {t.name: t.output_schema for t in all_tools}
    generation = schemas["create_chat"]

    assert generation is not None
    for name in ("send_message", "init_chat", "resolve_task", "wait_for_generation"):
        assert schemas[name] == generation, name
    assert generation["properties"]["status"]["enum"] == ["completed", "failed", "pending"]
    assert {"chatId", "status"} <= set(generation["required"])


# -- toolsnaps ----------------------------------------------------------------------------------------------------


def test_toolsnaps_match_every_tool_schema(all_tools: list[Tool]) -> None:
    """Snapshot each tool's schema in toolsnaps/<name>.json; UPDATE_TOOLSNAPS=1 rewrites, CI refuses missing ones."""
    problems = toolsnap_problems(all_tools, TOOLSNAPS)
    assert not problems, "\n".join(problems)


def test_no_stale_toolsnaps(all_tools: list[Tool]) -> None:
    recorded = {path.stem for path in TOOLSNAPS.glob("*.json")}

    assert recorded <= {tool.name for tool in all_tools}


# -- context budget -----------------------------------------------------------------------------------------------


@CONTEXT_BUDGETS
async def test_context_budget(profile: str, argv: list[str], limit: int, capsys: pytest.CaptureFixture[str]) -> None:
    tools = await list_tools(parse_settings(argv, env=V1_ENV))
    tokens, figure = budget_figure("context budget", profile, tools, limit)
    with capsys.disabled():
        print(f"\n{figure}")
    assert tokens <= limit, figure
