"""Run the server over stdio, streamable HTTP or legacy SSE — secure by default.

HTTP binds 127.0.0.1 unless told otherwise, and a non-loopback bind needs a
bearer token (``V0_MCP_AUTH_TOKEN``), checked in constant time on every request
but ``GET /healthz``. The SDK's Host/Origin checks against DNS rebinding stay on.
"""

from __future__ import annotations

import contextlib
import hmac
import ipaddress
import logging
import os
import signal
import sys
import threading
from collections.abc import Awaitable, Callable, MutableMapping
from typing import TYPE_CHECKING, Any, Final

import anyio

from .settings import Settings

if TYPE_CHECKING:  # the server (and the SDK) load only once the settings are known to be usable
    from .server import V0MCPServer

__all__ = ["BearerTokenMiddleware", "build_http_app", "is_loopback", "serve"]

logger = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

HEALTH_PATH: Final = "/healthz"
GRACE_SECONDS: Final = 1.0


def is_loopback(host: str) -> bool:
    """Whether ``host`` only accepts connections from this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class BearerTokenMiddleware:
    """Refuse every HTTP request without ``Authorization: Bearer <token>`` (health checks excepted)."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app = app
        self._token = token.encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("path") == HEALTH_PATH or self._authorized(scope):
            await self.app(scope, receive, send)
            return
        body = b'{"error":"unauthorized","error_description":"Send Authorization: Bearer <V0_MCP_AUTH_TOKEN>"}'
        await send(
            {
                "type": "http.response.start",
                "status": 401,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"www-authenticate", b'Bearer realm="v0-mcp", error="invalid_token"'),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})

    def _authorized(self, scope: Scope) -> bool:
        for name, value in scope.get("headers", []):
            if name == b"authorization":
                scheme, _, credentials = value.partition(b" ")
                if scheme.lower() == b"bearer":
                    return hmac.compare_digest(credentials.strip(), self._token)
        return False


def _security(settings: Settings) -> Any:
    from mcp.server.transport_security import TransportSecuritySettings

    if is_loopback(settings.host):
        return None  # the SDK turns on its loopback allow-list by itself
    hosts = ["127.0.0.1:*", "localhost:*", "[::1]:*", settings.host, f"{settings.host}:*", *settings.allowed_hosts]
    origins = [f"http://{h}" for h in hosts] + [f"https://{h}" for h in hosts]
    unrestricted = settings.host in ("0.0.0.0", "::") and not settings.allowed_hosts
    return TransportSecuritySettings(
        enable_dns_rebinding_protection=not unrestricted, allowed_hosts=hosts, allowed_origins=origins
    )


def build_http_app(server: V0MCPServer, settings: Settings) -> ASGIApp:
    """Return the ASGI app for ``settings.transport`` (http or sse), with health check and auth."""
    from starlette.requests import Request
    from starlette.responses import JSONResponse, Response

    async def healthz(_: Request) -> Response:
        return JSONResponse({"status": "ok", "transport": settings.transport})

    server.custom_route(HEALTH_PATH, methods=["GET"])(healthz)

    security = _security(settings)
    app: ASGIApp
    if settings.transport == "sse":
        app = server.sse_app(transport_security=security, host=settings.host)
    else:
        app = server.streamable_http_app(
            stateless_http=settings.stateless, transport_security=security, host=settings.host
        )
    if settings.auth_token:
        app = BearerTokenMiddleware(app, settings.auth_token)
    return app


def _refusal(settings: Settings) -> str | None:
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
    if settings.transport != "stdio":
        await _serve_http(server, settings)  # uvicorn shuts down gracefully on SIGTERM/SIGINT
        return
    async with anyio.create_task_group() as tasks:
        tasks.start_soon(_stop_on_signal, tasks.cancel_scope)
        await server.run_stdio_async()
        tasks.cancel_scope.cancel()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


async def _stop_on_signal(scope: anyio.CancelScope) -> None:
    with anyio.open_signal_receiver(signal.SIGTERM, signal.SIGINT) as signals:
        async for received in signals:
            logger.info("received %s, shutting down", signal.Signals(received).name)
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
        log_config=None,  # through our stderr handler and format, never to stdout
        lifespan="on",
        timeout_graceful_shutdown=3,
    )
    await AnnouncingServer(config).serve()
