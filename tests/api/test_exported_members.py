"""The public surface of v0_mcp.api is declared in one sorted, complete __all__."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

import v0_mcp.api


def isort_key(name: str) -> tuple[int, str]:
    """Order as ruff's RUF022 does: CONSTANTS, then Classes, then everything else."""
    if re.fullmatch(r"[A-Z0-9_]+", name) and len(name) > 1:
        return 0, name
    return (1 if name[:1].isupper() else 2), name


def test_all_is_sorted():
    assert v0_mcp.api.__all__ == sorted(v0_mcp.api.__all__, key=isort_key)


def test_all_imports_are_exported():
    for name in v0_mcp.api.__all__:  # the version-specific names load on first use
        getattr(v0_mcp.api, name)
    subpackages = {"v1", "v2", "vercel"}
    public = {name for name in vars(v0_mcp.api) if not name.startswith("_") and name not in subpackages}
    assert public == set(v0_mcp.api.__all__)


@pytest.mark.slow  # a fresh interpreter
def test_importing_the_package_loads_no_version_specific_module():
    code = (
        "import sys, v0_mcp.api; "
        "loaded = [m for m in sys.modules if m.startswith('v0_mcp.api.') and "
        "(m.split('.')[2] in ('_catalogue', '_models', 'v1', 'v2', 'vercel'))]; "
        "sys.exit(str(loaded) if loaded else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_public_objects_report_the_package_as_their_module():
    for name in v0_mcp.api.__all__:
        obj = getattr(v0_mcp.api, name)
        if isinstance(obj, type) or (callable(obj) and hasattr(obj, "__code__")):
            assert obj.__module__ == "v0_mcp.api", name


@pytest.mark.slow  # a fresh interpreter
def test_api_package_does_not_import_mcp():
    code = "import sys, v0_mcp.api; sys.exit(any(m == 'mcp' or m.startswith('mcp.') for m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
