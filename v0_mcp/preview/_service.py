"""The preview service the server calls: ``url_for(chat_id)`` gives a URL a plain browser opens.

Previews are untrusted generated code, so they never share an origin with the MCP endpoint.
Two ways to serve them:

* **A listener of its own** (the default, for stdio and HTTP alike): ``127.0.0.1``, bound on first
  use, a free port unless ``port`` is set. A different port is a different origin; the page keeps
  the storage it expects, and its root-relative requests (``/_next/...``) carry a same-origin
  ``Referer`` that routes them into its preview. Behind a reverse proxy, ``public_url`` is the base
  browsers use to reach it.
* **Mounted in the MCP server's app** (``mount_url`` = that server's public base, routes from
  :meth:`PreviewService.routes`), for deployments that can publish a single port. The origin is
  then made to differ with ``Content-Security-Policy: sandbox`` without ``allow-same-origin``: each
  preview document gets an opaque origin, so its requests to the MCP endpoint carry
  ``Origin: null`` (refused by the endpoint's Origin check), it cannot read the endpoint's
  responses, and it has no storage. The price, measured in a browser: an opaque-origin page sends
  no ``Referer``, so its root-relative assets cannot be routed to its preview, and apps that load
  ``/_next/...`` (every Next.js app) do not render. That is why the listener is the default and
  the mount is the fallback when a second port cannot be published.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import TracebackType
from typing import TYPE_CHECKING, Self

import anyio
import uvicorn
from anyio.abc import TaskGroup
from starlette.routing import BaseRoute, Mount, Route

from ._paths import PathTable
from ._proxy import PREFIX, PreviewProxy
from ._upstream import FetchPreview, TokenCache, UpstreamPreview

if TYPE_CHECKING:  # httpx loads with the first proxied request, not with the server (cold start is measured)
    import httpx

    from ..api._client import Transport

__all__ = ["PreviewService"]


class _QuietServer(uvicorn.Server):
    """Uvicorn inside a running MCP server: no signal handlers of its own, no logging setup."""

    @contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


class PreviewService:
    """Serve v0 previews to browsers on loopback, each chat behind its own unguessable, expiring path.

    Usage:

        async with PreviewService(fetch_preview) as previews:
            url = await previews.url_for(chat_id)   # http://127.0.0.1:PORT/preview/<token>/

    **Parameters:**

    * **fetch** - ``async (chat_id) -> UpstreamPreview | None``: v0's ``chats.getPreview``; or ``None``
      when every :meth:`url_for` brings the caller's own (per-caller keys over HTTP).
    * **transport** - the upstream HTTP transport, or a zero-argument function making it when the first
      request is proxied (``--demo``: the in-process simulator, shared with the server's v0 client).
    * **host**, **port** - the listener's address; port 0 picks a free one (the ``--preview-port`` setting).
    * **public_url** - the listener's base URL as browsers reach it, if not ``http://host:port``.
    * **mount_url** - when set, the proxy is served by the MCP server at this base URL (HTTP mode)
      instead of a listener of its own, and responses are sandboxed.
    * **idle** - seconds a path lives after its last request.
    * **margin** - refresh the upstream token when fewer seconds remain.
    * **clock** - UNIX time now (tests move it).
    """

    def __init__(
        self,
        fetch: FetchPreview | None = None,
        *,
        transport: Transport | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        public_url: str | None = None,
        mount_url: str | None = None,
        idle: float = 3600.0,
        margin: float = 60.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._host = host
        self._port = port
        self._mount_url = mount_url.rstrip("/") if mount_url else None
        self._public_url = public_url.rstrip("/") if public_url else None
        self.paths = PathTable(clock=clock, idle=idle)
        self.tokens = TokenCache(fetch, clock=clock, margin=margin)
        self._transport = transport
        self._client: httpx.AsyncClient | None = None
        self._closed = False
        self.proxy = PreviewProxy(
            paths=self.paths, tokens=self.tokens, client=self._upstream_client, sandbox=self._mount_url is not None
        )
        self._socket: socket.socket | None = None
        self._server: _QuietServer | None = None
        self._tasks: TaskGroup | None = None

    def _upstream_client(self) -> httpx.AsyncClient:
        """The client previews are fetched through, made (and httpx loaded) by the first proxied request."""
        if self._client is None:
            if self._closed:  # as an httpx client refuses after aclose(): nothing opened after the service ended
                raise RuntimeError("Cannot send a request, as the preview service has been closed.")
            import httpx

            transport = self._transport
            if transport is not None and not isinstance(transport, httpx.AsyncBaseTransport):
                transport = transport()
            # No auth, no cookies, no environment (.netrc could add credentials): only the preview token goes up.
            self._client = httpx.AsyncClient(
                transport=transport, follow_redirects=False, trust_env=False, timeout=httpx.Timeout(30.0, read=None)
            )
        return self._client

    @property
    def origin(self) -> str:
        """The origin previews are served from (binding the stdio listener's port if not yet bound)."""
        if self._mount_url is not None or self._public_url is not None:
            import httpx  # normalizes the URL as browsers do (case, default port, IDNA)

            parts = httpx.URL(self._mount_url or self._public_url or "")
            if self._mount_url is None:
                self._bind()
            return f"{parts.scheme}://{parts.netloc.decode('ascii')}"
        return self._bind()

    def _bind(self) -> str:
        if self._socket is None:
            family = socket.AF_INET6 if ":" in self._host else socket.AF_INET
            sock = socket.socket(family, socket.SOCK_STREAM)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind((self._host, self._port))
            except OSError as exc:
                sock.close()
                where = f"{self._host}:{self._port}"
                raise OSError(f"cannot serve previews on {where} (--preview-port): {exc.strerror}") from None
            sock.listen(128)
            self._socket = sock
        port = self._socket.getsockname()[1]
        # A wildcard bind is not an address a browser can open: name loopback (--preview-url names the public one).
        host = {"0.0.0.0": "127.0.0.1", "::": "[::1]"}.get(self._host) or (
            f"[{self._host}]" if ":" in self._host else self._host
        )
        return f"http://{host}:{port}"

    def routes(self) -> list[BaseRoute]:
        """Routes that serve the proxy from the MCP server's own app (HTTP mode); append them last.

        The catch-all sends a preview page's root-relative requests (``/_next/...``) into its
        preview and answers 404 to anything else, as the server would.
        """
        return [Mount(PREFIX.rstrip("/"), app=self.proxy), Route("/{path:path}", self.proxy)]

    async def url_for(
        self,
        chat_id: str,
        *,
        fetch: FetchPreview | None = None,
        owner: str = "",
        seed: UpstreamPreview | None = None,
    ) -> str:
        """Return the browser URL of the chat's preview, starting the listener if needed (see :meth:`link`)."""
        return self.link(chat_id, fetch=fetch, owner=owner, seed=seed)

    def link(
        self,
        chat_id: str,
        *,
        fetch: FetchPreview | None = None,
        owner: str = "",
        seed: UpstreamPreview | None = None,
    ) -> str:
        """Return the browser URL of the chat's preview, starting the listener if needed.

        ``fetch`` is how this caller reaches v0 (over HTTP: with its own key), used for every
        token refresh behind the URL; ``owner`` tells callers apart (a digest of their key, never
        the key), so each gets its own path, refreshed with its own credentials. ``seed`` is a
        ``chats.getPreview`` answer the caller has just had, saving the proxy a first call.
        """
        key = f"{owner}\n{chat_id}" if owner else chat_id
        if fetch is not None:
            self.tokens.bind(key, chat_id, fetch, seed=seed)
        token = self.paths.issue(key)
        if self._mount_url is not None:
            return f"{self._mount_url}{PREFIX}{token}/"
        origin = self.origin  # binds the listener's socket
        self._start()
        base = self._public_url or origin
        return f"{base}{PREFIX}{token}/"

    def _start(self) -> None:
        if self._server is not None:
            return
        if self._tasks is None:
            raise RuntimeError("enter the PreviewService (async with) before asking for a preview URL")
        config = uvicorn.Config(
            self.proxy,
            log_config=None,
            access_log=False,
            lifespan="off",
            ws="none",
            server_header=False,
            timeout_graceful_shutdown=2,
        )
        self._server = _QuietServer(config)
        assert self._socket is not None  # bound by self.origin
        self._tasks.start_soon(self._server.serve, [self._socket])

    async def __aenter__(self) -> Self:
        self._tasks = anyio.create_task_group()
        await self._tasks.__aenter__()
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._server is not None:
            self._server.should_exit = True
        try:
            assert self._tasks is not None
            await self._tasks.__aexit__(kind, error, trace)
        finally:
            self._tasks = None
            self._server = None
            self._closed = True
            if self._client is not None:
                await self._client.aclose()
            if self._socket is not None:
                self._socket.close()
                self._socket = None
