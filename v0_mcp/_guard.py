"""Per-caller checks in front of the HTTP transports: the caller's key header, and session limits.

* ``X-V0-Api-Key`` must be printable ASCII (an HTTP client cannot send anything else
  to v0); otherwise the caller gets a 400 naming the header, not a traceback.
* ``--require-client-key``: a caller without its own key gets a 401 instead of
  working with the server's key.
* No caller can lock the others out: each caller (its v0 key, else its bearer token,
  else its address) may hold at most ``--max-sessions-per-caller`` streamable-HTTP
  sessions (or SSE streams) at once. Sessions end by ``DELETE``, or after
  ``--session-idle-timeout`` seconds without a request in flight, the same rule the
  SDK applies when it closes them. Only hashes of keys and tokens are kept.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any, Final

from .settings import Settings

__all__ = ["API_KEY_HEADER", "HEALTH_PATH", "CallerGuard", "SessionBook", "caller_of", "header_of"]

logger = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

API_KEY_HEADER: Final = b"x-v0-api-key"
SESSION_HEADER: Final = b"mcp-session-id"
HEALTH_PATH: Final = "/healthz"
SSE_PATH: Final = "/sse"
MAX_PEEK_BYTES: Final = 4 * 1024 * 1024


@dataclass
class _Session:
    caller: str
    last_seen: float
    in_flight: int = 0


@dataclass
class SessionBook:
    """Which caller holds which open session, and when each was last used."""

    idle_timeout: float | None
    clock: Callable[[], float] = time.monotonic
    sessions: dict[str, _Session] = field(default_factory=dict)

    def count(self, caller: str) -> int:
        """Return how many sessions ``caller`` holds now (forgetting those the SDK has closed as idle)."""
        now = self.clock()
        if self.idle_timeout is not None:
            expired = [
                sid
                for sid, session in self.sessions.items()
                if session.in_flight == 0 and now - session.last_seen > self.idle_timeout
            ]
            for sid in expired:
                del self.sessions[sid]
        return sum(1 for session in self.sessions.values() if session.caller == caller)

    def opened(self, session_id: str, caller: str) -> None:
        self.sessions[session_id] = _Session(caller, self.clock())

    def begin(self, session_id: str) -> None:
        if session := self.sessions.get(session_id):
            session.in_flight += 1

    def end(self, session_id: str, *, gone: bool) -> None:
        session = self.sessions.get(session_id)
        if session is None:
            return
        if gone:
            del self.sessions[session_id]
            return
        session.in_flight = max(0, session.in_flight - 1)
        session.last_seen = self.clock()


def header_of(scope: Scope, name: bytes) -> bytes | None:
    """Return the first value of header ``name`` (lower case) of an ASGI request, or None."""
    for key, value in scope.get("headers", []):
        if key == name:
            return bytes(value)
    return None


def _digest(kind: str, secret: bytes) -> str:
    return f"{kind}:{hashlib.sha256(secret).hexdigest()[:24]}"


def caller_of(scope: Scope) -> str:
    """Name the caller of a request without holding its secrets: its v0 key, else its bearer token, else its address."""
    key = (header_of(scope, API_KEY_HEADER) or b"").strip()
    if key:
        return _digest("key", key)
    authorization = header_of(scope, b"authorization") or b""
    scheme, _, token = authorization.partition(b" ")
    if scheme.lower() == b"bearer" and token.strip():
        return _digest("token", token.strip())
    client = scope.get("client") or ("unknown", 0)
    return f"address:{client[0]}"


def _is_printable_ascii(value: bytes) -> bool:
    return all(0x21 <= byte <= 0x7E for byte in value)


async def _refuse(send: Send, status: int, message: str, *headers: tuple[bytes, bytes]) -> None:
    """Answer with a JSON-RPC error body (what MCP clients show) and an HTTP status (what proxies see)."""
    body = json.dumps({"jsonrpc": "2.0", "id": None, "error": {"code": -32600, "message": message}}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *headers],
        }
    )
    await send({"type": "http.response.body", "body": body})


class CallerGuard:
    """ASGI middleware: check the caller's key header, then keep each caller within its session limit."""

    def __init__(self, app: ASGIApp, settings: Settings, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.app = app
        self._require_key = settings.require_client_key
        self._limit = settings.max_sessions_per_caller
        self._sse = settings.transport == "sse"
        self._stateless = settings.stateless
        self.book = SessionBook(settings.session_idle_timeout, clock)
        self._streams: dict[str, int] = {}  # SSE: open GET streams per caller

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("path") == HEALTH_PATH:
            await self.app(scope, receive, send)
            return
        key = header_of(scope, API_KEY_HEADER)
        if key is not None and key.strip() and not _is_printable_ascii(key.strip()):
            await _refuse(send, 400, "The X-V0-Api-Key header must be a v0 API key: printable ASCII, no spaces.")
            return
        if self._require_key and not (key or b"").strip():
            await _refuse(
                send,
                401,
                "This server requires your own v0 API key: send it in the X-V0-Api-Key header "
                "(create one at https://v0.app/chat/settings/keys).",
                (b"www-authenticate", b'X-V0-Api-Key realm="v0-mcp"'),
            )
            return
        if self._sse:
            await self._sse_stream(scope, receive, send)
        elif self._stateless:
            await self.app(scope, receive, send)
        else:
            await self._streamable(scope, receive, send)

    def _too_many(self) -> str:
        return (
            f"Too many open sessions for this caller (the limit is {self._limit}). Close sessions you no longer "
            "use (HTTP DELETE with their Mcp-Session-Id), or wait until idle ones expire."
        )

    async def _sse_stream(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("method") != "GET" or not str(scope.get("path", "")).startswith(SSE_PATH):
            await self.app(scope, receive, send)
            return
        caller = caller_of(scope)
        if self._streams.get(caller, 0) >= self._limit:
            logger.warning("refused an SSE stream: the caller already holds %d", self._limit)
            await _refuse(send, 429, self._too_many())
            return
        self._streams[caller] = self._streams.get(caller, 0) + 1
        try:
            await self.app(scope, receive, send)
        finally:
            self._streams[caller] -= 1
            if not self._streams[caller]:
                del self._streams[caller]

    async def _streamable(self, scope: Scope, receive: Receive, send: Send) -> None:
        session_id = (header_of(scope, SESSION_HEADER) or b"").decode("latin-1")
        if session_id:
            await self._in_session(session_id, scope, receive, send)
            return
        caller = caller_of(scope)
        if scope.get("method") == "POST" and self.book.count(caller) >= self._limit:
            receive, opens = await _peek_initialize(receive)
            if opens:
                logger.warning("refused a new session: the caller already holds %d", self._limit)
                await _refuse(send, 429, self._too_many())
                return

        async def record(message: Message) -> None:
            if message["type"] == "http.response.start":
                for name, value in message.get("headers", []):
                    if name.lower() == SESSION_HEADER:
                        self.book.opened(bytes(value).decode("latin-1"), caller)
            await send(message)

        await self.app(scope, receive, record)

    async def _in_session(self, session_id: str, scope: Scope, receive: Receive, send: Send) -> None:
        status = 0

        async def watch(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        self.book.begin(session_id)
        try:
            await self.app(scope, receive, watch)
        finally:
            gone = status == 404 or (scope.get("method") == "DELETE" and 200 <= status < 300)
            self.book.end(session_id, gone=gone)


def replay_all(messages: list[Message], receive: Receive) -> Receive:
    async def replay() -> Message:
        return messages.pop(0) if messages else await receive()

    return replay


async def _peek_initialize(receive: Receive) -> tuple[Receive, bool]:
    """Read the request body; return a ``receive`` that replays it, and whether it is an ``initialize``."""
    messages: list[Message] = []
    body = b""
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request":
            break
        body += message.get("body", b"")
        if len(body) > MAX_PEEK_BYTES:  # the SDK refuses bodies this large anyway
            return replay_all(messages, receive), False
        if not message.get("more_body", False):
            break

    replay = replay_all(messages, receive)
    opens = b"initialize" in body
    if opens:
        try:
            data = json.loads(body)
            opens = isinstance(data, dict) and data.get("method") == "initialize"
        except ValueError:
            opens = False
    return replay, opens
