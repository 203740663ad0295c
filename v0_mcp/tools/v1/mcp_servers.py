"""The mcp_servers toolset: MCP servers that v0 itself may call while generating."""

from __future__ import annotations

from ._declare import plain

TOOLS = (
    plain("list_mcp_servers", title="List MCP servers", description="List MCP servers configured for v0 chats."),
    plain("get_mcp_server", title="Get MCP server", description="Get one MCP server (secrets never returned)."),
    plain("create_mcp_server", title="Add MCP server", description="Add an MCP server for v0 chats to use."),
    plain("update_mcp_server", title="Update MCP server", description="Change an MCP server's settings."),
    plain("delete_mcp_server", title="Delete MCP server", description="Remove an MCP server."),
    plain(
        "authorize_mcp_server",
        title="Authorize MCP server",
        description="Get the OAuth URL for the user to open; v0 then redirects to returnUrl.",
    ),
)
