"""The v2 half of the simulator: its routes, and the steps every v2 request goes through.

Mounted at ``/v2`` by :class:`~v0_mcp.simulator.Simulator`. Each request:

1. faults (the simulator's shared :class:`Faults`, keyed by operationId);
2. bearer authentication: a missing, blank, ``undefined`` or ``null`` key, or one other
   than ``SimulatorConfig.api_key`` when that is set, answers 401;
3. the key's rate limit (``rate_limit`` per ``rate_window``), else 429 with ``Retry-After``;
4. the query, validated by the operation's generated model (``metadata[k]=v`` becomes a
   dict); unknown parameters answer 422;
5. the body, validated strictly by the generated model: unknown fields, wrong types,
   ``null`` where the spec has none, bad enums and missing fields answer 422 naming the
   field. Operations without a body ignore one; ``chats.duplicate`` and
   ``chats.createVercelProject`` take an empty body as their default;
6. the key's workspace is brought to "now" and the handler runs.

Errors use v2's flat ``{"message"}`` envelope. Webhook events caused by the request go
to the simulator's dispatcher (a background sender) as it ends. v2 state is separate from v1's: the same key has one
workspace per version, as a v1 chat is not a v2 chat on v0.
"""

from __future__ import annotations

import inspect
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
from pydantic import BaseModel, ValidationError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from .._config import SimulatorConfig
from .._errors import ApiError
from .._faults import Faults
from .._ids import IdFactory
from .._query import raw_query
from .._webhooks import Dispatcher
from . import _account, _chats, _deploy, _files, _messages  # noqa: F401  (register the handlers)
from ._errors import error_response, render
from ._lifecycle import advance
from ._preview import preview_routes
from ._registry import HANDLERS, ROUTES, V2Call
from ._registry import Route as Operation
from ._seed import seed_v2
from ._settings import V2Settings
from ._state import V2Workspace
from ._webhooks import flush

__all__ = ["V2Api", "bearer_key"]

log = logging.getLogger(__name__)
_NOT_KEYS = frozenset({"", "undefined", "null"})


def bearer_key(request: Request, expected: str | None) -> str | None:
    """Return the bearer key of ``request`` if it is acceptable, else None."""
    scheme, _, key = request.headers.get("authorization", "").partition(" ")
    key = key.strip()
    if scheme.lower() != "bearer" or key.lower() in _NOT_KEYS:
        return None
    if expected is not None and key != expected:
        return None
    return key


class V2Api:
    """The v2 API and the per-key state it shares with the Vercel part."""

    def __init__(
        self,
        config: SimulatorConfig,
        faults: Faults,
        *,
        drop: Callable[[Request], Awaitable[Response]],
        webhooks: Dispatcher,
        settings: V2Settings | None = None,
    ) -> None:
        self.config = config
        self.faults = faults
        self.drop = drop
        self.webhooks = webhooks
        self.settings = settings or V2Settings()
        self._workspaces: dict[str, V2Workspace] = {}
        missing = sorted(r.id for r in ROUTES if r.id not in HANDLERS)
        if missing:
            raise RuntimeError(f"v2 operations without a handler: {missing}")
        self.routes: list[BaseRoute] = [
            Route(r.path, self._endpoint(r), methods=[r.method], name=f"v2:{r.id}") for r in ROUTES
        ]
        self.preview_routes: list[BaseRoute] = preview_routes(self)

    def workspace(self, api_key: str) -> V2Workspace:
        """Return the v2 state of one key (created on first use), brought to now."""
        now = self.config.clock()
        ws = self._workspaces.get(api_key)
        if ws is None:
            ws = V2Workspace(api_key, IdFactory(f"{self.config.seed}\x00v2\x00{api_key}"), now)
            if self.config.seed_workspace:
                seed_v2(ws, self.config, self.settings, now)
            self._workspaces[api_key] = ws
        advance(ws, now, connect_delay=self.settings.connect_delay)
        return ws

    def workspaces(self) -> list[V2Workspace]:
        return list(self._workspaces.values())

    def authenticate(self, request: Request) -> V2Workspace:
        """Return the caller's workspace, or raise 401."""
        key = bearer_key(request, self.config.api_key)
        if key is None:
            present = request.headers.get("authorization", "").strip()
            raise ApiError(401, "Invalid API key" if present else "Missing API key: send Authorization: Bearer <key>")
        ws = self.workspace(key)
        self._count(ws)
        return ws

    def after(self, ws: V2Workspace, response: Response) -> Response:
        """Hand the webhook events this request caused to the dispatcher, and answer."""
        if ws.outbox:
            flush(ws, self.webhooks)
        return response

    def _count(self, ws: V2Workspace) -> None:
        now, window = self.config.clock(), ws.rate
        if now >= window.start + self.config.rate_window:
            window.start, window.count = now, 0
        if window.count >= self.config.rate_limit:
            raise ApiError(429, "Rate limit exceeded", retry_after=window.start + self.config.rate_window - now)
        window.count += 1

    def _endpoint(self, route: Operation) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            try:
                return await self._serve(route, request)
            except ApiError as exc:
                return render(exc)
            except httpx.RemoteProtocolError:
                raise
            except Exception:
                log.exception("simulator: v2 %s failed", route.id)
                return error_response(500, "Internal server error")

        endpoint.__name__ = "v2_" + route.id.replace(".", "_")
        return endpoint

    async def _serve(self, route: Operation, request: Request) -> Response:
        faulted = await self.faults.intercept(route.id, request, drop=self.drop, error=error_response)
        if faulted is not None:
            return faulted
        ws = self.authenticate(request)
        query = _parse_query(route.query, request)
        body = await _parse_body(route, request, self.config.max_body_bytes)
        call = V2Call(
            ws=ws,
            api=self,
            now=self.config.clock(),
            params=request.path_params,
            query=query,
            body=body,
            request=request,
        )
        result = HANDLERS[route.id](call)
        if inspect.isawaitable(result):
            result = await result
        response = result if isinstance(result, Response) else JSONResponse(result, status_code=route.status)
        return self.after(ws, response)


def _parse_query(model: type[BaseModel] | None, request: Request) -> dict[str, Any]:
    if model is None:
        return {}
    raw = raw_query(request)
    try:
        parsed = model.model_validate(raw)
    except ValidationError as exc:
        raise ApiError(422, describe("query", exc)) from None
    return parsed.model_dump(mode="json", exclude_unset=True, by_alias=True)


async def _parse_body(route: Operation, request: Request, limit: int) -> dict[str, Any]:
    raw = b""
    async for chunk in request.stream():
        raw += chunk
        if len(raw) > limit:
            raise ApiError(422, f"Request body too large: the limit is {limit} bytes")
    if route.body is None:
        return {}
    if not raw.strip():
        if not route.optional_body:
            raise ApiError(422, "Invalid request body: a JSON object is required")
        raw = b"{}"
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media and media != "application/json" and not media.endswith("+json"):
        raise ApiError(422, f"Content-Type must be application/json, not {media!r}")
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, ValueError) as exc:
        raise ApiError(422, f"Malformed JSON body: {exc}") from None
    if not isinstance(data, dict):
        raise ApiError(422, "Invalid request body: expected a JSON object")
    try:
        parsed = route.body.model_validate_json(raw, strict=True)
    except ValidationError as exc:
        raise ApiError(422, describe("body", exc)) from None
    return parsed.model_dump(mode="json", exclude_unset=True, by_alias=True)


def describe(where: str, exc: ValidationError) -> str:
    """Say which fields are wrong, in one line an agent can act on."""
    parts = []
    for error in exc.errors()[:5]:
        location = ".".join(str(p) for p in error["loc"]) or where
        parts.append(f"{location}: {error['msg']}")
    more = exc.error_count() - len(parts)
    return f"Invalid request {where}: " + "; ".join(parts) + (f" (and {more} more)" if more > 0 else "")
