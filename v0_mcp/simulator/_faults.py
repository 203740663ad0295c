"""Fault knobs for reliability tests of clients: latency, errors, throttling and dropped connections.

A :class:`Faults` is consulted once per routed request, before authentication. Its
random draws come from its own seeded generator, so a run with the same seed and the
same requests fails the same requests. Every field may be changed while serving.

A *dropped connection* sends no response at all. Behind uvicorn the socket is closed,
so an HTTP client sees "server disconnected". In process (``httpx.ASGITransport``) the
app raises :class:`httpx.RemoteProtocolError`, which the transport re-raises to the
caller, so client code sees the same exception class as over a real socket. (This needs
the transport's default ``raise_app_exceptions=True``.)
"""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

import anyio

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response

__all__ = ["FaultDecision", "Faults"]

FaultDecision = Literal["drop", "error", "throttle"]


@dataclass
class Faults:
    """What goes wrong, and how often.

    ```python
    sim.faults.error_rate = 0.2          # one request in five answers 500
    sim.faults.rate_limit_every = 3      # every third request answers 429 + Retry-After
    sim.faults.fail_next = 2             # the next two requests fail, then all is well
    sim.faults.reset()
    ```

    **Parameters:**

    * **latency** - seconds added to every request.
    * **error_rate** - fraction of requests answering ``error_status`` with the error envelope.
    * **error_status** - 500 (``internal_server_error``), or 502/503/504 with the same type.
    * **rate_limit_every** - every Nth request answers 429 with ``Retry-After``; 0 disables.
    * **rate_limit_rate** - fraction of requests answering 429 with ``Retry-After``.
    * **retry_after** - seconds announced by ``Retry-After`` on injected 429s.
    * **drop_rate** - fraction of requests whose connection is dropped without a response.
    * **fail_next** / **drop_next** - the next N requests fail / are dropped (counts down).
    * **operations** - if set, only these operationIds are affected.
    * **seed** - seed of the random draws.
    """

    latency: float = 0.0
    error_rate: float = 0.0
    error_status: int = 500
    rate_limit_every: int = 0
    rate_limit_rate: float = 0.0
    retry_after: float = 1.0
    drop_rate: float = 0.0
    fail_next: int = 0
    drop_next: int = 0
    operations: frozenset[str] | None = None
    seed: int = 0
    _rng: random.Random = field(init=False, repr=False, compare=False)
    _count: int = field(default=0, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)

    def reset(self) -> None:
        """Turn every fault off and restart the random draws."""
        self.latency = self.error_rate = self.rate_limit_rate = self.drop_rate = 0.0
        self.rate_limit_every = self.fail_next = self.drop_next = 0
        self.error_status, self.retry_after, self.operations = 500, 1.0, None
        self._rng = random.Random(self.seed)
        self._count = 0

    def applies_to(self, operation_id: str) -> bool:
        """Whether faults are enabled for this operation."""
        return self.operations is None or operation_id in self.operations

    async def intercept(
        self,
        operation_id: str,
        request: Request,
        *,
        drop: Callable[[Request], Awaitable[Response]],
        error: Callable[..., Response],
        failed: str = "Internal server error (simulated)",
    ) -> Response | None:
        """Apply the faults to one request: wait out the latency, then answer as its fate says (None: serve it).

        ``error`` makes an API's error body (``status, message, retry_after=``); ``failed`` is what a 500 says.
        """
        if self.latency > 0 and self.applies_to(operation_id):
            await anyio.sleep(self.latency)
        fate = self.decide(operation_id)
        if fate == "drop":
            return await drop(request)
        if fate == "error":
            return error(self.error_status, failed)
        if fate == "throttle":
            return error(429, "Rate limit exceeded (simulated)", retry_after=self.retry_after)
        return None

    def decide(self, operation_id: str) -> FaultDecision | None:
        """Draw the fate of one request: dropped, failed, throttled or served."""
        if not self.applies_to(operation_id):
            return None
        self._count += 1
        if self.drop_next > 0:
            self.drop_next -= 1
            return "drop"
        if self.fail_next > 0:
            self.fail_next -= 1
            return "error"
        draw = self._rng.random()  # one draw per request keeps runs reproducible
        if draw < self.drop_rate:
            return "drop"
        if draw < self.drop_rate + self.error_rate:
            return "error"
        if self.rate_limit_every > 0 and self._count % self.rate_limit_every == 0:
            return "throttle"
        if draw < self.drop_rate + self.error_rate + self.rate_limit_rate:
            return "throttle"
        return None
