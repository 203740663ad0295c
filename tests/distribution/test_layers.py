"""Data flows down the layers, never back up: each layer imports only what is below it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "v0_mcp"


def _imports(folder: Path) -> set[str]:
    names: set[str] = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:  # relative: resolve against the file's package
                    package = path.parent.relative_to(ROOT).parts
                    base = ".".join([*package[: len(package) - node.level + 1], *([base] if base else [])])
                names.add(base)
    return names


@pytest.mark.parametrize(
    ("layer", "forbidden"),
    [
        ("api", ("mcp", "v0_mcp.tools", "v0_mcp.simulator", "v0_mcp.server")),
        ("simulator", ("mcp", "v0_mcp.tools", "v0_mcp.server")),
        ("tools", ("v0_mcp.server", "v0_mcp.cli", "v0_mcp.transports", "v0_mcp.simulator")),
    ],
)
def test_a_layer_never_imports_the_layers_above_it(layer: str, forbidden: tuple[str, ...]) -> None:
    imported = _imports(PACKAGE / layer)
    wrong = sorted(name for name in imported for top in forbidden if name == top or name.startswith(top + "."))
    assert wrong == []


def test_tools_never_build_urls() -> None:
    for path in (PACKAGE / "tools").rglob("*.py"):
        # A vocabulary names Vercel endpoints (``vercel:GET /v1/projects/...``): the catalogue builds those URLs.
        text = "\n".join(line for line in path.read_text().splitlines() if "vercel:" not in line)
        assert "https://api.v0.dev" not in text, path.name
        assert "/v1/" not in text, path.name
