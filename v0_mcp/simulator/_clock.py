"""Time for the simulator: an injectable clock, sleeping on it, and the two timestamp formats v0 uses.

State that changes over time (pending versions, deployment logs) is computed lazily
from the clock on every read, so tests advance a :class:`ManualClock` instead of
sleeping, and the simulator behaves the same in process and behind uvicorn. What must
wait (a ``sync`` generation, a stream between two chunks) waits with :func:`sleep_until`,
which on a :class:`ManualClock` waits for the test to move time (or jumps to the
deadline at once with ``autojump=True``), so minutes of simulated time cost nothing.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from datetime import UTC, datetime

import anyio
import anyio.lowlevel

__all__ = ["Clock", "ManualClock", "iso", "ms", "sleep_until", "system_clock"]

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

    **Parameters:**

    * **start** - the time it shows first (UNIX seconds).
    * **autojump** - a sleep on this clock moves it to the sleep's deadline at once (simulated
      time passes instantly); otherwise a sleep waits until :meth:`advance` reaches its deadline.
    """

    def __init__(self, start: float = 1_769_612_400.0, *, autojump: bool = False) -> None:  # 2026-01-28T15:00:00Z
        self.now = start
        self.autojump = autojump
        self._sleepers: list[tuple[float, anyio.Event]] = []

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> float:
        """Move the clock forward by ``seconds``, wake the sleeps now due, and return the new time."""
        self.now += seconds
        due = [event for deadline, event in self._sleepers if deadline <= self.now]
        self._sleepers = [(deadline, event) for deadline, event in self._sleepers if deadline > self.now]
        for event in due:
            event.set()
        return self.now

    async def sleep_until(self, deadline: float) -> None:
        """Return once the clock shows ``deadline`` (at once with ``autojump``, moving it there)."""
        if self.now >= deadline:
            await anyio.lowlevel.checkpoint()
            return
        if self.autojump:
            self.advance(deadline - self.now)
            await anyio.lowlevel.checkpoint()
            return
        event = anyio.Event()
        self._sleepers.append((deadline, event))
        try:
            await event.wait()
        finally:
            self._sleepers = [(d, e) for d, e in self._sleepers if e is not event]


async def sleep_until(clock: Clock, deadline: float, *, poll: float | None = None) -> None:
    """Sleep until ``clock`` shows ``deadline``, or for at most ``poll`` real seconds if given.

    A :class:`ManualClock` (anything with an async ``sleep_until``) decides itself when the
    deadline comes; any other clock is taken to run at wall-clock speed.
    """
    limit = math.inf if poll is None else poll
    waiter = getattr(clock, "sleep_until", None)
    if waiter is None:
        await anyio.sleep(max(0.0, min(deadline - clock(), limit)))
        return
    with anyio.move_on_after(limit):
        await waiter(deadline)


def iso(ts: float) -> str:
    """Format UNIX seconds as v0 does: ISO-8601 with milliseconds and ``Z``."""
    seconds, millis = divmod(ms(ts), 1000)
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%S") + f".{millis:03d}Z"


def ms(ts: float) -> int:
    """Return UNIX seconds as integer milliseconds (env vars, billing and limits use these)."""
    return round(ts * 1000)
