"""Fixtures shared by every test package."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import anyio.lowlevel
import pytest
from mcp import Client
from mcp.server.mcpserver import MCPServer
from mcp.types import CallToolResult, TextContent

if TYPE_CHECKING:
    from v0_mcp.simulator import ManualClock

ROOT = Path(__file__).resolve().parents[1]
SPEC_DIR = ROOT / "spec"


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


async def no_sleep(_: float) -> None:
    """A retry policy's sleep that does not wait."""
    return None


class SteppingClock:
    """A wait's clock (``Runtime(clock=...)``) that moves only when the wait sleeps on it: minutes pass at once.

    Given the :class:`ManualClock` of a simulator, it moves that clock along: v0 and the wait
    then share one timeline, and a generation advances exactly as far as the wait has slept.
    """

    def __init__(self, simulator: ManualClock | None = None) -> None:
        self.time = 0.0
        self.slept: list[float] = []
        self._simulator = simulator

    def now(self) -> float:
        return self.time

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.time += seconds
        if self._simulator is not None:
            self._simulator.advance(seconds)
        await anyio.lowlevel.checkpoint()


def connect(server: MCPServer[Any], era: str, **options: Any) -> AbstractAsyncContextManager[Client]:
    """Return an in-memory MCP client of ``server`` speaking the protocol era ``era`` (``auto`` or ``legacy``).

    In the ``auto`` era, server exceptions surface in the test. Open the client in the
    test itself: an async fixture would enter its task group in one task and leave it in
    another, which anyio refuses.
    """
    if era == "auto":
        options.setdefault("raise_exceptions", True)
    return Client(server, mode=era, **options)


def text_of(result: CallToolResult) -> str:
    """Return the text blocks of a result, joined."""
    return "\n".join(block.text for block in result.content if isinstance(block, TextContent))


# Whole modules that load the machine or spawn processes: left out of the quick run
# (``pytest -m "not e2e and not slow"``), always in the full run.
SLOW_MODULES = ("reliability/test_load.py", "reliability/test_fuzz.py", "simulator/test_serve.py")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if str(item.path.relative_to(ROOT / "tests")).replace("\\", "/") in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)
