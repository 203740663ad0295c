"""The mcp_servers toolset of API v2: MCP servers that v0 itself may call while it generates.

A server's credentials (a bearer token, custom headers, an OAuth client secret)
go to v0 and never come back: results say which kind of auth a server uses and
whether it is connected, never the secret itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from pydantic import BaseModel

from .._results import Result
from .._shapes import Deleted, Shape
from .._spec import ToolSpec
from ._declare import endpoint

__all__ = ["TOOLS", "McpServerInfo", "McpServerList", "mcp_server_info"]


class McpServerAuth(Shape):
    """How v0 authenticates to the server: the kind, never the secret."""

    type: str
    headerNames: list[str] | None = None  # custom-headers: which headers are sent, not their values
    connected: bool | None = None  # oauth
    expiresAt: str | None = None  # oauth


class McpServerInfo(Result):
    id: str
    name: str | None = None
    url: str | None = None
    description: str | None = None
    enabled: bool | None = None
    scope: str | None = None
    auth: McpServerAuth | None = None
    createdAt: str | None = None
    updatedAt: str | None = None


class McpServerList(Result):
    mcpServers: list[McpServerInfo]


def _auth(auth: Any) -> McpServerAuth | None:
    data = auth.model_dump() if isinstance(auth, BaseModel) else auth
    if not isinstance(data, Mapping) or not data.get("type"):
        return None
    headers = data.get("headers")
    return McpServerAuth(
        type=str(data["type"]),
        headerNames=sorted(str(name) for name in headers) if isinstance(headers, Mapping) and headers else None,
        connected=data.get("connected") if isinstance(data.get("connected"), bool) else None,
        expiresAt=data.get("expiresAt") if isinstance(data.get("expiresAt"), str) else None,
    )


def mcp_server_info(server: Any, _: Mapping[str, Any] | None = None) -> McpServerInfo:
    """Shape an MCP server without its credentials."""
    return McpServerInfo(
        id=server.id,
        name=server.name,
        url=server.url,
        description=server.description,
        enabled=server.enabled,
        scope=server.scope,
        auth=_auth(server.auth),
        createdAt=server.createdAt,
        updatedAt=server.updatedAt,
    )


def _servers(response: Any, _: Mapping[str, Any]) -> McpServerList:
    servers = [mcp_server_info(server) for server in response or []]
    note = None if servers else "No MCP servers yet: create_mcp_server adds one (at most 10 per user)."
    return McpServerList(mcpServers=servers, note=note)


TOOLS: Final[tuple[ToolSpec, ...]] = (
    endpoint(
        "list_mcp_servers",
        title="List MCP servers",
        description="List the MCP servers v0 may call while it generates (credentials never shown).",
        output=McpServerList,
        shape=_servers,
    ),
    endpoint(
        "get_mcp_server",
        title="Get MCP server",
        description="Get one MCP server: URL, scope, whether enabled, kind of auth (credentials never shown).",
        output=McpServerInfo,
        shape=mcp_server_info,
    ),
    endpoint(
        "create_mcp_server",
        title="Add MCP server",
        description="Add an MCP server for v0 to call while generating (at most 10 per user).",
        output=McpServerInfo,
        shape=mcp_server_info,
    ),
    endpoint(
        "update_mcp_server",
        title="Update MCP server",
        description="Change an MCP server's name, URL, auth, scope or whether it is enabled.",
        output=McpServerInfo,
        shape=mcp_server_info,
    ),
    endpoint(
        "delete_mcp_server",
        title="Remove MCP server",
        description="Remove an MCP server (and v0's OAuth tokens for it).",
        output=Deleted,
        shape=lambda r, args: Deleted(id=args["mcpServerId"], object="mcp_server", deleted=bool(r.success)),
    ),
)
