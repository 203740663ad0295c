"""Fuzzing every tool with arguments drawn from its own inputSchema, valid and deliberately invalid.

Over both protocol eras, every tool gets ``EXAMPLES_PER_TOOL`` calls (over 2,000 in all).
Every call must come back as a ``CallToolResult``: never a protocol error, never a crash.
Arguments the schema refuses are refused with a clear tool error; arguments it accepts
are never refused by the server's own argument check (the schema says what the server
takes), and when they succeed the result matches the tool's outputSchema. After each
tool's run the server still answers.

The runs are derandomized, so a failure reproduces; hypothesis prints the arguments.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Final

import jsonschema
import pytest
from anyio.from_thread import BlockingPortal, start_blocking_portal
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mcp import Client, MCPError
from mcp.types import CallToolResult, Tool

from tests.reliability._strategies import invalid_arguments, valid
from tests.reliability.conftest import (
    ERAS,
    ID_ARGUMENTS,
    connect,
    fast_simulator,
    in_process_client,
    serve,
    text_of,
    unclear_error,
)
from v0_mcp.api import V0Client
from v0_mcp.server import V0MCPServer
from v0_mcp.simulator import Simulator
from v0_mcp.tools import Runtime
from v0_mcp.tools.v1 import ALL_TOOLS

TOOLS: Final = sorted(spec.name for spec in ALL_TOOLS)
EXAMPLES_PER_TOOL: Final = 18  # per era: 60 tools x 2 eras x 18 = 2,160 calls
FUZZ: Final = settings(
    max_examples=EXAMPLES_PER_TOOL,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)


@dataclass
class Fuzzer:
    """An MCP client of the all-tools server, driven from synchronous hypothesis tests through a portal."""

    portal: BlockingPortal
    client: Client
    server: V0MCPServer
    runtime: Runtime  # the server's state: use_workspace points its client at another workspace
    sim: Simulator
    v0: V0Client
    era: str
    tools: dict[str, Tool]

    def call(self, tool: str, arguments: dict[str, Any]) -> CallToolResult:
        try:
            result: CallToolResult = self.portal.call(self.client.call_tool, tool, arguments)
            return result
        except MCPError as exc:
            pytest.fail(f"protocol error from {tool}({arguments!r}): {exc}")

    def use_workspace(self, tool: str) -> dict[str, list[str]]:
        """Point the server at a fresh seeded workspace of its own; return the ids it holds, by table."""
        key = f"fuzz-{self.era}-{tool}"
        self.runtime.client = self.v0.with_api_key(key)
        ws = self.sim.workspace(key)
        return {table: sorted(getattr(ws, table)) for table in set(ID_ARGUMENTS.values())}


@pytest.fixture(scope="module")
def portal() -> Iterator[BlockingPortal]:
    with start_blocking_portal("asyncio") as running:
        yield running


@pytest.fixture(scope="module", params=ERAS)
def fuzzer(request: pytest.FixtureRequest, portal: BlockingPortal) -> Iterator[Fuzzer]:
    era = str(request.param)
    sim = fast_simulator()
    v0 = in_process_client(sim)
    runtime = Runtime(client=v0, poll_interval=0.02, max_poll_interval=0.05)
    server = serve(v0, runtime=runtime)
    with portal.wrap_async_context_manager(connect(server, era)) as client:
        tools = {tool.name: tool for tool in portal.call(client.list_tools).tools}
        yield Fuzzer(portal, client, server, runtime, sim, v0, era, tools)
    portal.call(v0.aclose)


def arguments_for(tool: Tool, ids: dict[str, list[str]]) -> st.SearchStrategy[tuple[str, dict[str, Any]]]:
    """Draw ``("valid", arguments)`` or ``("invalid", arguments)`` for ``tool``.

    Id arguments take ids of the workspace half the time, so calls get past 404s; waits are
    at most a second.
    """
    schema = tool.input_schema
    properties = schema.get("properties", {})
    overrides: dict[str, st.SearchStrategy[Any]] = {}
    for name, table in ID_ARGUMENTS.items():
        if name in properties and ids[table]:
            overrides[name] = st.sampled_from(ids[table]) | valid(properties[name], root=schema)
    if "waitSeconds" in properties:
        overrides["waitSeconds"] = st.integers(min_value=0, max_value=1)
    good = valid(schema, overrides=overrides).map(lambda arguments: ("valid", arguments))
    bad = invalid_arguments(schema, overrides=overrides).map(lambda arguments: ("invalid", arguments))
    return st.sampled_from((good, bad)).flatmap(lambda chosen: chosen)


def problem_with(tool: Tool, verdict: str, result: CallToolResult) -> str | None:
    """Say what is wrong with the result of a call whose arguments were ``verdict``, or None."""
    if not isinstance(result, CallToolResult):
        return f"not a tool result: {result!r}"
    if result.is_error:
        if reason := unclear_error(tool.name, result):
            return reason
        if verdict == "valid" and f"Invalid arguments for {tool.name}" in text_of(result):
            return f"arguments the inputSchema accepts were refused: {text_of(result)}"
        return None
    if verdict == "invalid":
        return "arguments the inputSchema refuses were accepted"
    if not isinstance(result.structured_content, dict):
        return "a success without structuredContent"
    assert tool.output_schema is not None
    errors = sorted(jsonschema.Draft202012Validator(tool.output_schema).iter_errors(result.structured_content), key=str)
    return f"structuredContent does not match the outputSchema: {errors[0].message}" if errors else None


def test_fuzzing_makes_over_2000_calls_across_every_tool() -> None:
    assert len(TOOLS) == 60
    assert len(TOOLS) * len(ERAS) * EXAMPLES_PER_TOOL >= 2_000


@pytest.mark.parametrize("tool", TOOLS)
def test_fuzzed_arguments_get_a_clear_result_and_the_server_still_answers(fuzzer: Fuzzer, tool: str) -> None:
    spec = fuzzer.tools[tool]
    cases = arguments_for(spec, fuzzer.use_workspace(tool))
    verdicts: list[str] = []

    @FUZZ
    @given(cases)
    def call(case: tuple[str, dict[str, Any]]) -> None:
        verdict, arguments = case
        result = fuzzer.call(tool, arguments)
        verdicts.append(verdict)
        problem = problem_with(spec, verdict, result)
        assert problem is None, f"{tool}({arguments!r}) with {verdict} arguments: {problem}"

    call()

    assert len(verdicts) >= EXAMPLES_PER_TOOL
    assert {"valid", "invalid"} <= set(verdicts)
    still = fuzzer.call("get_user", {})
    assert not still.is_error, text_of(still)
