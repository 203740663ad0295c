"""v0-mcp: the v0 Platform API as an MCP server."""

__version__ = "0.1.0"

__all__ = ["__version__"]
