"""Derive what a server start serves of every tool once: its texts, toolset, kind and schemas.

Run ``python scripts/generate_tool_schemas.py`` after changing a tool's arguments,
its result shape, its title or description, or the API models; it writes each API
version's ``_schemas.json`` (``tools/v1``, ``tools/v2``), which a server reads
instead of importing the toolset modules. ``tests/tools/test_stored_schemas.py``
fails when a stored declaration differs from what the models give.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import importlib  # noqa: E402
from collections.abc import Sequence  # noqa: E402
from types import ModuleType  # noqa: E402

from v0_mcp.tools._registry import tool_declaration  # noqa: E402
from v0_mcp.tools._spec import ToolSpec  # noqa: E402

VERSIONS = ("v2", "v1")


def tools_of(version: str) -> ModuleType:
    """Return the package of a version's tools (``ALL_TOOLS``, ``SCHEMAS``)."""
    return importlib.import_module(f"v0_mcp.tools.{version}")


def render(specs: Sequence[ToolSpec] | None = None) -> str:
    """Return a stored-declarations file as it should be: sorted, one tool per top-level key (v1's by default)."""
    specs = tools_of("v1").ALL_TOOLS if specs is None else specs
    declarations = {spec.name: tool_declaration(spec) for spec in sorted(specs, key=lambda spec: spec.name)}
    return json.dumps(declarations, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def main(check: bool = False, versions: Sequence[str] = VERSIONS) -> int:
    stale = 0
    for version in versions:
        tools = tools_of(version)
        text = render(tools.ALL_TOOLS)
        path: Path = tools.SCHEMAS
        if check:
            stale += not (path.exists() and path.read_text(encoding="utf-8") == text)
        else:
            path.write_text(text, encoding="utf-8")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(check="--check" in sys.argv[1:]))
