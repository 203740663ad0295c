"""Every SDK internal v0-mcp reaches is reached through v0_mcp._sdk, and each reach still works."""

from __future__ import annotations

import ast
from typing import Any

import anyio
import pytest
from mcp import Client
from mcp.server.lowlevel.server import Server
from mcp.server.mcpserver import Context, MCPServer
from mcp.server.session import ServerSession
from mcp.server.subscriptions import InMemorySubscriptionBus

from tests.conftest import ROOT
from v0_mcp._sdk import SDKChanged, cancel_requested, connection_of, lowlevel_of, subscription_bus_of, tool_names_of

PRIVATE_NAMES = ("_lowlevel_server", "_subscriptions", "_connection", "_tool_manager", "_prompt_manager")


def test_lowlevel_server_is_reached() -> None:
    server = MCPServer("seam")
    assert isinstance(lowlevel_of(server), Server)
    assert lowlevel_of(server).get_request_handler("resources/read") is not None


def test_tool_names_are_reached() -> None:
    server: MCPServer[Any] = MCPServer("seam")

    @server.tool()
    def probe() -> str:
        return "ok"

    assert tool_names_of(server) == {"probe"}
    del server.__dict__["_tool_manager"]
    with pytest.raises(SDKChanged, match="_tool_manager"):
        tool_names_of(server)


def test_subscription_bus_is_reached() -> None:
    assert isinstance(subscription_bus_of(MCPServer("seam")), InMemorySubscriptionBus)


async def test_a_connection_is_the_same_for_every_request_of_one_client() -> None:
    server: MCPServer[Any] = MCPServer("seam")
    seen: list[object] = []

    @server.tool()
    async def probe(ctx: Context[Any, Any]) -> str:
        session = ctx.request_context.session
        assert isinstance(session, ServerSession)
        seen.append(connection_of(session))
        return "ok"

    async with Client(server, mode="legacy") as client:
        await client.call_tool("probe", {})
        await client.call_tool("probe", {})
    async with Client(server, mode="legacy") as other:
        await other.call_tool("probe", {})
    assert seen[0] is seen[1]
    assert seen[2] is not seen[0]


async def test_a_clients_cancel_is_told_apart_from_other_cancellations() -> None:
    server: MCPServer[Any] = MCPServer("seam")
    seen: list[bool] = []
    started, ended = anyio.Event(), anyio.Event()

    @server.tool()
    async def slow(ctx: Context[Any, Any]) -> str:
        seen.append(cancel_requested(ctx.request_context.session))
        started.set()
        try:
            await anyio.sleep(30)
        finally:
            seen.append(cancel_requested(ctx.request_context.session))
            ended.set()
        return "done"

    async with Client(server, mode="legacy") as client:
        with anyio.move_on_after(5):
            async with anyio.create_task_group() as tasks:
                tasks.start_soon(client.call_tool, "slow", {})
                await started.wait()
                tasks.cancel_scope.cancel()  # the client cancels its call: notifications/cancelled
        with anyio.fail_after(5):
            await ended.wait()  # the server handles the cancel in its own time
    assert seen == [False, True]


def test_a_moved_internal_fails_loudly() -> None:
    server = MCPServer("seam")
    del server.__dict__["_lowlevel_server"]
    with pytest.raises(SDKChanged, match="_lowlevel_server"):
        lowlevel_of(server)
    del server.__dict__["_subscriptions"]
    with pytest.raises(SDKChanged, match="_subscriptions"):
        subscription_bus_of(server)


def test_only_the_seam_module_names_sdk_internals() -> None:
    offenders = []
    for path in (ROOT / "v0_mcp").rglob("*.py"):
        if path.name == "_sdk.py" or "simulator" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            named = node.attr if isinstance(node, ast.Attribute) else getattr(node, "value", None)
            if named in PRIVATE_NAMES:
                offenders.append(f"{path.relative_to(ROOT)}: {named}")
    assert offenders == []
