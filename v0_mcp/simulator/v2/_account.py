"""Handlers of MCP servers, trusted preview hosts, usage and webhooks."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta
from typing import Any

from .._clock import iso
from .._errors import ApiError
from ._registry import V2Call, handles
from ._state import Hook, McpServer, UsageEvent, V2Workspace

__all__: list[str] = []

JSON = dict[str, Any]
_MASK = "********"
_WEEK = 7 * 86_400


# MCP servers -------------------------------------------------------------------------


def _server_json(ws: V2Workspace, server: McpServer) -> JSON:
    return {
        "id": server.id,
        "name": server.name,
        "url": server.url,
        "description": server.description,
        "createdAt": iso(server.created_at),
        "updatedAt": iso(server.updated_at),
        "userId": ws.user_id,
        "enabled": server.enabled,
        "auth": _masked(server.auth),
        "scope": server.scope,
    }


def _masked(auth: JSON) -> JSON:
    """Secrets are kept but never answered (whether v0 masks them is undocumented)."""
    shown = json.loads(json.dumps(auth))
    if shown["type"] == "bearer":
        shown["token"] = _MASK
    elif shown["type"] == "custom-headers":
        shown["headers"] = dict.fromkeys(shown["headers"], _MASK)
    elif shown["type"] == "oauth":
        shown.setdefault("connected", False)
        if "clientSecret" in shown.get("config", {}):
            shown["config"]["clientSecret"] = _MASK
    return dict(shown)


@handles("mcpServers.list")
def list_servers(call: V2Call) -> list[JSON]:
    servers = sorted(call.ws.mcp_servers.values(), key=lambda s: s.created_at)
    return [_server_json(call.ws, s) for s in servers]


@handles("mcpServers.create")
def create_server(call: V2Call) -> JSON:
    body, ws = call.body, call.ws
    if len(ws.mcp_servers) >= 10:
        raise ApiError(403, "Limited to 10 MCP servers per user: delete one first")
    server = McpServer(
        id=ws.ids.mcp_server(),
        name=body["name"],
        url=body["url"],
        description=body.get("description", ""),
        enabled=body.get("enabled", True),
        auth=body.get("auth") or {"type": "none"},
        scope=body.get("scope", "user"),
        created_at=call.now,
        updated_at=call.now,
    )
    ws.mcp_servers[server.id] = server
    return _server_json(ws, server)


@handles("mcpServers.get")
def get_server(call: V2Call) -> JSON:
    return _server_json(call.ws, call.ws.mcp_server(call.params["mcpServerId"]))


@handles("mcpServers.update")
def update_server(call: V2Call) -> JSON:
    server, body = call.ws.mcp_server(call.params["mcpServerId"]), call.body
    for field in ("name", "url", "description", "enabled", "auth", "scope"):
        if field in body:
            setattr(server, field, body[field])
    server.updated_at = call.now
    return _server_json(call.ws, server)


@handles("mcpServers.delete")
def delete_server(call: V2Call) -> JSON:
    server = call.ws.mcp_server(call.params["mcpServerId"])
    del call.ws.mcp_servers[server.id]
    return {"success": True}


# Trusted preview hosts ---------------------------------------------------------------


@handles("settings.getPreviewHosts")
def get_preview_hosts(call: V2Call) -> JSON:
    return {"hosts": list(call.ws.preview_hosts)}


@handles("settings.setPreviewHosts")
def set_preview_hosts(call: V2Call) -> JSON:
    hosts = list(call.body["hosts"])
    for index, host in enumerate(hosts):
        problem = _host_problem(host)
        if problem:
            raise ApiError(422, f"Invalid request body: hosts.{index}: {problem}")
    if len(set(hosts)) != len(hosts):
        raise ApiError(422, "Invalid request body: hosts: duplicate entries")
    call.ws.preview_hosts = hosts
    return {"hosts": hosts}


def _host_problem(host: str) -> str | None:
    if not host or any(c in host for c in "/:? "):
        return f"{host!r} is not a hostname pattern (no scheme, port or path)"
    labels = host.split(".")
    if labels[0] in ("*", "**"):
        labels = labels[1:]
        if len(labels) < 2:
            return f"{host!r}: a wildcard needs a domain with at least two labels"
    if any(not label or "*" in label for label in labels):
        return f"{host!r}: wildcards are only allowed as the first label"
    return None


# Usage -------------------------------------------------------------------------------


def _range(call: V2Call, query: JSON) -> tuple[float, float]:
    end = _stamp(query["end"]) if query.get("end") else call.now
    start = _stamp(query["start"]) if query.get("start") else end - _WEEK
    if start >= end:
        raise ApiError(422, "Invalid request query: start must be before end")
    return start, end


def _stamp(value: str) -> float:
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).timestamp()


def _scope(call: V2Call, query: JSON) -> JSON:
    user = query.get("userId")
    if user is not None and user != call.ws.user_id:
        raise ApiError(403, "You may only read the usage of your own user or of your team")
    if user is not None:
        return {"id": user, "type": "user", "isTeamWide": False}
    return {"id": call.ws.team_id, "type": "team", "isTeamWide": True}


def _events(call: V2Call, start: float, end: float) -> list[UsageEvent]:
    return [e for e in call.ws.usage if start <= e.created_at < end]


@handles("usage.getSummary")
def get_summary(call: V2Call) -> JSON:
    start, end = _range(call, call.query)
    scope = _scope(call, call.query)
    events = _events(call, start, end)
    days: dict[str, float] = {}
    day = datetime.fromtimestamp(start, UTC).date()
    last = datetime.fromtimestamp(end - 1e-3, UTC).date()
    while day <= last:
        days[day.isoformat()] = 0.0
        day += timedelta(days=1)
    for event in events:
        key = datetime.fromtimestamp(event.created_at, UTC).date().isoformat()
        days[key] = round(days.get(key, 0.0) + float(event.credits["total"]), 4)
    total = round(sum(float(e.credits["total"]) for e in events), 4)
    return {
        "object": "usage_summary",
        "range": {"start": iso(start), "end": iso(end)},
        "scope": scope,
        "credits": {"plan": total, "onDemand": 0, "total": total},
        "daily": [{"date": d, "credits": {"plan": c, "onDemand": 0, "total": c}} for d, c in days.items()],
        "dataAsOf": iso(call.now),
    }


@handles("usage.listEvents")
def list_events(call: V2Call) -> JSON:
    query = dict(call.query)
    offset = 0
    if "cursor" in query:
        saved = _decode(query.pop("cursor"))
        offset = int(saved.pop("offset"))
        for key, value in saved.items():
            if key in query and query[key] != value:
                raise ApiError(409, f"The cursor was issued for another {key}: send the cursor alone")
            query[key] = value
    start, end = _range(call, query)
    scope = _scope(call, query)
    events = sorted(_events(call, start, end), key=lambda e: e.created_at, reverse=True)
    for key in ("chatId", "messageId"):
        if key in query:
            events = [e for e in events if getattr(e, "chat_id" if key == "chatId" else "message_id") == query[key]]
    limit = int(query.get("limit", 50))
    page = events[offset : offset + limit]
    more = offset + limit < len(events)
    filters = {k: v for k, v in query.items() if k in ("start", "end", "userId", "chatId", "messageId", "limit")}
    filters.setdefault("start", iso(start))
    filters.setdefault("end", iso(end))
    cursor = _encode({**filters, "offset": offset + limit}) if more else None
    return {
        "object": "list",
        "range": {"start": iso(start), "end": iso(end)},
        "scope": scope,
        "data": [_event_json(call.ws, e) for e in page],
        "pagination": {"hasMore": more, "cursor": cursor},
    }


def _event_json(ws: V2Workspace, event: UsageEvent) -> JSON:
    alive = event.message_id in ws.messages
    return {
        "id": event.id,
        "object": "usage_event",
        "type": "message",
        "createdAt": iso(event.created_at),
        "userId": ws.user_id,
        "chatId": event.chat_id,
        "messageId": event.message_id,
        "model": event.model,
        "sources": ["plan"],
        "waived": False,
        "tokens": dict(event.tokens) if alive else None,
        "creditsCost": {**event.credits, "charged": event.credits["total"]},
    }


def _encode(state: JSON) -> str:
    return base64.urlsafe_b64encode(json.dumps(state, separators=(",", ":")).encode()).decode().rstrip("=")


def _decode(cursor: str) -> JSON:
    try:
        state = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not isinstance(state, dict) or not isinstance(state.get("offset"), int):
            raise ValueError(cursor)
        return state
    except ValueError:
        raise ApiError(422, f"Invalid request query: cursor: not a cursor this API issued ({cursor!r})") from None


@handles("usage.getActivity")
def get_activity(call: V2Call) -> JSON:
    start, end = _range(call, call.query)
    scope = _scope(call, call.query)
    ws = call.ws
    per_chat: dict[str, list[float]] = {}
    for message in ws.messages.values():
        if start <= message.created_at < end:
            per_chat.setdefault(message.chat_id, []).append(message.created_at)
    chats: list[JSON] = []
    projects: dict[str | None, JSON] = {}
    for chat_id, stamps in sorted(per_chat.items(), key=lambda kv: -max(kv[1])):
        chat = ws.chats.get(chat_id)
        project_id = chat.vercel_project_id if chat else None
        project = ws.projects.get(project_id or "")
        days = {datetime.fromtimestamp(s, UTC).date() for s in stamps}
        row = {
            "messageCount": len(stamps),
            "activeDays": len(days),
            "firstActivity": iso(min(stamps)),
            "lastActivity": iso(max(stamps)),
        }
        chats.append(
            {
                "kind": "chat",
                "chatId": chat_id,
                "title": (chat.title if chat else None) or "Untitled chat",
                "vercelProjectId": project_id,
                "projectName": project.name if project else None,
                **row,
            }
        )
        group = projects.setdefault(
            project_id,
            {
                "kind": "project" if project_id else "drafts",
                "vercelProjectId": project_id,
                "name": project.name if project else "Drafts",
                "chatCount": 0,
                "messageCount": 0,
                "activeDays": 0,
                "firstActivity": row["firstActivity"],
                "lastActivity": row["lastActivity"],
                "_days": set(),
            },
        )
        group["chatCount"] += 1
        group["messageCount"] += len(stamps)
        group["_days"] |= days
        group["activeDays"] = len(group["_days"])
        group["firstActivity"] = min(group["firstActivity"], row["firstActivity"])
        group["lastActivity"] = max(group["lastActivity"], row["lastActivity"])
    all_days = {datetime.fromtimestamp(s, UTC).date() for stamps in per_chat.values() for s in stamps}
    return {
        "object": "usage_activity",
        "range": {"start": iso(start), "end": iso(end)},
        "scope": scope,
        "summary": {
            "activeUsers": 1 if per_chat else 0,
            "activeDays": len(all_days),
            "chatCount": len(per_chat),
            "messageCount": sum(len(s) for s in per_chat.values()),
        },
        "projects": [{k: v for k, v in p.items() if k != "_days"} for p in projects.values()],
        "chats": chats,
    }


# Webhooks ----------------------------------------------------------------------------


def _hook_json(hook: Hook) -> JSON:
    return {
        "id": hook.id,
        "createdAt": iso(hook.created_at),
        "name": hook.name,
        "events": list(hook.events),
        "url": hook.url,
        "chatId": hook.chat_id,
    }


@handles("webhooks.list")
def list_hooks(call: V2Call) -> list[JSON]:
    return [{"id": h.id, "name": h.name} for h in sorted(call.ws.hooks.values(), key=lambda h: h.created_at)]


@handles("webhooks.create")
def create_hook(call: V2Call) -> JSON:
    body, ws = call.body, call.ws
    chat_id = body.get("chatId")
    if chat_id is not None:
        ws.chat(chat_id)
    if not body["events"]:
        raise ApiError(422, "Invalid request body: events: subscribe to at least one event")
    _check_url(body["url"])
    hook = Hook(
        id=ws.ids.hook(),
        name=body["name"],
        events=list(dict.fromkeys(body["events"])),
        url=body["url"],
        chat_id=chat_id,
        created_at=call.now,
    )
    ws.hooks[hook.id] = hook
    return _hook_json(hook)


def _check_url(url: str) -> None:
    if not url.startswith(("https://", "http://")):
        raise ApiError(422, f"Invalid request body: url: {url!r} is not an http(s) URL")


@handles("webhooks.get")
def get_hook(call: V2Call) -> JSON:
    return _hook_json(call.ws.hook(call.params["hookId"]))


@handles("webhooks.update")
def update_hook(call: V2Call) -> JSON:
    hook, body = call.ws.hook(call.params["hookId"]), call.body
    if "name" in body:
        hook.name = body["name"]
    if "events" in body:
        if not body["events"]:
            raise ApiError(422, "Invalid request body: events: subscribe to at least one event")
        hook.events = list(dict.fromkeys(body["events"]))
    if "url" in body:
        _check_url(body["url"])
        hook.url = body["url"]
    return _hook_json(hook)


@handles("webhooks.delete")
def delete_hook(call: V2Call) -> JSON:
    hook = call.ws.hook(call.params["hookId"])
    del call.ws.hooks[hook.id]
    return {"id": hook.id, "deleted": True}
