"""The files toolset of API v2."""

from __future__ import annotations

from .._registry import ToolSpec

TOOLS: tuple[ToolSpec, ...] = ()
