"""Schema snapshots of tools (github-mcp-server's toolsnaps) and the context budget, for both API versions."""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path
from typing import Any

import pytest
from mcp.types import Tool

from bench.footprint import budget_tokens

# Each profile's flags and its limit in tokens (chars / 4), the same for every API version.
CONTEXT_BUDGETS = pytest.mark.parametrize(
    ("profile", "argv", "limit"),
    [
        ("builder", [], 2_500),
        ("all", ["--toolsets", "all"], 9_000),
        ("all --read-only", ["--toolsets", "all", "--read-only"], 3_500),
    ],
)


def budget_figure(label: str, profile: str, tools: list[Tool], limit: int) -> tuple[int, str]:
    """The tools' tokens and the line that reports them (printed by the budget tests, as a figure to watch)."""
    tokens = budget_tokens(tools)
    return tokens, f"{label}: {profile}: {len(tools)} tools, {tokens} tokens (limit {limit})"


def wire(tool: Tool) -> dict[str, Any]:
    """The tool as ``tools/list`` sends it."""
    return tool.model_dump(by_alias=True, exclude_none=True, mode="json")


def _snapshot(tool: Tool) -> str:
    return json.dumps(wire(tool), sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def toolsnap_problems(tools: list[Tool], folder: Path) -> list[str]:
    """Compare each tool with ``folder/<name>.json``; UPDATE_TOOLSNAPS=1 rewrites, CI refuses missing ones."""
    update = os.environ.get("UPDATE_TOOLSNAPS", "").lower() in ("1", "true", "yes")
    in_ci = bool(os.environ.get("CI"))
    folder.mkdir(exist_ok=True)
    problems: list[str] = []
    for tool in tools:
        path = folder / f"{tool.name}.json"
        current = _snapshot(tool)
        if update or (not path.exists() and not in_ci):
            path.write_text(current)
            continue
        if not path.exists():
            problems.append(f"{tool.name}: no snapshot (run with UPDATE_TOOLSNAPS=1 and commit it)")
            continue
        recorded = path.read_text()
        if recorded != current:
            diff = "".join(difflib.unified_diff(recorded.splitlines(True), current.splitlines(True), "snap", "now"))
            problems.append(f"{tool.name} changed (UPDATE_TOOLSNAPS=1 accepts it):\n{diff}")
    return problems
