"""The view on API v2 in headless Chromium, inside a host page, fed by the real ``v0-mcp --demo`` process.

Everything the view touches is the process's own: the tool result, the ``ui://`` resource
and its CSP (so the preview frame loads only if ``frameDomains`` names the process's preview
proxy), the preview (the simulator's token-gated ``/v2-preview`` site, through the proxy),
the files (``resources/read`` of ``v0://chats/{chatId}/files/{+path}``) and the deploy
(``create_deployment``, followed to READY). The screenshot is saved under
``tests/browser/artifacts/``; ``UPDATE_SCREENSHOT=1`` also refreshes ``docs/app-view.png``.
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
from playwright.async_api import async_playwright, expect

from tests._processes import server_env
from tests.browser._harness import host_app, view_csp
from tests.browser.test_view_in_browser import ARTIFACTS, CHROMIUM_FLAGS, _chromium
from tests.conftest import ROOT
from tests.preview.conftest import serving
from v0_mcp.app import APP_URI

pytestmark = [pytest.mark.anyio, pytest.mark.e2e]

PROMPT = "A todo app with a clean layout"


@asynccontextmanager
async def demo_v2(tmp_path: Path) -> AsyncIterator[Client]:
    """The real ``v0-mcp --demo`` on API v2 over stdio, generating in half a second."""
    env = server_env(api_version="v2", V0_MCP_DEMO_DELAY="0.5")
    params = StdioServerParameters(command=sys.executable, args=["-m", "v0_mcp", "--demo"], env=env, cwd=ROOT)
    with (tmp_path / "stderr.log").open("w+") as errlog:
        async with Client(stdio_client(params, errlog=errlog)) as client:
            yield client


async def test_v2_preview_files_and_deploy_in_a_real_browser(tmp_path: Path) -> None:
    async with demo_v2(tmp_path) as demo:
        created = await demo.call_tool("create_chat", {"message": PROMPT, "waitSeconds": 30})
        chat = created.structured_content or {}
        assert not created.is_error and chat["status"] == "completed", chat
        files = chat["filesEdited"]
        assert chat["previewUrl"].startswith("http://127.0.0.1:") and "/preview/" in chat["previewUrl"]

        (view,) = (await demo.read_resource(APP_URI)).contents
        assert view.meta is not None
        csp = view.meta["ui"]["csp"]
        assert csp["frameDomains"] == [chat["previewUrl"].split("/preview/")[0]]  # the proxy, nothing else

        result = created.model_dump(mode="json", by_alias=True, exclude_none=True)
        result.pop("_meta", None)
        calls: list[str] = []
        app = host_app(demo, view_html=getattr(view, "text", ""), csp=view_csp(csp), calls=calls)
        async with serving(app) as host:
            port = host.rsplit(":", 1)[1]
            app.state.boot = {
                "tool": "create_chat",
                "arguments": {"message": PROMPT, "waitSeconds": 30},
                "result": result,
                "viewUrl": f"http://localhost:{port}/view",
            }
            await _drive(host, demo, chat, files, calls)


async def _drive(host: str, demo: Client, chat: dict[str, Any], files: list[str], calls: list[str]) -> None:
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=_chromium(), args=CHROMIUM_FLAGS)
        try:
            page = await browser.new_page(viewport={"width": 1000, "height": 800})
            await page.goto(host + "/")
            view = page.frame_locator("#view")

            await expect(view.locator("#status")).to_have_text("ready", timeout=30_000)
            # The simulator's preview, token-gated, through the proxy (it reloads itself while the preview starts).
            preview = view.frame_locator("#preview")
            await expect(preview.locator("footer")).to_contain_text(f"Preview of chat {chat['chatId']}", timeout=30_000)
            await expect(preview.locator('section[data-file="app/page.tsx"]')).to_be_visible()

            buttons = view.locator("#file-list button")
            await expect(buttons).to_have_count(len(files))
            assert await buttons.all_inner_texts() == files
            target = "app/page.tsx" if "app/page.tsx" in files else next(f for f in files if f.endswith(".tsx"))
            await buttons.filter(has_text=target).first.click()
            expected = (await demo.read_resource(f"v0://chats/{chat['chatId']}/files/{target}")).contents[0]
            first_line = getattr(expected, "text", "").strip().splitlines()[0]
            await expect(view.locator("#file-name")).to_have_text(target)
            await expect(view.locator("#file-content")).to_contain_text(first_line, timeout=30_000)
            assert f"v0://chats/{chat['chatId']}/files/{target}" in calls

            await view.locator("#deploy-btn").click()
            await expect(view.locator("#deploy-state")).to_have_text("READY", timeout=120_000)
            await expect(view.locator("#deploy-url")).to_contain_text(".vercel.app")
            await expect(view.locator("#deploy-log")).to_contain_text("Build Completed", timeout=30_000)
            assert "create_deployment" in calls

            ARTIFACTS.mkdir(exist_ok=True)
            shot = ARTIFACTS / "app-view-v2.png"
            await page.screenshot(path=str(shot), full_page=True)
            if os.environ.get("UPDATE_SCREENSHOT") == "1":
                shutil.copyfile(shot, ROOT / "docs" / "app-view.png")
        finally:
            await browser.close()
