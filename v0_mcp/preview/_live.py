"""The server's previews: one :class:`PreviewService` shared by the runs of a server, and the v0 call behind it.

A server has runs (the stdio process, the HTTP session manager, each SSE connection);
the service is entered by the first run and shared by those that start while it lasts.
Each URL is bound to the caller's own client: over HTTP, where callers bring their own
v0 keys, a preview's token is refreshed with the key of the caller who asked for it, and
the proxy never holds a key of its own.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

from ..settings import Settings
from ._service import PreviewService
from ._upstream import FetchPreview, UpstreamPreview

if TYPE_CHECKING:
    from ..api import V0Client
    from ..api._client import Transport

__all__ = ["LivePreviews", "fetcher", "upstream_of"]


def upstream_of(answer: Any) -> UpstreamPreview | None:
    """Read a ``chats.getPreview`` answer (a model or its JSON) as an upstream preview; None while it starts."""
    from ..api.v2._preview import preview_of  # v2 only: a v1 server never loads v2's models

    preview = preview_of(answer)
    if preview is None:
        return None
    return UpstreamPreview.from_api(preview.model_dump(mode="json", by_alias=True, exclude_none=True))


def fetcher(client: V0Client) -> FetchPreview:
    """Return ``chats.getPreview`` through ``client`` (the caller's own key), as the proxy calls it."""

    async def fetch(chat_id: str) -> UpstreamPreview | None:
        return upstream_of(await client.call("chats.getPreview", chatId=chat_id))

    return fetch


class LivePreviews:
    """The previews of one server: ``url_for(client, chat_id)`` while at least one run is :meth:`running`.

    **Parameters:**

    * **transport** - the upstream transport, or a zero-argument function making it on the first proxied
      request (``--demo``: the in-process simulator, which serves previews; httpx is not loaded before).
    * **host**, **port** - the listener's address (``--preview-port``; 0 picks a free port).
    * **public_url** - the listener's base URL as browsers reach it (``--preview-url``).
    * **clock** - UNIX time now, to tell when a preview token expires (tests move it).
    """

    def __init__(
        self,
        *,
        transport: Transport | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        public_url: str | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._options: dict[str, Any] = {
            "transport": transport,
            "host": host,
            "port": port,
            "public_url": public_url,
            "clock": clock,
        }
        self._service: PreviewService | None = None

    @classmethod
    def for_settings(cls, settings: Settings, upstream: Transport | None = None) -> LivePreviews:
        """The previews of a server run with ``settings`` (``upstream``: the demo's in-process simulator).

        Over stdio the listener binds loopback; over HTTP it binds the server's own host, on a
        port of its own: a different origin from the MCP endpoint (see :class:`PreviewService`).
        """
        host = "127.0.0.1" if settings.transport == "stdio" else settings.host
        return cls(transport=upstream, host=host, port=settings.preview_port, public_url=settings.preview_url)

    @property
    def upstream(self) -> Transport | None:
        """The transport previews are fetched through, or what makes it (None: the network)."""
        transport: Transport | None = self._options["transport"]
        return transport

    @asynccontextmanager
    async def running(self) -> AsyncIterator[LivePreviews]:
        """Serve previews while this run lasts (the listener itself starts on the first URL).

        The first run opens the service and closes it when it ends (a task group is left by
        the task that entered it); runs started meanwhile share it, and the next run to start
        after it closed opens a new one. Over stdio and streamable HTTP there is one run.
        """
        if self._service is not None:
            yield self
            return
        async with PreviewService(**self._options) as service:
            self._service = service
            try:
                yield self
            finally:
                self._service = None

    @property
    def service(self) -> PreviewService | None:
        """The service while a run is up."""
        return self._service

    def origin(self) -> str | None:
        """The origin previews are served from (for the view's CSP ``frameDomains``); None when not serving."""
        return self._service.origin if self._service is not None else None

    def url_for(self, client: V0Client, chat_id: str, *, answer: Any = None) -> str | None:
        """Return a URL a plain browser opens for the chat's preview, refreshed with ``client``'s key.

        ``answer`` is the ``chats.getPreview`` answer the caller just had, if any (saves a call).
        None when no run is serving previews. The preview itself is fetched when the URL is opened
        (a preview still starting shows a page that reloads itself until it runs).
        """
        if self._service is None:
            return None
        seed = upstream_of(answer) if answer is not None else None
        return self._service.link(chat_id, fetch=fetcher(client), owner=client.key_digest or "", seed=seed)
