"""The floor for the benchmarks: a bare ``MCPServer`` with one tool, over stdio.

Starting it costs what any MCP server in Python costs (the interpreter and the ``mcp``
import); v0-mcp's figures are ratios against it.
"""

from __future__ import annotations

from mcp.server.mcpserver import MCPServer

server = MCPServer("bare")


@server.tool()
def echo(text: str) -> str:
    """Return the text."""
    return text


if __name__ == "__main__":
    server.run()
