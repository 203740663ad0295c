"""Settings of a simulator run."""

from __future__ import annotations

from dataclasses import dataclass, field

from ._clock import Clock, system_clock
from ._faults import Faults

__all__ = ["SimulatorConfig"]


@dataclass
class SimulatorConfig:
    """How the simulator behaves.

    ```python
    sim = Simulator(SimulatorConfig(generation_delay=0.1, seed_workspace=True))
    ```

    **Parameters:**

    * **api_key** - accept only this bearer key; ``None`` accepts any non-empty key, each its own workspace.
    * **generation_delay** - seconds a generation takes, in every response mode (a ``sync`` request
      answers when it is done). See :mod:`._timing` for the two knobs below.
    * **generation_jitter** - each generation takes ``generation_delay`` times a seeded factor in
      ``[1 - jitter, 1 + jitter]``; 0 makes every generation take exactly ``generation_delay``.
    * **quiet_stretches** - ``(offset, length)`` pairs: seconds after a generation starts, and for how
      long, in which it writes nothing new (v0 thinking, reading files, running tools).
    * **seed** - seed of ids, generated files and fault draws; same seed, same run.
    * **seed_workspace** - give every new workspace the demo contents (a project, two chats, a deployment).
    * **rate_limit** / **rate_window** - requests a key may make per window (seconds) before 429.
    * **daily_message_limit** - messages a key may send per UTC day (``rateLimits.find`` ``dailyLimit``).
    * **max_body_bytes** - request bodies above this answer 413 ``payload_too_large_error``.
    * **log_interval** - the pace of a deployment build: its log lines come one or more intervals
      apart, with long silent stretches while it installs and compiles (see :mod:`._builds`).
    * **webhook_any_host** - deliver webhooks to any URL; by default only to loopback ones (see :mod:`._webhooks`).
    * **webhook_timeout** - seconds one webhook delivery may take.
    * **clock** - returns UNIX seconds; inject a :class:`ManualClock` to move time in tests.
    * **faults** - the fault knobs; a fresh :class:`Faults` seeded with ``seed`` by default.
    """

    api_key: str | None = None
    generation_delay: float = 2.0
    generation_jitter: float = 0.0
    quiet_stretches: tuple[tuple[float, float], ...] = field(default=())
    seed: int = 0
    seed_workspace: bool = False
    rate_limit: int = 600
    rate_window: float = 60.0
    daily_message_limit: int = 1000
    max_body_bytes: int = 4 * 1024 * 1024
    log_interval: float = 0.5
    webhook_any_host: bool = False
    webhook_timeout: float = 2.0
    clock: Clock = system_clock
    faults: Faults | None = None
