"""Fixtures shared by every test package."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SPEC_DIR = ROOT / "spec"


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


# Whole modules that load the machine or spawn processes: left out of the quick run
# (``pytest -m "not e2e and not slow"``), always in the full run.
SLOW_MODULES = ("reliability/test_load.py", "reliability/test_fuzz.py", "simulator/test_serve.py")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if str(item.path.relative_to(ROOT / "tests")).replace("\\", "/") in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)
