"""Quiet by default: one line saying where the server listens, once it does; no line per request or session."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from mcp import Client

from tests._processes import free_port, server_env
from tests.transports.conftest import running_server, spawn, stop

pytestmark = pytest.mark.e2e

PER_REQUEST = ("Terminating session", "Created new transport", '"POST /mcp', '"GET /healthz', "Uvicorn running")


@pytest.mark.parametrize("flags", [["--stateless"], []], ids=["stateless", "sessions"])
async def test_info_logs_say_where_once_and_nothing_per_request(tmp_path: Path, flags: list[str]) -> None:
    with running_server(tmp_path, "--transport", "http", *flags) as running:
        for _ in range(3):
            async with Client(f"{running.base}/mcp", mode="legacy") as client:
                assert (await client.list_tools()).tools
        log = running.stderr()

    assert log.count(f"serving MCP over http at http://127.0.0.1:{running.port}/mcp") == 1, log
    assert [line for line in log.splitlines() if any(noise in line for noise in PER_REQUEST)] == []


async def test_debug_logs_keep_the_request_lines(tmp_path: Path) -> None:
    with running_server(tmp_path, "--transport", "http", "--stateless", "--log-level", "DEBUG") as running:
        async with Client(f"{running.base}/mcp", mode="legacy") as client:
            assert (await client.list_tools()).tools
        log = running.stderr()

    assert '"POST /mcp' in log
    assert "Terminating session" in log


def test_nothing_claims_to_serve_when_the_port_is_taken(tmp_path: Path) -> None:
    port = free_port()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", port))
        taken.listen()
        log_path = tmp_path / "stderr.log"
        process = spawn(["--demo", "--transport", "http", "--port", str(port)], server_env(), log_path)
        try:
            status = process.wait(timeout=60)
        finally:
            stop(process)
    log = log_path.read_text()

    assert status != 0
    assert "serving MCP" not in log
    assert "address already in use" in log.lower() or "errno 98" in log.lower(), log
