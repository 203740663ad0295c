"""The README's tool tables are generated from the declared toolsets and tools, and never drift."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

import pytest

from tests.conftest import ROOT
from v0_mcp.tools import v1, v2
from v0_mcp.tools._toolsets import TOOLSETS_OF

TOOLS_OF = {"v1": v1.ALL_TOOLS, "v2": v2.ALL_TOOLS}


@pytest.fixture
def generator(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_docs", ROOT / "scripts" / "generate_docs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)
    spec.loader.exec_module(module)
    return module


def test_readme_tool_tables_are_current(generator: ModuleType) -> None:
    assert generator.main(check=True) == 0, "run: python scripts/generate_docs.py"


@pytest.mark.parametrize("version", ["v2", "v1"])
def test_every_tool_and_toolset_appears_in_the_tables(generator: ModuleType, version: str) -> None:
    table = generator.tool_table(version)
    for toolset in TOOLSETS_OF[version]:
        assert f"| `{toolset.name}` | {toolset.description} |" in table
    for spec in TOOLS_OF[version]:
        assert (f"**{spec.name}**" if spec.builder else spec.name) in table


def test_the_tables_show_v2_first(generator: ModuleType) -> None:
    tables = generator.tool_tables()
    assert tables.index("API v2") < tables.index("API v1")


@pytest.mark.parametrize("version", ["v2", "v1"])
def test_the_tables_change_when_a_tool_changes(
    generator: ModuleType, monkeypatch: pytest.MonkeyPatch, version: str
) -> None:
    before = generator.render((ROOT / "README.md").read_text())
    monkeypatch.setitem(generator.TOOLS_OF, version, TOOLS_OF[version][1:])
    assert generator.render((ROOT / "README.md").read_text()) != before


def test_only_the_marked_region_is_rewritten(generator: ModuleType) -> None:
    text = f"intro\n{generator.BEGIN}\nstale\n{generator.END}\noutro\n"
    rendered = generator.render(text)
    assert rendered.startswith(f"intro\n{generator.BEGIN}\n**API v2**")
    assert rendered.endswith(f"{generator.END}\noutro\n")
