"""Derive every tool's input and output JSON schema once, for the server to load at startup.

Run ``python scripts/generate_tool_schemas.py`` after changing a tool's arguments,
its result shape or the API models; ``tests/tools/test_stored_schemas.py`` fails
when the stored schemas differ from what the models give.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from v0_mcp.tools._registry import tool_schemas  # noqa: E402
from v0_mcp.tools.v1 import ALL_TOOLS, SCHEMAS  # noqa: E402


def render() -> str:
    """Return the stored-schemas file as it should be: sorted, one tool per top-level key."""
    schemas = {spec.name: tool_schemas(spec) for spec in sorted(ALL_TOOLS, key=lambda spec: spec.name)}
    return json.dumps(schemas, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def main(check: bool = False) -> int:
    text = render()
    if check:
        return 0 if SCHEMAS.exists() and SCHEMAS.read_text(encoding="utf-8") == text else 1
    SCHEMAS.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(check="--check" in sys.argv[1:]))
