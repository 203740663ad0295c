"""A preview URL opens in a plain browser: no headers to add, root-relative assets and links included."""

from __future__ import annotations

import pytest
from playwright.async_api import async_playwright, expect

from tests.browser._harness import PREVIEW_TEXT, PREVIEW_TOKEN, preview_app
from tests.browser.test_view_in_browser import CHROMIUM_FLAGS, _chromium
from tests.preview.conftest import serving
from v0_mcp.preview import PreviewService, UpstreamPreview

pytestmark = [pytest.mark.anyio, pytest.mark.e2e]


async def test_preview_url_opens_in_a_browser_and_its_links_stay_inside() -> None:
    async with serving(preview_app()) as upstream:

        async def fetch_preview(chat_id: str) -> UpstreamPreview | None:
            return UpstreamPreview(url=upstream, token=PREVIEW_TOKEN, expires_at=4_102_444_800.0)

        async with PreviewService(fetch_preview) as previews:
            url = await previews.url_for("chat_1")
            async with async_playwright() as pw:
                browser = await pw.chromium.launch(executable_path=_chromium(), args=CHROMIUM_FLAGS)
                try:
                    page = await browser.new_page()
                    answer = await page.goto(url)
                    assert answer is not None and answer.status == 200
                    await expect(page.locator("#hello")).to_have_text(PREVIEW_TEXT)  # root-relative script ran
                    await page.locator("#about").click()  # href="/about", outside the prefix
                    await expect(page.locator("#hello")).to_have_text("About this app")
                    assert page.url == f"{url}about"
                finally:
                    await browser.close()
