"""The view with v2-shaped results (pending, previewUrl, files[].path, readyState) and a host in dark theme.

No v2 server exists yet, so a scripted host answers the view's calls the way v2 tools will;
Playwright serves the host, the view and the preview from three fake origins.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from playwright.async_api import Route, async_playwright, expect

from tests.browser._harness import view_csp
from tests.browser.test_view_in_browser import CHROMIUM_FLAGS, _chromium
from v0_mcp.app import view_html

pytestmark = [pytest.mark.anyio, pytest.mark.e2e]

PENDING = {"chatId": "chat_v2", "messageId": "msg_1", "status": "pending", "note": "v0 is still generating"}
RESULT = {
    "chatId": "chat_v2",
    "messageId": "msg_1",
    "status": "completed",
    "previewUrl": "http://preview.test/preview/secret/",
    "files": [{"path": "app/page.tsx", "size": 31}, {"path": "app/layout.tsx", "size": 12}],
}
SCRIPT = {  # each call takes the next answer; the last one repeats
    "wait_for_generation": [RESULT],
    "create_deployment": [{"deploymentId": "dpl_v2", "vercelProjectId": "prj_1"}],
    "get_deployment": [
        {"id": "dpl_v2", "readyState": "BUILDING", "url": "app-v2.vercel.app"},
        {"id": "dpl_v2", "readyState": "READY", "url": "app-v2.vercel.app"},
    ],
    "get_deployment_logs": [
        {"deploymentId": "dpl_v2", "logs": [{"text": "Building with Next.js"}], "nextSince": 1},
        {"deploymentId": "dpl_v2", "logs": [{"text": "Build finished, ready"}]},
    ],
}
HOST = """<!doctype html><body><iframe id="view" src="http://view.test/view" sandbox="allow-scripts allow-same-origin"
 style="width:900px;height:900px"></iframe><script>
const script = %(script)s, result = %(result)s;
window.calls = [];
const view = document.getElementById("view");
const reply = (msg) => view.contentWindow.postMessage({ jsonrpc: "2.0", ...msg }, "*");
const structured = (data) => ({ content: [{ type: "text", text: JSON.stringify(data) }], structuredContent: data });
window.addEventListener("message", (event) => {
  const m = event.data;
  if (event.source !== view.contentWindow || !m || m.jsonrpc !== "2.0" || !m.method) return;
  window.calls.push({ method: m.method, params: m.params });
  if (m.method === "ui/initialize") {
    reply({ id: m.id, result: {
      protocolVersion: "2026-01-26", hostCapabilities: {}, hostInfo: { name: "t", version: "1" },
      hostContext: { theme: "dark", toolInfo: { tool: { name: "get_preview" } },
        styles: { variables: { "--color-background-primary": "rgb(1, 2, 3)" } } } } });
  } else if (m.method === "ui/notifications/initialized") {
    reply({ method: "ui/notifications/tool-input", params: { arguments: { chatId: "chat_v2" } } });
    reply({ method: "ui/notifications/tool-result", params: structured(result) });
  } else if (m.method === "tools/call") {
    const answers = script[m.params.name];
    reply({ id: m.id, result: structured(answers.length > 1 ? answers.shift() : answers[0]) });
  } else if (m.method === "resources/read") {
    const file = { uri: m.params.uri, mimeType: "text/tsx", text: "export default function Page() {}" };
    reply({ id: m.id, result: { contents: [file] } });
  } else if (m.id !== undefined) {
    reply({ id: m.id, result: {} });
  }
});
</script></body>"""


async def test_view_reads_v2_results_deploys_and_follows_the_dark_theme() -> None:
    host = HOST % {"script": json.dumps(SCRIPT), "result": json.dumps(PENDING)}
    csp = view_csp({"frameDomains": ["http://preview.test"]})

    async def serve(route: Route) -> None:
        url = route.request.url
        if url.startswith("http://host.test/"):
            await route.fulfill(body=host, content_type="text/html")
        elif url.startswith("http://view.test/view"):
            await route.fulfill(body=view_html(), content_type="text/html", headers={"content-security-policy": csp})
        elif url.startswith("http://preview.test/"):
            await route.fulfill(body="<h1 id='hello'>v2 preview</h1>", content_type="text/html")
        else:
            await route.abort()

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=_chromium(), args=CHROMIUM_FLAGS)
        try:
            page = await browser.new_page()
            await page.route("**/*", serve)
            await page.goto("http://host.test/")
            view = page.frame_locator("#view")

            # The tool returned before v0 finished: the view says so, and picks the generation up.
            await expect(view.locator("#status")).to_have_text("generating")
            await expect(view.locator("#doing")).to_have_text("v0 is still generating")
            await view.locator("#wait").click()
            await expect(view.locator("#status")).to_have_text("ready")
            await expect(view.locator("#wait")).to_be_hidden()
            await expect(view.frame_locator("#preview").locator("#hello")).to_have_text("v2 preview")
            assert await view.locator("#file-list button").all_inner_texts() == ["app/page.tsx", "app/layout.tsx"]
            await view.locator("#file-list button", has_text="app/page.tsx").click()
            await expect(view.locator("#file-content")).to_have_text("export default function Page() {}")

            await view.locator("#deploy-btn").click()
            await expect(view.locator("#deploy-state")).to_have_text("READY", timeout=30_000)
            await expect(view.locator("#deploy-url")).to_have_text("app-v2.vercel.app")
            await expect(view.locator("#deploy-log")).to_contain_text("Build finished, ready")

            frame = page.frame_locator("#view").locator("html")
            assert await frame.get_attribute("data-theme") == "dark"
            background = await view.locator("body").evaluate("b => getComputedStyle(b).backgroundColor")
            assert background == "rgb(1, 2, 3)"
            calls: list[dict[str, Any]] = await page.evaluate("window.calls")
        finally:
            await browser.close()

    reads = [c["params"]["uri"] for c in calls if c["method"] == "resources/read"]
    assert reads == ["v0://chats/chat_v2/files/app/page.tsx"]
    tools = [(c["params"]["name"], c["params"]["arguments"]) for c in calls if c["method"] == "tools/call"]
    assert tools[0] == ("wait_for_generation", {"chatId": "chat_v2", "messageId": "msg_1"})
    assert tools[1] == ("create_deployment", {"chatId": "chat_v2"})  # v2 deploys a chat, not a version
    assert {name for name, _ in tools[2:]} == {"get_deployment", "get_deployment_logs"}
