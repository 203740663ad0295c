"""Rewrite the README's generated regions from the code, so the docs say what the code does.

    python scripts/update_readme.py          # rewrite README.md
    python scripts/update_readme.py --check  # exit 1 if README.md is stale (a test runs this)

Regions (between ``<!-- NAME:start -->`` and ``<!-- NAME:end -->``):

* ``settings`` - the configuration table, from ``v0_mcp.settings.VARIABLES``.
* ``context`` - what ``tools/list`` costs an agent per API version and profile (v2, the
  default, first), measured as the context-budget test and ``bench/footprint.py`` measure
  it (characters / 4), with and without output schemas, rounded to 100 tokens.
* ``wait`` - how long generation tools wait by default, read from the served schema.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

import anyio

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.footprint import budget_tokens  # noqa: E402 - after the path is set
from v0_mcp.settings import VARIABLES  # noqa: E402

README = ROOT / "README.md"
PROFILES: tuple[tuple[str, list[str]], ...] = (
    ("builder (default)", []),
    ("all", ["--toolsets", "all"]),
    ("all --read-only", ["--toolsets", "all", "--read-only"]),
)


def settings_table() -> str:
    """The configuration table: one row per environment variable, flags beside their twins."""
    rows = ["| environment | flag | default | |", "|---|---|---|---|"]
    for var in VARIABLES:
        flag = f"`{var.flag}`" if var.flag else ""
        if var.kind == "bool" and var.flag:
            flag = f"`{var.flag}` / `--no-{var.flag.removeprefix('--')}`"
        default = f"`{var.default_text()}`" if var.default_text() else ""
        note = f"{var.help}{' (secret: never logged)' if var.secret else ''}"
        rows.append(f"| `{var.env}` | {flag} | {default} | {note} |")
    return "\n".join(rows)


VERSIONS: tuple[str, ...] = ("v2", "v1")


async def _listed(version: str, argv: list[str]) -> list[Any]:
    from mcp import Client

    from v0_mcp.api import build_client
    from v0_mcp.cli import parse_settings
    from v0_mcp.server import build_server

    async with build_client(version, "unused", f"http://127.0.0.1/{version}") as v0:
        server = build_server(parse_settings(["--api-version", version, *argv], env={}), client=v0)
        async with Client(server) as client:
            return list((await client.list_tools()).tools)


def _thousands(tokens: int) -> str:
    return f"{round(tokens / 100) / 10:.1f}K"


async def _measure() -> tuple[str, str]:
    import json

    rows = [
        "| API | profile | tools | tokens, without output schemas | tokens, with output schemas |",
        "|---|---|---|---|---|",
    ]
    wait = ""
    for version in VERSIONS:
        for profile, argv in PROFILES:
            tools = await _listed(version, argv)
            without = budget_tokens(tools)
            outputs = sum(
                len(json.dumps(t.output_schema, separators=(",", ":"))) // 4 for t in tools if t.output_schema
            )
            rows.append(
                f"| {version} | {profile} | {len(tools)} | {_thousands(without)} | {_thousands(without + outputs)} |"
            )
            for tool in tools:
                default = tool.input_schema.get("properties", {}).get("waitSeconds", {}).get("default")
                if tool.name == "create_chat" and default is not None and version == VERSIONS[0]:
                    wait = f"Generation tools wait up to **{default} s** by default (`waitSeconds`; 0 returns at once)."
    return "\n".join(rows), wait


def render(text: str) -> str:
    """Return ``text`` (the README) with every generated region brought up to date."""
    context, wait = anyio.run(_measure)
    regions = {"settings": settings_table(), "context": context, "wait": wait}
    for name, body in regions.items():
        pattern = re.compile(rf"(<!-- {name}:start -->\n).*?(<!-- {name}:end -->)", re.S)
        match = pattern.search(text)
        if match is None:
            raise SystemExit(f"README.md has no <!-- {name}:start --> ... <!-- {name}:end --> region")
        start, end = match.span()
        text = text[:start] + match.group(1) + body + "\n" + match.group(2) + text[end:]
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if README.md is stale, change nothing")
    args = parser.parse_args(argv)
    current = README.read_text()
    updated = render(current)
    if args.check:
        if updated != current:
            print("README.md is stale: run python scripts/update_readme.py", file=sys.stderr)
            return 1
        return 0
    README.write_text(updated)
    return 0


if __name__ == "__main__":
    sys.exit(main())
