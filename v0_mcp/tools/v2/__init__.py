"""API v2's tools: one module per toolset, every tool declared in its module's TOOLS."""

from __future__ import annotations

from typing import Final

from .._registry import declarations_path
from .._spec import ToolSpec
from . import account, chats, deployments, files, hooks, mcp_servers, projects, settings
from ._vocabulary import VOCABULARY

__all__ = ["ALL_TOOLS", "SCHEMAS", "VOCABULARY"]

ALL_TOOLS: Final[tuple[ToolSpec, ...]] = (
    *chats.TOOLS,
    *files.TOOLS,
    *deployments.TOOLS,
    *projects.TOOLS,
    *hooks.TOOLS,
    *mcp_servers.TOOLS,
    *account.TOOLS,
    *settings.TOOLS,
)

SCHEMAS: Final = declarations_path("v2")
"""What a server start serves of every tool (texts, toolset, kind, schemas), derived ahead of time by
``scripts/generate_tool_schemas.py``; a server reads it without importing this package."""
