"""Webhook delivery: when an event a hook subscribes to happens, POST it to the hook's URL.

The spec names seven events (``hooks.create`` ``events`` enum) and no payload; the
simulator sends a ``hook_event`` (the spec's ``HookEventDetail`` fields) with what
happened in ``data``::

    {"id": "evt_...", "object": "hook_event", "event": "message.finished",
     "createdAt": "2026-01-28T15:00:02.000Z", "hookId": "hk_...",
     "data": {"chatId": "...", "messageId": "..."}}

Events are raised where they happen (handlers, and generations completing on the clock:
``message.finished`` is raised when the simulator brings the workspace to a time past
the generation's end, i.e. at the next request of that key, or at once for ``sync`` and
streamed generations). A hook with a ``chatId`` only hears of that chat.

Safety: the simulator runs beside tests and agents, so by default it delivers only to
loopback addresses (``127.0.0.0/8``, ``::1``, ``localhost``); other URLs are skipped
unless ``SimulatorConfig.webhook_any_host`` is set. Delivery never blocks the request
that caused the event: a daemon thread POSTs the queued events in order, each with a
short timeout, and a failure is logged, never raised.
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import urlsplit

import httpx

from ._clock import iso

__all__ = ["EVENTS", "Delivery", "Dispatcher", "event_payload", "is_loopback_url"]

log = logging.getLogger(__name__)

EVENTS: Final = (
    "chat.created",
    "chat.updated",
    "chat.deleted",
    "message.created",
    "message.updated",
    "message.deleted",
    "message.finished",
)


@dataclass(frozen=True)
class Delivery:
    """One POST to make: where, and the JSON body."""

    url: str
    payload: dict[str, Any]


def is_loopback_url(url: str) -> bool:
    """Whether ``url``'s host is this machine: ``localhost``, 127.0.0.0/8 or ::1 (no name is resolved)."""
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return False
    if host is None:
        return False
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def event_payload(*, hook_id: str, event: str, at: float, data: dict[str, Any], serial: int) -> dict[str, Any]:
    """Return the body POSTed for one event to one hook."""
    digest = hashlib.sha256(f"{hook_id}\x00{serial}".encode()).hexdigest()[:20]
    return {
        "id": f"evt_{digest}",
        "object": "hook_event",
        "event": event,
        "createdAt": iso(at),
        "hookId": hook_id,
        "data": data,
    }


class Dispatcher:
    """Delivers webhook POSTs from a background thread, in the order they were queued.

    **Parameters:**

    * **any_host** - deliver to any host, not only loopback ones.
    * **timeout** - seconds one delivery may take (connect, send, answer).
    * **post** - the function that sends one delivery; an ``httpx`` POST by default (tests may wrap it).
    """

    def __init__(
        self, *, any_host: bool = False, timeout: float = 2.0, post: Callable[[Delivery], None] | None = None
    ) -> None:
        self.any_host = any_host
        self.timeout = timeout
        self._post = post or self._http_post
        self._queue: queue.Queue[Delivery] = queue.Queue()
        self._worker: threading.Thread | None = None
        self._lock = threading.Lock()
        self.delivered = 0
        self.skipped = 0
        self.failed = 0

    def submit(self, delivery: Delivery) -> bool:
        """Queue ``delivery`` (returns at once); False if its URL is not allowed."""
        if not (self.any_host or is_loopback_url(delivery.url)):
            self.skipped += 1
            log.info("simulator: webhook to a non-loopback URL skipped (set webhook_any_host to allow it)")
            return False
        with self._lock:
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(target=self._run, name="v0-simulator-webhooks", daemon=True)
                self._worker.start()
        self._queue.put(delivery)
        return True

    def join(self) -> None:
        """Wait until every queued delivery has been attempted (for tests and shutdown)."""
        self._queue.join()

    def _run(self) -> None:
        while True:
            delivery = self._queue.get()
            try:
                self._post(delivery)
                self.delivered += 1
            except Exception as exc:  # a receiver's failure is its own; the simulator goes on
                self.failed += 1
                log.info("simulator: webhook %s failed: %s", delivery.payload.get("event"), type(exc).__name__)
            finally:
                self._queue.task_done()

    def _http_post(self, delivery: Delivery) -> None:
        body = json.dumps(delivery.payload, separators=(",", ":")).encode()
        headers = {"Content-Type": "application/json", "User-Agent": "v0-simulator-webhooks"}
        with httpx.Client(timeout=self.timeout, follow_redirects=False, trust_env=False) as client:
            client.post(delivery.url, content=body, headers=headers).raise_for_status()
