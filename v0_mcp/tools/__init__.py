"""The MCP face of v0: one module per toolset, every tool declared in its module's TOOLS.

``ALL_TOOLS`` is the one flat list; :func:`select` filters it (toolsets, tools,
exclusions, read-only) and :func:`to_mcp_tool` builds what the server serves.
"""

from __future__ import annotations

from typing import Final

from . import account, chats, deployments, hooks, integrations, mcp_servers, projects, versions
from ._registry import TOOLSETS, Selection, ToolSpec, UnknownNameError, select, to_mcp_tool
from ._runtime import API_KEY_HEADER, Runtime

__all__ = [
    "ALL_TOOLS",
    "API_KEY_HEADER",
    "TOOLSETS",
    "Runtime",
    "Selection",
    "ToolSpec",
    "UnknownNameError",
    "select",
    "to_mcp_tool",
]

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
