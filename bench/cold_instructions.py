"""Cold start counted in instructions: the same starts as ``cold_start``, under callgrind.

Wall and CPU time on a shared machine move by a tenth from one start to the next;
the number of instructions a start executes does not (hash randomisation is pinned).
Each command of :func:`bench.cold_start.commands` is run once under
``valgrind --tool=callgrind`` with ``initialize``, ``tools/list`` and then the end of
its input, and the figure is its instruction count over the bare server's. The count
covers the whole process (its exit too), and instructions are not time: cache misses
and page faults weigh on wall time besides. It needs ``valgrind``; without it the
section says so and measures nothing.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Final

import anyio

from ._common import Figure, Section, child_env
from .cold_start import BARE, commands, compile_package

__all__ = ["instructions", "run"]

_HELLO: Final = {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "bench", "version": "1"}}
_INPUT: Final = "".join(
    json.dumps(message) + "\n"
    for message in (
        {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": _HELLO},
        {"jsonrpc": "2.0", "method": "notifications/initialized"},
        {"jsonrpc": "2.0", "id": 2, "method": "tools/list"},
    )
)
_COLLECTED: Final = re.compile(r"Collected\s*:\s*(\d+)")


def instructions(argv: tuple[str, ...]) -> int:
    """Return the instructions ``argv`` executes from spawn to exit, answering initialize and tools/list.

    Input ends only once ``tools/list`` is answered, as a client does: the end of input
    is how stdio shuts a server down, and it cancels what is still running.
    """
    with tempfile.TemporaryDirectory() as scratch:
        valgrind = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={Path(scratch) / 'out'}", *argv]
        with subprocess.Popen(
            valgrind,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=child_env(PYTHONHASHSEED="0"),
        ) as process:
            assert process.stdin is not None and process.stdout is not None and process.stderr is not None
            process.stdin.write(_INPUT)
            process.stdin.flush()
            listed = any(json.loads(line).get("id") == 2 for line in process.stdout if line.startswith("{"))
            process.stdin.close()
            report = process.stderr.read()
    if not listed:
        raise RuntimeError(f"{' '.join(argv)} did not answer tools/list under valgrind: {report[-500:]}")
    found = _COLLECTED.search(report)
    if found is None:
        raise RuntimeError(f"valgrind printed no instruction count for {' '.join(argv)}")
    return int(found.group(1))


def _count_each(measured: dict[str, tuple[str, ...]]) -> dict[str, int]:
    with ThreadPoolExecutor(max_workers=2) as pool:  # a count does not depend on what runs beside it
        return dict(zip(measured, pool.map(instructions, measured.values()), strict=True))


async def run(*, quick: bool) -> Section:
    section = Section("cold_instructions", "Cold start in instructions (callgrind)")
    if shutil.which("valgrind") is None:
        section.details = {"skipped": "valgrind is not installed"}
        return section
    compile_package()
    counts = await anyio.to_thread.run_sync(_count_each, commands())
    bare = counts.pop(BARE)
    for name, count in counts.items():
        section.figures.append(Figure(f"{name}: instructions to exit", count / 1e6, "M", BARE, bare / 1e6))
    section.details = {"instructions": counts | {BARE: bare}, "input": "initialize, initialized, tools/list, EOF"}
    return section
