"""The simulator's Starlette app, routed from the catalogue: one route per operation.

Every request to ``/v1/...`` goes through the same steps, so the handlers only hold
what is particular to their operation:

1. faults (:class:`Faults`): added latency, a dropped connection, an injected error or 429;
2. authentication: ``Authorization: Bearer <key>``, else 401 ``unauthorized_error`` (so
   is a key an unset variable leaves behind: ``undefined``, ``null``, blanks);
3. the rate limit of the key: past ``rate_limit`` requests per ``rate_window`` seconds,
   429 ``too_many_requests_error`` with ``Retry-After``;
4. the query string, validated by the operation's strict query model (``metadata[k]=v``
   deepObject keys become a dict) after the spec's own rules (:mod:`._strict`: booleans
   only ``true``/``false``, dates on the spec's pattern); unknown parameters answer 422
   (operations that take no query parameters ignore the query string);
5. the body, for operations that take one: more than ``max_body_bytes`` (by
   ``Content-Length`` or as it streams in) answers 413 ``payload_too_large_error``; a
   non-JSON ``Content-Type``, malformed JSON, a non-object, unknown fields, wrong types
   (strictly: ``"true"`` is not a boolean), bad enums and missing fields answer 422, and
   so do the nulls and non-URIs the spec does not allow (:mod:`._strict`). An
   empty body counts as ``{}``. Bodies sent to operations without one are ignored;
6. the workspace is brought to "now" and the handler runs; the links it answers
   (``apiUrl``, ``nextUrl``) are built on the address the request reached, and the events
   it raises go to the key's webhooks in the background (:mod:`._webhooks`). A ``sync``
   generation's handler answers once the generation is done on the clock.

An unknown path answers 404; a known path with the wrong method also answers 404
``not_found_error`` (the spec has no 405). An unexpected exception answers 500
``internal_server_error`` (logged, never echoed) and the server keeps serving.
"""

from __future__ import annotations

import functools
import inspect
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import anyio
import anyio.lowlevel
import httpx
from pydantic import ValidationError
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route

from ..api import Operation
from ..api.v1 import CATALOGUE
from . import _account, _chats, _deployments, _hooks, _mcp_servers, _projects, _versions  # noqa: F401  (register)
from ._clock import Clock
from ._config import SimulatorConfig
from ._errors import ApiError, error_response
from ._faults import Faults
from ._generation import advance
from ._ids import IdFactory
from ._query import raw_query
from ._registry import HANDLERS, Call
from ._seed import seed_demo
from ._shapes import serving_at
from ._state import Workspace
from ._strict import body_errors, query_errors
from ._webhooks import Delivery, Dispatcher, event_payload
from .v2 import V2Api
from .v2._errors import error_response as v2_error
from .vercel import VercelApi, vercel_error

__all__ = ["Simulator"]

log = logging.getLogger(__name__)
_PLACEHOLDER_KEYS = frozenset({"undefined", "null", "none", "nil", "nan", '""', "''"})
_DRAIN_LIMIT = 64 * 1024 * 1024  # read (and drop) at most this much of an oversized body, so the 413 arrives


class Simulator:
    """A stateful, local v0 Platform API v1.

    ```python
    sim = Simulator(SimulatorConfig(generation_delay=0.2))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=sim.app), base_url="http://sim/v1",
                                 headers={"Authorization": "Bearer any-key"}) as client:
        chat = (await client.post("/chats", json={"message": "A todo app"})).json()
    ```

    **Parameters:**

    * **config** - a :class:`SimulatorConfig`; the defaults accept any key.
    """

    def __init__(self, config: SimulatorConfig | None = None) -> None:
        self.config = config or SimulatorConfig()
        self.faults: Faults = self.config.faults or Faults(seed=self.config.seed)
        self.webhooks = Dispatcher(any_host=self.config.webhook_any_host, timeout=self.config.webhook_timeout)
        self._event_serial = 0
        self._workspaces: dict[str, Workspace] = {}
        missing = sorted(op.id for op in CATALOGUE if op.id not in HANDLERS)
        if missing:
            raise RuntimeError(f"operations without a handler: {missing}")
        routes = [Route(op.path, self._endpoint(op), methods=[op.method], name=op.id) for op in CATALOGUE]
        self.v2 = V2Api(self.config, self.faults, drop=_drop, webhooks=self.webhooks)  # v2 cannot read v1 chats
        self.vercel = VercelApi(self.v2)  # same key, same state as v2
        self.app = Starlette(
            routes=[
                Mount("/v1", routes=routes),
                Mount("/v2", routes=self.v2.routes),
                Mount("/v2-preview", routes=self.v2.preview_routes),
                Mount("/vercel", routes=self.vercel.routes),
            ],
            exception_handlers={HTTPException: self._no_route},
        )

    @property
    def clock(self) -> Clock:
        """The clock every time-dependent state is computed from."""
        return self.config.clock

    def workspace(self, api_key: str) -> Workspace:
        """Return the state of one key (created, and seeded if configured, on first use), brought to now."""
        now = self.clock()
        ws = self._workspaces.get(api_key)
        if ws is None:
            ws = Workspace(api_key, IdFactory(f"{self.config.seed}\x00{api_key}"), now)
            if self.config.seed_workspace:
                seed_demo(ws, self.config, now)
            ws.on_event = functools.partial(self._publish, ws)
            self._workspaces[api_key] = ws
        advance(ws, now)
        return ws

    def _publish(self, ws: Workspace, event: str, at: float, data: dict[str, Any]) -> None:
        """Queue ``event`` for every hook of ``ws`` that subscribes to it (and to its chat, if scoped)."""
        for hook in list(ws.hooks.values()):
            if event not in hook.events or hook.chat_id not in (None, data.get("chatId")):
                continue
            self._event_serial += 1
            payload = event_payload(hook_id=hook.id, event=event, at=at, data=data, serial=self._event_serial)
            self.webhooks.submit(Delivery(hook.url, payload))

    def client(self, api_key: str | None = "sim-key", **kwargs: Any) -> httpx.AsyncClient:
        """Return an httpx client talking to this simulator in process, as ``api_key``."""
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        return httpx.AsyncClient(
            transport=httpx.ASGITransport(app=self.app), base_url="http://v0.sim/v1", headers=headers, **kwargs
        )

    def _endpoint(self, op: Operation) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            try:
                return await self._serve(op, request)
            except ApiError as exc:
                return error_response(exc.status, exc.message, retry_after=exc.retry_after)
            except httpx.RemoteProtocolError:
                raise  # a simulated dropped connection, in process
            except Exception:
                log.exception("simulator: %s failed", op.id)
                return error_response(500, "Internal server error")

        endpoint.__name__ = op.id.replace(".", "_")
        return endpoint

    async def _serve(self, op: Operation, request: Request) -> Response:
        faulted = await self.faults.intercept(op.id, request, drop=_drop, error=error_response)
        if faulted is not None:
            return faulted
        ws = self.workspace(self._authenticate(request))
        now = self.clock()
        self._count(ws, now)
        query = _parse_query(op, request)
        body = await self._parse_body(op, request)
        call = Call(
            ws=ws, config=self.config, now=now, params=request.path_params, query=query, body=body, request=request
        )
        with serving_at(_api_base(request)):
            result = HANDLERS[op.id](call)
            if inspect.isawaitable(result):
                result = await result
        return result if isinstance(result, Response) else JSONResponse(result)

    def _authenticate(self, request: Request) -> str:
        scheme, _, key = request.headers.get("authorization", "").partition(" ")
        key = key.strip()
        if scheme.lower() != "bearer" or not key:
            raise ApiError(401, "Missing API key: send Authorization: Bearer <key>")
        if key.lower() in _PLACEHOLDER_KEYS or not key.isprintable() or any(c.isspace() for c in key):
            # what a client sends when its key variable is unset: "Bearer undefined", "Bearer None"
            raise ApiError(401, "Invalid API key: the key looks like an unset variable; set V0_API_KEY to a real key")
        if self.config.api_key is not None and key != self.config.api_key:
            raise ApiError(401, "Invalid API key")
        return key

    def _count(self, ws: Workspace, now: float) -> None:
        window = ws.rate
        if now >= window.start + self.config.rate_window:
            window.start, window.count = now, 0
        if window.count >= self.config.rate_limit:
            raise ApiError(429, "Rate limit exceeded", retry_after=window.start + self.config.rate_window - now)
        window.count += 1

    async def _parse_body(self, op: Operation, request: Request) -> Any:
        raw = await _read_body(request, self.config.max_body_bytes)
        if op.body is None:
            return None
        if raw.strip():
            media = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if media and media != "application/json" and not media.endswith("+json"):
                raise ApiError(422, f"Content-Type must be application/json, not {media!r}")
            try:
                data = json.loads(raw)
            except (UnicodeDecodeError, ValueError) as exc:
                raise ApiError(422, f"Malformed JSON body: {exc}") from None
        else:
            data, raw = {}, b"{}"
        if not isinstance(data, dict):
            raise ApiError(422, "The request body must be a JSON object")
        _refuse("body", body_errors(op.id, data))
        try:
            return op.body_adapter().validate_json(raw, strict=True)
        except ValidationError as exc:
            raise ApiError(422, _describe("body", exc)) from None

    async def _no_route(self, request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 404)
        message = f"No operation {request.method} {request.url.path}"
        if status not in (404, 405):
            message = str(getattr(exc, "detail", "")) or "Request failed"
        else:
            status = 404
        if request.url.path.startswith(("/v2/", "/v2-preview/")):
            return v2_error(status, message)  # each API answers in its own envelope
        if request.url.path.startswith("/vercel/"):
            return vercel_error(status, message)
        return error_response(status, message)


def _api_base(request: Request) -> str:
    """Return the base URL this request reached the API at (``.../v1``), for the links in answers."""
    url = request.url
    return f"{url.scheme}://{url.netloc}{request.scope.get('root_path', '')}".rstrip("/")


def _parse_query(op: Operation, request: Request) -> Any:
    if op.query is None:
        return None
    raw = raw_query(request)
    _refuse("query", query_errors(op.id, raw))
    try:
        return op.query.model_validate(raw)
    except ValidationError as exc:
        raise ApiError(422, _describe("query", exc)) from None


async def _read_body(request: Request, limit: int) -> bytes:
    """Read the body, answering 413 past ``limit`` (after draining, so clients see the answer)."""
    declared = request.headers.get("content-length", "")
    too_big = declared.isdigit() and int(declared) > limit
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            too_big = True
        if too_big:
            if size > _DRAIN_LIMIT:
                break
            continue
        chunks.append(chunk)
    if too_big:
        raise ApiError(413, f"Request body too large: the limit is {limit} bytes")
    return b"".join(chunks)


def _refuse(where: str, problems: list[str]) -> None:
    """Answer 422 naming the fields that break the spec's rules (see :mod:`._strict`)."""
    if problems:
        more = len(problems) - 5
        raise ApiError(
            422, f"Invalid request {where}: " + "; ".join(problems[:5]) + (f" (and {more} more)" if more > 0 else "")
        )


def _describe(where: str, exc: ValidationError) -> str:
    """Say which fields are wrong, in one line an agent can act on."""
    parts = []
    for error in exc.errors()[:5]:
        location = ".".join(str(p) for p in error["loc"]) or where
        parts.append(f"{location}: {error['msg']}")
    more = exc.error_count() - len(parts)
    return f"Invalid request {where}: " + "; ".join(parts) + (f" (and {more} more)" if more > 0 else "")


async def _drop(request: Request) -> Response:
    """Drop the connection without answering (see :mod:`._faults`)."""
    cycle = getattr(request.receive, "__self__", None)
    transport = getattr(cycle, "transport", None)
    if transport is None:
        raise httpx.RemoteProtocolError("Server disconnected without sending a response.")
    transport.close()
    for _ in range(50):  # let the server notice, so it does not try to answer
        if getattr(cycle, "disconnected", True):
            break
        await anyio.lowlevel.checkpoint()
    return Response(status_code=500)
