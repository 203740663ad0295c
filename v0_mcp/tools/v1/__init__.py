"""API v1's tools: one module per toolset, every tool declared in its module's TOOLS."""

from __future__ import annotations

from typing import Final

from .._registry import declarations_path
from .._spec import ToolSpec
from . import account, chats, deployments, hooks, integrations, mcp_servers, projects, versions
from ._vocabulary import VOCABULARY

__all__ = ["ALL_TOOLS", "SCHEMAS", "VOCABULARY"]

ALL_TOOLS: Final[tuple[ToolSpec, ...]] = (
    *chats.TOOLS,
    *versions.TOOLS,
    *projects.TOOLS,
    *deployments.TOOLS,
    *hooks.TOOLS,
    *integrations.TOOLS,
    *account.TOOLS,
    *mcp_servers.TOOLS,
)

SCHEMAS: Final = declarations_path("v1")
"""What a server start serves of every tool (texts, toolset, kind, schemas), derived ahead of time by
``scripts/generate_tool_schemas.py``; a server reads it without importing this package."""
