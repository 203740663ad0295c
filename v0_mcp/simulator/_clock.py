"""Time for the simulator: an injectable clock and the two timestamp formats v0 uses.

State that changes over time (pending versions, deployment logs) is computed lazily
from the clock on every read, so tests advance a :class:`ManualClock` instead of
sleeping, and the simulator behaves the same in process and behind uvicorn.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime

__all__ = ["Clock", "ManualClock", "iso", "ms", "system_clock"]

Clock = Callable[[], float]
"""Returns the current time in UNIX seconds."""


def system_clock() -> float:
    """Return the wall-clock time in UNIX seconds."""
    return time.time()


class ManualClock:
    """A clock that only moves when told to, for tests.

    ```python
    clock = ManualClock()
    sim = Simulator(SimulatorConfig(clock=clock))
    clock.advance(5)
    ```
    """

    def __init__(self, start: float = 1_769_612_400.0) -> None:  # 2026-01-28T15:00:00Z
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> float:
        """Move the clock forward by ``seconds`` and return the new time."""
        self.now += seconds
        return self.now


def iso(ts: float) -> str:
    """Format UNIX seconds as v0 does: ISO-8601 with milliseconds and ``Z``."""
    seconds, millis = divmod(ms(ts), 1000)
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%S") + f".{millis:03d}Z"


def ms(ts: float) -> int:
    """Return UNIX seconds as integer milliseconds (env vars, billing and limits use these)."""
    return round(ts * 1000)
