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
    version_folders = {PACKAGE / "api", PACKAGE / "simulator", PACKAGE / "tools" / "v1", PACKAGE / "tools" / "v2"}
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


@pytest.mark.slow  # a fresh interpreter each
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
from v0_mcp.tools.{version} import ALL_TOOLS
server = build_server(Settings(api_version="{version}", demo=True, toolsets=frozenset({{"all"}})))
tools = asyncio.run(server.list_tools())
assert len(tools) == len(ALL_TOOLS) >= {least}, len(tools)
other = "v1" if "{version}" == "v2" else "v2"
print("other version loaded" if any(m.startswith(f"v0_mcp.tools.{{other}}") for m in sys.modules) else "")
print("models loaded" if any(m.startswith("v0_mcp.api.") and m.endswith("_models") for m in sys.modules) else "")
"""


@pytest.mark.slow  # a fresh interpreter each
@pytest.mark.parametrize(("version", "least"), [("v1", 60), ("v2", 20)])
def test_a_server_starts_and_lists_every_tool_without_loading_api_models(version: str, least: int) -> None:
    """Startup builds nothing it can load: the tools' schemas are stored, their models wait for a call.

    Only the served version's tools are imported, and no version's API models.
    """
    code = START_AND_LIST.format(version=version, least=least)
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert done.stdout.strip() == ""
