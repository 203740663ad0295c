"""Load: 200 concurrent calls over streamable HTTP all succeed, and leave no task behind.

The server runs in this process behind uvicorn on loopback, so its tasks can be counted;
ten 2025-11-25 clients each keep a session and put twenty calls in flight at once.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, Final

import anyio
import uvicorn
from mcp import Client
from mcp.types import CallToolResult

from tests.reliability.conftest import API_KEY, fast_simulator, in_process_client, text_of
from v0_mcp.api import V0Client
from v0_mcp.server import build_server
from v0_mcp.settings import Settings
from v0_mcp.tools import Runtime
from v0_mcp.transports import build_http_app

ERA: Final = "legacy"  # sessions, as most hosts still speak 2025-11-25
CLIENTS: Final = 10
CALLS_PER_CLIENT: Final = 20  # all in flight at once: 200 concurrent calls
SETTLE: Final = 10.0


@asynccontextmanager
async def http_server(v0: V0Client, settings: Settings) -> AsyncIterator[str]:
    """Serve v0-mcp over streamable HTTP on a free loopback port; yield the MCP URL."""
    server = build_server(settings, runtime=Runtime(client=v0))
    config = uvicorn.Config(
        build_http_app(server, settings), host="127.0.0.1", port=0, lifespan="on", log_level="warning"
    )
    http = uvicorn.Server(config)
    async with anyio.create_task_group() as tasks:
        tasks.start_soon(http.serve)
        with anyio.fail_after(SETTLE):
            while True:  # uvicorn has no event to wait on
                if http.started:
                    break
                await anyio.sleep(0.01)
        port = http.servers[0].sockets[0].getsockname()[1]
        try:
            yield f"http://127.0.0.1:{port}/mcp"
        finally:
            http.should_exit = True


def running_tasks() -> set[asyncio.Task[object]]:
    current = asyncio.current_task()
    return {task for task in asyncio.all_tasks() if task is not current and not task.done()}


async def settle_to(baseline: set[asyncio.Task[object]]) -> set[asyncio.Task[object]]:
    """Wait (a bounded time) for every task started since ``baseline`` to end; return the ones that did not."""
    with anyio.move_on_after(SETTLE):
        while True:
            if not running_tasks() - baseline:
                break
            await anyio.sleep(0.05)
    return running_tasks() - baseline


async def test_200_concurrent_calls_over_streamable_http_succeed_and_leave_no_task_behind() -> None:
    sim = fast_simulator()
    ws = sim.workspace(API_KEY)
    chat_id = sorted(ws.chats)[0]
    version_id = ws.chats[chat_id].latest_version_id
    calls: list[tuple[str, dict[str, Any]]] = [
        ("list_chats", {}),
        ("get_chat", {"chatId": chat_id}),
        ("get_version", {"chatId": chat_id, "versionId": version_id}),
    ]
    results: list[CallToolResult] = []

    async def one_client(url: str, number: int) -> None:
        async with Client(url, mode=ERA) as client, anyio.create_task_group() as calling:
            for call in range(CALLS_PER_CLIENT):
                tool, arguments = calls[(number + call) % len(calls)]
                calling.start_soon(_call, client, tool, arguments, results)

    async with in_process_client(sim) as v0, http_server(v0, Settings(api_version="v1", transport="http")) as url:
        async with Client(url, mode=ERA) as warm_up:  # starts what lives as long as the server
            await warm_up.call_tool("list_chats", {})
        baseline = running_tasks()
        with anyio.fail_after(60):
            async with anyio.create_task_group() as clients:
                for number in range(CLIENTS):
                    clients.start_soon(one_client, url, number)
        leftover = await settle_to(baseline)

    assert len(results) == CLIENTS * CALLS_PER_CLIENT
    assert [text_of(r) for r in results if r.is_error] == []
    assert leftover == set(), [task.get_coro() for task in leftover]


async def _call(client: Client, tool: str, arguments: dict[str, Any], into: list[CallToolResult]) -> None:
    into.append(await client.call_tool(tool, arguments))
