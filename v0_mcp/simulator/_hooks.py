"""Handlers of webhooks: stored per key; :mod:`._webhooks` POSTs their events to their URLs."""

from __future__ import annotations

from typing import Any

from ._paging import newest_first
from ._registry import Call, handles
from ._shapes import deleted, hook_detail, hook_summary
from ._state import Hook

__all__: list[str] = []

JSON = dict[str, Any]


@handles("hooks.find")
def find(call: Call) -> JSON:
    hooks = newest_first(call.ws.hooks.values(), lambda h: h.created_at)
    return {"object": "list", "data": [hook_summary(h) for h in hooks]}


@handles("hooks.create")
def create(call: Call) -> JSON:
    body, ws = call.body, call.ws
    chat_id = ws.chat(body.chatId).id if body.chatId else None
    hook = Hook(
        id=ws.ids.hook(), name=body.name, events=list(body.events), url=body.url, chat_id=chat_id, created_at=call.now
    )
    ws.hooks[hook.id] = hook
    return hook_detail(hook)


@handles("hooks.getById")
def get(call: Call) -> JSON:
    return hook_detail(call.ws.hook(call.params["hookId"]))


@handles("hooks.update")
def update(call: Call) -> JSON:
    body, hook = call.body, call.ws.hook(call.params["hookId"])
    if body.name is not None:
        hook.name = body.name
    if body.events is not None:
        hook.events = list(body.events)
    if body.url is not None:
        hook.url = body.url
    return hook_detail(hook)


@handles("hooks.delete")
def delete(call: Call) -> JSON:
    hook = call.ws.hook(call.params["hookId"])
    del call.ws.hooks[hook.id]
    return deleted(hook.id, "hook")
