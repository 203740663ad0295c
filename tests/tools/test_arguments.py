"""Arguments the way agents send them: null is "not given" unless the spec reads it, ids are bounded,
and a tool that exists but is off says how to turn it on."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.conftest import SPEC_DIR
from tests.tools.conftest import ALL, API_KEY, BASE_URL, make_server, open_agent
from v0_mcp.api import Catalogue, RetryPolicy, V0Client
from v0_mcp.api.v1 import CATALOGUE as V1
from v0_mcp.api.v2 import CATALOGUE as V2
from v0_mcp.settings import Settings
from v0_mcp.simulator import Simulator
from v0_mcp.tools import Selection
from v0_mcp.tools._registry import disabled_reason
from v0_mcp.tools._schema import MAX_ID_CHARS, nullable_fields
from v0_mcp.tools.v1 import ALL_TOOLS


def _resolve(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        node: Any = spec
        for part in schema["$ref"].split("/")[1:]:
            node = node[part]
        schema = node
    return schema


def _nullable(spec: dict[str, Any], schema: dict[str, Any]) -> bool:
    schema = _resolve(spec, schema)
    types = schema.get("type")
    arms = schema.get("anyOf", schema.get("oneOf", []))
    return (
        types == "null"
        or (isinstance(types, list) and "null" in types)
        or schema.get("nullable") is True
        or any(_nullable(spec, arm) for arm in arms)
    )


def _spec_nullable(spec: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(operationId, body field) for every optional body field the spec lets be null, read from the spec itself."""
    for operations in spec["paths"].values():
        for operation in operations.values():
            content = operation.get("requestBody", {}).get("content", {})
            schema = next((c["schema"] for kind, c in content.items() if "json" in kind), None)
            if schema is None:
                continue
            body = _resolve(spec, schema)
            for arm in body.get("anyOf", body.get("oneOf", [body])):
                arm = _resolve(spec, arm)
                required = set(arm.get("required", []))
                for name, field in arm.get("properties", {}).items():
                    optional = name not in required or "default" in field  # v2: required with a default
                    if optional and _nullable(spec, field):
                        yield operation["operationId"], name


@pytest.mark.parametrize(("catalogue", "spec_file"), [(V1, "openapi.json"), (V2, "v2/openapi.json")])
def test_the_nullable_arguments_are_exactly_what_the_spec_makes_nullable(catalogue: Catalogue, spec_file: str) -> None:
    spec = json.loads((SPEC_DIR / spec_file).read_text())
    expected = {pair for pair in _spec_nullable(spec) if pair[0] in catalogue}
    derived = {(op.id, name) for op in catalogue for name in nullable_fields(op)}
    assert derived == expected
    if catalogue is V1:  # the count: v1 lets null through in these two request fields only
        assert derived == {("chats.create", "designSystemId"), ("chats.update", "metadata")}


class Recording(httpx.AsyncBaseTransport):
    """The simulator in process, keeping the JSON body of every request."""

    def __init__(self, sim: Simulator) -> None:
        self._inner = httpx.ASGITransport(app=sim.app)
        self.bodies: list[tuple[str, str, dict[str, Any]]] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content) if request.content else {}
        self.bodies.append((request.method, request.url.path, body))
        return await self._inner.handle_async_request(request)


async def test_null_is_left_out_upstream_and_sent_only_where_the_spec_reads_it(sim: Simulator, era: str) -> None:
    recording = Recording(sim)
    v0 = V0Client(API_KEY, base_url=BASE_URL, transport=recording, retry=RetryPolicy())
    async with v0, open_agent(make_server(ALL, client=v0), era) as agent:
        arguments = {"message": "Build a blog", "projectId": None, "system": None, "designSystemId": None}
        chat = await agent.ok("create_chat", {**arguments, "waitSeconds": 0})
        await agent.ok("update_chat", {"chatId": chat["chatId"], "name": None, "privacy": "private"})

    created = next(body for method, path, body in recording.bodies if method == "POST" and path.endswith("/chats"))
    assert "projectId" not in created and "system" not in created  # v0 answers 422 to these nulls
    assert created["designSystemId"] is None  # the spec makes it nullable: the agent's null is v0's to read
    updated = next(body for method, _, body in recording.bodies if method == "PATCH")
    assert updated == {"privacy": "private"}


@pytest.mark.parametrize(
    ("tool", "arguments", "field"),
    [
        ("get_chat", {"chatId": "c" * 65_536}, "chatId"),
        ("create_chat", {"message": "Build a blog", "projectId": "p" * 65_536, "waitSeconds": 0}, "projectId"),
        ("wait_for_generation", {"chatId": "c" * 65_536}, "chatId"),
    ],
)
async def test_an_oversized_id_is_refused_by_name(
    server: Any, tool: str, arguments: dict[str, Any], field: str
) -> None:
    async with open_agent(server, "auto") as agent:
        schema = agent.tools[tool].input_schema["properties"][field]
        error = await agent.fail(tool, arguments)

    assert schema["maxLength"] == MAX_ID_CHARS
    assert f"- {field}: String should have at most {MAX_ID_CHARS} characters" in error
    assert "Error executing tool" not in error
    assert len(error) < 1_000  # the id is not echoed back


def test_every_id_argument_has_a_max_length() -> None:
    stored = json.loads((SPEC_DIR.parent / "v0_mcp" / "tools" / "v1" / "_schemas.json").read_text())
    unbounded = [
        f"{tool}.{name}"
        for tool, schemas in stored.items()
        for name, prop in schemas["input"].get("properties", {}).items()
        if (name.endswith("Id") or name == "id") and prop.get("type") == "string" and "maxLength" not in prop
    ]
    assert unbounded == []


@pytest.mark.parametrize(
    ("settings", "tool", "says"),
    [
        (
            Settings(),
            "delete_chat",
            "delete_chat is in toolset chats, not enabled: start with --toolsets builder,chats or --tools delete_chat",
        ),
        (Settings(toolsets=frozenset({"chats"})), "list_hooks", "--toolsets chats,hooks or --tools list_hooks"),
        (
            Settings(toolsets=frozenset({"all"}), read_only=True),
            "delete_chat",
            "--read-only (V0_MCP_READ_ONLY) hides it",
        ),
        (Settings(exclude_tools=frozenset({"get_chat"})), "get_chat", "turned off by --exclude-tools"),
    ],
)
async def test_a_tool_that_is_not_enabled_says_how_to_enable_it(settings: Settings, tool: str, says: str) -> None:
    async with open_agent(make_server(settings), "auto") as agent:
        assert tool not in agent.tools
        error = await agent.fail(tool, {"chatId": "c1"})

    assert says in error
    assert "Unknown tool" not in error


async def test_a_name_that_is_no_tool_is_still_unknown() -> None:
    async with open_agent(make_server(Settings()), "auto") as agent:
        error = await agent.fail("delete_everything", {})
    assert "Unknown tool" in error
    assert disabled_reason("delete_everything", ALL_TOOLS, Selection()) is None


def test_read_only_and_a_missing_toolset_are_both_named() -> None:
    reason = disabled_reason("delete_hook", ALL_TOOLS, Selection(read_only=True))
    assert reason is not None
    assert "--toolsets builder,hooks" in reason and "--read-only" in reason


async def test_an_unknown_argument_is_refused_even_when_null(server: Any) -> None:
    async with open_agent(server, "auto") as agent:
        error = await agent.fail("list_chats", {"notAnArgument": None})
    assert "- notAnArgument: unknown argument" in error


async def test_only_the_arguments_own_validation_is_reported_as_invalid_arguments() -> None:
    """A tool that trips over a validation error of its own crashed: it must not blame the caller's arguments."""
    from types import SimpleNamespace

    from mcp.server.mcpserver import MCPServer
    from pydantic import BaseModel

    from tests.conftest import connect, text_of
    from v0_mcp.tools._registry import guard_tool_calls

    class Answer(BaseModel):
        id: str

    server: MCPServer[Any] = MCPServer("guarded")

    @server.tool()
    def read_answer(text: str) -> str:
        return Answer.model_validate({"text": text}).id  # an answer without its id: a bug, not bad input

    declared = SimpleNamespace(
        name="read_answer", title="", description="", toolset="chats", kind="read", builder=True, read_only=True
    )
    guard_tool_calls(server, [declared], Selection(version="v2"))
    async with connect(server, "legacy") as client:
        refused = text_of(await client.call_tool("read_answer", {"text": 5}))
        crashed = text_of(await client.call_tool("read_answer", {"text": "fine"}))
    assert refused.startswith("Invalid arguments for read_answer") and "- text:" in refused
    assert "Invalid arguments" not in crashed and "Error executing tool read_answer" in crashed
    assert "id" not in crashed.removeprefix("Error executing tool read_answer")
