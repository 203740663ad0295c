"""The public surface of v0_mcp.api is declared in one sorted, complete __all__."""

from __future__ import annotations

import re
import subprocess
import sys
import types

import v0_mcp.api


def isort_key(name: str) -> tuple[int, str]:
    """Order as ruff's RUF022 does: CONSTANTS, then Classes, then everything else."""
    if re.fullmatch(r"[A-Z0-9_]+", name) and len(name) > 1:
        return 0, name
    return (1 if name[:1].isupper() else 2), name


def test_all_is_sorted():
    assert v0_mcp.api.__all__ == sorted(v0_mcp.api.__all__, key=isort_key)


def test_all_imports_are_exported():
    # Version packages (v0_mcp.api.v1) are imported by their users, not exported.
    public = {name for name, value in vars(v0_mcp.api).items() if not name.startswith("_")}
    public -= {name for name in public if isinstance(vars(v0_mcp.api)[name], types.ModuleType)}
    assert public == set(v0_mcp.api.__all__)


def test_public_objects_report_the_package_as_their_module():
    for name in v0_mcp.api.__all__:
        obj = getattr(v0_mcp.api, name)
        if isinstance(obj, type) or (callable(obj) and hasattr(obj, "__code__")):
            assert obj.__module__ == "v0_mcp.api", name


def test_api_package_does_not_import_mcp():
    code = "import sys, v0_mcp.api; sys.exit(any(m == 'mcp' or m.startswith('mcp.') for m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
