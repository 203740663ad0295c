"""Memory: peak RSS of ``v0-mcp --demo`` after 1,000 calls, and whether it grows by the 5,000th.

The bare ``MCPServer`` (one tool, called as often) is the baseline. Memory is read from
``/proc/<pid>/status`` of the spawned server: ``VmHWM`` (peak resident set) and
``VmRSS`` (resident now). ``--demo`` includes the embedded simulator and its state.
Each API version (``--api-version v1`` and ``v2``) is measured against the same bare run.
"""

from __future__ import annotations

import sys
from typing import Any, Final

from ._common import BENCH_DIR, Figure, Section, child_env, proc_status_kib
from ._peers import StdioPeer

__all__ = ["run"]

V0_MCP: Final = (sys.executable, str(BENCH_DIR / "demo_server.py"))
BARE: Final = (sys.executable, str(BENCH_DIR / "bare_server.py"))
VERSIONS: Final = ("v1", "v2")
PEAK_TARGET: Final = 1.3
GROWTH_TARGET: Final = 1.02  # "no growth", give or take the allocator's slack


async def _profile(
    argv: tuple[str, ...], tool: str, arguments: dict[str, Any] | None, checkpoints: tuple[int, ...]
) -> dict[int, dict[str, int]]:
    """Call ``tool`` repeatedly; return /proc status at each checkpoint (calls made so far)."""
    peer = await StdioPeer.spawn(argv, child_env(V0_MCP_LOG_LEVEL="WARNING"))
    seen: dict[int, dict[str, int]] = {}
    try:
        await peer.initialize()
        if arguments is None:  # v0-mcp: get a chat of the seeded workspace
            listed = await peer.call_tool("list_chats", {})
            arguments = {"chatId": listed["structuredContent"]["chats"][0]["id"]}
        seen[0] = proc_status_kib(peer.pid)
        made = 0
        for checkpoint in checkpoints:
            while made < checkpoint:
                await peer.call_tool(tool, arguments)
                made += 1
            seen[checkpoint] = proc_status_kib(peer.pid)
    finally:
        await peer.close()
    return seen


def _mib(kib: int) -> float:
    return round(kib / 1024, 1)


async def run(*, quick: bool) -> Section:
    first, last = (200, 1000) if quick else (1000, 5000)
    section = Section("memory", f"Memory of the server process after {first:,} and {last:,} calls")
    bare = await _profile(BARE, "echo", {"text": "hello"}, (first, last))
    bare_growth = bare[last]["VmRSS"] / bare[first]["VmRSS"]
    measured: dict[str, dict[int, dict[str, int]]] = {}
    for version in VERSIONS:
        v0 = measured[version] = await _profile((*V0_MCP, "--api-version", version), "get_chat", None, (first, last))
        peak = v0[first]["VmHWM"] / bare[first]["VmHWM"]
        growth = v0[last]["VmRSS"] / v0[first]["VmRSS"]
        section.figures += [
            Figure(
                f"{version}: peak RSS after {first:,} calls",
                _mib(v0[first]["VmHWM"]),
                "MiB",
                "bare MCPServer",
                _mib(bare[first]["VmHWM"]),
                target=f"<= {PEAK_TARGET}x",
                met=peak <= PEAK_TARGET,
            ),
            Figure(
                f"{version}: RSS at call {last:,}",
                _mib(v0[last]["VmRSS"]),
                "MiB",
                f"RSS at call {first:,}",
                _mib(v0[first]["VmRSS"]),
                target=f"<= {GROWTH_TARGET}x",
                met=growth <= GROWTH_TARGET,
                note=f"bare server: {bare_growth:.3f}x",
            ),
        ]
    section.details = {
        **{f"{version}_kib": {str(k): v for k, v in v0.items()} for version, v0 in measured.items()},
        "bare_kib": {str(k): v for k, v in bare.items()},
    }
    return section
