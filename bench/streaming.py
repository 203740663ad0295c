"""Streaming: from the simulator finishing a generation to the MCP progress notification reaching the client.

The simulator runs in this process (behind uvicorn on loopback), so the moment a
generation finishes there is known exactly: its message's ``updated_at``, which the
simulator sets to the completion time. ``v0-mcp`` runs over stdio against it; for each
generation (of a different length each time) ``create_chat`` waits, following the
generation on v0's resume stream, and the client timestamps the progress notification
that says v0 finished. The baseline is the same event read straight from v0's own
stream: ``V0Client.stream("chats.create")`` timestamps the final chat snapshot.
"""

from __future__ import annotations

import asyncio
import sys
import time
from typing import Final

from ._common import SIM_KEY, Figure, Section, child_env, median, ms, percentile

__all__ = ["run"]

TARGET_MS: Final = 20.0
LENGTHS: Final = (0.6, 0.9, 1.3, 1.7, 2.2, 2.8)  # seconds a generation takes


class _Watch:
    """A progress callback that counts notifications and stamps the one saying v0 finished."""

    def __init__(self) -> None:
        self.count = 0
        self.finished: asyncio.Future[float] = asyncio.get_running_loop().create_future()

    async def __call__(self, progress: float, total: float | None, message: str | None) -> None:
        self.count += 1
        if (message or "").startswith("v0 finished") and not self.finished.done():
            self.finished.set_result(time.time())


async def run(*, quick: bool) -> Section:
    from mcp import Client, StdioServerParameters

    from v0_mcp.api import V0Client
    from v0_mcp.simulator import Simulator, SimulatorConfig, serving

    rounds = 3 if quick else 12
    section = Section("streaming", "Generation finished in v0 -> MCP progress notification at the client")
    sim = Simulator(SimulatorConfig(api_key=SIM_KEY, rate_limit=10**9))
    through_mcp: list[float] = []
    notifications: list[int] = []
    direct: list[float] = []
    async with serving(sim) as api_url:
        ws = sim.workspace(SIM_KEY)
        env = child_env(V0_API_URL=api_url, V0_API_KEY=SIM_KEY, V0_API_VERSION="v1", V0_MCP_LOG_LEVEL="WARNING")
        params = StdioServerParameters(command=sys.executable, args=["-m", "v0_mcp"], env=env)
        async with Client(params) as client:
            for n in range(rounds):
                sim.config.generation_delay = LENGTHS[n % len(LENGTHS)]
                watch = _Watch()
                result = await client.call_tool(
                    "create_chat", {"message": f"Landing page {n}", "waitSeconds": 30}, progress_callback=watch
                )
                arrived = await asyncio.wait_for(watch.finished, timeout=5)
                data = result.structured_content or {}
                message = ws.messages[data["messageId"]]
                through_mcp.append(arrived - message.updated_at)
                notifications.append(watch.count)
        async with V0Client(SIM_KEY, base_url=api_url) as v0:
            for n in range(rounds):
                sim.config.generation_delay = LENGTHS[n % len(LENGTHS)]
                last_arrival, message_id = 0.0, None
                async with v0.stream("chats.create", message=f"Pricing page {n}") as events:
                    async for event in events:
                        last_arrival = time.time()
                        if event.object == "message.experimental_content.chunk":
                            message_id = event.id
                assert message_id is not None
                direct.append(last_arrival - ws.messages[message_id].updated_at)
    p50 = median(through_mcp)
    section.figures += [
        Figure(
            "finished -> progress notification, p50",
            ms(p50),
            "ms",
            "v0 SSE stream, p50",
            ms(median(direct)),
            target=f"< {TARGET_MS:g} ms",
            met=p50 * 1000 < TARGET_MS,
        ),
        Figure(
            "finished -> progress notification, max", ms(max(through_mcp)), "ms", "v0 SSE stream, max", ms(max(direct))
        ),
    ]
    section.details = {
        "generations": rounds,
        "generation_seconds": [LENGTHS[n % len(LENGTHS)] for n in range(rounds)],
        "mcp_ms": [ms(x) for x in through_mcp],
        "mcp_p90_ms": ms(percentile(through_mcp, 0.9)),
        "progress_notifications_per_generation": notifications,
        "direct_ms": [ms(x) for x in direct],
    }
    return section
