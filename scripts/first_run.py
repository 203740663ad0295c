"""Follow the README's first steps on a clean clone and time each one.

    python3 scripts/first_run.py [--source PATH_OR_URL] [--inspector] [--json]

1. ``git clone`` the repository (this checkout by default) into a temporary folder;
2. ``python3 dev.py demo`` there, as an MCP host would start it: time to the
   ``initialize`` answer on a fresh clone, then ``tools/list`` and a ``list_chats`` call;
3. the same again, as a host's every later start;
4. an interrupted first start: SIGTERM while it installs, then check nothing is left running;
5. with ``--inspector``: the README's Inspector one-liner, through its CLI mode (needs npx).

Standard library only, so the system ``python3`` runs it before anything is installed.
Prints a table of the steps to stderr (``--json``: the steps as JSON on stdout); exits 1 if
a step failed. A test runs it (marked e2e and slow).
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parents[1]
INSPECTOR = "@modelcontextprotocol/inspector@2.12.0"
# The interpreter a user types as python3: the base one, even when this runs inside a virtual environment.
PYTHON = getattr(sys, "_base_executable", sys.executable)
INITIALIZE = {
    "protocolVersion": "2025-11-25",
    "capabilities": {},
    "clientInfo": {"name": "first-run", "version": "1"},
}


@dataclass
class Step:
    """One README step: what ran, how long it took, whether it did what the README says."""

    name: str
    seconds: float = 0.0
    ok: bool = False
    detail: str = ""
    facts: dict[str, Any] = field(default_factory=dict)


class Session:
    """A JSON-RPC conversation with an MCP server over its stdin/stdout (every stdout line must be JSON)."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, args=(process.stdout,), daemon=True).start()

    def _read(self, stream: IO[str] | None) -> None:
        assert stream is not None
        for line in stream:
            self.lines.put(line)
        self.lines.put(None)

    def request(self, method: str, params: dict[str, Any], timeout: float) -> dict[str, Any]:
        """Send a request and return its result; raise RuntimeError on an error, a stray line or a timeout."""
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise RuntimeError(f"no answer to {method} within {timeout:.0f} s") from None
            if line is None:
                raise RuntimeError(f"the server closed stdout before answering {method}")
            try:
                message = json.loads(line)
            except ValueError:
                raise RuntimeError(f"stdout carried a line that is not JSON-RPC: {line[:200]!r}") from None
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method} failed: {message['error']}")
                result: dict[str, Any] = message["result"]
                return result

    def send(self, message: dict[str, Any]) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(message) + "\n")
        self.process.stdin.flush()


@contextmanager
def demo(clone: Path, stderr: IO[str]) -> Iterator[Session]:
    """Start ``python3 dev.py demo`` in ``clone`` as a host would; close stdin and reap it afterwards."""
    process = subprocess.Popen(
        [PYTHON, "dev.py", "demo"],
        cwd=clone,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=stderr,
        text=True,
        env=_clean_env(),
    )
    try:
        yield Session(process)
    finally:
        if process.stdin:
            process.stdin.close()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _clean_env() -> dict[str, str]:
    """This environment without any v0 setting or virtual environment, like a fresh shell."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("V0_", "VERCEL_")) and k != "VIRTUAL_ENV"}
    env["PYTHONUNBUFFERED"] = "1"
    return env


def step_clone(source: str, clone: Path) -> Step:
    step = Step("git clone")
    started = time.monotonic()
    done = subprocess.run(["git", "clone", "--quiet", source, str(clone)], capture_output=True, text=True)
    step.seconds = time.monotonic() - started
    step.ok = done.returncode == 0
    step.detail = done.stderr.strip() or f"cloned into {clone.name}/"
    return step


def step_demo(clone: Path, name: str, log: Path) -> Step:
    """Start the demo, time the initialize answer, then list tools and call one."""
    step = Step(name)
    with log.open("w") as stderr:
        started = time.monotonic()
        try:
            with demo(clone, stderr) as session:
                info = session.request("initialize", INITIALIZE, timeout=120)
                step.seconds = time.monotonic() - started
                session.send({"jsonrpc": "2.0", "method": "notifications/initialized"})
                tools = session.request("tools/list", {}, timeout=30)["tools"]
                chats = session.request("tools/call", {"name": "list_chats", "arguments": {}}, timeout=30)
                step.facts = {
                    "server": info["serverInfo"]["name"],
                    "tools": len(tools),
                    "list_chats": "error" if chats.get("isError") else "ok",
                }
                step.ok = step.facts["list_chats"] == "ok" and bool(tools)
                step.detail = f"initialize answered; {len(tools)} tools; list_chats {step.facts['list_chats']}"
        except RuntimeError as exc:
            step.seconds = time.monotonic() - started
            step.detail = f"{exc}; stderr: {log.read_text()[-500:]}"
    return step


def _processes_under(folder: Path) -> list[str]:
    """Command lines of running processes that mention ``folder`` (Linux /proc), this one excluded."""
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        if entry.name == str(os.getpid()):
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if str(folder) in cmdline:
            found.append(f"{entry.name}: {cmdline.strip()}")
    return found


def step_interrupt(clone: Path, log: Path) -> Step:
    """Interrupt a first start while it installs; nothing it started may outlive it."""
    step = Step("interrupted first start")
    shutil.rmtree(clone / ".venv", ignore_errors=True)
    started = time.monotonic()
    with log.open("w+") as stderr, demo(clone, stderr) as session:
        process = session.process
        while time.monotonic() - started < 120 and "installing" not in log.read_text() and process.poll() is None:
            time.sleep(0.05)
        time.sleep(1.0)  # let the install get going
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
        step.seconds = time.monotonic() - started
    time.sleep(0.5)
    leftovers = _processes_under(clone) if Path("/proc").is_dir() else []
    step.facts = {"exit": process.returncode, "leftovers": leftovers, "checked": Path("/proc").is_dir()}
    step.ok = process.returncode != 0 and not leftovers
    said = [line for line in log.read_text().splitlines() if "interrupted" in line]
    step.detail = (said[-1] if said else "no interruption message") + (f"; left running: {leftovers}" * bool(leftovers))
    return step


def step_inspector(clone: Path, log: Path) -> Step:
    """The README's Inspector one-liner, in the Inspector's CLI mode (it prints the tools as JSON)."""
    step = Step("Inspector (npx) tools/list")
    npx = shutil.which("npx")
    if npx is None:
        step.detail = "npx is not installed"
        return step
    home = clone / ".inspector-home"
    home.mkdir(exist_ok=True)
    env = {**_clean_env(), "HOME": str(home), "MCP_INSPECTOR_SECRET_STORE": "memory"}
    cmd = [npx, "-y", INSPECTOR, "--cli", "python3", "dev.py", "demo", "--method", "tools/list", "--format", "json"]
    started = time.monotonic()
    with log.open("w") as stderr:
        done = subprocess.run(cmd, cwd=clone, env=env, stdout=subprocess.PIPE, stderr=stderr, text=True, timeout=300)
    step.seconds = time.monotonic() - started
    try:
        answer = json.loads(done.stdout)
        tools = answer.get("result", answer)["tools"]  # the CLI wraps the result in some versions
    except (ValueError, KeyError, AttributeError):
        step.detail = f"exit {done.returncode}: {done.stdout[-300:]} {log.read_text()[-300:]}"
        return step
    step.ok = done.returncode == 0 and bool(tools)
    step.detail = f"{len(tools)} tools listed"
    return step


def run(source: str, *, inspector: bool = False, keep: Path | None = None) -> list[Step]:
    """Run every step in a fresh temporary folder (or ``keep``) and return them."""
    with tempfile.TemporaryDirectory(prefix="v0-mcp-first-run-") as scratch:
        base = keep or Path(scratch)
        clone = base / "v0-mcp"
        steps = [step_clone(source, clone)]
        if steps[0].ok:
            steps.append(step_demo(clone, "dev.py demo, fresh clone: initialize", base / "demo-cold.log"))
            steps.append(step_demo(clone, "dev.py demo, again: initialize", base / "demo-warm.log"))
            if inspector:
                steps.append(step_inspector(clone, base / "inspector.log"))
            steps.append(step_interrupt(clone, base / "interrupted.log"))
        return steps


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", default=str(ROOT), help="what to clone (default: this checkout)")
    parser.add_argument("--inspector", action="store_true", help="also run the Inspector one-liner (npx)")
    parser.add_argument("--json", action="store_true", help="print the steps as JSON on stdout")
    args = parser.parse_args(argv)
    steps = run(args.source, inspector=args.inspector)
    for step in steps:
        print(f"{'ok ' if step.ok else 'FAIL'} {step.seconds:6.1f} s  {step.name}: {step.detail}", file=sys.stderr)
    if args.json:
        print(json.dumps([asdict(step) for step in steps], indent=2))
    return 0 if all(step.ok for step in steps) else 1


if __name__ == "__main__":
    sys.exit(main())
