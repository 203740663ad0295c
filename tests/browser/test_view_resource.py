"""The view as an MCP Apps resource: MIME type, CSP, capability, and a document that fetches nothing."""

from __future__ import annotations

import re

import pytest
from mcp import Client
from mcp.server.apps import APP_MIME_TYPE, EXTENSION_ID
from mcp.server.mcpserver import MCPServer

from v0_mcp.app import APP_TOOLS, APP_URI, app_extension, register_app, tool_meta, view_html

pytestmark = pytest.mark.anyio

ORIGIN = "http://127.0.0.1:5555"


def _servers() -> list[MCPServer]:
    built = MCPServer("t", extensions=[app_extension(preview_origin=lambda: ORIGIN)])
    late = MCPServer("t")
    register_app(late, preview_origin=lambda: ORIGIN)
    return [built, late]


@pytest.mark.parametrize("mode", ["auto", "legacy"])
@pytest.mark.parametrize("which", [0, 1], ids=["app_extension", "register_app"])
async def test_view_is_served_with_the_app_mime_type_and_a_preview_only_csp(mode: str, which: int) -> None:
    async with Client(_servers()[which], mode=mode) as client:
        listed = {r.uri: r for r in (await client.list_resources()).resources}
        read = await client.read_resource(APP_URI)
        capabilities = client.server_capabilities
    assert listed[APP_URI].mime_type == APP_MIME_TYPE
    (content,) = read.contents
    assert content.mime_type == APP_MIME_TYPE
    assert getattr(content, "text", None) == view_html()
    csp = (content.meta or {})["ui"]["csp"]
    assert csp["frameDomains"] == [ORIGIN, "https://*.vusercontent.net"]
    assert csp.get("connectDomains", []) == [] and csp.get("resourceDomains", []) == []
    assert capabilities is not None
    if mode == "auto":  # ServerCapabilities.extensions exists from 2026-07-28; the SDK omits it in the legacy era
        assert EXTENSION_ID in (capabilities.extensions or {})


async def test_csp_follows_the_preview_origin_when_it_is_bound_later() -> None:
    origin: list[str] = []
    server = MCPServer("t", extensions=[app_extension(preview_origin=lambda: origin[0] if origin else None)])
    async with Client(server) as client:
        before = (await client.read_resource(APP_URI)).contents[0].meta
        origin.append("http://127.0.0.1:6001")
        after = (await client.read_resource(APP_URI)).contents[0].meta
    assert before is not None and after is not None
    assert before["ui"]["csp"]["frameDomains"] == ["https://*.vusercontent.net"]
    assert after["ui"]["csp"]["frameDomains"] == ["http://127.0.0.1:6001", "https://*.vusercontent.net"]


def test_tool_meta_points_at_the_view_for_the_tools_that_build_the_app() -> None:
    assert tool_meta() == {"ui": {"resourceUri": APP_URI}}
    assert APP_URI.startswith("ui://")
    for name in ("create_chat", "send_message", "wait_for_generation", "get_preview", "create_deployment"):
        assert name in APP_TOOLS and tool_meta(name) == tool_meta()
    assert tool_meta("list_chats") is None and tool_meta("delete_chat") is None


def test_view_is_one_small_document_that_loads_nothing_from_the_network() -> None:
    html = view_html()
    assert html.startswith("<!doctype html>") and len(html.encode()) < 32_000
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html, re.IGNORECASE)
    for api in ("fetch(", "XMLHttpRequest", "WebSocket", "EventSource", "import(", "@import", "sendBeacon"):
        assert api not in html, api
    assert "ui/initialize" in html and "tools/call" in html and "resources/read" in html
