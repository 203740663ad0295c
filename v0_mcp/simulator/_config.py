"""Settings of a simulator run."""

from __future__ import annotations

from dataclasses import dataclass

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
    * **generation_delay** - seconds an async or streamed generation takes.
    * **seed** - seed of ids, generated files and fault draws; same seed, same run.
    * **seed_workspace** - give every new workspace the demo contents (a project, two chats, a deployment).
    * **rate_limit** / **rate_window** - requests a key may make per window (seconds) before 429.
    * **daily_message_limit** - messages a key may send per UTC day (``rateLimits.find`` ``dailyLimit``).
    * **max_body_bytes** - request bodies above this answer 413 ``payload_too_large_error``.
    * **log_interval** - seconds between two deployment log lines.
    * **clock** - returns UNIX seconds; inject a :class:`ManualClock` to move time in tests.
    * **faults** - the fault knobs; a fresh :class:`Faults` seeded with ``seed`` by default.
    """

    api_key: str | None = None
    generation_delay: float = 2.0
    seed: int = 0
    seed_workspace: bool = False
    rate_limit: int = 600
    rate_window: float = 60.0
    daily_message_limit: int = 1000
    max_body_bytes: int = 4 * 1024 * 1024
    log_interval: float = 0.5
    clock: Clock = system_clock
    faults: Faults | None = None
