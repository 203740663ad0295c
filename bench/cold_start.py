"""Cold start: spawn -> ``initialize`` answered -> ``tools/list`` answered, over stdio.

``v0-mcp --demo`` (the builder profile) and ``v0-mcp --demo --toolsets all`` (the
installed ``v0-mcp`` command, as hosts start it), on each
API version (``--api-version v1`` and ``v2``), against one floor: a bare ``MCPServer``
with one tool. The machine is shared and noisy, so the figures are built to survive it:

* every round starts each command once, in a shuffled order (seeded, so a run can be
  repeated), so a busy moment weighs on all alike and no command always goes first;
* each command is started once unmeasured first, to warm the file cache;
* the ratio is taken per round (a command against the bare server of the same round)
  and reported as the median of those paired ratios with its interquartile range;
* beside wall time, the CPU time the server process spent up to its ``tools/list``
  answer (``/proc/<pid>/stat``), which other processes' load barely moves.

The package is byte-compiled first, as an installed wheel is: with
``PYTHONDONTWRITEBYTECODE`` set, a source checkout would otherwise be parsed again
on every start while the SDK, installed by pip, is not.
"""

from __future__ import annotations

import compileall
import os
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import v0_mcp

from ._common import BENCH_DIR, Figure, Section, child_env, median, ms, percentile
from ._peers import StdioPeer

__all__ = ["VERSIONS", "commands", "compile_package", "paired_ratios", "run", "server_command", "spread"]

VERSIONS: Final = ("v1", "v2")
BARE: Final = "bare MCPServer"
MODULE: Final = "v2: python -m v0_mcp --demo"
TARGET: Final = 1.10
_CLOCK_TICKS: Final = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def compile_package() -> None:
    """Byte-compile v0-mcp as an installed wheel is (see the module's docstring)."""
    compileall.compile_dir(str(Path(v0_mcp.__file__).parent), quiet=1)


def server_command() -> tuple[str, ...]:
    """The ``v0-mcp`` command as hosts start it (the console script next to this interpreter).

    ``python -m v0_mcp`` only where no script is installed: its runpy frames put the SDK's
    import deeper in the frame stack, which costs it (see ``v0_mcp.cli``).
    """
    script = Path(sys.executable).with_name("v0-mcp.exe" if os.name == "nt" else "v0-mcp")
    return (str(script),) if script.exists() else (sys.executable, "-m", "v0_mcp")


def commands() -> dict[str, tuple[str, ...]]:
    """Every command measured, by name; the bare server last (it is the baseline, not a subject)."""
    server = (*server_command(), "--demo")
    measured: dict[str, tuple[str, ...]] = {}
    for version in VERSIONS:
        measured[f"{version}: v0-mcp --demo"] = (*server, "--api-version", version)
        measured[f"{version}: v0-mcp --demo --toolsets all"] = (*server, "--api-version", version, "--toolsets", "all")
    measured[MODULE] = (sys.executable, "-m", "v0_mcp", "--demo")  # for comparison, not a target
    measured[BARE] = (sys.executable, str(BENCH_DIR / "bare_server.py"))
    return measured


@dataclass(frozen=True, slots=True)
class Start:
    """One measured start: seconds (wall) to initialize and to tools/list, server CPU seconds, tools listed."""

    initialized: float
    listed: float
    cpu: float
    tools: int


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of process ``pid`` so far (Linux ``/proc``; NaN elsewhere)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return float("nan")
    fields = stat.rsplit(")", 1)[1].split()  # after "pid (comm)": state is field 3, utime 14, stime 15
    return (int(fields[11]) + int(fields[12])) / _CLOCK_TICKS


async def _start(argv: tuple[str, ...]) -> Start:
    began = time.perf_counter()
    peer = await StdioPeer.spawn(argv, child_env())
    try:
        await peer.initialize()
        initialized = time.perf_counter() - began
        listed = await peer.request("tools/list")
        wall = time.perf_counter() - began
        return Start(initialized, wall, _cpu_seconds(peer.pid), len(listed["tools"]))
    finally:
        await peer.close()


def paired_ratios(subject: list[float], baseline: list[float]) -> list[float]:
    """Each round's figure over the same round's baseline."""
    return [mine / base for mine, base in zip(subject, baseline, strict=True) if base > 0]


def spread(ratios: list[float]) -> str:
    """The median of ``ratios`` and their interquartile range, as text."""
    return f"{median(ratios):.3f}x, IQR {percentile(ratios, 0.25):.3f}-{percentile(ratios, 0.75):.3f}x"


async def run(*, quick: bool) -> Section:
    rounds = 6 if quick else 20
    section = Section("cold_start", "Cold start over stdio")
    compile_package()
    measured = commands()
    for argv in measured.values():
        await _start(argv)
    shuffle = random.Random(20261201)
    starts: dict[str, list[Start]] = {name: [] for name in measured}
    for _ in range(rounds):
        order = list(measured.items())
        shuffle.shuffle(order)
        for name, argv in order:
            starts[name].append(await _start(argv))
    bare = starts.pop(BARE)
    bare_listed = [s.listed for s in bare]
    bare_cpu = [s.cpu for s in bare]
    summary: dict[str, dict[str, float]] = {}
    for name, mine in starts.items():
        listed = [s.listed for s in mine]
        cpu = [s.cpu for s in mine]
        wall_ratios = paired_ratios(listed, bare_listed)
        cpu_ratios = paired_ratios(cpu, bare_cpu)
        paired = median(wall_ratios)
        section.figures.append(
            Figure(
                f"{name}: spawn -> tools/list (median)",
                ms(median(listed)),
                "ms",
                BARE,
                ms(median(bare_listed)),
                target=None if name == MODULE else f"<= {TARGET}x",
                met=None if name == MODULE else paired <= TARGET,
                note=f"paired per round {spread(wall_ratios)}",
            )
        )
        section.figures.append(
            Figure(
                f"{name}: server CPU to tools/list (median)",
                ms(median(cpu)),
                "ms",
                BARE,
                ms(median(bare_cpu)),
                note=f"paired per round {spread(cpu_ratios)}",
            )
        )
        summary[name] = {
            "wall_ratio_median": round(paired, 4),
            "wall_ratio_p25": round(percentile(wall_ratios, 0.25), 4),
            "wall_ratio_p75": round(percentile(wall_ratios, 0.75), 4),
            "cpu_ratio_median": round(median(cpu_ratios), 4),
        }
    for version in VERSIONS:
        name = f"{version}: v0-mcp --demo"
        section.figures.append(
            Figure(
                f"{name}: spawn -> initialize (median)",
                ms(median([s.initialized for s in starts[name]])),
                "ms",
                BARE,
                ms(median([s.initialized for s in bare])),
            )
        )
    section.details = {
        "rounds": rounds,
        "target": f"<= {TARGET}x (median of paired per-round wall ratios)",
        "ratios": summary,
        "tools_listed": {name: mine[0].tools for name, mine in starts.items()} | {BARE: bare[0].tools},
        "tools_list_ms": {name: [ms(s.listed) for s in mine] for name, mine in starts.items()}
        | {BARE: [ms(value) for value in bare_listed]},
        "cpu_ms": {name: [ms(s.cpu) for s in mine] for name, mine in starts.items()}
        | {BARE: [ms(value) for value in bare_cpu]},
    }
    return section
