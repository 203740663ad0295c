"""The MCP face of v0: shared tool machinery here, each API version's tools in its own folder.

``tools.v1`` and ``tools.v2`` declare each version's tools (one module per toolset,
``ALL_TOOLS``) over its vocabulary; :func:`select` filters a version's tools (toolsets, tools, exclusions,
read-only) and :func:`to_mcp_tool` builds what the server serves. Importing this
package loads no API version: the server imports the one it serves.
"""

from __future__ import annotations

from ._registry import TOOLSETS, Selection, ToolSpec, UnknownNameError, select, to_mcp_tool
from ._runtime import API_KEY_HEADER, Runtime

__all__ = [
    "API_KEY_HEADER",
    "TOOLSETS",
    "Runtime",
    "Selection",
    "ToolSpec",
    "UnknownNameError",
    "select",
    "to_mcp_tool",
]
