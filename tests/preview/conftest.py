"""A small upstream that behaves like v0's token-gated preview, and a fake ``chats.getPreview``."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import anyio
import httpx
import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from v0_mcp.preview import PreviewService, UpstreamPreview

UPSTREAM = "https://abc123.vusercontent.test"
CHUNK = b"x" * 65_536


class Clock:
    """A clock tests move by hand."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class FakeV0:
    """Issues preview tokens like ``chats.getPreview``: each call a new one, valid for ``ttl`` seconds."""

    clock: Clock
    ttl: float = 300.0
    url: str = UPSTREAM
    calls: list[str] = field(default_factory=list)
    valid: set[str] = field(default_factory=set)
    starting: bool = False

    async def fetch(self, chat_id: str) -> UpstreamPreview | None:
        self.calls.append(chat_id)
        if self.starting:
            return None
        token = f"tok-{len(self.calls)}"
        self.valid.add(token)
        return UpstreamPreview(url=self.url, token=token, expires_at=self.clock() + self.ttl)


@dataclass
class Upstream:
    """The preview app: answers only requests with a valid token, records what it received."""

    v0: FakeV0
    seen: list[dict[str, Any]] = field(default_factory=list)
    release: anyio.Event = field(default_factory=anyio.Event)

    def app(self) -> Starlette:
        async def check(request: Request) -> Response | None:
            body = await request.body() if request.method != "GET" or request.url.path != "/big" else b""
            self.seen.append(
                {
                    "method": request.method,
                    "url": str(request.url),
                    "headers": list(request.headers.items()),
                    "body": body,
                }
            )
            if request.headers.get("x-v0-preview-token") not in self.v0.valid:
                return Response("stale token", status_code=401, headers={"x-v0-preview-refresh": "1"})
            return None

        async def page(request: Request) -> Response:
            return await check(request) or HTMLResponse(
                '<html><body><h1 id="hello">Preview OK</h1><script src="/_next/static/app.js"></script></body></html>'
            )

        async def echo(request: Request) -> Response:
            if (denied := await check(request)) is not None:
                return denied
            return JSONResponse(
                {
                    "path": request.url.path,
                    "query": request.url.query,
                    "body": self.seen[-1]["body"].decode(errors="replace"),
                },
                headers={
                    "set-cookie": "session=abc; Path=/",
                    "x-v0-internal": "1",
                    "strict-transport-security": "max-age=63072000",
                    "service-worker-allowed": "/",
                    "x-app": "kept",
                },
            )

        async def moved(request: Request) -> Response:
            if (denied := await check(request)) is not None:
                return denied
            return Response(status_code=302, headers={"location": f"{UPSTREAM}/echo?from=moved"})

        async def big(request: Request) -> Response:
            if (denied := await check(request)) is not None:
                return denied

            async def chunks() -> AsyncIterator[bytes]:
                yield CHUNK
                await self.release.wait()  # the rest only once the client has the first chunk
                for _ in range(127):
                    yield CHUNK

            return StreamingResponse(chunks(), media_type="application/octet-stream")

        return Starlette(
            routes=[
                Route("/", page),
                Route("/echo", echo, methods=["GET", "POST", "PUT"]),
                Route("/moved", moved),
                Route("/big", big),
                Route("/{rest:path}", echo, methods=["GET", "POST"]),
            ]
        )


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def v0(clock: Clock) -> FakeV0:
    return FakeV0(clock)


@pytest.fixture
def upstream(v0: FakeV0) -> Upstream:
    return Upstream(v0)


ServiceFactory = Callable[..., PreviewService]


@pytest.fixture
def make_service(v0: FakeV0, upstream: Upstream, clock: Clock) -> ServiceFactory:
    def make(**options: Any) -> PreviewService:
        options.setdefault("transport", httpx.ASGITransport(app=upstream.app()))
        return PreviewService(v0.fetch, clock=clock, **options)

    return make


async def call(
    app: Any,
    method: str,
    raw_path: bytes,
    *,
    headers: Sequence[tuple[bytes, bytes]] = (),
    body: bytes = b"",
) -> tuple[int, dict[str, str], bytes]:
    """Call an ASGI app with an exact raw path (httpx would normalise ``..`` away before sending)."""
    from urllib.parse import unquote

    path, _, query = raw_path.partition(b"?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": unquote(path.decode("latin-1")),
        "raw_path": path,
        "query_string": query,
        "root_path": "",
        "headers": [(b"host", b"127.0.0.1:9999"), *headers],
        "client": ("127.0.0.1", 5000),
        "server": ("127.0.0.1", 9999),
    }
    sent = False
    status = 0
    out_headers: dict[str, str] = {}
    chunks: list[bytes] = []

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if sent:
            await anyio.sleep_forever()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
            for name, value in message["headers"]:
                out_headers[name.decode("latin-1")] = value.decode("latin-1")
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, send)
    return status, out_headers, b"".join(chunks)


class _Server(uvicorn.Server):
    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self.ready = anyio.Event()

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=sockets)
        self.ready.set()


@asynccontextmanager
async def serving(app: Any) -> AsyncIterator[str]:
    """Serve ``app`` with uvicorn on a free loopback port; yield its base URL."""
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_config=None, access_log=False, lifespan="off")
    server = _Server(config)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    async with anyio.create_task_group() as tasks:
        tasks.start_soon(server.serve, [sock])
        await server.ready.wait()
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
        server.should_exit = True
