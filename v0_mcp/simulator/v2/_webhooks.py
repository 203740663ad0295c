"""Webhooks of v2: every event is recorded per key and handed to the simulator's dispatcher.

v2 documents the event names but not the payload, signature or retries (api-notes.md
§15), so v2 hooks get the same ``hook_event`` body as v1's, built and delivered by
:mod:`..._webhooks` (loopback receivers only unless ``webhook_any_host``; a background
sender, so no request waits on a receiver). Events are queued where they happen and
handed over when the request that caused them ends; a generation completed by the
clock is noticed, and its ``message.finished`` sent, at the next request of that key.
"""

from __future__ import annotations

from typing import Any

from .._webhooks import Delivery, Dispatcher, event_payload
from ._state import HookEvent, V2Workspace

__all__ = ["emit", "flush"]


def emit(ws: V2Workspace, event: str, data: dict[str, Any], *, chat_id: str | None, now: float) -> None:
    """Record ``event`` for every hook of ``ws`` that listens to it (and to this chat, if scoped)."""
    for hook in ws.hooks.values():
        if event not in hook.events or (hook.chat_id is not None and hook.chat_id != chat_id):
            continue
        ws.event_serial += 1
        payload = event_payload(hook_id=hook.id, event=event, at=now, data=dict(data), serial=ws.event_serial)
        record = HookEvent(hook_id=hook.id, url=hook.url, event=event, payload=payload)
        ws.deliveries.append(record)
        ws.outbox.append(record)


def flush(ws: V2Workspace, dispatcher: Dispatcher) -> None:
    """Hand the queued events of ``ws`` to the dispatcher (it returns at once)."""
    batch, ws.outbox = ws.outbox, []
    for record in batch:
        record.sent = dispatcher.submit(Delivery(record.url, record.payload))
