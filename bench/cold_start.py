"""Cold start: spawn -> ``initialize`` answered -> ``tools/list`` answered, over stdio.

``v0-mcp --demo`` (the builder profile) and ``v0-mcp --demo --toolsets all`` against
the floor, a bare ``MCPServer`` with one tool: the three are started in turn (after
one unmeasured start each, to warm the file cache), side by side in every round so
that a busy moment of the machine weighs on all alike, and the medians compared.
The package is byte-compiled first, as an installed wheel is: with
``PYTHONDONTWRITEBYTECODE`` set, a source checkout would otherwise be parsed again
on every start while the SDK, installed by pip, is not.
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
V0_MCP_ALL: Final = (*V0_MCP, "--toolsets", "all")
BARE: Final = (sys.executable, str(BENCH_DIR / "bare_server.py"))
TARGET: Final = 1.10


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
    commands = {"v0-mcp --demo": V0_MCP, "v0-mcp --demo --toolsets all": V0_MCP_ALL, "bare": BARE}
    for argv in commands.values():
        await _start(argv)
    starts: dict[str, list[tuple[float, float, int]]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, argv in commands.items():
            starts[name].append(await _start(argv))
    bare = starts.pop("bare")
    bare_init, bare_list = median([r[0] for r in bare]), median([r[1] for r in bare])
    for name, measured in starts.items():
        listed = median([r[1] for r in measured])
        ratio = listed / bare_list
        section.figures.append(
            Figure(
                f"{name}: spawn -> tools/list (median)",
                ms(listed),
                "ms",
                "bare MCPServer",
                ms(bare_list),
                target=f"<= {TARGET}x",
                met=ratio <= TARGET,
            )
        )
    v0_init = median([r[0] for r in starts["v0-mcp --demo"]])
    section.figures.append(
        Figure("v0-mcp --demo: spawn -> initialize (median)", ms(v0_init), "ms", "bare MCPServer", ms(bare_init))
    )
    section.details = {
        "rounds": rounds,
        "tools_listed": {name: measured[0][2] for name, measured in starts.items()} | {"bare": bare[0][2]},
        "tools_list_ms": {name: [ms(r[1]) for r in measured] for name, measured in starts.items()}
        | {"bare": [ms(r[1]) for r in bare]},
    }
    return section
