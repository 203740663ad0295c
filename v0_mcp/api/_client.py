"""The async HTTP client for the v0 Platform API, driven by the catalogue.

One :class:`V0Client` owns one ``httpx.AsyncClient`` (one connection pool).
Every call is described by an :class:`~v0_mcp.api.Operation`: the client checks
the arguments against the operation's models before sending anything, builds
the request the way the official SDK does, retries only when that is safe and
turns every failure into a :class:`~v0_mcp.api.V0Error`. The same core speaks
every API version (and the Vercel REST subset): an
:class:`~v0_mcp.api.ApiVersion` says what differs.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import random
import typing
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Iterator, Mapping
from contextlib import asynccontextmanager, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from types import TracebackType
from typing import TYPE_CHECKING, Any, Final

import anyio
from pydantic import BaseModel, ValidationError

from .. import __version__
from ._errors import (
    V0APIError,
    V0RequestError,
    V0ResponseError,
    V0TransportError,
    api_error,
    parse_retry_after,
    transport_error,
)
from ._operation import Catalogue, Operation
from ._query import encode_query
from ._sse import StreamEvent
from ._versions import V1, ApiVersion

if TYPE_CHECKING:  # httpx loads with the first request, not with the server (cold start is measured)
    from typing import TypeAlias

    import httpx

    # A transport, or what makes one when the pool opens (so a caller need not import httpx to build a client).
    Transport: TypeAlias = httpx.AsyncBaseTransport | Callable[[], httpx.AsyncBaseTransport]

__all__ = ["DEFAULT_BASE_URL", "RetryPolicy", "Timeouts", "V0Client", "retry_budget"]

DEFAULT_BASE_URL: Final = V1.default_base_url
_USER_AGENT: Final = f"v0-mcp/{__version__}"
_STREAM_MODE: Final = "experimental_stream"


def _retryable(exc: httpx.RequestError, *, idempotent: bool) -> bool:
    """Whether a request that failed without a response is worth sending again."""
    import httpx

    # Failures that happen before the request leaves: even a create is safe to send again.
    if isinstance(exc, (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)):
        return True
    # Failures worth another try when repeating the request is harmless. A read timeout is not
    # among them: asking a slow server again only multiplies the wait.
    transient = (httpx.NetworkError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.RemoteProtocolError)
    return idempotent and isinstance(exc, transient)


logger = logging.getLogger("v0_mcp.api")


@dataclass(frozen=True, slots=True, kw_only=True)
class Timeouts:
    """Seconds to wait at each stage of a request.

    ``generation`` replaces ``read`` for requests that wait for v0 to generate:
    a sync-mode ``chats.create``/``sendMessage``/``resolveTask``/``init`` and
    every stream (where it bounds the silence between two events).
    """

    connect: float = 10.0
    read: float = 60.0
    write: float = 30.0
    pool: float = 10.0
    generation: float = 600.0

    def for_request(self, *, generation: bool) -> httpx.Timeout:
        """Return the httpx timeout for one request."""
        import httpx

        read = self.generation if generation else self.read
        return httpx.Timeout(connect=self.connect, read=read, write=self.write, pool=self.pool)


async def _sleep(seconds: float) -> None:
    await anyio.sleep(seconds)


# Seconds left for retries of the calls made in this context (None: no budget, the policy alone decides).
_RETRY_BUDGET: ContextVar[Callable[[], float] | None] = ContextVar("v0_retry_budget", default=None)


@contextmanager
def retry_budget(remaining: Callable[[], float]) -> Iterator[None]:
    """Keep the retries of every call made inside within ``remaining()`` seconds.

    A caller with a deadline (a generation wait of ``waitSeconds``) says how much
    time it has left; a retry whose wait would not fit is not made, and the
    error is raised at once (a 429 still carries its ``retry_after``).
    """
    token = _RETRY_BUDGET.set(remaining)
    try:
        yield
    finally:
        _RETRY_BUDGET.reset(token)


def _fits_budget(delay: float | None) -> float | None:
    """Return ``delay`` if the current retry budget has room for it, else None (give up now)."""
    remaining = _RETRY_BUDGET.get()
    if delay is None or remaining is None:
        return delay
    return delay if delay <= remaining() else None


@dataclass(frozen=True, slots=True, kw_only=True)
class RetryPolicy:
    """When and how long to wait before sending a request again.

    Idempotent operations (GET, PUT, PATCH, DELETE) are retried on connection
    failures and on ``statuses``. Any other request is retried only when the
    connection failed before it was sent, so a create never happens twice.
    Waits grow exponentially from ``base_delay`` up to ``max_delay``, with
    jitter; a ``Retry-After`` header is obeyed instead, unless it asks for more
    than ``max_retry_after``, in which case the error is raised at once (its
    ``retry_after`` tells the caller when to come back). ``sleep`` is
    injectable so tests need not wait.
    """

    max_attempts: int = 4
    base_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 60.0
    statuses: frozenset[int] = frozenset({429, 502, 503, 504})
    sleep: Callable[[float], Awaitable[None]] = field(default=_sleep, compare=False, repr=False)

    def backoff(self, attempt: int) -> float:
        """Return the jittered wait after failed attempt number ``attempt`` (from 1)."""
        ceiling = min(self.max_delay, self.base_delay * 2.0 ** (attempt - 1))
        return ceiling / 2 + random.uniform(0, ceiling / 2)

    def delay(self, attempt: int, retry_after: float | None) -> float | None:
        """Return how long to wait before the next attempt, or None to give up."""
        if attempt >= self.max_attempts:
            return None
        if retry_after is None:
            return self.backoff(attempt)
        return retry_after if retry_after <= self.max_retry_after else None


class _Prepared(typing.NamedTuple):
    """A validated request, ready to send (possibly several times)."""

    operation: Operation
    path: str
    params: tuple[tuple[str, str], ...]
    body: Any  # a JSON object, or (for a whole body) any JSON value; None for no body
    generation: bool


class _Shape(typing.NamedTuple):
    """The argument names an operation accepts, by where they go."""

    query: frozenset[str]
    body: frozenset[str]
    union: bool  # the body is a discriminated union (chats.init)
    whole: bool = False  # the body is not an object (a list): it is the one argument ``body``


# By identity: two versions may share an operationId (``chats.update``) with different bodies.
_SHAPES: dict[int, tuple[object, _Shape]] = {}


def _models(annotation: Any) -> tuple[type[BaseModel], ...]:
    """Return the models behind a body annotation (a model, a union, or an Annotated union)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return (annotation,)
    if typing.get_origin(annotation) is typing.Annotated:
        return _models(typing.get_args(annotation)[0])
    return tuple(model for arm in typing.get_args(annotation) for model in _models(arm))


def _names(model: type[BaseModel]) -> set[str]:
    return {info.alias or name for name, info in model.model_fields.items()}


def _shape(op: Operation) -> _Shape:
    if id(op) not in _SHAPES and typing.get_origin(op.body) is list:
        query = frozenset(_names(op.query)) if op.query else frozenset()
        _SHAPES[id(op)] = (op, _Shape(query=query, body=frozenset({"body"}), union=False, whole=True))
    if id(op) not in _SHAPES:  # the operation is kept with its shape, so its id is never reused
        bodies = _models(op.body) if op.body is not None else ()
        _SHAPES[id(op)] = (
            op,
            _Shape(
                query=frozenset(_names(op.query)) if op.query else frozenset(),
                body=frozenset(name for model in bodies for name in _names(model)),
                union=len(bodies) > 1,
            ),
        )
    return _SHAPES[id(op)][1]


def _field(loc: tuple[int | str, ...], data: Any) -> str:
    """Name the argument at ``loc``, leaving out the steps pydantic adds that the caller never wrote.

    Those are a discriminated union's tag (``task.answered-questions.answers``) and the
    ``[key]`` marker of a bad mapping key; walking the input tells them apart.
    """
    parts: list[str] = []
    node = data
    for position, step in enumerate(loc):
        present = (isinstance(node, dict) and step in node) or (
            isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node)
        )
        if present:
            node = node[step]
        elif position == len(loc) - 1 and not str(step).startswith("["):
            node = None  # a missing field
        else:
            continue
        parts.append(str(step))
    return ".".join(parts)


def _problems(exc: ValidationError, data: Any, *, union: bool = False) -> list[tuple[str, str]]:
    """Return ``(field, message)`` for each validation error, never echoing the input."""
    problems = []
    for error in exc.errors(include_url=False, include_input=False):
        loc = error["loc"]
        if union:  # a bad or absent tag is the "type" field's fault; otherwise skip the variant's tag
            loc = ("type",) if error["type"].startswith("union_tag") else loc[1:]
        message = "missing (required)" if error["type"] == "missing" else error["msg"]
        problems.append((_field(loc, data) or "body", message))
    return problems


class _Pool:
    """A client's connection pool (one ``httpx.AsyncClient``), shared with its views and opened on first use.

    Opening it imports httpx, which costs a server's cold start about as much as all
    of v0-mcp's own modules; a server that is only listed never pays it.
    """

    def __init__(self, base_url: str, transport: Transport | None, timeouts: Timeouts) -> None:
        self._base_url = base_url
        self._transport = transport
        self._timeouts = timeouts
        self._http: httpx.AsyncClient | None = None
        self._closed = False

    def http(self) -> httpx.AsyncClient:
        if self._http is None:
            if self._closed:  # closed before it was ever opened: refuse as httpx does after aclose()
                raise RuntimeError("Cannot send a request, as the client has been closed.")
            import httpx

            transport = self._transport
            if transport is not None and not isinstance(transport, httpx.AsyncBaseTransport):
                transport = transport()
            self._http = httpx.AsyncClient(
                base_url=self._base_url,
                transport=transport,
                timeout=self._timeouts.for_request(generation=False),
                headers={"User-Agent": _USER_AGENT},
            )
        return self._http

    async def aclose(self) -> None:
        self._closed = True
        if self._http is not None:
            await self._http.aclose()


class V0Client:
    """An async client for the v0 Platform API (v1 by default), with one method per kind of response.

    ```python
    async with V0Client() as v0:  # key from V0_API_KEY
        chat = await v0.call("chats.create", message="A landing page", responseMode="async")
        async with v0.stream("chats.sendMessage", chatId=chat.id, message="Make it blue") as events:
            async for event in events:
                ...
    ```

    **Parameters:**

    * **api_key** - the v0 API key; defaults to ``V0_API_KEY``. The client can be
      built without one; each call then raises :class:`MissingAPIKey`.
    * **base_url** - defaults to ``V0_API_URL``, else the version's own
      (``https://api.v0.dev/v1`` on v1).
    * **transport** - an ``httpx.AsyncBaseTransport`` (a mock, or an in-process
      simulator), or a function that makes one when the first request is sent;
      defaults to real HTTP.
    * **timeouts** - a :class:`Timeouts`.
    * **retry** - a :class:`RetryPolicy`.
    * **api** - the :class:`ApiVersion` to speak (see :func:`~v0_mcp.api.build_client`).
    * **params** - query parameters sent with every call (Vercel's ``teamId``).
    """

    _pool: _Pool
    _owner: bool

    def __init__(
        self,
        api_key: str | None = None,
        *,
        base_url: str | None = None,
        transport: Transport | None = None,
        timeouts: Timeouts | None = None,
        retry: RetryPolicy | None = None,
        api: ApiVersion = V1,
        catalogue: Catalogue | None = None,
        params: Mapping[str, str] | None = None,
    ) -> None:
        self._api = api
        self._catalogue = catalogue
        self._params = tuple((params or {}).items())
        self._api_key = (api_key if api_key is not None else os.environ.get(api.key_env, "")).strip() or None
        self._base_url = (base_url or os.environ.get(api.base_url_env) or api.default_base_url).rstrip("/")
        self._timeouts = timeouts or Timeouts()
        self._retry = retry or RetryPolicy()
        self._session_token: str | None = None
        self._pool = _Pool(self._base_url + "/", transport, self._timeouts)
        self._owner = True

    # -- configuration ---------------------------------------------------------------------------------------------

    @property
    def has_api_key(self) -> bool:
        """Whether calls can authenticate."""
        return self._api_key is not None

    @property
    def api(self) -> ApiVersion:
        """The API (version) this client speaks."""
        return self._api

    @property
    def key_digest(self) -> str | None:
        """Tell API keys apart without revealing them (for per-caller limits); None without a key."""
        if self._api_key is None:
            return None
        return hashlib.sha256(self._api_key.encode("utf-8", "surrogatepass")).hexdigest()[:32]

    @property
    def base_url(self) -> str:
        """The API root every operation path is appended to."""
        return self._base_url

    @property
    def timeouts(self) -> Timeouts:
        """The timeouts of every request."""
        return self._timeouts

    @property
    def retry(self) -> RetryPolicy:
        """The retry policy of every request."""
        return self._retry

    def with_api_key(self, api_key: str) -> V0Client:
        """Return a view that authenticates with ``api_key`` and shares this client's connection pool.

        Each view keeps its own session token. Closing a view does not close the pool.
        """
        view = object.__new__(V0Client)
        view._api = self._api
        view._params = self._params
        view._api_key = api_key.strip() or None
        view._base_url = self._base_url
        view._timeouts = self._timeouts
        view._retry = self._retry
        view._session_token = None
        view._catalogue = self._catalogue
        view._pool = self._pool
        view._owner = False
        return view

    @property
    def _http(self) -> httpx.AsyncClient:
        """The connection pool, shared with every view; opened on first use."""
        return self._pool.http()

    @property
    def catalogue(self) -> Catalogue:
        """The operations this client calls: its API version's, loaded on first use (so v2 never loads v1)."""
        if self._catalogue is None:
            self._catalogue = self._api.catalogue()
        return self._catalogue

    def operation(self, op: str | Operation) -> Operation:
        """Return ``op``, or the operation of this client's catalogue with that operationId."""
        return op if isinstance(op, Operation) else self.catalogue[op]

    def __repr__(self) -> str:
        key = "set" if self.has_api_key else "unset"
        return f"<V0Client {self._api.name} base_url={self._base_url!r} api_key={key}>"

    # -- lifecycle ---------------------------------------------------------------------------------------------------

    async def aclose(self) -> None:
        """Close the connection pool (a view from :meth:`with_api_key` leaves it open)."""
        if self._owner:
            await self._pool.aclose()

    async def __aenter__(self) -> V0Client:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    # -- calls -------------------------------------------------------------------------------------------------------

    async def call(self, operation: str | Operation, /, **arguments: Any) -> Any:
        """Send one operation and return its validated response model (``bytes`` for downloads).

        Arguments are the API's own field names, flattened: path parameters,
        query fields and body fields. An omitted argument is not sent; ``None``
        is sent as JSON ``null`` in a body (e.g. to clear chat metadata).
        """
        op = self.operation(operation)
        if op.content in ("sse", "ndjson"):
            raise TypeError(f"{op.id} answers with a stream: use V0Client.stream()")
        if self._api.response_mode and op.generation and arguments.get("responseMode") == _STREAM_MODE:
            raise TypeError(f"{op.id} with responseMode={_STREAM_MODE!r} streams: use V0Client.stream()")
        prepared = self._prepare(op, arguments)
        response = await self._send(prepared, stream=False)
        if op.content == "binary":
            return response.content
        try:
            data = response.json()
        except ValueError:
            raise V0ResponseError(
                f"{op.id}: the response is not JSON", operation=op.id, status=response.status_code
            ) from None
        try:
            return op.response_adapter().validate_python(data)
        except ValidationError as exc:
            details = "; ".join(f"{name}: {message}" for name, message in _problems(exc, data)[:5])
            raise V0ResponseError(
                f"{op.id}: unexpected response shape ({details})", operation=op.id, status=response.status_code
            ) from None

    @asynccontextmanager
    async def stream(
        self, operation: str | Operation, /, **arguments: Any
    ) -> AsyncIterator[AsyncIterator[StreamEvent]]:
        """Send a streaming operation and yield its events as they arrive.

        On v1: ``chats.resume`` and the generation operations that take
        ``responseMode`` (which is set to ``experimental_stream`` when omitted).
        On v2: the operations that answer with server-sent events (``…Stream``,
        ``chats.resume``). A failed generation arrives as an event whose ``error``
        is set; it is not raised. The request is sent once: a stream that breaks
        is never sent again (that would start another generation).
        """
        op = self.operation(operation)
        if self._api.response_mode and op.generation and op.content == "json" and "responseMode" in _shape(op).body:
            mode = arguments.setdefault("responseMode", _STREAM_MODE)
            if mode != _STREAM_MODE:
                raise TypeError(f"{op.id} streams only with responseMode={_STREAM_MODE!r}; use call() for {mode!r}")
        elif op.content != "sse":
            raise TypeError(f"{op.id} does not stream: use V0Client.call()")
        async with self.open(op, **arguments) as response:
            events = self._events(op, response)
            try:
                yield events
            finally:
                await events.aclose()

    @asynccontextmanager
    async def open(self, operation: str | Operation, /, **arguments: Any) -> AsyncIterator[httpx.Response]:
        """Send an operation once and yield the successful response unread, for a caller that streams it.

        Error statuses raise as in :meth:`call`; the response is closed on exit.
        """
        op = self.operation(operation)
        prepared = self._prepare(op, arguments)
        response = await self._send(prepared, stream=True)
        try:
            yield response
        finally:
            await response.aclose()

    async def _events(self, op: Operation, response: httpx.Response) -> AsyncGenerator[StreamEvent, None]:
        import httpx

        if response.headers.get("content-type", "").startswith("application/json"):
            # A server that does not stream answers with the final object: one event.
            try:
                data = json.loads(await self._read(op, response))
            except ValueError:
                raise V0ResponseError(f"{op.id}: the response is not JSON", operation=op.id) from None
            yield StreamEvent.from_data(data if isinstance(data, dict) else {"data": data})
            return
        try:
            async for event in self._api.events(response.aiter_bytes()):
                yield event
        except httpx.RequestError as exc:
            raise self._transport_error(exc, op) from exc
        except V0ResponseError as exc:
            exc.operation = exc.operation or op.id
            raise

    async def _read(self, op: Operation, response: httpx.Response) -> bytes:
        import httpx

        try:
            return await response.aread()
        except httpx.RequestError as exc:
            raise self._transport_error(exc, op) from exc

    def _transport_error(self, exc: httpx.RequestError, op: Operation) -> V0TransportError:
        return transport_error(exc, operation=op.id, secrets=[self._api_key], service=self._api.service)

    # -- building ----------------------------------------------------------------------------------------------------

    def _prepare(self, op: Operation, arguments: Mapping[str, Any]) -> _Prepared:
        """Check ``arguments`` against the operation and split them into path, query and body."""
        shape = _shape(op)
        problems: list[tuple[str, str]] = []
        path: dict[str, str] = {}
        query: dict[str, Any] = {}
        body: dict[str, Any] = {}
        for name, value in arguments.items():
            if name in op.path_params:
                if not isinstance(value, str) or not value:
                    problems.append((name, "must be a non-empty string"))
                elif value in (".", ".."):  # URL normalisation would turn them into another endpoint
                    problems.append((name, "must be an id, not a relative path"))
                else:
                    path[name] = value
            elif name in shape.query:
                query[name] = value
            elif name in shape.body:
                body[name] = value
            else:
                accepted = ", ".join(sorted({*op.path_params, *shape.query, *shape.body})) or "none"
                problems.append((name, f"unknown argument (accepted: {accepted})"))
        problems += [(name, "missing (required)") for name in op.path_params if name not in arguments]
        query_model: BaseModel | None = None
        if op.query is not None:
            try:
                query_model = op.query.model_validate(query)
            except ValidationError as exc:
                problems += _problems(exc, query)
        payload: Any = None
        if op.body is not None:
            adapter = op.body_adapter()
            value = body.get("body") if shape.whole else body
            if shape.whole and "body" not in body:
                problems.append(("body", "missing (required)"))
            else:
                try:
                    payload = adapter.dump_python(
                        adapter.validate_python(value), mode="json", by_alias=True, exclude_unset=True
                    )
                except ValidationError as exc:
                    found = _problems(exc, value, union=shape.union)
                    problems += [(f"body.{name}", message) for name, message in found] if shape.whole else found
        if problems:
            fields = sorted({name for name, _ in problems})
            details = "; ".join(f"{name}: {message}" for name, message in problems)
            raise V0RequestError(f"{op.id}: invalid arguments: {details}", fields=fields, operation=op.id)
        if self._api.response_mode:
            mode = (payload or {}).get("responseMode", "sync")
            waits = mode in ("sync", _STREAM_MODE)
        else:  # v2: one endpoint per mode; only an async one answers at once
            waits = getattr(op, "mode", None) in ("sync", "stream")
        if not self._api.empty_body and not payload:
            payload = None  # as v2's SDK: no body (and no Content-Type) when no field is set
        return _Prepared(
            operation=op,
            path=op.url_path(path).lstrip("/"),
            params=(*self._params, *encode_query(query_model)),
            body=payload,
            generation=op.generation and waits,
        )

    def _request(self, prepared: _Prepared, *, stream: bool) -> httpx.Request:
        if self._api_key is None:
            raise self._api.missing_key(operation=prepared.operation.id)
        headers = {
            "Authorization": f"Bearer {self._api_key}",
            "Accept": self._api.stream_accept if stream else "application/json",
        }
        if stream:
            headers["Cache-Control"] = "no-cache"
        if self._session_token and self._api.session_header:
            headers[self._api.session_header] = self._session_token
        content: bytes | None = None
        if prepared.body is not None:
            headers["Content-Type"] = "application/json"
            content = json.dumps(prepared.body, ensure_ascii=False, separators=(",", ":")).encode()
        return self._http.build_request(
            prepared.operation.method,
            prepared.path,
            params=prepared.params,
            content=content,
            headers=headers,
            timeout=self._timeouts.for_request(generation=prepared.generation or stream),
        )

    # -- sending -----------------------------------------------------------------------------------------------------

    async def _send(self, prepared: _Prepared, *, stream: bool) -> httpx.Response:
        """Send with retries and return a success response; raise a :class:`V0Error` otherwise."""
        import httpx

        op, policy = prepared.operation, self._retry
        attempt = 0
        while True:
            attempt += 1
            request = self._request(prepared, stream=stream)
            try:
                response = await self._http.send(request, stream=stream)
            except httpx.RequestError as exc:
                delay = _fits_budget(policy.delay(attempt, None)) if _retryable(exc, idempotent=op.idempotent) else None
                if delay is None:
                    raise self._transport_error(exc, op) from exc
                logger.info("%s: %s; retrying in %.2fs", op.id, type(exc).__name__, delay)
                await policy.sleep(delay)
                continue
            if self._api.session_header and (token := response.headers.get(self._api.session_header)):
                self._session_token = token
            if response.is_success:
                return response
            error = await self._error(op, response, stream=stream)
            delay = None
            if op.idempotent and response.status_code in policy.statuses:
                retry_after = parse_retry_after(response.headers.get("retry-after"))
                delay = _fits_budget(policy.delay(attempt, retry_after))
            if delay is None:
                raise error
            logger.info("%s: HTTP %d; retrying in %.2fs", op.id, response.status_code, delay)
            await policy.sleep(delay)

    async def _error(self, op: Operation, response: httpx.Response, *, stream: bool) -> V0APIError:
        if stream:
            try:
                await self._read(op, response)
            finally:
                await response.aclose()
        return api_error(response, operation=op.id, secrets=[self._api_key])
