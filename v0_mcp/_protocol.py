"""Protocol methods the SDK's ``MCPServer`` leaves out or offers where they cannot work.

* ``logging/setLevel``: ``MCPServer`` does not handle it, so a 2025-era client that
  sets a level (the MCP Inspector does on connect) gets "Method not found". v0-mcp
  logs to stderr, not to the client, so the request is accepted and remembered.
* Stateless HTTP (``--stateless``) has no channel from server to client on the
  2025-era leg, so a resource subscription would be accepted and never fire:
  the mode neither advertises nor accepts ``resources/subscribe``.

The SDK offers no public way to add or remove a request handler on ``MCPServer``,
so this module goes through the low-level server, reached in ``_sdk``.
"""

from __future__ import annotations

import logging
from typing import Any, Final

import mcp_types as types
from mcp.server.mcpserver import MCPServer

from ._sdk import lowlevel_of, request_handlers_of

__all__ = ["STATELESS_METHODS", "accept_log_levels", "drop_stateless_methods"]

logger = logging.getLogger(__name__)

# What a stateless 2025-era session cannot deliver: notifications need a session to travel on.
STATELESS_METHODS: Final = ("resources/subscribe", "resources/unsubscribe")


def accept_log_levels(server: MCPServer[Any]) -> None:
    """Answer ``logging/setLevel`` (2025-era clients), which also declares the logging capability."""

    async def set_level(ctx: Any, params: types.SetLevelRequestParams) -> types.EmptyResult:
        logger.debug("the client asked for log messages at %s and above", params.level)
        return types.EmptyResult()

    lowlevel_of(server).add_request_handler("logging/setLevel", types.SetLevelRequestParams, set_level)


def drop_stateless_methods(server: MCPServer[Any]) -> None:
    """Neither serve nor advertise what ``--stateless`` cannot deliver (see :data:`STATELESS_METHODS`)."""
    handlers = request_handlers_of(server)
    for method in STATELESS_METHODS:
        handlers.pop(method, None)
