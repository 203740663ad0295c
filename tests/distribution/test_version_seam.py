"""Above api/, only a version's own folder names its operationIds and response attributes.

Shared machinery (generation waits, resources, completions, the server) reaches
an API version through its adapter, so adding a version is a new folder.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from v0_mcp.api.v1 import CATALOGUE

PACKAGE = ROOT / "v0_mcp"
# Attributes only v1's response models have (our own result shapes never read them back).
V1_ATTRIBUTES = frozenset({"latestVersion", "experimental_content", "finishReason", "nextSince", "responseMode"})
V1_OPERATIONS = frozenset(op.id for op in CATALOGUE)


def _shared_modules() -> list[Path]:
    version_folders = {PACKAGE / "api", PACKAGE / "simulator", PACKAGE / "tools" / "v1"}
    return [path for path in PACKAGE.rglob("*.py") if not any(folder in path.parents for folder in version_folders)]


def _v1_names(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Constant) and node.value in V1_OPERATIONS | {"responseMode"}:
            found.append(str(node.value))
        elif isinstance(node, ast.Attribute) and node.attr in V1_ATTRIBUTES:
            found.append(node.attr)
    return found


def test_shared_modules_name_no_v1_operation_or_attribute() -> None:
    shared = _shared_modules()
    assert any(path.name == "_generation.py" for path in shared)
    offenders = {str(path.relative_to(ROOT)): names for path in shared if (names := _v1_names(path))}
    assert offenders == {}


def test_the_check_sees_what_the_v1_adapter_names() -> None:
    names = _v1_names(PACKAGE / "tools" / "v1" / "_adapter.py")
    assert {"chats.getById", "latestVersion", "responseMode"} <= set(names)


@pytest.mark.parametrize(
    "module", ["v0_mcp.api", "v0_mcp.tools", "v0_mcp.cli", "v0_mcp.resources", "v0_mcp.completions"]
)
def test_shared_layers_load_no_api_version_until_one_is_served(module: str) -> None:
    code = f"import sys, {module}; sys.exit(any(m.startswith('v0_mcp.api.v1') for m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


START_AND_LIST = """
import asyncio, sys
from v0_mcp.server import build_server
from v0_mcp.settings import Settings
server = build_server(Settings(demo=True, toolsets=frozenset({"all"})))
tools = asyncio.run(server.list_tools())
assert len(tools) == 60, len(tools)
print("models loaded" if "v0_mcp.api.v1._models" in sys.modules else "models not loaded")
"""


def test_a_server_starts_and_lists_every_tool_without_loading_api_models() -> None:
    """Startup builds nothing it can load: the tools' schemas are stored, their models wait for a call."""
    done = subprocess.run([sys.executable, "-c", START_AND_LIST], check=True, capture_output=True, text=True)
    assert done.stdout.strip() == "models not loaded"
