"""The MCP face of v0: shared tool machinery here, each API version's tools in its own folder.

``tools/v1`` declares v1's tools (one module per toolset) over its vocabulary;
:func:`select` filters them (toolsets, tools, exclusions, read-only) and
:func:`to_mcp_tool` builds what the server serves.
"""

from __future__ import annotations

from ._registry import TOOLSETS, Selection, ToolSpec, UnknownNameError, select, to_mcp_tool
from ._runtime import API_KEY_HEADER, Runtime
from .v1 import ALL_TOOLS

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
