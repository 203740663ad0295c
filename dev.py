#!/usr/bin/env python3
"""Set up a virtual environment and run v0-mcp's everyday commands.

    python3 dev.py demo            # install what the server needs, then start `v0-mcp --demo` (stdio)
    python3 dev.py test            # install the test tools too, then run pytest, ruff and mypy (what CI runs)
    python3 dev.py test --quick    # the same without end-to-end and slow tests, in parallel (~45 s on 2 CPUs)
    python3 dev.py bench           # install, then run the benchmarks

Needs only Python 3.11+ (with pip, or with venv's ensurepip). The environment lives
in `.venv`; `demo` installs the runtime dependencies only, so an MCP host gets its
`initialize` answer in seconds on a fresh clone, and `test` adds the test tools.
Each is reinstalled only when `pyproject.toml` changes. Progress goes to stderr
(stdout belongs to MCP). Interrupting leaves nothing running: an install in flight
is stopped with its whole process group. Extra arguments are passed on (to
`v0-mcp` for demo, to pytest for test). The quick run is the inner loop: it leaves
out the tests marked `e2e` or `slow` (they spawn processes, load the machine or wait
in real time) and spreads the rest over pytest-xdist workers, one per CPU and one more.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
import shlex
import shutil
import signal
import subprocess
import sys
import threading
import time
import venv
from pathlib import Path
from types import FrameType

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
# One stamp per install level; each holds the digest of the pyproject.toml it installed.
RUNTIME_STAMP = VENV / ".v0-mcp-runtime"
TEST_STAMP = VENV / ".v0-mcp-test"
CHECKED = ("v0_mcp", "tests", "scripts", "bench")

_child: subprocess.Popen[bytes] | None = None
_interrupted: int | None = None


def log(message: str) -> None:
    print(f"dev.py: {message}", file=sys.stderr, flush=True)


def _stop_child(signum: int, frame: FrameType | None) -> None:
    """Stop the running install with everything it started (no orphaned pip); `call` then exits.

    The handler must not wait for the child itself: it interrupts `Popen.wait`, which holds the
    lock any other wait would need. It signals the group, and SIGKILLs it if still there in 5 s.
    """
    global _interrupted
    _interrupted = signum
    child = _child
    if child is None:
        log(f"interrupted ({signal.Signals(signum).name})")
        os._exit(128 + signum)
    _signal_group(child, signal.SIGTERM)
    timer = threading.Timer(5.0, _signal_group, (child, signal.SIGKILL if os.name != "nt" else signal.SIGTERM))
    timer.daemon = True
    timer.start()


def _signal_group(child: subprocess.Popen[bytes], signum: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        if os.name == "nt":
            child.terminate()
        else:
            os.killpg(child.pid, signum)


def _die_with_parent() -> None:
    """Linux: have the kernel stop the child if this process is killed outright (SIGKILL)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def call(cmd: list[str], *, env: dict[str, str] | None = None) -> int:
    """Run ``cmd`` with its output on stderr, in its own process group so an interrupt stops all of it."""
    global _child
    options: dict[str, object] = {}
    if os.name != "nt":
        options = {"process_group": 0, "preexec_fn": _die_with_parent if sys.platform == "linux" else None}
    _child = subprocess.Popen(cmd, cwd=ROOT, stdout=sys.stderr, env=env, **options)  # type: ignore[call-overload]
    try:
        status: int = _child.wait()
    finally:
        _child = None
    if _interrupted is not None:
        name = signal.Signals(_interrupted).name
        log(f"interrupted ({name}): stopped `{shlex.join(cmd[:3])} ...` and all it started")
        os._exit(128 + _interrupted)
    return status


def _site_packages() -> Path:
    if os.name == "nt":
        return VENV / "Lib" / "site-packages"
    return VENV / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}" / "site-packages"


def _pip() -> list[str]:
    """The fastest pip that installs into .venv: its own, else this Python's aimed at it, else a fresh one."""
    quiet = ["install", "--disable-pip-version-check", "--no-compile", "-q"]
    if (BIN / ("pip.exe" if os.name == "nt" else "pip")).exists():
        return [str(PY), "-m", "pip", *quiet]
    if importlib.util.find_spec("pip") is not None:
        return [sys.executable, "-m", "pip", "--python", str(PY), *quiet]
    log("bootstrapping pip into .venv")
    if call([str(PY), "-m", "ensurepip", "--default-pip"]) != 0:
        sys.exit("dev.py: could not install pip into .venv")
    return [str(PY), "-m", "pip", *quiet]


def ensure_env(*, test: bool) -> None:
    """Install what ``demo`` (runtime only) or ``test`` (with the test extra) needs, when not done yet."""
    pyproject = (ROOT / "pyproject.toml").read_bytes()
    digest = hashlib.sha256(pyproject).hexdigest()
    current = {stamp for stamp in (RUNTIME_STAMP, TEST_STAMP) if stamp.exists() and stamp.read_text() == digest}
    if PY.exists() and (TEST_STAMP in current or (not test and RUNTIME_STAMP in current)):
        return
    started = time.monotonic()
    if not PY.exists():
        log(f"creating {VENV.name}/")
        venv.EnvBuilder(with_pip=False, clear=True).create(VENV)
    pip = _pip()
    if test:
        log("installing v0-mcp with its test tools into .venv (once; about a minute)")
        status = call([*pip, "-e", f"{ROOT}[test]"])
        stamp = TEST_STAMP
    else:
        import tomllib  # here, so that Python < 3.11 reaches the version check below

        dependencies = tomllib.loads(pyproject.decode())["project"]["dependencies"]
        log(f"installing the runtime dependencies into .venv: {', '.join(dependencies)}")
        status = call([*pip, *dependencies])
        # The checkout itself goes on the path as an editable install would, without building a wheel.
        (_site_packages() / "v0_mcp_checkout.pth").write_text(f"{ROOT}\n")
        stamp = RUNTIME_STAMP
    if status != 0:
        sys.exit(f"dev.py: pip failed (exit {status}); see the lines above")
    stamp.write_text(digest)
    log(f"installed in {time.monotonic() - started:.1f} s")


def ensure_chromium() -> None:
    """On a clean CI machine (root, apt-get), install the Chromium that the browser tests drive."""
    if shutil.which("chromium") or not shutil.which("apt-get"):
        return
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        log("chromium is not on PATH: browser tests need it (apt-get install chromium)")
        return
    log("chromium is not on PATH: installing it with apt-get for the browser tests")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for cmd in (["apt-get", "update"], ["apt-get", "install", "-y", "--no-install-recommends", "chromium"]):
        if call(cmd, env=env) != 0:
            log(f"`{' '.join(cmd)}` failed: browser tests will say what is missing")
            return


def run(*cmd: str) -> int:
    return call(list(cmd))


def _cpus() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _quick_workers() -> list[str]:
    """pytest-xdist's options for the quick run: a worker per CPU and one more, at most 8.

    The quick tests are independent and in process, and wait on in-process servers about half
    of their time: one worker more than CPUs keeps them busy (on 2 CPUs, 3 workers take 42 s
    where 2 take 52 s). The full run (CI) stays in one process.
    """
    return ["-n", str(min(_cpus() + 1, 8))]


def test(rest: list[str]) -> int:
    quick = "--quick" in rest
    rest = [arg for arg in rest if arg != "--quick"]
    ensure_env(test=True)
    ensure_chromium()
    selection = ["-m", "not e2e and not slow", *_quick_workers()] if quick else []
    failed = []
    for name, cmd in (
        ("pytest", [str(PY), "-m", "pytest", *selection, *rest]),
        ("ruff", [str(PY), "-m", "ruff", "check", "."]),
        ("mypy", [str(PY), "-m", "mypy", *(d for d in CHECKED if (ROOT / d).is_dir())]),
    ):
        log(f"running {name}")
        if run(*cmd) != 0:
            failed.append(name)
    if failed:
        log("failed: " + ", ".join(failed))
        return 1
    log("all checks passed")
    return 0


def main(argv: list[str]) -> int:
    task, rest = (argv[0], argv[1:]) if argv else ("help", [])
    if task not in {"demo", "test", "bench"}:
        print(__doc__, file=sys.stderr)
        return 0 if task in {"help", "-h", "--help"} else 2
    for signum in (signal.SIGINT, signal.SIGTERM, *((signal.SIGHUP,) if hasattr(signal, "SIGHUP") else ())):
        signal.signal(signum, _stop_child)
    if task == "test":
        return test(rest)
    ensure_env(test=task == "bench")
    if task == "bench":
        return run(str(PY), "-m", "bench", *rest)
    log("starting v0-mcp --demo (MCP on stdin/stdout)")
    # The v0-mcp command, as hosts start it: under python -m, runpy's frames make the start slower (see cli.py).
    script = BIN / ("v0-mcp.exe" if os.name == "nt" else "v0-mcp")
    command = [str(script)] if script.exists() else [str(PY), "-m", "v0_mcp"]
    os.execv(command[0], [*command, "--demo", *rest])


if __name__ == "__main__":
    if sys.version_info < (3, 11):  # noqa: UP036 - this script is what tells an old Python so
        sys.exit(f"dev.py: Python 3.11 or newer is needed, this is {sys.version.split()[0]}")
    sys.exit(main(sys.argv[1:]))
