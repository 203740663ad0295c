"""The MCP face of v0: shared tool machinery here, each API version's tools in its own folder.

``tools.v1`` and ``tools.v2`` declare each version's tools (one module per toolset,
``ALL_TOOLS``) over its vocabulary, and store what a server start needs of them
(:func:`stored_tools`); :func:`select` filters a version's tools (toolsets, tools,
exclusions, read-only) and :func:`to_mcp_tool` builds what the server serves.
Importing this package loads no API version, and a server start loads no toolset
module: the first call of a tool loads its version's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._registry import (
    TOOLSETS,
    Selection,
    StoredTool,
    UnknownNameError,
    guard_tool_calls,
    select,
    stored_tools,
    to_mcp_tool,
)
from ._runtime import API_KEY_HEADER, Runtime

if TYPE_CHECKING:
    from ._spec import ToolSpec

__all__ = [
    "API_KEY_HEADER",
    "TOOLSETS",
    "Runtime",
    "Selection",
    "StoredTool",
    "ToolSpec",
    "UnknownNameError",
    "guard_tool_calls",
    "select",
    "stored_tools",
    "to_mcp_tool",
]


def __getattr__(name: str) -> Any:
    # ToolSpec is what toolset modules declare with; a server start loads neither (cold start is measured).
    if name == "ToolSpec":
        from ._spec import ToolSpec

        return ToolSpec
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
