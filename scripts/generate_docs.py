"""Rewrite the README's tool tables from the toolsets and tools as the server declares them.

Run ``python scripts/generate_docs.py`` after adding, renaming or moving a tool;
``tests/tools/test_docs.py`` fails when the README has drifted. Only the region
between the markers is touched.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from v0_mcp.tools import v1, v2  # noqa: E402
from v0_mcp.tools._spec import ToolSpec  # noqa: E402
from v0_mcp.tools._toolsets import TOOLSETS_OF  # noqa: E402

README = ROOT / "README.md"
BEGIN = "<!-- BEGIN GENERATED: tool tables (python scripts/generate_docs.py) -->"
END = "<!-- END GENERATED: tool tables -->"


TOOLS_OF: dict[str, tuple[ToolSpec, ...]] = {"v2": v2.ALL_TOOLS, "v1": v1.ALL_TOOLS}
HEADINGS = {
    "v2": "**API v2** (the default):",
    "v1": "**API v1** (`--api-version v1`):",
}


def tool_tables() -> str:
    """Return one Markdown table per API version, v2 first (see :func:`tool_table`)."""
    return "\n\n".join(f"{HEADINGS[version]}\n\n{tool_table(version)}" for version in TOOLSETS_OF)


def tool_table(version: str) -> str:
    """Return a version's table: one row per toolset, builder-profile tools in bold, in serving order."""
    rows = ["| toolset | what it holds | tools |", "|---|---|---|"]
    for toolset in TOOLSETS_OF[version]:
        specs = [spec for spec in TOOLS_OF[version] if spec.toolset == toolset.name]
        specs.sort(key=lambda spec: not spec.builder)  # builder tools first, else declaration order
        names = ", ".join(f"**{spec.name}**" if spec.builder else spec.name for spec in specs)
        rows.append(f"| `{toolset.name}` | {toolset.description} | {names} |")
    return "\n".join(rows)


def render(readme: str) -> str:
    """Return ``readme`` with the generated region rewritten."""
    head, found, rest = readme.partition(BEGIN)
    if not found or END not in rest:
        raise SystemExit(f"README.md lacks the markers {BEGIN!r} ... {END!r}")
    _, _, tail = rest.partition(END)
    return f"{head}{BEGIN}\n{tool_tables()}\n{END}{tail}"


def main(check: bool = False) -> int:
    current = README.read_text()
    text = render(current)
    if check:
        return 0 if text == current else 1
    README.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(check="--check" in sys.argv[1:]))
