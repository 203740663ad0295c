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

import functools
import logging
import re
from collections.abc import Iterable
from typing import Final, NamedTuple

__all__ = ["REDACTED", "Redactor", "redact"]

REDACTED: Final = "[redacted]"

_SENSITIVE_HEADERS: Final = "authorization|proxy-authorization|cookie|set-cookie|x-session-token|x-v0-api-key|x-api-key"
_SENSITIVE_FIELDS: Final = (
    "value|token|accessToken|refreshToken|clientSecret|client_secret|secret|password|apiKey|api_key|"
    "authorization|cookie|headers"
)
class _Rule(NamedTuple):
    """One rewrite, compiled when first needed: it cannot match text that holds none of its ``words``."""

    words: tuple[str, ...]  # lower case
    pattern: str
    flags: int
    replacement: str

    @property
    def compiled(self) -> re.Pattern[str]:
        return _compile(self.pattern, self.flags)


@functools.cache
def _compile(pattern: str, flags: int) -> re.Pattern[str]:
    return re.compile(pattern, flags)


def _words(*alternations: str) -> tuple[str, ...]:
    return tuple(word.lower() for alternation in alternations for word in alternation.split("|"))


# In order: a message body goes whole before its fields are looked at.
_RULES: Final = (
    # The SDK's transports log each message body they receive and send.
    _Rule(
        ("received json", "sending ", "validated client message", "chunk"),
        r"^(Received JSON|Sending [a-z ]*message[a-z ]*|Validated client message|chunk):.*",
        re.DOTALL | re.IGNORECASE,
        rf"\1: {REDACTED} (message bodies are not logged)",
    ),
    # A JSON-RPC message, whole (the SDK's transports log them at DEBUG): keep what it is, not what it says.
    _Rule(
        ("sessionmessage", "jsonrpc"),
        r"\b(SessionMessage|JSONRPCRequest|JSONRPCResponse|JSONRPCNotification|JSONRPCError|JSONRPCMessage)\(.*",
        re.DOTALL,
        rf"\1({REDACTED})",
    ),
    # httpcore: (b'set-cookie', b'...') in a header list.
    _Rule(
        _words(_SENSITIVE_HEADERS),
        rf"""(\(b?['"](?:{_SENSITIVE_HEADERS})['"],\s*)b?(['"])(?:(?!\2)[^\\]|\\.)*\2""",
        re.IGNORECASE,
        rf"\1'{REDACTED}'",
    ),
    # A header line (``Set-Cookie: ...``) or a mapping entry (``'x-session-token': '...'``).
    _Rule(
        _words(_SENSITIVE_HEADERS),
        rf"^(\s*(?:{_SENSITIVE_HEADERS})\s*:\s*)\S.*$",
        re.IGNORECASE | re.MULTILINE,
        rf"\1{REDACTED}",
    ),
    # "field": "..." (JSON, or JSON escaped inside a repr) and 'field': '...' / field='...' (Python reprs).
    _Rule(
        _words(_SENSITIVE_FIELDS, _SENSITIVE_HEADERS),
        rf"""((?:\\*["'])(?:{_SENSITIVE_FIELDS}|{_SENSITIVE_HEADERS})(?:\\*["'])\s*:\s*|\b(?:{_SENSITIVE_FIELDS})=)"""
        r"""(\\*["'])(?:(?!\2).)*?\2""",
        re.IGNORECASE,
        rf"\1\2{REDACTED}\2",
    ),
    # pydantic quotes the input it refused: the tail of a malformed body.
    _Rule(
        ("input_value=",),
        r"input_value=.*?(?=, input_type=|\]$|$)",
        re.DOTALL | re.MULTILINE,
        f"input_value={REDACTED}",
    ),
)


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """Return ``text`` without message bodies, sensitive headers and fields, or any of ``secrets``.

    A rule's pattern runs (and is compiled, on first need) only on text holding one of
    its words, without which it cannot match: most lines need none of them. That test
    is made on ASCII text only, where ``lower()`` agrees with ``re.IGNORECASE`` (which
    also folds letters such as the long s); other text gets every rule.
    """
    lowered = text.lower() if text.isascii() else None
    for rule in _RULES:
        if lowered is None or any(word in lowered for word in rule.words):
            rewritten = rule.compiled.sub(rule.replacement, text)
            if rewritten != text:
                text, lowered = rewritten, rewritten.lower() if rewritten.isascii() else None
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
