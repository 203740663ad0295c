"""``v0-mcp --demo`` with the embedded simulator's rate limit lifted, for benchmarks that make thousands of calls.

The demo simulator allows 600 requests a minute, as v0 does; a benchmark loop would
spend its time in 429 retries instead of measuring. Everything else is the real
``v0-mcp`` command: same settings, same server, same transport, either API version.
"""

from __future__ import annotations

import sys
from typing import Any

from v0_mcp import cli, simulator

_Config = simulator.SimulatorConfig


def unthrottled_config(**options: Any) -> simulator.SimulatorConfig:
    """Return the configuration the demo asks for, without a rate limit (the demo builds it on first request)."""
    return _Config(**{**options, "rate_limit": 10**9})


if __name__ == "__main__":
    simulator.SimulatorConfig = unthrottled_config  # type: ignore[misc,assignment]
    cli.main(["--demo", *sys.argv[1:]])
