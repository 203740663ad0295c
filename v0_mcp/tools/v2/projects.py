"""The projects toolset of API v2 (see spec/tool-vocabulary-v2.json for its tools)."""

from __future__ import annotations

from .._registry import ToolSpec

TOOLS: tuple[ToolSpec, ...] = ()
