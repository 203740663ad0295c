"""Cold start: spawn -> ``initialize`` answered -> ``tools/list`` answered, over stdio.

``v0-mcp --demo`` against the floor, a bare ``MCPServer`` with one tool: the two are
started in turn (after one unmeasured start each, to warm the file cache) and the
medians compared. The package is byte-compiled first, as an installed wheel is:
with ``PYTHONDONTWRITEBYTECODE`` set, a source checkout would otherwise be parsed
again on every start while the SDK, installed by pip, is not.
"""

from __future__ import annotations

import compileall
import sys
import time
from pathlib import Path
from typing import Final

import v0_mcp

from ._common import BENCH_DIR, Figure, Section, child_env, median, ms
from ._peers import StdioPeer

__all__ = ["run"]

V0_MCP: Final = (sys.executable, "-m", "v0_mcp", "--demo")
BARE: Final = (sys.executable, str(BENCH_DIR / "bare_server.py"))
TARGET: Final = 1.25


async def _start(argv: tuple[str, ...]) -> tuple[float, float, int]:
    """Return (seconds to initialize, seconds to tools/list, tools listed) for one start."""
    began = time.perf_counter()
    peer = await StdioPeer.spawn(argv, child_env())
    try:
        await peer.initialize()
        initialized = time.perf_counter() - began
        listed = await peer.request("tools/list")
        return initialized, time.perf_counter() - began, len(listed["tools"])
    finally:
        await peer.close()


async def run(*, quick: bool) -> Section:
    rounds = 3 if quick else 15
    section = Section("cold_start", "Cold start over stdio")
    compileall.compile_dir(str(Path(v0_mcp.__file__).parent), quiet=1)
    await _start(V0_MCP)
    await _start(BARE)
    v0: list[tuple[float, float, int]] = []
    bare: list[tuple[float, float, int]] = []
    for _ in range(rounds):
        v0.append(await _start(V0_MCP))
        bare.append(await _start(BARE))
    v0_init, v0_list = median([r[0] for r in v0]), median([r[1] for r in v0])
    bare_init, bare_list = median([r[0] for r in bare]), median([r[1] for r in bare])
    ratio = v0_list / bare_list
    section.figures += [
        Figure(
            "spawn -> tools/list (median)",
            ms(v0_list),
            "ms",
            "bare MCPServer",
            ms(bare_list),
            target=f"<= {TARGET}x",
            met=ratio <= TARGET,
        ),
        Figure("spawn -> initialize (median)", ms(v0_init), "ms", "bare MCPServer", ms(bare_init)),
    ]
    section.details = {
        "rounds": rounds,
        "tools_listed": {"v0_mcp": v0[0][2], "bare": bare[0][2]},
        "v0_mcp_ms": [ms(r[1]) for r in v0],
        "bare_ms": [ms(r[1]) for r in bare],
    }
    return section
