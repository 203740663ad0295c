"""The account toolset of API v2: what v0 use cost, and who used it.

v2 reports consumption only: credits used by day, billed events, activity per
project and chat. There is no balance, plan or rate-limit endpoint any more.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from .._results import Result
from .._shapes import Shape
from .._spec import ToolSpec
from ._declare import endpoint, plain

__all__ = ["TOOLS", "UsageEvent", "UsageEvents", "UsageSummary", "usage_event"]


class Credits(Shape):
    plan: float | None = None
    onDemand: float | None = None
    total: float | None = None


class DayCredits(Shape):
    date: str
    total: float | None = None


class UsageSummary(Result):
    start: str | None = None
    end: str | None = None
    scope: str | None = None
    credits: Credits | None = None
    daily: list[DayCredits] | None = None
    dataAsOf: str | None = None


class UsageEvent(Shape):
    id: str
    type: str | None = None
    createdAt: str | None = None
    chatId: str | None = None
    messageId: str | None = None
    userId: str | None = None
    model: str | None = None
    sources: list[str] | None = None
    waived: bool | None = None
    credits: float | None = None
    tokens: float | None = None


class UsageEvents(Result):
    events: list[UsageEvent]
    hasMore: bool = False
    nextCursor: str | None = None


def _scope(scope: Any) -> str | None:
    if scope is None:
        return None
    wide = "team-wide" if scope.isTeamWide else f"user {scope.userId}" if scope.userId else None
    return ", ".join(part for part in (scope.type, scope.id, wide) if part)


def _summary(response: Any, _: Mapping[str, Any]) -> UsageSummary:
    span = response.range
    credits = response.credits
    return UsageSummary(
        start=span.start if span else None,
        end=span.end if span else None,
        scope=_scope(response.scope),
        credits=Credits(plan=credits.plan, onDemand=credits.onDemand, total=credits.total) if credits else None,
        daily=[
            DayCredits(date=day.date, total=day.credits.total if day.credits else None)
            for day in response.daily or []
            if day.date
        ]
        or None,
        dataAsOf=response.dataAsOf,
        note="Credits consumed in the range (default: the last 7 days), not a balance; v2 reports no balance.",
    )


def usage_event(event: Any) -> UsageEvent:
    """Shape a billed event: what it was, where, and what it cost."""
    tokens = event.tokens
    total = tokens.get("total") if isinstance(tokens, dict) else getattr(tokens, "total", None)
    cost = event.creditsCost
    return UsageEvent(
        id=event.id,
        type=event.type,
        createdAt=event.createdAt,
        chatId=event.chatId,
        messageId=event.messageId,
        userId=event.userId,
        model=event.model,
        sources=[str(source) for source in event.sources or []] or None,
        waived=event.waived,
        credits=(cost.charged if cost.charged is not None else cost.total) if cost else None,
        tokens=total if isinstance(total, int | float) else None,
    )


def _events(response: Any, _: Mapping[str, Any]) -> UsageEvents:
    paging = response.pagination
    more = bool(paging and paging.hasMore)
    cursor = paging.cursor if paging and more else None
    return UsageEvents(
        events=[usage_event(event) for event in response.data or []],
        hasMore=more,
        nextCursor=cursor,
        note=f"More events: call again with cursor={cursor!r} (it keeps the range and filters)." if cursor else None,
    )


TOOLS: Final[tuple[ToolSpec, ...]] = (
    endpoint(
        "get_usage_summary",
        title="Usage summary",
        description="Credits used in a date range (default: the last 7 days), in total and per day; not a balance.",
        output=UsageSummary,
        shape=_summary,
    ),
    endpoint(
        "list_usage_events",
        title="Usage events",
        description="List billed events (type, model, credits, chat) newest first; page with cursor=nextCursor.",
        output=UsageEvents,
        shape=_events,
    ),
    plain(
        "get_usage_activity",
        title="Usage activity",
        description="Active users and days, chat and message counts per project and per chat, in a date range.",
    ),
)
