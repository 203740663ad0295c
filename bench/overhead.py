"""Per-call overhead: ``get_chat`` through MCP over stdio vs ``chats.getById`` straight from ``V0Client``.

Both go to the same simulator process on loopback. The MCP path is timed with a plain
JSON-RPC client (what a host adds is the host's cost) and, for reference, with the SDK's
``Client``. Calls alternate in blocks so both paths see the same machine.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Awaitable, Callable
from typing import Any, Final

from ._common import BENCH_DIR, SIM_KEY, Figure, Section, child_env, median, ms, percentile, simulator
from ._peers import StdioPeer

__all__ = ["run"]

TARGET_MS: Final = 1.0
BLOCK: Final = 25


async def _timed(call: Callable[[], Awaitable[Any]], count: int, into: list[float]) -> None:
    for _ in range(count):
        began = time.perf_counter()
        await call()
        into.append(time.perf_counter() - began)


async def run(*, quick: bool) -> Section:
    from mcp import Client, StdioServerParameters

    from v0_mcp.api import V0Client

    calls = 100 if quick else 1000
    section = Section("overhead", "Per-call overhead of get_chat (MCP over stdio vs direct V0Client)")
    with simulator() as api_url:
        env = child_env(V0_API_URL=api_url, V0_API_KEY=SIM_KEY, V0_API_VERSION="v1", V0_MCP_LOG_LEVEL="WARNING")
        async with V0Client(SIM_KEY, base_url=api_url) as v0:
            chat_id = (await v0.call("chats.find")).data[0].id
            peer = await StdioPeer.spawn([sys.executable, "-m", "v0_mcp"], env)
            try:
                await peer.initialize()
                arguments = {"chatId": chat_id}
                mcp_path: list[float] = []
                direct: list[float] = []

                async def through_mcp() -> None:
                    await peer.call_tool("get_chat", arguments)

                async def straight() -> None:
                    await v0.call("chats.getById", chatId=chat_id)

                await _timed(through_mcp, BLOCK, [])
                await _timed(straight, BLOCK, [])
                for _ in range(calls // BLOCK):
                    await _timed(through_mcp, BLOCK, mcp_path)
                    await _timed(straight, BLOCK, direct)
            finally:
                await peer.close()
            bare = await StdioPeer.spawn([sys.executable, str(BENCH_DIR / "bare_server.py")], child_env())
            floor: list[float] = []
            try:
                await bare.initialize()

                async def echo() -> None:
                    await bare.call_tool("echo", {"text": chat_id})

                await _timed(echo, BLOCK, [])
                await _timed(echo, calls, floor)
            finally:
                await bare.close()
            params = StdioServerParameters(command=sys.executable, args=["-m", "v0_mcp"], env=env)
            sdk: list[float] = []
            async with Client(params) as client:

                async def through_sdk() -> None:
                    await client.call_tool("get_chat", arguments)

                await _timed(through_sdk, BLOCK, [])
                await _timed(through_sdk, calls // 4, sdk)
    added = median(mcp_path) - median(direct)
    section.figures += [
        Figure(
            "get_chat via MCP/stdio, median",
            ms(median(mcp_path)),
            "ms",
            "V0Client direct",
            ms(median(direct)),
            target=f"+<= {TARGET_MS:g} ms",
            met=added * 1000 <= TARGET_MS,
            note=f"adds {ms(added):.2f} ms",
        ),
        Figure("time MCP adds, median", ms(added), "ms", "SDK floor: bare MCPServer echo", ms(median(floor))),
        Figure(
            "get_chat via MCP/stdio, p90",
            ms(percentile(mcp_path, 0.9)),
            "ms",
            "V0Client direct",
            ms(percentile(direct, 0.9)),
        ),
        Figure(
            "get_chat via the SDK Client, median",
            ms(median(sdk)),
            "ms",
            "V0Client direct",
            ms(median(direct)),
            note="with the client's own checks",
        ),
    ]
    section.details = {
        "calls_each": len(mcp_path),
        "mcp_added_ms_median": ms(added),
        "mcp_ms": {
            "p50": ms(median(mcp_path)),
            "p90": ms(percentile(mcp_path, 0.9)),
            "p99": ms(percentile(mcp_path, 0.99)),
        },
        "direct_ms": {
            "p50": ms(median(direct)),
            "p90": ms(percentile(direct, 0.9)),
            "p99": ms(percentile(direct, 0.99)),
        },
        "sdk_client_ms": {"p50": ms(median(sdk)), "calls": len(sdk)},
        "bare_echo_ms": {"p50": ms(median(floor)), "p90": ms(percentile(floor, 0.9))},
    }
    return section
