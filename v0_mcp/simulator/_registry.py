"""The handler table: one function per operationId, registered with :func:`handles`.

The app routes each catalogue operation to ``HANDLERS[op.id]`` after it has
authenticated the caller, parsed and validated the query and body, and brought the
caller's workspace to "now". Handlers are plain functions of a :class:`Call`: they
return a JSON body (answered with 200), a ready Response (binary, SSE) or an awaitable
of a JSON body (a ``sync`` generation, answered when it is done), and raise
:class:`ApiError` for anything else.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from ._config import SimulatorConfig
from ._state import Workspace

__all__ = ["HANDLERS", "Answer", "Call", "Handler", "handles"]


@dataclass
class Call:
    """One validated request, as a handler sees it."""

    ws: Workspace
    config: SimulatorConfig
    now: float
    params: Mapping[str, str]
    query: Any  # the operation's query model, or None
    body: Any  # the operation's body model, or None
    request: Request

    def clock(self) -> float:
        """Return the current time (it moves during a stream)."""
        return self.config.clock()


Answer = dict[str, Any] | Response | Awaitable[dict[str, Any]]
"""A JSON body, a ready Response, or an awaitable of a JSON body (an answer that waits on the clock)."""
Handler = Callable[[Call], Answer]
HANDLERS: dict[str, Handler] = {}


def handles(operation_id: str) -> Callable[[Handler], Handler]:
    """Register the decorated function as the handler of ``operation_id``."""

    def register(fn: Handler) -> Handler:
        if operation_id in HANDLERS:
            raise RuntimeError(f"two handlers for {operation_id}")
        HANDLERS[operation_id] = fn
        return fn

    return register
