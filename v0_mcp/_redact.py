"""Keep secrets out of the log, at every level: one filter on the one handler v0-mcp logs through.

What would otherwise reach stderr at DEBUG: the SDK's SSE transport logs every message
body it receives and sends (env-var values, decrypted ones included, and MCP-server
tokens), httpcore logs v0's response headers (``x-session-token``, ``set-cookie``); at
INFO and above, a malformed SSE body is logged with a pydantic error quoting its tail;
and sse_starlette logs every event it streams. The filter drops message bodies, masks
sensitive headers and fields, and masks the exact secrets v0-mcp knows (its v0 key,
its bearer token).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import Final

__all__ = ["REDACTED", "Redactor", "redact"]

REDACTED: Final = "[redacted]"

_SENSITIVE_HEADERS: Final = "authorization|proxy-authorization|cookie|set-cookie|x-session-token|x-v0-api-key|x-api-key"
_SENSITIVE_FIELDS: Final = (
    "value|token|accessToken|refreshToken|clientSecret|client_secret|secret|password|apiKey|api_key|"
    "authorization|cookie|headers"
)
# httpcore: (b'set-cookie', b'...') in a header list.
_HEADER_TUPLE: Final = re.compile(
    rf"""(\(b?['"](?:{_SENSITIVE_HEADERS})['"],\s*)b?(['"])(?:(?!\2)[^\\]|\\.)*\2""", re.IGNORECASE
)
# A header line (``Set-Cookie: ...``) or a mapping entry (``'x-session-token': '...'``).
_HEADER_LINE: Final = re.compile(rf"(?im)^(\s*(?:{_SENSITIVE_HEADERS})\s*:\s*)\S.*$")
# "field": "..." (JSON, or JSON escaped inside a repr) and 'field': '...' / field='...' (Python reprs).
_FIELD: Final = re.compile(
    rf"""((?:\\*["'])(?:{_SENSITIVE_FIELDS}|{_SENSITIVE_HEADERS})(?:\\*["'])\s*:\s*|\b(?:{_SENSITIVE_FIELDS})=)"""
    r"""(\\*["'])(?:(?!\2).)*?\2""",
    re.IGNORECASE,
)
# pydantic quotes the input it refused: the tail of a malformed body.
_PYDANTIC_INPUT: Final = re.compile(r"input_value=.*?(?=, input_type=|\]$|$)", re.DOTALL | re.MULTILINE)
# A JSON-RPC message, whole (the SDK's transports log them at DEBUG): keep what it is, not what it says.
_MESSAGE_DUMP: Final = re.compile(
    r"\b(SessionMessage|JSONRPCRequest|JSONRPCResponse|JSONRPCNotification|JSONRPCError|JSONRPCMessage)\(.*",
    re.DOTALL,
)
_BODY_DUMP: Final = re.compile(
    r"^(Received JSON|Sending [a-z ]*message[a-z ]*|Validated client message|chunk):.*", re.DOTALL | re.IGNORECASE
)


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """Return ``text`` without message bodies, sensitive headers and fields, or any of ``secrets``."""
    text = _BODY_DUMP.sub(rf"\1: {REDACTED} (message bodies are not logged)", text)
    text = _MESSAGE_DUMP.sub(rf"\1({REDACTED})", text)
    text = _HEADER_TUPLE.sub(rf"\1'{REDACTED}'", text)
    text = _HEADER_LINE.sub(rf"\1{REDACTED}", text)
    text = _FIELD.sub(rf"\1\2{REDACTED}\2", text)
    text = _PYDANTIC_INPUT.sub(f"input_value={REDACTED}", text)
    for secret in secrets:
        if secret:
            text = text.replace(secret, REDACTED)
    return text


class Redactor(logging.Filter):
    """A handler filter that rewrites each record (message and traceback) through :func:`redact`."""

    def __init__(self, secrets: Iterable[str | None] = ()) -> None:
        super().__init__()
        self._secrets = tuple(sorted({s.strip() for s in secrets if s and s.strip()}, key=len, reverse=True))

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: log it as it is rather than lose the record
            message = str(record.msg)
        record.msg = redact(message, self._secrets)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text, self._secrets)
        if record.stack_info:
            record.stack_info = redact(record.stack_info, self._secrets)
        return True
