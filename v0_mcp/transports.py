"""Run the server over stdio, streamable HTTP or legacy SSE — secure by default.

HTTP binds 127.0.0.1 unless told otherwise, and a non-loopback bind needs a
bearer token (``V0_MCP_AUTH_TOKEN``), checked in constant time on every request
but ``GET /healthz``. The SDK's Host/Origin checks against DNS rebinding are on
for every bind (loopback names, the bind address and ``--allowed-hosts``), and
:class:`~v0_mcp._guard.CallerGuard` keeps each caller within its own limits.
"""

from __future__ import annotations

import contextlib
import hmac
import ipaddress
import json
import logging
import os
import signal
import sys
import threading
from typing import TYPE_CHECKING, Any, Final

import anyio

from ._lifecycle import shut_down
from .settings import Settings

if TYPE_CHECKING:  # the server (and the SDK) load only once the settings are known to be usable
    from ._guard import ASGIApp, Receive, Scope, Send
    from .server import V0MCPServer

__all__ = ["BearerTokenMiddleware", "allowed_host_patterns", "build_http_app", "is_loopback", "serve"]

logger = logging.getLogger(__name__)

GRACE_SECONDS: Final = 1.0
# Where OAuth clients look after a 401 (RFC 9728, RFC 8414, OpenID; the TypeScript SDK's fallbacks).
OAUTH_PATHS: Final = (
    "/.well-known/oauth-protected-resource",
    "/.well-known/oauth-authorization-server",
    "/.well-known/openid-configuration",
    "/authorize",
    "/token",
    "/register",
)
SEND_TOKEN: Final = (
    "This server needs a bearer token: send Authorization: Bearer <token>, where <token> is the server's "
    "V0_MCP_AUTH_TOKEN (set it in your MCP client's headers). The server does not use OAuth."
)
NOT_OAUTH: Final = f"No OAuth here. {SEND_TOKEN}"


def is_loopback(host: str) -> bool:
    """Whether ``host`` only accepts connections from this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


async def _send_json(send: Send, status: int, body: dict[str, Any], *headers: tuple[bytes, bytes]) -> None:
    encoded = json.dumps(body).encode()
    length = str(len(encoded)).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", length), *headers],
        }
    )
    await send({"type": "http.response.body", "body": encoded})


class BearerTokenMiddleware:
    """Refuse every HTTP request without ``Authorization: Bearer <token>`` (health checks excepted).

    The 401 says how to authenticate, and the OAuth discovery paths a client tries after a 401
    answer 404 with the same advice, so a client stops there instead of attempting an OAuth flow
    this server cannot complete.
    """

    def __init__(self, app: ASGIApp, token: str) -> None:
        from ._guard import HEALTH_PATH  # HTTP only: a stdio start does not load the guard (cold start is measured)

        self.app = app
        self._token = token.strip().encode()
        self._health = HEALTH_PATH

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("path") == self._health:
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", ""))
        if path.startswith(OAUTH_PATHS):
            await _send_json(send, 404, {"error": "not_found", "error_description": NOT_OAUTH})
            return
        presented = self._presented(scope)
        if presented is not None and hmac.compare_digest(presented, self._token):
            await self.app(scope, receive, send)
            return
        challenge = b'Bearer realm="v0-mcp"' if presented is None else b'Bearer realm="v0-mcp", error="invalid_token"'
        description = SEND_TOKEN if presented is None else f"The bearer token is wrong. {SEND_TOKEN}"
        await _send_json(
            send, 401, {"error": "unauthorized", "error_description": description}, (b"www-authenticate", challenge)
        )

    @staticmethod
    def _presented(scope: Scope) -> bytes | None:
        from ._guard import header_of

        value = header_of(scope, b"authorization")
        if value is None:
            return None
        scheme, _, credentials = value.partition(b" ")
        return credentials.strip() if scheme.lower() == b"bearer" and credentials.strip() else None


def allowed_host_patterns(settings: Settings) -> list[str]:
    """Return the ``Host`` values the HTTP transports accept (``name:*`` = that name on any port).

    Always this machine's loopback names, plus the bind address, plus ``--allowed-hosts``,
    each with or without a port. ``0.0.0.0``/``::`` are no name a client uses, so a wildcard
    bind accepts only loopback names and ``--allowed-hosts``.
    """
    names = ["127.0.0.1", "localhost", "[::1]"]
    host = settings.host
    if host not in ("0.0.0.0", "::", ""):
        names.append(f"[{host.strip('[]')}]" if ":" in host.strip("[]") else host)
    names += [name for name in settings.allowed_hosts if name != "*"]
    patterns: list[str] = []
    for name in names:
        bare = name.lower()
        has_port = bare.rsplit(":", 1)[-1].isdigit() and not bare.endswith("]")
        for pattern in (bare,) if has_port else (bare, f"{bare}:*"):
            if pattern not in patterns:
                patterns.append(pattern)
    return patterns


def _security(settings: Settings) -> Any:
    """The SDK's Host/Origin checks against DNS rebinding: on for every bind; ``--allowed-hosts '*'`` turns them off."""
    from mcp.server.transport_security import TransportSecuritySettings

    if "*" in settings.allowed_hosts:
        return TransportSecuritySettings(enable_dns_rebinding_protection=False)
    hosts = allowed_host_patterns(settings)
    origins = [f"{scheme}://{h}" for h in hosts for scheme in ("http", "https")]
    return TransportSecuritySettings(enable_dns_rebinding_protection=True, allowed_hosts=hosts, allowed_origins=origins)


def build_http_app(server: V0MCPServer, settings: Settings) -> ASGIApp:
    """Return the ASGI app for ``settings.transport`` (http or sse), with health check, limits and auth."""
    from starlette.requests import Request
    from starlette.responses import JSONResponse, Response

    from ._guard import HEALTH_PATH, CallerGuard

    async def healthz(_: Request) -> Response:
        return JSONResponse({"status": "ok", "transport": settings.transport})

    server.custom_route(HEALTH_PATH, methods=["GET"])(healthz)

    security = _security(settings)
    app: ASGIApp
    if settings.transport == "sse":
        app = server.sse_app(transport_security=security, host=settings.host)
    else:
        app = server.streamable_http_app(
            stateless_http=settings.stateless,
            transport_security=security,
            host=settings.host,
            session_idle_timeout=settings.session_idle_timeout,
            max_sessions=settings.max_sessions,
        )
    app = CallerGuard(app, settings)
    if settings.auth_token:
        app = BearerTokenMiddleware(app, settings.auth_token)
    return app


def _refusal(settings: Settings) -> str | None:
    if settings.auth_token is not None and not settings.auth_token.strip():
        return "V0_MCP_AUTH_TOKEN is blank (only whitespace): set it to a real secret, or unset it."
    if settings.transport != "stdio" and not is_loopback(settings.host) and not settings.auth_token:
        return (
            f"refusing to serve on {settings.host}, which other machines can reach, without a token: "
            "set V0_MCP_AUTH_TOKEN (clients then send Authorization: Bearer <token>), or bind 127.0.0.1."
        )
    return None


def serve(settings: Settings) -> int:
    """Run the server until stdin closes (stdio) or a signal arrives; return the exit code."""
    if refusal := _refusal(settings):
        print(f"v0-mcp: {refusal}", file=sys.stderr)
        return 2
    from .server import build_server
    from .tools import UnknownNameError

    try:
        server = build_server(settings)
    except UnknownNameError as exc:
        print(f"v0-mcp: {exc}", file=sys.stderr)
        return 2
    if settings.demo:
        logger.info("demo mode: serving an in-process v0 simulator with a seeded workspace (no key, no network)")
    elif not settings.api_key:
        logger.warning("V0_API_KEY is not set: the server runs, but every tool call will explain how to set it")
    if settings.transport != "stdio":
        # uvicorn re-raises the signal it stopped on once it is done: make SIGTERM end as quietly as SIGINT.
        signal.signal(signal.SIGTERM, _interrupt)
    with contextlib.suppress(KeyboardInterrupt):
        anyio.run(_run, server, settings)
    return 0


async def _run(server: V0MCPServer, settings: Settings) -> None:
    from ._stdio import serve_stdio

    if settings.transport != "stdio":
        await _serve_http(server, settings)  # uvicorn shuts down gracefully on SIGTERM/SIGINT
        return
    async with anyio.create_task_group() as tasks:
        tasks.start_soon(_stop_on_signal, tasks.cancel_scope)
        await serve_stdio(server)
        tasks.cancel_scope.cancel()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


async def _stop_on_signal(scope: anyio.CancelScope) -> None:
    with anyio.open_signal_receiver(signal.SIGTERM, signal.SIGINT) as signals:
        async for received in signals:
            logger.info("received %s, shutting down", signal.Signals(received).name)
            shut_down(f"received {signal.Signals(received).name}")
            # stdio reads stdin in a worker thread that cancellation cannot interrupt:
            # give the graceful path a moment, then leave with a clean status anyway.
            timer = threading.Timer(GRACE_SECONDS, os._exit, args=(0,))
            timer.daemon = True
            timer.start()
            scope.cancel()
            return


async def _serve_http(server: V0MCPServer, settings: Settings) -> None:
    import uvicorn

    class AnnouncingServer(uvicorn.Server):
        def handle_exit(self, sig: int, frame: Any) -> None:
            shut_down(f"received {signal.Signals(sig).name}")
            super().handle_exit(sig, frame)

        async def startup(self, sockets: list[Any] | None = None) -> None:
            await super().startup(sockets=sockets)
            if self.started:  # say where only once the port is bound (a failed bind has said why)
                port = self.servers[0].sockets[0].getsockname()[1]
                where = "/sse" if settings.transport == "sse" else "/mcp"
                logger.info("serving MCP over %s at http://%s:%d%s", settings.transport, settings.host, port, where)

    app = build_http_app(server, settings)
    quiet = settings.log_level in ("INFO", "WARNING")  # no uvicorn banner, no line per request
    config = uvicorn.Config(
        app,
        host=settings.host,
        port=settings.port,
        log_level="warning" if quiet else settings.log_level.lower(),
        access_log=settings.log_level == "DEBUG",
        log_config=None,  # through our stderr handler, and so through its redaction; never to stdout
        lifespan="on",
        timeout_graceful_shutdown=3,
    )
    if settings.host in ("0.0.0.0", "::") and not settings.allowed_hosts:
        logger.warning(
            "bound to %s without --allowed-hosts: only requests with Host 127.0.0.1, localhost or [::1] are "
            "served; pass --allowed-hosts with the name clients use to reach this server",
            settings.host,
        )
    await AnnouncingServer(config).serve()
