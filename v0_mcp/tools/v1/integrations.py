"""The integrations toolset: Vercel projects linked to v0 projects."""

from __future__ import annotations

from ._declare import plain

TOOLS = (
    plain("list_vercel_projects", title="List Vercel projects", description="List Vercel projects linked to v0."),
    plain(
        "create_vercel_project",
        title="Link Vercel project",
        description="Create a Vercel project linked to a v0 project.",
    ),
)
