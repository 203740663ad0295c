"""The exceptions the v0 client raises, and the one place foreign failures become them.

Every failure a caller can meet is a :class:`V0Error`, so the MCP layer can turn
each branch into advice an agent can act on::

    V0Error
    ├── V0TransportError           no response: connect, read or write failure
    │   └── V0TimeoutError         ... because a timeout ran out
    ├── V0RequestError             arguments refused before any HTTP was sent
    ├── MissingAPIKey              no key configured; nothing was sent
    │   └── MissingVercelToken     ... for the Vercel REST API (VERCEL_TOKEN)
    ├── V0ResponseError            a success response this client cannot read
    │   └── V0StreamError          a v2 stream reported a failure in-band
    └── V0APIError                 an error status, with the API's envelope: v1's
                                   {"error": {"message", "type"}}, v2's {"message",
                                   "issues"?}, Vercel's {"error": {"code", "message"}}
        ├── Unauthorized           401
        ├── Forbidden              403
        ├── NotFound               404
        ├── Conflict               409
        ├── PayloadTooLarge        413
        ├── Unprocessable          422
        ├── RateLimited            429, with ``retry_after``
        └── ServerError            5xx

:func:`api_error` and :func:`transport_error` are the only translators from
httpx objects to these classes. No message, ``str()`` or ``repr()`` ever
carries the API key: callers pass it as a secret to be redacted.
"""

from __future__ import annotations

import email.utils
import json
import math
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, ClassVar, Final

if TYPE_CHECKING:
    import httpx

__all__ = [
    "Conflict",
    "Forbidden",
    "MissingAPIKey",
    "MissingVercelToken",
    "NotFound",
    "PayloadTooLarge",
    "RateLimited",
    "ServerError",
    "Unauthorized",
    "Unprocessable",
    "V0APIError",
    "V0Error",
    "V0RequestError",
    "V0ResponseError",
    "V0StreamError",
    "V0TimeoutError",
    "V0TransportError",
]

_MAX_TEXT: Final = 500
_REDACTED: Final = "[redacted]"


class V0Error(Exception):
    """Base class of every error the v0 client raises."""

    def __init__(self, message: str, *, operation: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.operation = operation

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r})"


class V0TransportError(V0Error):
    """The API gave no response: the connection, the write or the read failed.

    ``request_sent`` is False only when the failure happened before the request
    could leave, so even a create is known not to have happened.
    """

    def __init__(self, message: str, *, operation: str | None = None, request_sent: bool = True) -> None:
        super().__init__(message, operation=operation)
        self.request_sent = request_sent


class V0TimeoutError(V0TransportError):
    """A connect, read, write or pool timeout ran out."""


class V0RequestError(V0Error):
    """The arguments were refused before any HTTP request was sent.

    ``fields`` names each offending argument (dotted for nested ones).
    """

    def __init__(self, message: str, *, fields: Iterable[str] = (), operation: str | None = None) -> None:
        super().__init__(message, operation=operation)
        self.fields: tuple[str, ...] = tuple(fields)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r}, fields={self.fields!r})"


class MissingAPIKey(V0Error):
    """No API key was given and ``V0_API_KEY`` is unset, so no request can be made."""

    def __init__(self, message: str | None = None, *, operation: str | None = None) -> None:
        super().__init__(
            message
            or "No v0 API key: set the V0_API_KEY environment variable (create a key at "
            "https://v0.app/chat/settings/keys) or pass api_key to V0Client.",
            operation=operation,
        )


class MissingVercelToken(MissingAPIKey):
    """No Vercel access token is configured, so no Vercel REST call can be made.

    v2 moved deployments, their logs and environment variables to Vercel, which
    needs its own token and the team to act for.
    """

    def __init__(self, message: str | None = None, *, operation: str | None = None) -> None:
        super().__init__(
            message
            or "No Vercel token: set VERCEL_TOKEN (create one at https://vercel.com/account/tokens) and "
            "VERCEL_TEAM_ID (the team that owns the v0 chats' projects) to use deployments, logs and "
            "environment variables.",
            operation=operation,
        )


class V0ResponseError(V0Error):
    """A success response (or stream event) did not have the shape the API documents."""

    def __init__(self, message: str, *, operation: str | None = None, status: int | None = None) -> None:
        super().__init__(message, operation=operation)
        self.status = status


class V0StreamError(V0ResponseError):
    """A v2 stream that had started reported a failure (an ``error`` event), or ended empty.

    ``code`` is the event's ``code`` when given; ``id`` the message (or chat) it is about.
    """

    def __init__(
        self, message: str, *, code: str | None = None, id: str | None = None, operation: str | None = None
    ) -> None:
        super().__init__(message, operation=operation)
        self.code = code
        self.id = id


class V0APIError(V0Error):
    """The API answered with an error status.

    ``type`` is v1's ``error.type`` or Vercel's ``error.code`` (v2 sends neither:
    then it is the class's default); ``issues`` holds v2's ``(path, error)`` pairs
    naming the request fields at fault (``chats.updateFiles`` 422).
    """

    default_type: ClassVar[str] = "http_error"

    def __init__(
        self,
        message: str,
        *,
        status: int,
        type: str,
        request_id: str | None = None,
        operation: str | None = None,
        issues: Iterable[tuple[str, str]] = (),
    ) -> None:
        super().__init__(message, operation=operation)
        self.status = status
        self.type = type
        self.request_id = request_id
        self.issues: tuple[tuple[str, str], ...] = tuple(issues)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status={self.status}, type={self.type!r}, message={self.message!r})"


class Unauthorized(V0APIError):
    """401: the API key is missing, malformed or revoked."""

    default_type = "unauthorized_error"


class Forbidden(V0APIError):
    """403: the key is valid but may not touch this resource."""

    default_type = "forbidden_error"


class NotFound(V0APIError):
    """404: no such resource (or it is not visible to this key)."""

    default_type = "not_found_error"


class Conflict(V0APIError):
    """409: the resource's state forbids the change (e.g. the env var exists)."""

    default_type = "conflict_error"


class PayloadTooLarge(V0APIError):
    """413: the request body is too large."""

    default_type = "payload_too_large_error"


class Unprocessable(V0APIError):
    """422: the API rejected the request's fields."""

    default_type = "unprocessable_entity_error"


class RateLimited(V0APIError):
    """429: too many requests; ``retry_after`` is in seconds when the API said."""

    default_type = "too_many_requests_error"

    def __init__(
        self,
        message: str,
        *,
        status: int = 429,
        type: str = "too_many_requests_error",
        request_id: str | None = None,
        operation: str | None = None,
        retry_after: float | None = None,
        issues: Iterable[tuple[str, str]] = (),
    ) -> None:
        super().__init__(message, status=status, type=type, request_id=request_id, operation=operation, issues=issues)
        self.retry_after = retry_after


class ServerError(V0APIError):
    """5xx: the API failed; reads are safe to try again later."""

    default_type = "internal_server_error"


_BY_STATUS: Final[Mapping[int, type[V0APIError]]] = {
    401: Unauthorized,
    403: Forbidden,
    404: NotFound,
    409: Conflict,
    413: PayloadTooLarge,
    422: Unprocessable,
    429: RateLimited,
}


def redact(text: str, secrets: Iterable[str | None]) -> str:
    """Replace every occurrence of each secret in ``text``."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, _REDACTED)
    return text


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Return the seconds a ``Retry-After`` header asks to wait (delta-seconds or HTTP date)."""
    if not value or not value.strip():
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        pass
    else:
        return max(0.0, seconds) if math.isfinite(seconds) else None
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _envelope(text: str) -> tuple[str | None, str | None, list[tuple[str, str]]]:
    """Return ``(message, type, issues)`` from any of the error envelopes, or Nones and no issues.

    v1: ``{"error": {"message", "type"}}``; Vercel: ``{"error": {"code", "message"}}``;
    v2: ``{"message"}``, with ``issues: [{"path", "error"}]`` on ``chats.updateFiles`` 422.
    """
    try:
        data: Any = json.loads(text)
    except ValueError:
        return None, None, []
    if not isinstance(data, dict):
        return None, None, []
    error = data.get("error")
    if isinstance(error, dict):
        message, kind = error.get("message"), error.get("type", error.get("code"))
        return (message if isinstance(message, str) else None), (kind if isinstance(kind, str) else None), []
    if isinstance(error, str):
        return error, None, []
    message = data.get("message")
    issues = [
        (str(issue.get("path", "")), str(issue.get("error", "")))
        for issue in data.get("issues") or []
        if isinstance(issue, dict)
    ]
    return (message if isinstance(message, str) else None), None, issues


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MAX_TEXT else text[: _MAX_TEXT - 1] + "…"


def api_error(
    response: httpx.Response, *, operation: str | None = None, secrets: Iterable[str | None] = ()
) -> V0APIError:
    """Build the most specific :class:`V0APIError` for an error response whose body has been read."""
    status = response.status_code
    cls = _BY_STATUS.get(status, ServerError if status >= 500 else V0APIError)
    text = response.text
    message, kind, issues = _envelope(text)
    if message is None:
        message = _shorten(text) or response.reason_phrase or f"HTTP {status}"
    if issues:  # name the fields at fault in the message too: it is what an agent reads
        message += " (" + "; ".join(f"{path}: {error}" if path else error for path, error in issues[:10]) + ")"
    message = redact(message, secrets)
    issues = [(redact(path, secrets), redact(error, secrets)) for path, error in issues]
    request_id = response.headers.get("x-request-id") or response.headers.get("x-vercel-id")
    if cls is RateLimited:
        return RateLimited(
            message,
            status=status,
            type=kind or cls.default_type,
            request_id=request_id,
            operation=operation,
            retry_after=parse_retry_after(response.headers.get("retry-after")),
            issues=issues,
        )
    return cls(
        message, status=status, type=kind or cls.default_type, request_id=request_id, operation=operation, issues=issues
    )


def _descriptions() -> tuple[tuple[type[httpx.RequestError], str], ...]:
    import httpx  # loaded by the request that failed, not with the package

    return (
        (httpx.ConnectTimeout, "timed out connecting to the v0 API"),
        (httpx.ReadTimeout, "timed out waiting for the v0 API to answer"),
        (httpx.WriteTimeout, "timed out sending the request to the v0 API"),
        (httpx.PoolTimeout, "timed out waiting for a free connection to the v0 API"),
        (httpx.ConnectError, "could not connect to the v0 API"),
        (httpx.RemoteProtocolError, "the v0 API closed the connection unexpectedly"),
    )


def transport_error(
    exc: httpx.RequestError,
    *,
    operation: str | None = None,
    secrets: Iterable[str | None] = (),
    service: str = "v0",
) -> V0TransportError:
    """Translate an httpx failure that produced no response (``service`` names the API in the message)."""
    import httpx

    fallback = "network error talking to the v0 API"
    description = next((text for cls, text in _descriptions() if isinstance(exc, cls)), fallback)
    description = description.replace("the v0 API", f"the {service} API")
    detail = str(exc).strip()
    message = redact(f"{description} ({detail})" if detail else description, secrets)
    cls = V0TimeoutError if isinstance(exc, httpx.TimeoutException) else V0TransportError
    not_sent = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
    return cls(message, operation=operation, request_sent=not isinstance(exc, not_sent))
