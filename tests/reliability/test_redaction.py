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


# -- rules run only where they can match: the same result as running every rule ------------------------------------

_FRAGMENTS = [
    "Authorization",
    "author\u0131Zation",
    "\u017fet-cookie",
    "set-co\u212aie",
    "x-session-token",
    "X-V0-Api-Key",
    "value",
    "token",
    "accessToken",
    "client_secret",
    "password",
    "headers",
    "input_value=",
    "input_type=",
    "JSONRPCRequest(",
    "SessionMessage(",
    "Received JSON",
    "Sending message",
    "chunk",
    ": ",
    "=",
    "'",
    '"',
    '\\"',
    "(b'",
    "', b'",
    "\n",
    " ",
    "]",
    "[",
    "{",
    "}",
    SECRET,
    "plain words",
    "é",
]


def _every_rule(text: str) -> str:
    from v0_mcp._redact import _RULES

    for rule in _RULES:
        text = rule.compiled.sub(rule.replacement, text)
    return text


def test_skipping_the_rules_a_line_cannot_match_changes_nothing() -> None:
    from hypothesis import example, given, settings
    from hypothesis import strategies as st

    @settings(max_examples=400, deadline=None)
    @given(st.lists(st.sampled_from(_FRAGMENTS), max_size=14).map("".join))
    @example(f"author\u0131zation: {SECRET}")  # re.IGNORECASE folds these letters; lower() does not
    @example(f"\u017fet-cookie: sid={SECRET}")
    @example(f"{{'x-\u017fession-token': '{SECRET}'}}")
    def same(text: str) -> None:
        assert redact(text) == _every_rule(text), text

    same()


def test_a_plain_log_line_compiles_no_pattern() -> None:
    """Startup logs a line or two: none of them should pay for compiling the redaction patterns."""
    from v0_mcp._redact import _compile

    _compile.cache_clear()
    plain = redact("demo mode: serving an in-process v0 simulator with a seeded workspace (no key, no network)")
    assert plain.startswith("demo mode") and _compile.cache_info().currsize == 0
    assert redact(f"sent {{'token': '{SECRET}'}}") == f"sent {{'token': '{REDACTED}'}}"
    assert _compile.cache_info().currsize == 1
