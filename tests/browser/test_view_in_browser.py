"""The view in headless Chromium, inside a host page, fed by the real ``v0-mcp --demo`` process.

It asserts what a person sees: the preview frame loads through the proxy, the file list
shows the generated files, a click shows a file's content, and Deploy ends READY.
A screenshot is saved under ``tests/browser/artifacts/`` (the README's comes from the v2 run).
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from mcp import Client, StdioServerParameters
from mcp.client.stdio import stdio_client
from mcp.server.mcpserver import MCPServer
from playwright.async_api import async_playwright, expect

from tests._processes import server_env
from tests.browser._harness import PREVIEW_TEXT, PREVIEW_TOKEN, host_app, preview_app, view_csp
from tests.conftest import ROOT
from tests.preview.conftest import serving
from v0_mcp.app import APP_URI, app_extension
from v0_mcp.preview import PreviewService, UpstreamPreview

pytestmark = [pytest.mark.anyio, pytest.mark.e2e]

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium() -> str:
    found = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    assert found, "headless Chromium is needed: apt-get install chromium (or set CHROMIUM=/path/to/chrome)"
    return found


@asynccontextmanager
async def demo(tmp_path: Path) -> AsyncIterator[Client]:
    """The real ``v0-mcp --demo`` over stdio, generating in half a second."""
    env = server_env(V0_MCP_DEMO_DELAY="0.5")
    params = StdioServerParameters(command=sys.executable, args=["-m", "v0_mcp", "--demo"], env=env, cwd=ROOT)
    with (tmp_path / "stderr.log").open("w+") as errlog:
        async with Client(stdio_client(params, errlog=errlog)) as client:
            yield client


async def _view_resource(origin: str) -> tuple[str, dict[str, Any]]:
    """Read the view as a host does: resources/read of the ui:// resource, with its _meta."""
    async with Client(MCPServer("view", extensions=[app_extension(preview_origin=lambda: origin)])) as client:
        (content,) = (await client.read_resource(APP_URI)).contents
    assert content.meta is not None
    return getattr(content, "text", ""), content.meta["ui"]["csp"]


async def test_preview_files_and_deploy_in_a_real_browser(tmp_path: Path) -> None:
    async with demo(tmp_path) as client:
        await _run(client)


async def _run(demo: Client) -> None:
    created = await demo.call_tool("create_chat", {"message": "A todo app with a clean layout", "waitSeconds": 30})
    chat = created.structured_content or {}
    assert not created.is_error and chat["status"] == "completed", chat
    files = [f["name"] for f in chat["files"]]

    async with serving(preview_app()) as upstream:

        async def fetch_preview(chat_id: str) -> UpstreamPreview | None:
            assert chat_id == chat["chatId"]
            return UpstreamPreview(url=upstream, token=PREVIEW_TOKEN, expires_at=4_102_444_800.0)

        async with PreviewService(fetch_preview) as previews:
            preview_url = await previews.url_for(chat["chatId"])
            view_html, csp = await _view_resource(previews.origin)
            # The v1 result as the demo gave it, plus previewUrl: the field the v2 tools return.
            result = created.model_dump(mode="json", by_alias=True, exclude_none=True)
            result["structuredContent"]["previewUrl"] = preview_url
            result.pop("_meta", None)
            calls: list[str] = []
            app = host_app(demo, view_html=view_html, csp=view_csp(csp), calls=calls)
            async with serving(app) as host:
                port = host.rsplit(":", 1)[1]
                boot = {
                    "tool": "create_chat",
                    "arguments": {"message": "A todo app with a clean layout", "waitSeconds": 30},
                    "result": result,
                    "viewUrl": f"http://localhost:{port}/view",
                }
                app.state.boot = boot
                await _drive(host, boot, demo, chat, files, calls)


async def _drive(
    host: str, boot: dict[str, Any], demo: Client, chat: dict[str, Any], files: list[str], calls: list[str]
) -> None:
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=_chromium(), args=CHROMIUM_FLAGS)
        try:
            page = await browser.new_page(viewport={"width": 1000, "height": 800})
            await page.goto(host + "/")
            view = page.frame_locator("#view")

            await expect(view.locator("#status")).to_have_text("ready", timeout=30_000)
            # The preview frame loaded through the proxy: the page and its root-relative script, token-gated.
            await expect(view.frame_locator("#preview").locator("#hello")).to_have_text(PREVIEW_TEXT, timeout=30_000)

            buttons = view.locator("#file-list button")
            await expect(buttons).to_have_count(len(files))
            assert await buttons.all_inner_texts() == files
            target = next(name for name in files if name.endswith((".tsx", ".ts", ".css", ".json")))
            await buttons.filter(has_text=target).first.click()
            uri = f"v0://chats/{chat['chatId']}/versions/{chat['versionId']}/files/{target}"
            expected = (await demo.read_resource(uri)).contents[0]
            first_line = getattr(expected, "text", "").strip().splitlines()[0]
            await expect(view.locator("#file-name")).to_have_text(target)
            await expect(view.locator("#file-content")).to_contain_text(first_line, timeout=30_000)

            await view.locator("#deploy-btn").click()
            await expect(view.locator("#deploy-state")).to_have_text("READY", timeout=90_000)
            await expect(view.locator("#deploy-url")).to_contain_text(".vercel.app")
            await expect(view.locator("#deploy-log")).to_contain_text("Deployment ready")
            assert "create_deployment" in calls and "get_deployment_logs" in calls

            ARTIFACTS.mkdir(exist_ok=True)
            await page.screenshot(path=str(ARTIFACTS / "app-view-v1.png"), full_page=True)
        finally:
            await browser.close()
