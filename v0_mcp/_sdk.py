"""Every reach into the MCP SDK's private internals, in one place.

The SDK offers no public hook for what these do (replace a request handler of an
``MCPServer``, reach its subscription bus, tell one client connection from
another). Each accessor checks what it reaches and raises :class:`SDKChanged`
instead of falling back silently, and ``tests/distribution/test_sdk_seams.py``
calls each of them against the installed SDK, so an upgrade that moves one
fails loudly in the test run, not quietly in production.
"""

from __future__ import annotations

import os
import sys
from collections.abc import AsyncIterable, AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio
from mcp.server.lowlevel.server import Server
from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.resources import ResourceTemplate
from mcp.server.session import ServerSession
from mcp.server.subscriptions import SubscriptionBus

__all__ = [
    "SDKChanged",
    "add_resource_template",
    "cancel_requested",
    "connection_of",
    "lowlevel_of",
    "request_handlers_of",
    "stdin_lines",
    "subscription_bus_of",
    "tool_names_of",
]


class SDKChanged(RuntimeError):
    """The installed MCP SDK no longer has an internal that v0-mcp relies on."""


def lowlevel_of(server: MCPServer[Any]) -> Server[Any]:
    """Return the low-level server under ``server``: the one place request handlers can be replaced."""
    lowlevel = vars(server).get("_lowlevel_server")
    if not isinstance(lowlevel, Server):
        raise SDKChanged("MCPServer._lowlevel_server is gone: update v0_mcp._sdk for this SDK")
    return lowlevel


def subscription_bus_of(server: MCPServer[Any]) -> SubscriptionBus | None:
    """Return the server's ``subscriptions/listen`` bus, or None when subscriptions are turned off."""
    if "_subscriptions" not in vars(server):
        raise SDKChanged("MCPServer._subscriptions is gone: update v0_mcp._sdk for this SDK")
    bus: SubscriptionBus | None = vars(server)["_subscriptions"]
    return bus


def connection_of(session: Any) -> object:
    """Return what identifies a client connection across its requests.

    Low-level handlers get a session per request; the connection it wraps is the
    same for every request of one client.
    """
    if not isinstance(session, ServerSession):
        return session  # a test double or a future session type: it is its own identity
    connection = vars(session).get("_connection")
    if connection is None:
        raise SDKChanged("ServerSession._connection is gone: update v0_mcp._sdk for this SDK")
    return connection


def cancel_requested(session: Any) -> bool:
    """Whether the client sent ``notifications/cancelled`` for the request ``session`` serves.

    A handler is cancelled alike when the client cancels its call, when the server
    shuts down and when the connection drops; only the first is the user's wish.
    """
    if not isinstance(session, ServerSession):
        return False  # a test double or a future session type: no cancellation it could tell us of
    outbound = vars(session).get("_request_outbound")
    event = getattr(outbound, "cancel_requested", None)
    if not isinstance(event, anyio.Event):
        raise SDKChanged("ServerSession._request_outbound.cancel_requested is gone: update v0_mcp._sdk for this SDK")
    return event.is_set()


def add_resource_template(server: MCPServer[Any], template: ResourceTemplate) -> None:
    """Serve ``template`` as built by the caller.

    ``MCPServer.resource`` derives an argument model and a validating wrapper for
    each template, most of what building the server costs (cold start is measured);
    a template whose parameters are all strings needs neither.
    """
    manager = vars(server).get("_resource_manager")
    templates = vars(manager).get("_templates") if manager is not None else None
    if not isinstance(templates, dict):
        raise SDKChanged("MCPServer._resource_manager._templates is gone: update v0_mcp._sdk for this SDK")
    templates[template.uri_template] = template


def tool_names_of(server: MCPServer[Any]) -> set[str]:
    """Return the names of the tools ``server`` serves, without a request (``list_tools`` is async)."""
    manager = vars(server).get("_tool_manager")
    listing = getattr(manager, "list_tools", None)
    if not callable(listing):
        raise SDKChanged("MCPServer._tool_manager.list_tools is gone: update v0_mcp._sdk for this SDK")
    return {tool.name for tool in listing()}


def request_handlers_of(server: MCPServer[Any]) -> dict[str, Any]:
    """Return the low-level server's handler table (method -> handler), to withdraw a method it must not serve."""
    handlers = vars(lowlevel_of(server)).get("_request_handlers")
    if not isinstance(handlers, dict):
        raise SDKChanged("Server._request_handlers is gone: update v0_mcp._sdk for this SDK")
    return handlers


@asynccontextmanager
async def stdin_lines() -> AsyncIterator[AsyncIterable[str]]:
    """Claim fd 0 the way the SDK's stdio transport does (handlers then read EOF from it), as UTF-8 lines.

    The SDK reads stdin itself and drops what it cannot parse; reading it here lets
    v0-mcp answer such lines (see ``_stdio``) with the SDK's own claim on the descriptor.
    """
    try:
        from mcp.server.stdio import _claim_fd, _UnownedTextWrapper
    except ImportError as exc:  # pragma: no cover - only on an SDK upgrade
        raise SDKChanged(f"mcp.server.stdio internals moved ({exc}): update v0_mcp._sdk for this SDK") from None
    buffer, release = _claim_fd(0, sys.stdin, "rb", _devnull_reader)
    try:
        yield anyio.wrap_file(_UnownedTextWrapper(buffer, encoding="utf-8", errors="replace"))
    finally:
        if release is not None:
            release()


def _devnull_reader() -> int:
    return os.open(os.devnull, os.O_RDONLY)
