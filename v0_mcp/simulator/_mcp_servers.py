"""Handlers of MCP server registrations.

Credentials are kept but never answered: responses carry only ``auth.type``.
``createOAuthAuthorizationUrl`` builds the authorization URL of a server configured with
``oauth`` auth; for any other auth type it answers 422.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from pydantic import BaseModel

from ._clock import iso
from ._errors import ApiError
from ._paging import newest_first
from ._registry import Call, handles
from ._shapes import mcp_server
from ._state import McpServer

__all__: list[str] = []

JSON = dict[str, Any]
_CALLBACK = "https://v0.app/api/mcp/oauth/callback"


def _auth(value: Any) -> dict[str, Any]:
    return value.model_dump(exclude_none=True) if isinstance(value, BaseModel) else {"type": "none"}


@handles("mcpServers.find")
def find(call: Call) -> JSON:
    servers = newest_first(call.ws.mcp_servers.values(), lambda s: s.created_at)
    return {"object": "list", "data": [mcp_server(s) for s in servers]}


@handles("mcpServers.create")
def create(call: Call) -> JSON:
    body, ws = call.body, call.ws
    server = McpServer(
        id=ws.ids.mcp_server(),
        name=body.name,
        url=body.url,
        enabled=body.enabled,
        auth=_auth(body.auth),
        scope=body.scope,
        created_at=call.now,
        updated_at=call.now,
        description=body.description,
    )
    ws.mcp_servers[server.id] = server
    return mcp_server(server)


@handles("mcpServers.getById")
def get(call: Call) -> JSON:
    return mcp_server(call.ws.mcp_server(call.params["mcpServerId"]))


@handles("mcpServers.update")
def update(call: Call) -> JSON:
    body, server = call.body, call.ws.mcp_server(call.params["mcpServerId"])
    for field in ("name", "url", "description", "enabled", "scope"):
        value = getattr(body, field)
        if value is not None:
            setattr(server, field, value)
    if body.auth is not None:
        server.auth = _auth(body.auth)
    server.updated_at = call.now
    return mcp_server(server)


@handles("mcpServers.delete")
def delete(call: Call) -> JSON:
    server = call.ws.mcp_server(call.params["mcpServerId"])
    del call.ws.mcp_servers[server.id]
    return {"object": "mcp_server", "id": server.id, "deleted": True}


@handles("mcpServers.createOAuthAuthorizationUrl")
def authorize(call: Call) -> JSON:
    server = call.ws.mcp_server(call.params["mcpServerId"])
    if server.auth.get("type") != "oauth":
        raise ApiError(422, f"MCP server {server.id} does not use OAuth (auth type {server.auth.get('type')!r})")
    config = server.auth["config"]
    state = call.ws.ids.opaque("st_", 24)
    query = {"response_type": "code", "client_id": config["clientId"], "redirect_uri": _CALLBACK, "state": state}
    if config.get("scopes"):
        query["scope"] = " ".join(config["scopes"])
    if config.get("resource"):
        query["resource"] = config["resource"]
    if config.get("usePKCE", True):
        query.update(code_challenge=call.ws.ids.token(43), code_challenge_method="S256")
    separator = "&" if "?" in config["authorizationUrl"] else "?"
    return {
        "object": "mcp_server_oauth_authorization",
        "mcpServerId": server.id,
        "url": f"{config['authorizationUrl']}{separator}{urlencode(query)}",
        "state": state,
        "expiresAt": iso(call.now + 600),
    }
