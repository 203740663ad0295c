#!/usr/bin/env python3
"""Set up a virtual environment and run v0-mcp's everyday commands.

    python3 dev.py demo      # install, then start `v0-mcp --demo` (stdio)
    python3 dev.py test      # install, then run pytest, ruff and mypy
    python3 dev.py bench     # install, then run the benchmarks

Needs only Python 3.11+ with pip. The environment lives in `.venv` and is
reinstalled only when `pyproject.toml` changes. Extra arguments are passed on
(to `v0-mcp` for demo, to pytest for test).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".v0-mcp-installed"


def log(message: str) -> None:
    print(f"dev.py: {message}", file=sys.stderr, flush=True)


def ensure_env() -> None:
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if PY.exists() and STAMP.exists() and STAMP.read_text() == digest:
        return
    if not PY.exists():
        log(f"creating {VENV}")
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    log("installing v0-mcp and its test tools into .venv")
    pip = [str(PY), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "-e", f"{ROOT}[test]"], check=True, stdout=sys.stderr)
    STAMP.write_text(digest)


def run(*cmd: str) -> int:
    return subprocess.run(cmd, cwd=ROOT).returncode


def main(argv: list[str]) -> int:
    task, rest = (argv[0], argv[1:]) if argv else ("help", [])
    if task not in {"demo", "test", "bench"}:
        print(__doc__, file=sys.stderr)
        return 0 if task in {"help", "-h", "--help"} else 2
    ensure_env()
    if task == "demo":
        os.execv(str(BIN / "v0-mcp"), [str(BIN / "v0-mcp"), "--demo", *rest])
    if task == "bench":
        return run(str(PY), "-m", "bench", *rest)
    failed = []
    for name, cmd in (
        ("pytest", [str(PY), "-m", "pytest", *rest]),
        ("ruff", [str(PY), "-m", "ruff", "check", "."]),
        ("mypy", [str(PY), "-m", "mypy", *(d for d in ("v0_mcp", "tests", "scripts", "bench") if (ROOT / d).is_dir())]),
    ):
        log(f"running {name}")
        if run(*cmd) != 0:
            failed.append(name)
    if failed:
        log("failed: " + ", ".join(failed))
        return 1
    log("all checks passed")
    return 0


if __name__ == "__main__":
    if sys.version_info < (3, 11):  # noqa: UP036 - this script is what tells an old Python so
        sys.exit(f"dev.py: Python 3.11 or newer is needed, this is {sys.version.split()[0]}")
    sys.exit(main(sys.argv[1:]))
