"""v0 as MCP resources: chats, threads, versions, files, deployment logs and projects.

Tool results stay compact and link here (``resource_link``) for what they leave out:

* ``v0://chats/{chatId}`` - the chat: name, privacy, latest version, message count, URLs (JSON).
* ``v0://chats/{chatId}/messages`` - the whole thread as readable text, oldest first.
* ``v0://chats/{chatId}/messages/{messageId}`` - one message in full, as text.
* ``v0://chats/{chatId}/files/{+path}`` - one of the chat's current files, typed by its extension.
* ``v0://chats/{chatId}/versions/{versionId}`` - (API v1) status, demo URL and the file list (JSON).
* ``v0://chats/{chatId}/versions/{versionId}/files/{+path}`` - (API v1) one file of a version.
* ``v0://deployments/{deploymentId}/logs`` - build logs (then runtime logs) as text, oldest first, with levels;
  on API v2 read from Vercel, so they need ``VERCEL_TOKEN``.
* ``v0://projects/{projectId}`` - the project (on API v2 the Vercel project) and its chats (JSON).

Each API version serves its own templates (``uris.TEMPLATES_OF``, its adapter's
``templates``), read through its adapter; nothing here names an operation of either version.

The package holds reading (``_reading``), listing (``_listing``) and subscriptions
(``_subscriptions``); this module wires them into a server. URIs live in
:mod:`v0_mcp.uris`, shared with the tools that link to them.
"""

from __future__ import annotations

import inspect
import weakref
from typing import Any, Final

from mcp.server.lowlevel.server import Server
from mcp.server.mcpserver.resources import DEFAULT_RESOURCE_SECURITY, ResourceTemplate
from mcp.shared.uri_template import UriTemplate
from mcp.types import (
    PaginatedRequestParams,
    ReadResourceRequestParams,
    SubscribeRequestParams,
    SubscriptionsListenRequestParams,
    UnsubscribeRequestParams,
)

from .._sdk import add_resource_template, lowlevel_of, subscription_bus_of
from ..tools._runtime import V0MCPServer
from ..uris import (
    CHAT,
    CHAT_FILE,
    DEPLOYMENT_LOGS,
    FILE,
    MESSAGE,
    MESSAGES,
    PROJECT,
    TEMPLATES,
    TEMPLATES_OF,
    VERSION,
    chat_file_uri,
    file_uri,
)
from ._listing import LIST_PAGE_SIZE, list_handler, one_page
from ._reading import (
    MAX_LOG_LINES,
    MAX_MESSAGES,
    RESOURCE_NOT_FOUND,
    TEMPLATE_READERS,
    Template,
    not_found,
    typed_files,
)
from ._subscriptions import (
    MAX_LISTENS_PER_CALLER,
    MAX_WATCHES,
    MAX_WATCHES_PER_CONNECTION,
    MAX_WATCHES_PER_LISTEN,
    Watches,
    hosting_lifespan,
    listen_handler,
    subscribe_handlers,
)

__all__ = [
    "CHAT",
    "CHAT_FILE",
    "DEPLOYMENT_LOGS",
    "FILE",
    "LIST_PAGE_SIZE",
    "MAX_LISTENS_PER_CALLER",
    "MAX_LOG_LINES",
    "MAX_MESSAGES",
    "MAX_WATCHES",
    "MAX_WATCHES_PER_CONNECTION",
    "MAX_WATCHES_PER_LISTEN",
    "MESSAGE",
    "MESSAGES",
    "PROJECT",
    "RESOURCE_NOT_FOUND",
    "TEMPLATES",
    "VERSION",
    "chat_file_uri",
    "file_uri",
    "register_resources",
]


def sdk_template(template: Template) -> ResourceTemplate:
    """Return the SDK's template for one of ours, as ``MCPServer.resource`` would register it, for less.

    Every parameter of a ``v0://`` template is a string, so the SDK's argument model
    and validating wrapper would only check that a string is one; its path-safety
    policy (``..``, absolute paths, NUL) applies as it does to any template.
    """
    parsed = UriTemplate.parse(template.uri)
    variables = list(parsed.variable_names)
    parameters = [name for name in inspect.signature(template.read).parameters if name != "ctx"]
    if sorted(parameters) != sorted(variables):
        raise ValueError(f"{template.read.__name__} takes {parameters}, but {template.uri} gives {variables}")
    return ResourceTemplate(
        uri_template=template.uri,
        name=template.name,
        title=template.title,
        description=template.description,
        mime_type=template.mime_type,
        fn=template.read,
        parameters={
            "type": "object",
            "properties": {name: {"type": "string"} for name in variables},
            "required": variables,
        },
        context_kwarg="ctx",
        parsed_template=parsed,
        security=DEFAULT_RESOURCE_SECURITY,
    )


_REGISTERED: Final[weakref.WeakSet[Any]] = weakref.WeakSet()  # servers already wired (registering is idempotent)


def register_resources(server: V0MCPServer, version: str | None = None) -> None:
    """Serve the ``v0://`` templates, a paginated ``resources/list`` and resource subscriptions on ``server``.

    Only the templates API ``version`` serves are registered (every template when
    None). Registering twice is a no-op.
    """
    if server in _REGISTERED:
        return
    _REGISTERED.add(server)
    served = TEMPLATES_OF[version] if version is not None else frozenset(TEMPLATES)
    for template in TEMPLATE_READERS:
        if template.uri in served:
            add_resource_template(server, sdk_template(template))

    # MCPServer has no public hook for these; the low-level server takes replacement handlers.
    lowlevel: Server[Any] = lowlevel_of(server)
    lowlevel.add_request_handler("resources/list", PaginatedRequestParams, list_handler(server))
    read = lowlevel.get_request_handler("resources/read")
    if read is not None:
        lowlevel.add_request_handler("resources/read", ReadResourceRequestParams, not_found(typed_files(read.handler)))
    tools = lowlevel.get_request_handler("tools/list")
    if tools is not None:
        lowlevel.add_request_handler("tools/list", PaginatedRequestParams, one_page(tools.handler, "tools/list"))

    watches = Watches()
    subscribe, unsubscribe = subscribe_handlers(server, watches)
    lowlevel.add_request_handler("resources/subscribe", SubscribeRequestParams, subscribe)
    lowlevel.add_request_handler("resources/unsubscribe", UnsubscribeRequestParams, unsubscribe)
    lowlevel.lifespan = hosting_lifespan(lowlevel, watches)

    listen = lowlevel.get_request_handler("subscriptions/listen")
    bus = subscription_bus_of(server)
    if listen is not None and bus is not None:
        lowlevel.add_request_handler(
            "subscriptions/listen", SubscriptionsListenRequestParams, listen_handler(server, bus)
        )
