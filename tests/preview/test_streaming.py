"""Bodies stream through the real listener both ways, without being held in memory first."""

from __future__ import annotations

import anyio
import httpx
import pytest

from tests.preview.conftest import CHUNK, Clock, FakeV0, Upstream, serving
from v0_mcp.preview import PreviewService

pytestmark = pytest.mark.anyio


async def test_large_response_streams_before_upstream_has_finished(
    clock: Clock, v0: FakeV0, upstream: Upstream
) -> None:
    import httpx

    async with serving(upstream.app()) as base:
        v0.url = base
        async with PreviewService(v0.fetch, clock=clock) as service:
            url = await service.url_for("chat_1")
            assert url.startswith("http://127.0.0.1:")
            received = 0
            # Upstream sends one chunk, then waits for us to have it: a proxy that buffered would hang here.
            with anyio.fail_after(60):
                async with httpx.AsyncClient() as browser, browser.stream("GET", url + "big") as answer:
                    assert answer.status_code == 200
                    async for chunk in answer.aiter_raw():
                        if received == 0:
                            upstream.release.set()
                        received += len(chunk)
    assert received == 128 * len(CHUNK)  # 8 MiB, all of it


async def test_large_upload_streams_up(clock: Clock, v0: FakeV0, upstream: Upstream) -> None:
    body = bytes(range(256)) * 12_288  # 3 MiB: more than the proxy keeps for a retry
    async with serving(upstream.app()) as base:
        v0.url = base
        async with PreviewService(v0.fetch, clock=clock) as service:
            url = await service.url_for("chat_1")
            with anyio.fail_after(60):
                async with httpx.AsyncClient() as browser:
                    answer = await browser.post(url + "upload", content=body)
    assert answer.status_code == 200
    assert upstream.seen[-1]["body"] == body
    assert ("x-v0-preview-token", "tok-1") in upstream.seen[-1]["headers"]
