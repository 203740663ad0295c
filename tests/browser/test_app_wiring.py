"""The view wired into the server: the tools that build the app point at it, on both API versions.

Only a client that negotiated MCP Apps sees ``_meta.ui`` in ``tools/list`` (as the MCP Apps
spec asks); any other client gets the tools as they were before the view, and no tool result
depends on the view.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from mcp import Client
from mcp.client.extension import ClientExtension
from mcp.server.apps import APP_MIME_TYPE, EXTENSION_ID

from bench.footprint import BUDGET_KEYS  # the measure the context-budget tests and the README use
from tests.conftest import connect
from tests.tools.conftest import ALL, make_server, make_v0
from v0_mcp.api import V0Client
from v0_mcp.app import APP_TOOLS, APP_URI
from v0_mcp.cli import parse_settings
from v0_mcp.server import build_server
from v0_mcp.settings import Settings
from v0_mcp.simulator import Simulator, SimulatorConfig

pytestmark = pytest.mark.anyio


class AppsHost(ClientExtension):
    """What a host that renders MCP Apps advertises."""

    identifier = EXTENSION_ID

    def settings(self) -> dict[str, Any]:
        return {"mimeTypes": [APP_MIME_TYPE]}


def _dump(result: Any) -> dict[str, Any]:
    data: dict[str, Any] = result.model_dump(mode="json", by_alias=True, exclude_none=True)
    data.pop("_meta", None)  # the SDK's serverInfo envelope
    return data


@pytest.mark.parametrize("era", ["auto", "legacy"])
async def test_v1_tools_that_build_the_app_point_at_the_view_and_results_do_not_depend_on_it(era: str) -> None:
    sim = Simulator(SimulatorConfig(generation_delay=0.05))
    server = make_server(ALL, client=make_v0(sim))
    async with connect(server, era) as plain, Client(server, mode=era, extensions=[AppsHost()]) as host:
        listed = {tool.name: tool for tool in (await host.list_tools()).tools}
        plain_listed = {tool.name: tool for tool in (await plain.list_tools()).tools}
        assert not any(tool.meta for tool in plain_listed.values())  # as before the view existed
        bound = {name for name, tool in listed.items() if (tool.meta or {}).get("ui")}
        assert (
            bound
            == APP_TOOLS & set(listed)
            == {
                "create_chat",
                "send_message",
                "wait_for_generation",
                "get_version",
                "create_deployment",
            }
        )
        assert all(listed[name].meta == {"ui": {"resourceUri": APP_URI}} for name in bound)
        assert {name: tool.model_copy(update={"meta": None}) for name, tool in listed.items()} == plain_listed

        created = await plain.call_tool("create_chat", {"message": "A todo app", "waitSeconds": 30})
        chat = created.structured_content or {}
        assert not created.is_error and chat["status"] == "completed", chat
        assert "ui" not in (created.meta or {})
        ids = {"chatId": chat["chatId"], "versionId": chat["versionId"]}
        assert _dump(await plain.call_tool("get_version", ids)) == _dump(await host.call_tool("get_version", ids))

        (view,) = (await host.read_resource(APP_URI)).contents
        assert view.mime_type == APP_MIME_TYPE and view.meta is not None
        assert view.meta["ui"]["csp"]["frameDomains"] == ["https://*.vusercontent.net"]  # v1 previews: demoUrl


async def test_v2_frames_only_the_preview_proxy_which_the_run_serves_on_loopback() -> None:
    server = build_server(Settings(api_version="v2", demo=True, generation_delay=0.05))
    async with Client(server, extensions=[AppsHost()]) as host:
        (view,) = (await host.read_resource(APP_URI)).contents
        assert view.meta is not None
        (origin,) = view.meta["ui"]["csp"]["frameDomains"]
        assert origin.startswith("http://127.0.0.1:") and int(origin.rsplit(":", 1)[1]) > 0
        tools = {tool.name: tool for tool in (await host.list_tools()).tools}
        assert {name for name, tool in tools.items() if tool.meta} == APP_TOOLS & set(tools)
        assert {"create_chat", "send_message", "wait_for_generation", "get_preview", "create_deployment"} <= set(
            name for name, tool in tools.items() if tool.meta
        )


def _tokens(tools: list[Any], keys: tuple[str, ...]) -> int:
    dumped = [tool.model_dump(by_alias=True, exclude_none=True, mode="json") for tool in tools]
    return sum(len(json.dumps({k: d[k] for k in keys if k in d}, separators=(",", ":"))) for d in dumped) // 4


@pytest.mark.parametrize("version", ["v1", "v2"])
async def test_the_view_metadata_costs_plain_clients_nothing_and_app_hosts_under_a_hundred_tokens_within_the_budget(
    version: str, capsys: pytest.CaptureFixture[str]
) -> None:
    async with V0Client("unused", base_url="http://127.0.0.1/v1") as v0:
        server = build_server(parse_settings(["--api-version", version], env={}), client=v0)
        async with Client(server) as plain, Client(server, extensions=[AppsHost()]) as host:
            plain_tools = (await plain.list_tools()).tools
            host_tools = (await host.list_tools()).tools
    without = _tokens(plain_tools, (*BUDGET_KEYS, "_meta"))
    with_meta = _tokens(host_tools, (*BUDGET_KEYS, "_meta"))
    with capsys.disabled():
        print(f"\nbuilder profile, API {version}: {without} tokens without the view's _meta, {with_meta} with it")
    assert without == _tokens(plain_tools, BUDGET_KEYS) <= 2_500  # what a plain client lists is unchanged
    assert _tokens(host_tools, BUDGET_KEYS) == without  # the budget test's measure does not see _meta
    assert 0 < with_meta - without < 100
    assert with_meta <= 2_500  # counting the view's _meta, the builder profile still fits its budget
