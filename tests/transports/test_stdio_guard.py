"""stdio answers every line it cannot parse, and goes on serving: the real process, raw JSON-RPC."""

from __future__ import annotations

import inspect
import json
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import mcp.server.stdio
import pytest
from mcp.server.mcpserver import MCPServer

from tests._processes import server_env
from v0_mcp._stdio import screen

pytestmark = pytest.mark.e2e

INITIALIZE = {
    "jsonrpc": "2.0",
    "id": "init",
    "method": "initialize",
    "params": {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "raw", "version": "1"}},
}
DEEP = "[" * 5000 + "]" * 5000

# (what a client might send, the id the answer must carry, the JSON-RPC error code)
UNREADABLE = [
    pytest.param("{not json", None, -32700, id="malformed-json"),
    pytest.param('{"jsonrpc":"2.0","id":11,"method":"tools/list","params":"cursor"}', 11, -32600, id="params-string"),
    pytest.param(
        '{"jsonrpc":"2.0","id":12,"method":"tools/call","params":{"name":"get_chat","arguments":{"x":' + DEEP + "}}}",
        12,
        -32700,
        id="too-deep",
    ),
    pytest.param(
        '{"jsonrpc":"2.0","id":"s","method":"tools/call","params":{"name":"get_chat","arguments":{"chatId":"\\ud800"}}}',
        "s",
        -32700,
        id="lone-surrogate",
    ),
    pytest.param('[{"jsonrpc":"2.0","id":14,"method":"ping"}]', None, -32600, id="batch"),
    pytest.param('"just a string"', None, -32600, id="not-an-object"),
]


class Stdio:
    """The real ``v0-mcp --demo`` over pipes: send a line, read the next answer."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "v0_mcp", "--demo"],
            env=server_env(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )

    def send(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line.encode() + b"\n")
        self.process.stdin.flush()

    def answer(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        assert line, "the server closed stdout instead of answering"
        return dict(json.loads(line))

    def request(self, message: dict[str, Any]) -> dict[str, Any]:
        self.send(json.dumps(message))
        return self.answer()

    def close(self) -> str:
        _, stderr = self.process.communicate(timeout=30)
        return stderr.decode(errors="replace")


@pytest.fixture
def stdio() -> Iterator[Stdio]:
    server = Stdio()
    try:
        yield server
    finally:
        if server.process.poll() is None:
            server.process.kill()
            server.process.communicate()


@pytest.mark.parametrize(("line", "answer_id", "code"), UNREADABLE)
def test_an_unreadable_line_gets_an_error_and_the_server_goes_on(
    stdio: Stdio, line: str, answer_id: str | int | None, code: int
) -> None:
    assert "result" in stdio.request(INITIALIZE)
    stdio.send(json.dumps({"jsonrpc": "2.0", "method": "notifications/initialized"}))

    stdio.send(line)
    answer = stdio.answer()
    after = stdio.request({"jsonrpc": "2.0", "id": "after", "method": "tools/list"})

    assert answer["id"] == answer_id
    assert answer["error"]["code"] == code
    assert answer["error"]["message"]
    assert after["id"] == "after" and after["result"]["tools"], "the server went on serving"
    assert stdio.close() and stdio.process.returncode == 0


def test_unreadable_lines_before_the_handshake_are_answered_too(stdio: Stdio) -> None:
    stdio.send("{oops")
    first = stdio.answer()
    opened = stdio.request(INITIALIZE)

    assert first == {"jsonrpc": "2.0", "id": None, "error": {"code": -32700, "message": first["error"]["message"]}}
    assert "not valid JSON" in first["error"]["message"]
    assert opened["result"]["serverInfo"]["name"] == "v0-mcp"


def test_logging_set_level_works_for_a_2025_era_client(stdio: Stdio) -> None:
    opened = stdio.request(INITIALIZE)
    stdio.send(json.dumps({"jsonrpc": "2.0", "method": "notifications/initialized"}))
    answer = stdio.request({"jsonrpc": "2.0", "id": 2, "method": "logging/setLevel", "params": {"level": "warning"}})

    assert "logging" in opened["result"]["capabilities"]
    assert answer == {"jsonrpc": "2.0", "id": 2, "result": {}}


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"jsonrpc":"2.0","id":1,"method":"ping"', "not valid JSON"),
        ('{"jsonrpc":"1.0","id":1,"method":"ping"}', '"jsonrpc" must be "2.0"'),
        ('{"jsonrpc":"2.0","id":1,"method":7}', '"method" must be a string'),
        ('{"jsonrpc":"2.0","id":1.5,"method":"ping"}', '"id" must be a string or an integer'),
        ('{"jsonrpc":"2.0","id":1,"method":"tools/list","params":[1]}', '"params" must be an object, not list'),
    ],
)
def test_the_error_says_what_is_wrong(line: str, message: str) -> None:
    answer = screen(line)

    assert answer is not None
    assert message in answer.error.message


@pytest.mark.parametrize("depth", [300, 5000])
def test_too_deep_is_named_and_answered_with_the_id(depth: int) -> None:
    nested = "[" * depth + "]" * depth
    answer = screen(
        '{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"x","arguments":{"a":' + nested + "}}}"
    )

    assert answer is not None
    assert answer.id == 9
    assert "nested too deep" in answer.error.message


def test_well_formed_messages_pass_untouched() -> None:
    assert screen(json.dumps(INITIALIZE)) is None
    assert screen('{"jsonrpc":"2.0","method":"notifications/initialized"}') is None
    assert screen('{"jsonrpc":"2.0","id":1,"result":{}}') is None
    assert screen('{"jsonrpc":"2.0","id":1,"result":"malformed response to our own request"}') is None


def test_the_sdk_internals_the_stdio_guard_relies_on_are_still_there() -> None:
    """If this fails, the SDK changed: revisit v0_mcp/_stdio.py and v0_mcp/_protocol.py before anything else."""
    claim = inspect.signature(mcp.server.stdio._claim_fd)
    assert list(claim.parameters) == ["fd", "stream", "mode", "open_diversion"]
    assert issubclass(mcp.server.stdio._UnownedTextWrapper, __import__("io").TextIOWrapper)
    assert "stdin" in inspect.signature(mcp.server.stdio.stdio_server).parameters
    server = MCPServer("probe")
    lowlevel = server._lowlevel_server
    assert callable(lowlevel.run) and callable(lowlevel.create_initialization_options)
    assert callable(lowlevel.add_request_handler)
    assert isinstance(lowlevel._request_handlers, dict) and "tools/list" in lowlevel._request_handlers
