"""Package metadata a registry accepts: the sdist builds the same wheel as the tree, with licence and URLs."""

from __future__ import annotations

import subprocess
import sys
import tarfile
import tomllib
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

import v0_mcp
from tests.conftest import ROOT

BUILD = "import sys; from hatchling.build import {hook} as build; print(build(sys.argv[1]))"


def _build(hook: str, source: Path, out: Path) -> Path:
    """Run hatchling's PEP 517 ``hook`` in ``source`` (as a frontend would) and return the built file."""
    done = subprocess.run(
        [sys.executable, "-c", BUILD.format(hook=hook), str(out)],
        cwd=source,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return out / done.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def wheels(tmp_path_factory: pytest.TempPathFactory) -> tuple[zipfile.ZipFile, zipfile.ZipFile]:
    out = tmp_path_factory.mktemp("dist")
    from_tree = _build("build_wheel", ROOT, out / "tree")
    sdist = _build("build_sdist", ROOT, out / "sdist")
    with tarfile.open(sdist) as archive:
        archive.extractall(out / "unpacked", filter="data")
    (unpacked,) = (out / "unpacked").iterdir()
    from_sdist = _build("build_wheel", unpacked, out / "from-sdist")
    return zipfile.ZipFile(from_tree), zipfile.ZipFile(from_sdist)


@pytest.mark.slow  # builds with hatchling in fresh interpreters
def test_the_sdist_builds_the_same_wheel(wheels: tuple[zipfile.ZipFile, zipfile.ZipFile]) -> None:
    tree, sdist = wheels

    assert sorted(tree.namelist()) == sorted(sdist.namelist())
    changed = [name for name in tree.namelist() if tree.read(name) != sdist.read(name)]
    assert changed == []


@pytest.mark.slow  # builds with hatchling in fresh interpreters
def test_the_wheel_carries_the_licence_urls_and_a_markdown_readme(
    wheels: tuple[zipfile.ZipFile, zipfile.ZipFile],
) -> None:
    tree, _ = wheels
    dist_info = f"v0_mcp-{v0_mcp.__version__}.dist-info"
    metadata = Parser().parsestr(tree.read(f"{dist_info}/METADATA").decode())

    assert metadata["License-Expression"] == "MIT"
    assert tree.read(f"{dist_info}/licenses/LICENSE") == (ROOT / "LICENSE").read_bytes()
    assert metadata["Description-Content-Type"] == "text/markdown"
    urls = dict(value.split(", ", 1) for value in metadata.get_all("Project-URL") or [])
    assert {"Homepage", "Repository", "Issues"} <= set(urls)
    assert all(url.startswith("https://github.com/v0-mcp/v0-mcp") for url in urls.values())
    assert "v0_mcp/_prompts/build_app.md" in tree.namelist()
    assert "v0_mcp/py.typed" in tree.namelist()


def test_the_licence_is_the_one_declared() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]

    assert project["license"] == "MIT"
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")
