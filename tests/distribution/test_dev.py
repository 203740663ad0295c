"""dev.py: what `test`, `test --quick` and a clean CI machine run (the demo path is proven by test_first_run)."""

from __future__ import annotations

import importlib.util
from types import ModuleType

import pytest

from tests.conftest import QUICK_SELECTION, ROOT


@pytest.fixture
def dev(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    spec = importlib.util.spec_from_file_location("dev_under_test", ROOT / "dev.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def calls(dev: ModuleType, monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Record the commands dev.py would run instead of running them; each succeeds."""
    recorded: list[list[str]] = []

    def call(cmd: list[str], *, env: dict[str, str] | None = None) -> int:
        recorded.append(cmd)
        return 0

    monkeypatch.setattr(dev, "call", call)
    monkeypatch.setattr(dev, "ensure_env", lambda *, test: None)
    monkeypatch.setattr(dev.signal, "signal", lambda signum, handler: None)  # keep pytest's own handlers
    return recorded


def _on_path(monkeypatch: pytest.MonkeyPatch, dev: ModuleType, *present: str) -> None:
    monkeypatch.setattr(dev.shutil, "which", lambda name: f"/usr/bin/{name}" if name in present else None)


def test_quick_runs_pytest_without_e2e_and_slow_in_parallel_then_ruff_and_mypy(
    dev: ModuleType, calls: list[list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    _on_path(monkeypatch, dev, "chromium", "apt-get")
    monkeypatch.setattr(dev, "_cpus", lambda: 2)

    assert dev.main(["test", "--quick", "-x"]) == 0

    pytest_cmd, ruff_cmd, mypy_cmd = calls
    assert pytest_cmd[1:] == ["-m", "pytest", "-m", QUICK_SELECTION, "-n", "3", "-x"]
    assert QUICK_SELECTION == "not e2e and not slow"  # the slow modules are not even imported then
    assert ruff_cmd[1:] == ["-m", "ruff", "check", "."]
    assert mypy_cmd[1:3] == ["-m", "mypy"] and "v0_mcp" in mypy_cmd


@pytest.mark.parametrize(("cpus", "workers"), [(1, ["-n", "2"]), (4, ["-n", "5"]), (64, ["-n", "8"])])
def test_the_quick_run_takes_a_worker_per_cpu_and_one_more_up_to_eight(
    dev: ModuleType, monkeypatch: pytest.MonkeyPatch, cpus: int, workers: list[str]
) -> None:
    monkeypatch.setattr(dev, "_cpus", lambda: cpus)

    assert dev._quick_workers() == workers


def test_the_full_run_selects_every_test_in_one_process(
    dev: ModuleType, calls: list[list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    _on_path(monkeypatch, dev, "chromium", "apt-get")
    monkeypatch.setattr(dev, "_cpus", lambda: 2)

    assert dev.main(["test"]) == 0

    assert calls[0][1:] == ["-m", "pytest"]


def test_a_clean_ci_machine_gets_chromium_from_apt(
    dev: ModuleType, calls: list[list[str]], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _on_path(monkeypatch, dev, "apt-get")
    monkeypatch.setattr(dev.os, "geteuid", lambda: 0)

    dev.ensure_chromium()

    assert calls == [["apt-get", "update"], ["apt-get", "install", "-y", "--no-install-recommends", "chromium"]]
    assert "installing it with apt-get" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("present", "uid"), [(("chromium", "apt-get"), 0), (("apt-get",), 1000), ((), 0)], ids=["there", "user", "no-apt"]
)
def test_chromium_is_left_alone_when_present_not_root_or_without_apt(
    dev: ModuleType, calls: list[list[str]], monkeypatch: pytest.MonkeyPatch, present: tuple[str, ...], uid: int
) -> None:
    _on_path(monkeypatch, dev, *present)
    monkeypatch.setattr(dev.os, "geteuid", lambda: uid)

    dev.ensure_chromium()

    assert calls == []


def test_a_failed_apt_install_does_not_fail_the_run(
    dev: ModuleType, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _on_path(monkeypatch, dev, "apt-get")
    monkeypatch.setattr(dev.os, "geteuid", lambda: 0)
    monkeypatch.setattr(dev, "call", lambda cmd, env=None: 100)

    dev.ensure_chromium()

    assert "`apt-get update` failed" in capsys.readouterr().err


def test_help_names_every_task(capsys: pytest.CaptureFixture[str], dev: ModuleType) -> None:
    assert dev.main(["help"]) == 0
    assert dev.main(["deploy"]) == 2
    text = capsys.readouterr().err
    for usage in ("dev.py demo", "dev.py test", "dev.py test --quick", "dev.py bench"):
        assert usage in text
