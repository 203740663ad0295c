"""A v2 server over the simulator with its Vercel part, and chats whose files build (or do not).

The simulator serves v2 and Vercel from the same state, and the v0 key is the
Vercel token there, as in ``--demo``. Builds take a fraction of a second
(``log_interval`` 0.01 s, a short queue) and a live deployment logs a request
every 10 ms, so a deploy can be followed to its end within a test.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, Final

import httpx

from tests.conftest import no_sleep
from tests.tools.conftest import API_KEY, Agent, open_agent
from v0_mcp.api import RetryPolicy, V0Client, build_client
from v0_mcp.api.vercel import VercelClient
from v0_mcp.server import build_server
from v0_mcp.settings import Settings
from v0_mcp.simulator import Simulator
from v0_mcp.tools import Runtime

__all__ = ["BROKEN_IMPORT", "GOOD_HERO", "GOOD_PAGE", "TYPE_ERROR", "V2_ALL", "Session", "open_v2", "ready_sim"]

V2_ALL: Final = Settings(api_version="v2", toolsets=frozenset({"all"}))

GOOD_PAGE: Final = {
    "name": "app/page.tsx",
    "content": 'import { Hero } from "@/components/hero"\n\nexport default function Page() {\n  return <Hero />\n}\n',
}
GOOD_HERO: Final = {
    "name": "components/hero.tsx",
    "content": "export function Hero() {\n  return <h1>Bean &amp; Bloom</h1>\n}\n",
}
BROKEN_IMPORT: Final = {
    "name": "app/page.tsx",
    "content": 'import { Pricing } from "./pricing"\n\nexport default function Page() {\n  return <Pricing />\n}\n',
}
TYPE_ERROR: Final = {
    "name": "lib/count.ts",
    "content": 'export const count: number = "3"\n',
}


def ready_sim(sim: Simulator) -> Simulator:
    """Make ``sim``'s builds start at once and its live deployments log often."""
    sim.v2.settings.queue_delay = 0.05
    sim.v2.settings.runtime_log_interval = 0.01
    return sim


@dataclass
class Session:
    """An agent connected to a v2 server, and a v0 client of the same workspace to set the scene with."""

    agent: Agent
    v0: V0Client

    async def chat(self, *files: dict[str, str]) -> str:
        """Create a chat holding ``files`` (a page that builds when none are given); return its id."""
        created = await self.v0.call("chats.createFromFiles", files=list(files or (GOOD_PAGE, GOOD_HERO)))
        return str(created.chat.id)


@asynccontextmanager
async def open_v2(
    sim: Simulator,
    era: str,
    *,
    vercel: bool = True,
    settings: Settings = V2_ALL,
    vercel_transport: Callable[[httpx.AsyncBaseTransport], httpx.AsyncBaseTransport] | None = None,
    v0_transport: Callable[[httpx.AsyncBaseTransport], httpx.AsyncBaseTransport] | None = None,
    **options: Any,
) -> AsyncIterator[Session]:
    """Serve every v2 tool over ``sim`` (with a Vercel token unless ``vercel`` is False) and connect to it.

    ``vercel_transport`` and ``v0_transport`` wrap each client's way to the simulator (to make it misbehave).
    """
    transport = httpx.ASGITransport(app=ready_sim(sim).app)
    async with (
        build_client(
            "v2",
            API_KEY,
            "http://127.0.0.1/v2",
            transport=v0_transport(transport) if v0_transport else transport,
            retry=RetryPolicy(sleep=no_sleep),
        ) as v0,
        VercelClient(
            API_KEY if vercel else None,
            team_id="",
            base_url="http://127.0.0.1/vercel",
            transport=vercel_transport(transport) if vercel_transport else transport,
            retry=RetryPolicy(sleep=no_sleep),
        ) as vercel_client,
    ):
        runtime = Runtime(
            client=v0, vercel=vercel_client if vercel else None, poll_interval=0.05, max_poll_interval=0.1
        )
        async with open_agent(build_server(settings, runtime=runtime), era, **options) as agent:
            yield Session(agent, v0)
