"""Fixtures shared by every test package."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import anyio
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


async def eventually(condition: Callable[[], object], *, within: float = 5.0, what: str = "") -> None:
    """Poll ``condition`` (state with no event to wait on) until it holds; fail after ``within`` seconds."""
    with anyio.move_on_after(within):
        while True:
            if condition():
                return
            await anyio.sleep(0.02)
    raise AssertionError(f"still not true after {within} s: {what or condition}")


async def call_until_first_progress(
    client: Client, tool: str, arguments: dict[str, Any], *, within: float = 5.0
) -> None:
    """Call ``tool`` and cancel the call as soon as the server reports progress (it is then waiting)."""
    progressed = anyio.Event()

    async def on_progress(progress: float, total: float | None, message: str | None) -> None:
        progressed.set()

    async with anyio.create_task_group() as tasks:

        async def call() -> None:
            await client.call_tool(tool, arguments, progress_callback=on_progress)

        tasks.start_soon(call)
        with anyio.fail_after(within):
            await progressed.wait()
        tasks.cancel_scope.cancel()


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
QUICK_SELECTION = "not e2e and not slow"  # what ``dev.py test --quick`` selects


def _in_tests(path: Path) -> str:
    return str(path.relative_to(ROOT / "tests")).replace("\\", "/")


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """The quick run does not even import the slow modules (the fuzzing one alone loads hypothesis)."""
    if config.getoption("markexpr") == QUICK_SELECTION and collection_path.is_relative_to(ROOT / "tests"):
        return _in_tests(collection_path) in SLOW_MODULES or None
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if _in_tests(item.path) in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)
