"""The preview proxy: an ASGI app forwarding ``/preview/<token>/...`` to the chat's preview on v0.

Each request is checked (live token, no traversal), sent up with the chat's preview
token, and streamed both ways. When v0 answers ``x-v0-preview-refresh: 1`` the token is
dropped, a fresh one fetched and the request sent once more (if its body can be
replayed). Unknown, expired and malformed paths all get the same 404.

Generated apps use root-relative URLs (``/_next/static/...``) that miss the
``/preview/<token>`` prefix. A request outside the prefix whose ``Referer`` is a live
preview page is redirected into that preview (307), so every page and asset ends up
living under the prefix and its own requests carry a usable ``Referer`` (the proxy sets
``Referrer-Policy: same-origin`` to keep it so). Client-side navigations that rewrite
the address bar outside the prefix cannot be followed: such links reload into a 404.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator, Callable
from typing import TYPE_CHECKING, Final
from urllib.parse import unquote, urlsplit

from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response, StreamingResponse
from starlette.types import Receive, Scope, Send

from ._headers import REFRESH_HEADER, request_headers, response_headers
from ._paths import PathTable
from ._upstream import TokenCache

if TYPE_CHECKING:  # httpx loads with the first proxied request, not with the server (cold start is measured)
    import httpx

__all__ = ["PREFIX", "SANDBOX_POLICY", "PreviewProxy"]

logger = logging.getLogger(__name__)

PREFIX: Final = "/preview/"
REPLAY_LIMIT: Final = 1 << 20  # request bodies up to 1 MiB are kept so a refreshed request can be sent again
SANDBOX_POLICY: Final = (
    "sandbox allow-scripts allow-forms allow-popups allow-popups-to-escape-sandbox allow-modals "
    "allow-downloads allow-pointer-lock allow-presentation"
)
# Dot segments, backslashes, NUL, and encodings that would decode to them one step later.
_ENCODED_DANGER: Final = re.compile(r"%(2e|2f|5c|00|25)", re.IGNORECASE)


def _not_found() -> Response:
    return PlainTextResponse("Not found: this preview link is unknown or has expired.", status_code=404)


def _safe(rest: str) -> bool:
    """Whether the raw path after the token stays inside the preview (no traversal, however encoded)."""
    if "\\" in rest or _ENCODED_DANGER.search(rest):
        return False
    decoded = unquote(rest)
    if "\\" in decoded or "\x00" in decoded or _ENCODED_DANGER.search(decoded):
        return False
    return not any(segment in (".", "..") for segment in decoded.split("/"))


class _Body:
    """A request body read ahead up to :data:`REPLAY_LIMIT`: replayable if it fit, streamed on if not."""

    def __init__(self, head: list[bytes], rest: AsyncIterator[bytes] | None) -> None:
        self._head = head
        self._rest = rest
        self.replayable = rest is None

    @classmethod
    async def read(cls, request: Request) -> _Body:
        stream = request.stream().__aiter__()
        head: list[bytes] = []
        size = 0
        async for chunk in stream:
            head.append(chunk)
            size += len(chunk)
            if size > REPLAY_LIMIT:
                return cls(head, stream)
        return cls(head, None)

    def content(self) -> bytes | AsyncIterator[bytes] | None:
        if self._rest is None:
            data = b"".join(self._head)
            return data or None
        return self._stream(self._head, self._rest)

    @staticmethod
    async def _stream(head: list[bytes], rest: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
        for chunk in head:
            yield chunk
        async for chunk in rest:
            yield chunk


class PreviewProxy:
    """ASGI app: serve live previews under ``/preview/<token>/`` from ``paths`` and ``tokens`` through ``client``.

    **Parameters:**

    * **paths** - the per-chat path tokens.
    * **tokens** - the upstream previews and their tokens.
    * **client** - returns the upstream HTTP client (made on the first request); it carries no credentials
      of its own.
    * **sandbox** - add ``Content-Security-Policy: sandbox`` (without ``allow-same-origin``) so each
      preview document gets an opaque origin of its own; used when the proxy shares a port, and so an
      origin, with the MCP endpoint (see :class:`~v0_mcp.preview.PreviewService`).
    """

    def __init__(
        self, *, paths: PathTable, tokens: TokenCache, client: Callable[[], httpx.AsyncClient], sandbox: bool
    ) -> None:
        self._paths = paths
        self._tokens = tokens
        self._client = client
        self._sandbox = sandbox

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":  # websockets (HMR) are not proxied; lifespan needs nothing
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 1003})
            return
        request = Request(scope, receive)
        response = await self._handle(request)
        await response(scope, receive, send)

    async def _handle(self, request: Request) -> Response:
        raw = request.scope.get("raw_path") or request.scope["path"].encode()
        path = raw.decode("latin-1").split("?", 1)[0]
        query = request.scope.get("query_string", b"").decode("latin-1")
        if not path.startswith(PREFIX):
            return self._from_referer(request, path, query)
        token, slash, rest = path[len(PREFIX) :].partition("/")
        key = self._paths.resolve(token) if token else None
        if key is None or not _safe(rest):
            return _not_found()
        if not slash:  # /preview/<token> -> /preview/<token>/ so relative URLs resolve inside it
            return RedirectResponse(f"{PREFIX}{token}/" + (f"?{query}" if query else ""), status_code=307)
        return await self._forward(request, key, f"{PREFIX}{token}/", "/" + rest, query)

    def _from_referer(self, request: Request, path: str, query: str) -> Response:
        """Redirect a root-relative request made by a live preview page into that preview."""
        referer = urlsplit(request.headers.get("referer", ""))
        if referer.netloc != request.headers.get("host") or not referer.path.startswith(PREFIX):
            return _not_found()
        token = referer.path[len(PREFIX) :].split("/", 1)[0]
        if not token or self._paths.resolve(token) is None or not _safe(path.lstrip("/")):
            return _not_found()
        return RedirectResponse(f"{PREFIX}{token}{path}" + (f"?{query}" if query else ""), status_code=307)

    async def _forward(self, request: Request, key: str, prefix: str, rest: str, query: str) -> Response:
        import httpx

        body = await _Body.read(request)
        for attempt in (1, 2):
            try:
                upstream = await self._tokens.get(key)
            except Exception as exc:  # v0 refused or did not answer getPreview: say so, never a traceback
                logger.warning("preview of chat %s: getPreview failed: %s", key.rpartition("\n")[2], type(exc).__name__)
                return PlainTextResponse("v0 did not give this preview; ask for a new preview link.", status_code=502)
            if upstream is None:
                return _starting()
            base = httpx.URL(upstream.url)
            origin = f"{base.scheme}://{base.netloc.decode('ascii')}"
            url = base.copy_with(raw_path=(base.raw_path.split(b"?")[0].rstrip(b"/") + rest.encode("latin-1")))
            url = url.copy_with(query=query.encode("latin-1") or None)
            headers = request_headers(
                list(request.headers.items()),
                token=upstream.token,
                upstream_origin=origin,
                proxy_prefix=prefix,
                upstream_base=str(base),
            )
            client = self._client()
            outgoing = client.build_request(request.method, url, headers=headers, content=body.content())
            try:
                answer = await client.send(outgoing, stream=True)
            except httpx.HTTPError as exc:
                logger.warning("preview of chat %s did not answer: %s", key.rpartition("\n")[2], type(exc).__name__)
                return PlainTextResponse("The preview did not answer; try again.", status_code=502)
            if answer.headers.get(REFRESH_HEADER) == "1":
                self._tokens.invalidate(key, upstream)
                if attempt == 1 and body.replayable:
                    await answer.aclose()
                    continue
            return self._stream(answer, origin=origin, prefix=prefix)
        raise AssertionError("unreachable")  # pragma: no cover

    def _stream(self, answer: httpx.Response, *, origin: str, prefix: str) -> Response:
        response = StreamingResponse(
            answer.aiter_raw(), status_code=answer.status_code, background=BackgroundTask(answer.aclose)
        )
        headers = response_headers(answer.headers.multi_items(), upstream_origin=origin, proxy_prefix=prefix)
        if self._sandbox:
            headers += [("content-security-policy", SANDBOX_POLICY), ("access-control-allow-origin", "*")]
        response.raw_headers = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in headers]
        return response


def _starting() -> Response:
    page = (
        '<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="3">'
        "<title>Starting preview</title><p>The preview is starting; this page reloads by itself.</p>"
    )
    return Response(page, status_code=503, media_type="text/html", headers={"retry-after": "3"})
