"""The log redaction seam: what each producer of log lines would otherwise write, and what is left of it."""

from __future__ import annotations

import io
import logging

import pytest

from v0_mcp._redact import REDACTED, Redactor, redact
from v0_mcp.api import SSEDecoder, V0ResponseError

SECRET = "s3cr3t-VALUE-1f9e"


@pytest.mark.parametrize(
    "line",
    [
        # httpcore at DEBUG: v0's response headers
        f"receive_response_headers.complete return_value=(b'HTTP/1.1', 200, [(b'x-session-token', b'{SECRET}')])",
        f"receive_response_headers.complete return_value=(b'HTTP/1.1', 200, [(b'Set-Cookie', b'sid={SECRET}')])",
        # the SDK's SSE transport at DEBUG: whole message bodies
        f'Received JSON: b\'{{"params":{{"arguments":{{"x":"{SECRET}"}}}}}}\'',
        f"Sending message via SSE: SessionMessage(message=JSONRPCResponse(result={{'text': '{SECRET}'}}))",
        f"Validated client message: JSONRPCRequest(method='tools/call', params={{'x': '{SECRET}'}})",
        # sse_starlette at DEBUG: every event it streams
        f'chunk: b\'event: message\\r\\ndata: {{"result":"{SECRET}"}}\\r\\n\\r\\n\'',
        # pydantic quoting a malformed body (the SSE transport logs it with the traceback at ERROR)
        f'Invalid JSON: EOF while parsing [type=json_invalid, input_value=\'{{"token":"{SECRET}\', input_type=str]',
        # fields that hold secrets, as JSON, JSON inside a repr, and Python reprs
        f'{{"key":"K","value":"{SECRET}"}}',
        f'text=\'{{\\"value\\":\\"{SECRET}\\"}}\'',
        f"{{'auth': {{'type': 'bearer', 'token': '{SECRET}'}}}}",
        f"clientSecret='{SECRET}'",
        f"X-V0-Api-Key: {SECRET}",
    ],
)
def test_each_known_leak_is_redacted(line: str) -> None:
    cleaned = redact(line)

    assert SECRET not in cleaned
    assert REDACTED in cleaned


def test_ordinary_lines_are_left_alone() -> None:
    line = 'HTTP Request: POST http://127.0.0.1:8787/v1/chats "HTTP/1.1 200 OK"'

    assert redact(line) == line


def test_the_filter_redacts_arguments_tracebacks_and_the_exact_secrets_it_is_given() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(Redactor(["the-server-key", None, "  "]))
    logger = logging.getLogger("tests.redaction")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("calling v0 with %s", "the-server-key")
        try:
            raise ValueError(f'input_value=\'{{"value":"{SECRET}"\', input_type=str')
        except ValueError:
            logger.exception("Failed to parse message")
    finally:
        logger.removeHandler(handler)
    written = stream.getvalue()

    assert "the-server-key" not in written
    assert SECRET not in written
    assert "calling v0 with [redacted]" in written
    assert "Failed to parse message" in written and "ValueError" in written


@pytest.mark.parametrize("line", [f'data: {{"text":"{SECRET}"', f'data: ["{SECRET}"]'])
def test_a_malformed_stream_line_from_v0_is_described_not_quoted(line: str) -> None:
    with pytest.raises(V0ResponseError) as raised:
        SSEDecoder().feed(line + "\n")

    assert "stream sent a data line that is not" in str(raised.value)
    assert SECRET not in str(raised.value)
