"""The account toolset: user, plan, billing, limits and usage reports."""

from __future__ import annotations

from ._declare import plain

TOOLS = (
    plain("get_user", title="Get user", description="Get the user the API key belongs to."),
    plain("get_plan", title="Get plan", description="Get the plan, billing cycle and balance."),
    plain("get_billing", title="Get billing", description="Get billing details."),
    plain("get_rate_limits", title="Get rate limits", description="Get remaining requests and when they reset."),
    plain("list_scopes", title="List scopes", description="List the scopes (personal, teams) the key can use."),
    plain("get_usage_report", title="Usage report", description="Cost events per message; page with cursor."),
    plain("get_ai_usage_report", title="AI usage report", description="Token events; page with cursor."),
    plain(
        "get_user_activity_report",
        title="User activity report",
        description="Per-user activity of a team (owners and billing roles).",
    ),
)
