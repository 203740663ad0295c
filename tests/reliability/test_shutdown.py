"""A server going down never stops v0's work: the real process, shut down mid-generation, logs what still runs."""

from __future__ import annotations

import json
import re
import signal
import sys
from pathlib import Path
from typing import Any

import anyio
import pytest
from anyio.abc import Process
from anyio.streams.text import TextReceiveStream

from tests._processes import server_env
from tests.conftest import ROOT

pytestmark = pytest.mark.e2e


async def _send(process: Process, message: dict[str, Any]) -> None:
    assert process.stdin is not None
    await process.stdin.send((json.dumps(message) + "\n").encode())


async def _started_chat(process: Process) -> str:
    """Read stdout until the generation's first progress names its chat."""
    assert process.stdout is not None
    buffer = ""
    async for chunk in TextReceiveStream(process.stdout):
        buffer += chunk
        while "\n" in buffer:
            line, buffer = buffer.split("\n", 1)
            message = json.loads(line)
            text = message.get("params", {}).get("message", "") if message.get("method") else ""
            if found := re.fullmatch(r"v0 started: chat (\S+)", text):
                return found.group(1)
    raise AssertionError("the server ended before the generation started")


@pytest.mark.parametrize("how", ["stdin closed", "SIGTERM", "SIGINT"])
async def test_shutting_down_mid_generation_leaves_it_running_and_logs_its_ids(how: str, tmp_path: Path) -> None:
    env = server_env(V0_MCP_DEMO_DELAY="120")  # the generation outlives the process
    stderr_path = tmp_path / "stderr.log"
    with stderr_path.open("wb") as stderr, anyio.fail_after(60):
        process = await anyio.open_process([sys.executable, "-m", "v0_mcp", "--demo"], env=env, cwd=ROOT, stderr=stderr)
        async with process:
            await _send(
                process,
                {
                    "jsonrpc": "2.0",
                    "id": 1,
                    "method": "initialize",
                    "params": {
                        "protocolVersion": "2025-11-25",
                        "capabilities": {},
                        "clientInfo": {"name": "shutdown-test", "version": "1"},
                    },
                },
            )
            await _send(process, {"jsonrpc": "2.0", "method": "notifications/initialized"})
            await _send(
                process,
                {
                    "jsonrpc": "2.0",
                    "id": 2,
                    "method": "tools/call",
                    "params": {
                        "name": "create_chat",
                        "arguments": {"message": "Build a long dashboard", "waitSeconds": 100},
                        "_meta": {"progressToken": "p"},
                    },
                },
            )
            chat_id = await _started_chat(process)
            if how == "stdin closed":
                assert process.stdin is not None
                await process.stdin.aclose()
            else:
                process.send_signal(getattr(signal, how))
            await process.wait()
    log = stderr_path.read_text()

    still = [line for line in log.splitlines() if "still generating" in line]
    assert len(still) == 1, log  # one line per generation, however many paths saw the shutdown
    assert chat_id in still[0] and "WARNING" in still[0] and "wait_for_generation" in still[0]
    assert "stopped generation" not in log  # v0's stop was not called: only the client's cancel does that
