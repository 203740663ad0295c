"""Handlers of the account: user, plan, billing, scopes, rate limits and usage reports.

Reports are computed from the workspace's own history: every finished generation
records one usage event (cost in USD as strings, tokens estimated from the text).
``rateLimits.find`` reports the same window the app enforces (``reset`` in milliseconds).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from ._clock import iso, ms
from ._paging import decode_cursor, encode_cursor, page, timestamp
from ._registry import Call, handles
from ._shapes import api_base, user_summary
from ._state import UsageEvent, Workspace

__all__: list[str] = []

JSON = dict[str, Any]
_BALANCE = 20.0


def _day_start(now: float) -> datetime:
    return datetime.fromtimestamp(now, UTC).replace(hour=0, minute=0, second=0, microsecond=0)


def _cycle(now: float) -> JSON:
    month = _day_start(now).replace(day=1)
    following = (month + timedelta(days=32)).replace(day=1)
    return {"start": ms(month.timestamp()), "end": ms(following.timestamp())}


def _spent(ws: Workspace) -> float:
    return sum(e.prompt_cost + e.completion_cost for e in ws.usage)


def _balance(ws: Workspace) -> JSON:
    return {"remaining": round(max(0.0, _BALANCE - _spent(ws)), 4), "total": _BALANCE}


def _in_range(at: float, start: float | None, end: float | None) -> bool:
    return (start is None or at >= start) and (end is None or at < end)


@handles("rateLimits.find")
def rate_limits(call: Call) -> JSON:
    ws, config = call.ws, call.config
    day = _day_start(call.now)
    sent = sum(1 for m in ws.messages.values() if m.role == "user" and m.created_at >= day.timestamp())
    return {
        "limit": config.rate_limit,
        "remaining": max(0, config.rate_limit - ws.rate.count),
        "reset": ms(ws.rate.start + config.rate_window),
        "dailyLimit": {
            "limit": config.daily_message_limit,
            "remaining": max(0, config.daily_message_limit - sent),
            "reset": ms((day + timedelta(days=1)).timestamp()),
            "isWithinGracePeriod": call.now - ws.user.created_at < 48 * 3600,
        },
    }


@handles("user.get")
def user(call: Call) -> JSON:
    return user_summary(call.ws.user)


@handles("user.getPlan")
def plan(call: Call) -> JSON:
    return {"object": "plan", "plan": "premium", "billingCycle": _cycle(call.now), "balance": _balance(call.ws)}


@handles("user.getBilling")
def billing(call: Call) -> JSON:
    data = {
        "plan": "premium",
        "role": "OWNER",
        "billingCycle": _cycle(call.now),
        "balance": _balance(call.ws),
        "onDemand": {"balance": 0, "blocks": []},
    }
    return {"billingType": "token", "data": data}


@handles("user.getScopes")
def scopes(call: Call) -> JSON:
    ws = call.ws
    return {
        "object": "list",
        "data": [
            {"id": ws.user.id, "object": "scope", "name": "Personal Account"},
            {"id": ws.user.team_id, "object": "scope", "name": "Sim Team"},
        ],
    }


def _usage_item(ws: Workspace, event: UsageEvent) -> JSON:
    return {
        "id": event.id,
        "object": "usage_event",
        "type": "message",
        "promptCost": f"{event.prompt_cost:.4f}",
        "completionCost": f"{event.completion_cost:.4f}",
        "totalCost": f"{event.prompt_cost + event.completion_cost:.4f}",
        "chatId": event.chat_id,
        "messageId": event.message_id,
        "userId": ws.user.id,
        "user": user_summary(ws.user),
        "createdAt": iso(event.created_at),
    }


@handles("reports.getUsage")
def usage(call: Call) -> JSON:
    q, ws = call.query, call.ws
    start, end = timestamp(q.startDate), timestamp(q.endDate)
    events = [
        e
        for e in reversed(ws.usage)
        if _in_range(e.created_at, start, end)
        and q.chatId in (None, e.chat_id)
        and q.messageId in (None, e.message_id)
        and q.userId in (None, ws.user.id)
    ]
    items, pagination = page(events, cursor=q.cursor, limit=q.limit, url=f"{api_base()}/reports/usage")
    return {
        "object": "list",
        "data": [_usage_item(ws, e) for e in items],
        "pagination": pagination,
        "meta": {"totalCount": len(items)},
    }


@handles("reports.getAIUsage")
def ai_usage(call: Call) -> JSON:
    q, ws = call.query, call.ws
    start, end = timestamp(q.start), timestamp(q.end)
    events = [e for e in reversed(ws.usage) if _in_range(e.created_at, start, end)]
    offset = decode_cursor(q.cursor)
    items = events[offset : offset + q.limit]
    more = offset + q.limit < len(events)
    return {
        "object": "list",
        "data": [
            {
                "eventId": e.id,
                "modelId": e.model_id,
                "inputTokens": e.input_tokens,
                "outputTokens": e.output_tokens,
                "totalTokens": e.input_tokens + e.output_tokens,
                "cacheCreationInputTokens": 0,
                "cacheCreationInputTokens1h": 0,
                "cacheReadInputTokens": e.cache_read_tokens,
                "timestamp": iso(e.created_at),
                "requestId": e.request_id,
                "useCase": "chat",
                "chatId": e.chat_id,
                "messageId": e.message_id,
                "userId": ws.user.id,
                "userEmail": ws.user.email,
            }
            for e in items
        ],
        "pagination": {"nextCursor": encode_cursor(offset + q.limit) if more else None},
        "dateRange": {"start": iso(start) if start is not None else None, "end": iso(end) if end is not None else None},
    }


@handles("reports.getUserActivity")
def user_activity(call: Call) -> JSON:
    q, ws = call.query, call.ws
    start, end = timestamp(q.startDate), timestamp(q.endDate)
    messages = [m for m in ws.messages.values() if m.role == "user" and _in_range(m.created_at, start, end)]
    times = sorted(m.created_at for m in messages)
    days = {datetime.fromtimestamp(t, UTC).date() for t in times}
    person = user_summary(ws.user) | {"teamV0Role": "V0Builder"}
    row = {
        "id": ws.user.id,
        "object": "user_activity",
        "user": person,
        "chatCount": sum(1 for c in ws.chats.values() if _in_range(c.created_at, start, end)),
        "messageCount": len(messages),
        "activeDays": len(days),
        "firstActivity": iso(times[0]) if times else None,
        "lastActivity": iso(times[-1]) if times else None,
    }
    date_range = {"start": iso(start) if start is not None else None, "end": iso(end) if end is not None else None}
    return {"object": "list", "data": [row], "meta": {"totalCount": 1, "dateRange": date_range}}
