"""``python -m bench``: run the benchmarks, print a table, write JSON."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
import time
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from . import build_flow, cold_instructions, cold_start, footprint, memory, overhead, streaming, throughput
from ._common import BENCH_DIR, Section, machine
from ._report import markdown, table

BENCHMARKS: Final[dict[str, Callable[..., Awaitable[Section]]]] = {
    "cold_start": cold_start.run,
    "cold_instructions": cold_instructions.run,
    "overhead": overhead.run,
    "footprint": footprint.run,
    "build_flow": build_flow.run,
    "memory": memory.run,
    "throughput": throughput.run,
    "streaming": streaming.run,
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small counts: a smoke run of about a minute")
    parser.add_argument("--only", default="", help=f"comma list of: {', '.join(BENCHMARKS)}")
    parser.add_argument("--output", type=Path, default=BENCH_DIR / "results.json", help="where to write the JSON")
    parser.add_argument("--markdown", type=Path, default=None, help="also write the figures as markdown here")
    return parser


async def _run(names: Sequence[str], *, quick: bool) -> list[Section]:
    sections = []
    for name in names:
        print(f"bench: {name} ...", file=sys.stderr, flush=True)
        began = time.perf_counter()
        section = await BENCHMARKS[name](quick=quick)
        section.seconds = time.perf_counter() - began
        sections.append(section)
    return sections


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    names = [name.strip() for name in args.only.split(",") if name.strip()] or list(BENCHMARKS)
    if unknown := sorted(set(names) - set(BENCHMARKS)):
        print(f"bench: unknown benchmark(s): {', '.join(unknown)}", file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.WARNING)
    started = datetime.now(UTC).replace(microsecond=0)
    began = time.perf_counter()
    sections = asyncio.run(_run(names, quick=args.quick))
    run: dict[str, Any] = {
        "started": started.isoformat().replace("+00:00", "Z"),
        "seconds": round(time.perf_counter() - began, 1),
        "quick": args.quick,
        "machine": machine(),
        "benchmarks": {section.name: section.to_json() for section in sections},
    }
    args.output.write_text(json.dumps(run, indent=2) + "\n")
    if args.markdown is not None:
        args.markdown.write_text(markdown(sections, run))
    print(table(sections))
    missed = [f"{s.name}: {f.metric}" for s in sections for f in s.figures if f.met is False]
    print(f"\n{len(missed)} target(s) missed" + (": " + "; ".join(missed) if missed else ""), file=sys.stderr)
    print(f"results: {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
