"""Spawn the real ``v0-mcp`` process on a free loopback port and wait until it is healthy."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests._processes import free_port, server_env


@dataclass
class Running:
    process: subprocess.Popen[bytes]
    port: int
    stderr_path: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stderr(self) -> str:
        return self.stderr_path.read_text(errors="replace")


def spawn(args: list[str], env: dict[str, str], stderr_path: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "v0_mcp", *args],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=stderr_path.open("wb"),
    )


def wait_healthy(running: Running, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if running.process.poll() is not None:
            raise AssertionError(f"server exited with {running.process.returncode}: {running.stderr()}")
        try:
            if httpx.get(f"{running.base}/healthz", timeout=1.0).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"server did not become healthy: {running.stderr()}")


def stop(process: subprocess.Popen[bytes]) -> int:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    if process.stdout:
        process.stdout.close()
    return process.returncode


@contextmanager
def running_server(tmp: Path, *flags: str, **env: str) -> Iterator[Running]:
    """Spawn ``v0-mcp --demo`` with ``flags`` on a free port, wait for /healthz, stop it afterwards."""
    port = free_port()
    log = tmp / f"stderr-{port}.log"
    process = spawn(["--demo", "--port", str(port), *flags], server_env(V0_MCP_DEMO_DELAY="0.5", **env), log)
    running = Running(process, port, log)
    try:
        wait_healthy(running)
        yield running
    finally:
        stop(process)


TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def http_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    with running_server(tmp_path_factory.mktemp("http"), "--transport", "http") as running:
        yield running


@pytest.fixture(scope="module")
def sse_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    with running_server(tmp_path_factory.mktemp("sse"), "--transport", "sse") as running:
        yield running


@pytest.fixture(scope="module")
def guarded_http_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    with running_server(tmp_path_factory.mktemp("auth"), "--transport", "http", V0_MCP_AUTH_TOKEN=TOKEN) as running:
        yield running


@pytest.fixture(scope="module")
def guarded_sse_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    with running_server(tmp_path_factory.mktemp("sseauth"), "--transport", "sse", V0_MCP_AUTH_TOKEN=TOKEN) as running:
        yield running
