"""The MCP App view of v0-mcp: preview, files and deploy inside hosts that render MCP Apps."""

from __future__ import annotations

from ._view import (
    APP_TOOLS,
    APP_URI,
    AppResource,
    app_extension,
    list_view_only_to_app_hosts,
    register_app,
    tool_meta,
    view_html,
)

__all__ = [
    "APP_TOOLS",
    "APP_URI",
    "AppResource",
    "app_extension",
    "list_view_only_to_app_hosts",
    "register_app",
    "tool_meta",
    "view_html",
]
