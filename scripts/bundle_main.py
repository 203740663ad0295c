"""Entry point of the MCP Bundle (``server/main.py`` inside the ``.mcpb``): run v0-mcp from the files beside it.

Claude Desktop runs it through ``uv run`` in the unpacked bundle, so the dependencies
come from the bundle's ``pyproject.toml``; this file puts the bundled package first
on the path and passes the user's settings on as environment variables.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

BUNDLE = Path(__file__).resolve().parent.parent


def main() -> None:
    """Run ``v0-mcp`` (stdio) with the command line given, from the bundled sources."""
    sys.path.insert(0, str(BUNDLE))
    for name, value in list(os.environ.items()):
        if value.startswith("${user_config."):  # an optional field the user left empty, passed on verbatim
            del os.environ[name]
    from v0_mcp.cli import main as run

    run(sys.argv[1:])


if __name__ == "__main__":
    main()
