"""The process itself: refusing unsafe binds, clean exits, startup errors on stderr."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests._processes import free_port, server_env
from tests.transports.conftest import Running, spawn, stop, wait_healthy

pytestmark = pytest.mark.e2e


def _run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "v0_mcp", *args], env=server_env(**env), capture_output=True, text=True, timeout=60
    )


def test_non_loopback_bind_without_token_refuses_to_start() -> None:
    done = _run("--demo", "--transport", "http", "--host", "0.0.0.0")
    assert done.returncode == 2
    assert "V0_MCP_AUTH_TOKEN" in done.stderr
    assert done.stdout == ""


def test_unknown_toolset_fails_at_startup_listing_valid_ones() -> None:
    done = _run("--demo", "--toolsets", "chats,nonsense")
    assert done.returncode == 2
    assert "nonsense" in done.stderr
    assert "deployments" in done.stderr
    assert done.stdout == ""


def test_unknown_tool_fails_at_startup_listing_valid_ones() -> None:
    done = _run("--demo", "--exclude-tools", "no_such_tool")
    assert done.returncode == 2
    assert "no_such_tool" in done.stderr
    assert "create_chat" in done.stderr


def test_stdio_server_exits_cleanly_on_stdin_eof() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "v0_mcp", "--demo"],
        env=server_env(),
        input="",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""


def test_stdio_server_exits_cleanly_on_sigterm(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "v0_mcp", "--demo"],
        env=server_env(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        process.stdin.write(  # type: ignore[union-attr]
            b'{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",'
            b'"capabilities":{},"clientInfo":{"name":"t","version":"1"}}}\n'
        )
        process.stdin.flush()  # type: ignore[union-attr]
        line = process.stdout.readline()  # type: ignore[union-attr]
        assert b'"result"' in line
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=15) == 0
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate()


def test_http_server_exits_cleanly_on_sigterm(tmp_path: Path) -> None:
    port = free_port()
    log = tmp_path / "stderr.log"
    process = spawn(["--demo", "--transport", "http", "--port", str(port)], server_env(), log)
    wait_healthy(Running(process, port, log))
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=15) == 0
    stop(process)


def test_missing_key_is_reported_on_stderr_only() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "v0_mcp"], env=server_env(), input="", capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0
    assert "V0_API_KEY" in done.stderr
    assert done.stdout == ""
