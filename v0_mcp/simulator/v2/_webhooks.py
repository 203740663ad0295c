"""Webhooks: every event is recorded per key; deliveries go out only to loopback URLs.

v2 documents the event names but not the payload, signature or retries (api-notes.md
§15), so the simulator posts ``{"id", "event", "createdAt", "data"}`` once, after the
response of the request that caused the event (events of a generation completed by the
clock go out with the next request of that key). A URL that is not on the loopback
interface is recorded and never called, which keeps the simulator hermetic.
"""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

import httpx

from .._clock import iso
from ._state import Delivery, V2Workspace

__all__ = ["deliver", "emit", "is_loopback_url"]

log = logging.getLogger(__name__)


def emit(ws: V2Workspace, event: str, data: dict[str, Any], *, chat_id: str | None, now: float) -> None:
    """Record ``event`` for every hook of ``ws`` that listens to it (and to this chat, if scoped)."""
    for hook in ws.hooks.values():
        if event not in hook.events or (hook.chat_id is not None and hook.chat_id != chat_id):
            continue
        payload = {"id": ws.ids.opaque("evt_"), "event": event, "createdAt": iso(now), "data": dict(data)}
        delivery = Delivery(hook_id=hook.id, url=hook.url, event=event, payload=payload)
        ws.deliveries.append(delivery)
        ws.outbox.append(delivery)


def is_loopback_url(url: str) -> bool:
    """Whether ``url`` points at this machine (the only place the simulator sends webhooks)."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


async def deliver(deliveries: Sequence[Delivery], *, wait: float) -> None:
    """POST each delivery to its URL (loopback only); record the status or the failure."""
    pending = [d for d in deliveries if d.status is None and d.error is None]
    if not pending:
        return
    async with httpx.AsyncClient(timeout=wait, trust_env=False) as client:
        for delivery in pending:
            if not is_loopback_url(delivery.url):
                delivery.error = "not sent: the simulator only calls loopback URLs"
                continue
            try:
                response = await client.post(
                    delivery.url, json=delivery.payload, headers={"x-v0-event": delivery.event}
                )
                delivery.status = response.status_code
            except httpx.HTTPError as exc:
                delivery.error = type(exc).__name__
                log.info("simulator: webhook %s to a loopback URL failed: %s", delivery.event, type(exc).__name__)
