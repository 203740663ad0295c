"""stdio that answers every line it cannot parse, instead of dropping it and leaving the caller waiting.

The SDK's stdio reader hands an unparsable line to the server as a bare exception,
which the server logs and drops: the client never hears back and its call hangs.
Here each line is screened before the SDK sees it. A line that is not a JSON-RPC
message (malformed JSON, JSON nested too deep, a lone UTF-16 surrogate such as a
JavaScript string cut mid-emoji, ``params`` that is not an object, a batch array)
is answered with a JSON-RPC error, with the request's id when one can be read and
``null`` otherwise, through the SDK's own writer, so frames never interleave.

The SDK internals this needs (the low-level server, the SDK's claim on stdin) are
reached through ``_sdk``; ``tests/transports/test_stdio_guard.py``
fails loudly if they change.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import AsyncIterable, AsyncIterator
from typing import Any, Final

import anyio
import mcp_types as types
from anyio.streams.memory import MemoryObjectReceiveStream, MemoryObjectSendStream
from mcp.server.mcpserver import MCPServer
from mcp.server.stdio import stdio_server
from mcp.shared.message import SessionMessage

from ._lifecycle import shut_down
from ._sdk import lowlevel_of, stdin_lines

__all__ = ["screen", "serve_stdio"]

logger = logging.getLogger(__name__)

# An id at the top level of an object, before anything nested: enough to answer a request
# whose arguments are nested too deep for any JSON parser.
_LEADING_ID: Final = re.compile(r'^\s*\{[^{}\[\]]*?"id"\s*:\s*(-?\d+|"(?:[^"\\]|\\.)*")')
_MAX_PENDING_ANSWERS: Final = 64
_FLUSH_SECONDS: Final = 5.0
_TOO_DEEP: Final = "Parse error: the JSON is nested too deep (at most about 200 levels)"

_Answer = tuple[types.JSONRPCError, anyio.Event]


def screen(line: str) -> types.JSONRPCError | None:
    """Return the error answer for ``line`` if it is not a JSON-RPC message the server can take, else None."""
    too_deep = False
    try:
        message = types.jsonrpc_message_adapter.validate_json(line, by_name=False)
    except ValueError as exc:
        too_deep = "recursion limit" in str(exc)
    else:
        # A request whose id is no valid id would pass as a notification, and never be answered.
        if not (isinstance(message, types.JSONRPCNotification) and '"id"' in line):
            return None
    try:
        data: Any = json.loads(line)
    except RecursionError:
        return _answer(_leading_id(line), types.PARSE_ERROR, _TOO_DEEP)
    except json.JSONDecodeError as exc:
        return _answer(None, types.PARSE_ERROR, f"Parse error: not valid JSON ({exc.msg} at column {exc.colno})")
    if isinstance(data, list):
        return _answer(None, types.INVALID_REQUEST, "Invalid request: batches are not supported; one message a line")
    if not isinstance(data, dict):
        return _answer(None, types.INVALID_REQUEST, "Invalid request: a message must be a JSON object")
    request_id = _id_of(data)
    if too_deep:  # deeper than the SDK parses, though Python could
        return _answer(request_id, types.PARSE_ERROR, _TOO_DEEP)
    if "id" in data and request_id is None and "method" in data:
        return _answer(None, types.INVALID_REQUEST, 'Invalid request: "id" must be a string or an integer')
    if "id" not in data and "method" in data and _well_formed_notification(line):
        return None
    if "method" not in data and request_id is not None:
        return None  # a malformed response to one of our requests: there is no one to answer
    if _has_lone_surrogate(data):
        return _answer(
            request_id,
            types.PARSE_ERROR,
            "Parse error: a string contains a lone UTF-16 surrogate (such as \\ud800, a character cut in half); "
            "send whole characters",
        )
    return _answer(request_id, types.INVALID_REQUEST, f"Invalid request: {_problem(data)}")


def _well_formed_notification(line: str) -> bool:
    try:
        return isinstance(types.jsonrpc_message_adapter.validate_json(line, by_name=False), types.JSONRPCNotification)
    except ValueError:
        return False


def _problem(data: dict[str, Any]) -> str:
    if data.get("jsonrpc") != "2.0":
        return '"jsonrpc" must be "2.0"'
    if not isinstance(data.get("method"), str):
        return '"method" must be a string'
    if "params" in data and not isinstance(data["params"], dict):
        return f'"params" must be an object, not {type(data["params"]).__name__}'
    if "id" in data and _id_of(data) is None:
        return '"id" must be a string or an integer'
    return "not a JSON-RPC 2.0 request or notification"


def _id_of(data: dict[str, Any]) -> types.RequestId | None:
    value = data.get("id")
    return value if isinstance(value, str | int) and not isinstance(value, bool) else None


def _leading_id(line: str) -> types.RequestId | None:
    match = _LEADING_ID.match(line)
    if match is None:
        return None
    try:
        value = json.loads(match.group(1))
    except ValueError:
        return None
    return value if isinstance(value, str | int) else None


def _has_lone_surrogate(value: Any) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _answer(request_id: types.RequestId | None, code: int, message: str) -> types.JSONRPCError:
    return types.JSONRPCError(jsonrpc="2.0", id=request_id, error=types.ErrorData(code=code, message=message))


class _ScreenedLines:
    """The lines of stdin that are messages; every other line becomes an error answer on ``answers``."""

    def __init__(self, lines: AsyncIterable[str], answers: MemoryObjectSendStream[_Answer]) -> None:
        self._lines = lines
        self._answers = answers
        self._last: anyio.Event | None = None

    def __aiter__(self) -> AsyncIterator[str]:
        return self._screened()

    async def _screened(self) -> AsyncIterator[str]:
        async with self._answers:
            async for line in self._lines:
                if not line.strip():
                    continue
                answer = screen(line)
                if answer is None:
                    yield line
                    continue
                logger.warning("stdio: answered an unreadable message with error %d", answer.error.code)
                self._last = anyio.Event()
                await self._answers.send((answer, self._last))
            shut_down("stdin closed")  # before the SDK sees the end of input and cancels what runs
            if self._last is not None:  # the server stops writing once input ends: let the last answer out first
                with anyio.move_on_after(_FLUSH_SECONDS):
                    await self._last.wait()


async def _deliver(answers: MemoryObjectReceiveStream[_Answer], write: Any) -> None:
    async with answers:
        async for answer, delivered in answers:
            try:
                await write.send(SessionMessage(answer))
            except (anyio.ClosedResourceError, anyio.BrokenResourceError):
                return
            finally:
                delivered.set()


async def serve_stdio(server: MCPServer[Any]) -> None:
    """Serve ``server`` over stdin/stdout until stdin closes, answering every unparsable line."""
    lowlevel = lowlevel_of(server)
    answers_in, answers_out = anyio.create_memory_object_stream[_Answer](_MAX_PENDING_ANSWERS)
    async with stdin_lines() as lines:
        screened = _ScreenedLines(lines, answers_in)
        async with stdio_server(stdin=screened) as (read, write), anyio.create_task_group() as tasks:  # type: ignore[arg-type]
            tasks.start_soon(_deliver, answers_out, write)
            await lowlevel.run(read, write, lowlevel.create_initialization_options())
            tasks.cancel_scope.cancel()
