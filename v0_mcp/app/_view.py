"""The MCP App: one self-contained HTML view (preview, files, deploy) served as a ``ui://`` resource.

The view talks only to the host (JSON-RPC over ``postMessage``: ``tools/call``,
``resources/read``) and frames the preview; its CSP declares the preview origin in
``frameDomains`` and nothing else, so the host blocks every other network access.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from importlib.resources import files
from typing import Any, Final

from mcp.server.apps import APP_MIME_TYPE, EXTENSION_ID, Apps, ResourceCsp, client_supports_apps
from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.resources import Resource

from .._sdk import lowlevel_of, request_handlers_of

__all__ = [
    "APP_TOOLS",
    "APP_URI",
    "AppResource",
    "app_extension",
    "list_view_only_to_app_hosts",
    "register_app",
    "tool_meta",
    "view_html",
]

APP_URI: Final = "ui://v0-mcp/app.html"
# The tools that produce or change the app, in either API version: a host shows the view with their
# results. ``get_version`` is v1's counterpart of v2's ``get_preview`` (its result has the demoUrl and files).
APP_TOOLS: Final = frozenset(
    {"create_chat", "send_message", "wait_for_generation", "get_preview", "get_version", "create_deployment"}
)
V1_DEMO_ORIGINS: Final = ("https://*.vusercontent.net",)  # where v1's demoUrl previews live

PreviewOrigin = Callable[[], str | None]


@cache
def view_html() -> str:
    """Return the view's HTML document."""
    return files(__package__).joinpath("view.html").read_text(encoding="utf-8")


def tool_meta(name: str | None = None) -> dict[str, Any] | None:
    """Return the ``_meta`` that binds a tool to the view (merge into the tool's own ``_meta``).

    Given a tool's ``name``: that ``_meta`` for the tools in :data:`APP_TOOLS`, else ``None``.
    Only clients that negotiated MCP Apps see it (:func:`list_view_only_to_app_hosts`); the
    tools' results do not depend on it.
    """
    if name is not None and name not in APP_TOOLS:
        return None
    return {"ui": {"resourceUri": APP_URI}}


class AppResource(Resource):
    """The view as a resource whose CSP is computed when read: the stdio preview port is bound on demand."""

    preview_origin: PreviewOrigin | None = None
    frame_domains: tuple[str, ...] = ()

    def csp(self) -> ResourceCsp:
        """Frame the preview origin (and the given extra origins); nothing else external."""
        origin = self.preview_origin() if self.preview_origin is not None else None
        domains = [*([origin] if origin else []), *self.frame_domains]
        return ResourceCsp(frame_domains=list(dict.fromkeys(domains)), connect_domains=[], resource_domains=[])

    def ui_meta(self) -> dict[str, Any]:
        return {"ui": {"csp": self.csp().model_dump(by_alias=True, exclude_none=True), "prefersBorder": True}}

    async def read(self) -> str:
        self.meta = self.ui_meta()  # MCPServer puts resource.meta on the content it returns
        return view_html()


def _resource(preview_origin: PreviewOrigin | None, frame_domains: Sequence[str]) -> AppResource:
    resource = AppResource(
        uri=APP_URI,
        name="v0_app",
        title="v0 app",
        description="The app v0 is building: live preview, files, deploy",
        mime_type=APP_MIME_TYPE,
        preview_origin=preview_origin,
        frame_domains=tuple(frame_domains),
    )
    resource.meta = resource.ui_meta() if preview_origin is None else {"ui": {"prefersBorder": True}}
    return resource


def app_extension(
    *, preview_origin: PreviewOrigin | None = None, frame_domains: Sequence[str] = V1_DEMO_ORIGINS
) -> Apps:
    """Return the MCP Apps extension serving the view, for ``MCPServer(extensions=[...])``.

    ``preview_origin`` gives the preview proxy's origin (e.g. ``PreviewService.origin``) when
    the host reads the view; ``frame_domains`` adds fixed origins (v1's ``demoUrl`` host).
    """
    apps = Apps()
    apps.add_resource(_resource(preview_origin, frame_domains))
    return apps


def register_app(
    server: MCPServer[Any],
    *,
    preview_origin: PreviewOrigin | None = None,
    frame_domains: Sequence[str] = V1_DEMO_ORIGINS,
) -> None:
    """Serve the view from an already built server and advertise the MCP Apps extension.

    The SDK fixes extensions at construction; prefer :func:`app_extension` there. This adds the
    same resource afterwards and declares the capability on the low-level server.
    """
    server.add_resource(_resource(preview_origin, frame_domains))
    lowlevel_of(server).extensions.setdefault(EXTENSION_ID, {})


def list_view_only_to_app_hosts(server: MCPServer[Any]) -> None:
    """Keep ``_meta.ui`` out of ``tools/list`` for clients that did not negotiate MCP Apps.

    The MCP Apps spec asks servers to check the client's capabilities before offering UI-bound
    tools: a client that renders no view gets the tools exactly as they were before the view
    existed (and its context budget does not pay for the metadata). Call it once the server's
    other ``tools/list`` wrappers are in place.
    """
    entry = request_handlers_of(server)["tools/list"]

    async def list_tools(ctx: Any, params: Any) -> Any:
        result = await entry.handler(ctx, params)
        if client_supports_apps(ctx):
            return result
        return result.model_copy(update={"tools": [_without_view(tool) for tool in result.tools]})

    lowlevel_of(server).add_request_handler("tools/list", entry.params_type, list_tools)


def _without_view(tool: Any) -> Any:
    if not tool.meta or "ui" not in tool.meta:
        return tool
    rest = {key: value for key, value in tool.meta.items() if key != "ui"}
    return tool.model_copy(update={"meta": rest or None})
