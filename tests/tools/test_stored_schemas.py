"""What a server start serves of each tool, read from its stored declaration, is exactly what the models derive."""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import ROOT
from v0_mcp.tools import ToolSpec, stored_tools
from v0_mcp.tools._registry import load_schemas, to_mcp_tool, tool_declaration

VERSIONS = ("v1", "v2")
CASES = [
    pytest.param(version, spec, id=f"{version}-{spec.name}")
    for version in VERSIONS
    for spec in importlib.import_module(f"v0_mcp.tools.{version}").ALL_TOOLS
]


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


def test_stored_declarations_are_current(generator: ModuleType) -> None:
    assert generator.main(check=True) == 0, "run: python scripts/generate_tool_schemas.py"


@pytest.mark.parametrize("version", VERSIONS)
def test_every_tool_of_a_version_is_stored_once(version: str) -> None:
    declared = {spec.name for spec in importlib.import_module(f"v0_mcp.tools.{version}").ALL_TOOLS}
    stored = [tool.name for tool in stored_tools(version)]
    assert sorted(stored) == sorted(declared) and len(stored) == len(set(stored))


@pytest.mark.parametrize(("version", "spec"), CASES)
def test_a_tool_served_from_its_stored_declaration_equals_one_derived_now(version: str, spec: ToolSpec) -> None:
    stored = next(tool for tool in stored_tools(version) if tool.name == spec.name)
    assert stored.declaration == tool_declaration(spec)
    assert (stored.title, stored.toolset, stored.kind, stored.builder) == (
        spec.title,
        spec.toolset,
        spec.kind,
        spec.builder,
    )
    served, derived = to_mcp_tool(stored), to_mcp_tool(spec)
    for attribute in ("name", "title", "description", "parameters", "annotations", "meta", "context_kwarg"):
        assert getattr(served, attribute) == getattr(derived, attribute), attribute
    assert served.fn_metadata.output_schema == derived.fn_metadata.output_schema
    assert served.resolved_params.keys() == derived.resolved_params.keys() == spec.resolvers.keys()
    assert len(served.resolver_plans) == len(derived.resolver_plans)
    assert stored.spec() is spec  # the first call loads the spec the declaration was derived from


def test_a_version_without_stored_declarations_says_how_to_make_them(tmp_path: Path) -> None:
    assert load_schemas(tmp_path / "absent.json") == {}
    with pytest.raises(ValueError, match="unknown v0 API version"):
        stored_tools("v3")
