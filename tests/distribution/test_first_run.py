"""The README's first steps, proven on a clean clone: the demo answers, starts again, and stops cleanly."""

from __future__ import annotations

import pytest

from scripts.first_run import run
from tests.conftest import ROOT

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def test_a_clean_clone_reaches_a_working_demo_and_an_interrupt_leaves_nothing_running() -> None:
    steps = {step.name: step for step in run(str(ROOT))}

    assert [step.name for step in steps.values() if not step.ok] == [], {n: s.detail for n, s in steps.items()}
    cold = steps["dev.py demo, fresh clone: initialize"]
    assert cold.facts["server"] == "v0-mcp" and cold.facts["tools"] > 0
    assert steps["dev.py demo, again: initialize"].facts["list_chats"] == "ok"
    interrupted = steps["interrupted first start"]
    assert interrupted.facts["leftovers"] == [] and interrupted.facts["exit"] != 0
    assert "interrupted (SIGTERM)" in interrupted.detail
    for step in steps.values():  # the timings, for whoever reads the test output
        print(f"{step.seconds:6.1f} s  {step.name}")
