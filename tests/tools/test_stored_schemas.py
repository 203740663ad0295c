"""The schemas the server loads at startup are exactly what the tool models derive."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import ROOT
from v0_mcp.tools import ToolSpec
from v0_mcp.tools._registry import load_schemas, to_mcp_tool, tool_schemas
from v0_mcp.tools.v1 import ALL_TOOLS, SCHEMAS


@pytest.fixture
def generator(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "generate_tool_schemas", ROOT / "scripts" / "generate_tool_schemas.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)
    spec.loader.exec_module(module)
    return module


def test_stored_schemas_are_current(generator: ModuleType) -> None:
    assert generator.main(check=True) == 0, "run: python scripts/generate_tool_schemas.py"


@pytest.mark.parametrize("spec", ALL_TOOLS, ids=lambda spec: spec.name)
def test_a_tool_built_from_stored_schemas_equals_one_derived_now(spec: ToolSpec) -> None:
    stored = load_schemas(SCHEMAS)[spec.name]
    assert stored == tool_schemas(spec)
    tool = to_mcp_tool(spec, stored)
    assert tool.parameters == stored["input"]
    assert tool.fn_metadata.output_schema == stored["output"]


def test_missing_stored_schemas_mean_deriving_them(tmp_path: Path) -> None:
    assert load_schemas(tmp_path / "absent.json") == {}
