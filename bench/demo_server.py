"""``v0-mcp --demo`` with the embedded simulator's rate limit lifted, for benchmarks that make thousands of calls.

The demo simulator allows 600 requests a minute, as v0 does; a benchmark loop would
spend its time in 429 retries instead of measuring. Everything else is the real
``v0-mcp`` command: same settings, same server, same transport.
"""

from __future__ import annotations

import sys

import httpx

from v0_mcp import cli, server
from v0_mcp.api import V0Client
from v0_mcp.settings import Settings


def unthrottled_demo_client(settings: Settings) -> V0Client:
    """Return what ``server.demo_client`` returns, over a simulator without a rate limit."""
    from v0_mcp.simulator import Simulator, SimulatorConfig

    config = SimulatorConfig(seed_workspace=True, generation_delay=settings.generation_delay, rate_limit=10**9)
    return V0Client(
        api_key=settings.api_key or "demo",
        base_url="http://127.0.0.1/v1",
        transport=httpx.ASGITransport(app=Simulator(config).app),
    )


if __name__ == "__main__":
    server.demo_client = unthrottled_demo_client
    cli.main(["--demo", *sys.argv[1:]])
