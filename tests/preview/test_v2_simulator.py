"""The preview proxy in front of the real v2 simulator's token-gated preview site, through ``chats.getPreview``.

The simulator refuses a preview request without the token (401) or with an expired one
(403 and ``x-v0-preview-refresh: 1``), so a page that loads proves the proxy added the
token it got from ``chats.getPreview`` through the caller's own client, and refreshed it.
"""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator

import httpx
import pytest

from v0_mcp.api import V2, V0Client
from v0_mcp.preview import LivePreviews
from v0_mcp.settings import Settings
from v0_mcp.simulator import ManualClock, Simulator, SimulatorConfig

pytestmark = pytest.mark.anyio

KEY = "key-preview-owner"
OTHER_KEY = "key-preview-stranger"


class Recording(httpx.AsyncBaseTransport):
    """The simulator in process, recording every request that reaches it."""

    def __init__(self, sim: Simulator) -> None:
        self._inner = httpx.ASGITransport(app=sim.app)
        self.requests: list[httpx.Request] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return await self._inner.handle_async_request(request)

    def to(self, fragment: str) -> list[httpx.Request]:
        return [r for r in self.requests if fragment in r.url.path]


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def sim(clock: ManualClock) -> Simulator:
    sim = Simulator(SimulatorConfig(clock=clock, generation_delay=0.05))
    sim.v2.settings.preview_delay = 0
    return sim


@pytest.fixture
def wire(sim: Simulator) -> Recording:
    return Recording(sim)


@pytest.fixture
async def v0(wire: Recording) -> AsyncIterator[V0Client]:
    async with V0Client(KEY, base_url="http://v0.sim/v2", transport=wire, api=V2) as client:
        yield client


async def _chat(v0: V0Client, clock: ManualClock) -> str:
    ids = await v0.call("chats.createAsync", message="A landing page for Bean & Bloom")
    clock.advance(60)
    return str(ids.chatId)


async def test_the_proxy_opens_the_simulators_preview_with_the_token_and_no_key(
    v0: V0Client, wire: Recording, clock: ManualClock
) -> None:
    chat_id = await _chat(v0, clock)
    previews = LivePreviews(transport=wire, clock=clock)
    async with previews.running():
        url = previews.url_for(v0, chat_id)
        assert url is not None and url.startswith(f"{previews.origin()}/preview/")
        async with httpx.AsyncClient(trust_env=False) as browser:
            page = await browser.get(url)
            style = await browser.get(url + "_v0/styles.css")
    assert page.status_code == 200 and "Bean &amp; Bloom" in page.text, page.text
    assert style.status_code == 200 and style.headers["content-type"].startswith("text/css")
    (asked,) = wire.to(f"/v2/chats/{chat_id}/preview")  # one getPreview, with the caller's key
    assert asked.headers["authorization"] == f"Bearer {KEY}"
    served = wire.to("/v2-preview/")
    assert len(served) == 2
    for request in served:
        assert request.headers["x-v0-preview-token"].startswith("pvt_")
        assert "authorization" not in request.headers and KEY not in str(request.headers.raw)


async def test_a_token_v0_calls_stale_is_replaced_and_the_request_sent_again(
    v0: V0Client, wire: Recording, clock: ManualClock, sim: Simulator
) -> None:
    chat_id = await _chat(v0, clock)
    sim.v2.settings.preview_ttl = 100
    # The proxy's clock lags v0's: it still trusts a token v0 has already expired.
    previews = LivePreviews(transport=wire, clock=lambda: clock.now - 1_000)
    async with previews.running():
        url = previews.url_for(v0, chat_id)
        assert url is not None
        async with httpx.AsyncClient(trust_env=False) as browser:
            assert (await browser.get(url)).status_code == 200
            clock.advance(101)  # v0 answers 403 + x-v0-preview-refresh: 1 to the old token
            again = await browser.get(url)
    assert again.status_code == 200 and "Bean &amp; Bloom" in again.text
    assert "x-v0-preview-refresh" not in again.headers
    assert len(wire.to(f"/v2/chats/{chat_id}/preview")) == 2
    served = wire.to("/v2-preview/")
    statuses = [r.headers["x-v0-preview-token"] for r in served]
    assert len(served) == 3 and statuses[0] == statuses[1] != statuses[2]


async def test_every_answer_flagged_for_refresh_fetches_a_new_token_before_the_next_request(
    v0: V0Client, wire: Recording, clock: ManualClock, sim: Simulator
) -> None:
    chat_id = await _chat(v0, clock)
    previews = LivePreviews(transport=wire, clock=clock)
    async with previews.running():
        url = previews.url_for(v0, chat_id)
        assert url is not None
        async with httpx.AsyncClient(trust_env=False) as browser:
            sim.v2.settings.preview_refresh = True
            page = await browser.get(url)
    # Refresh, send again once (the answer is still flagged: it goes to the browser, the token is dropped).
    assert page.status_code == 200 and "x-v0-preview-refresh" not in page.headers
    assert len(wire.to("/v2-preview/")) == 2
    assert len(wire.to(f"/v2/chats/{chat_id}/preview")) == 2


async def test_the_token_is_renewed_before_it_expires(
    v0: V0Client, wire: Recording, clock: ManualClock, sim: Simulator
) -> None:
    chat_id = await _chat(v0, clock)
    sim.v2.settings.preview_ttl = 300
    previews = LivePreviews(transport=wire, clock=clock)
    async with previews.running():
        url = previews.url_for(v0, chat_id)
        assert url is not None
        async with httpx.AsyncClient(trust_env=False) as browser:
            assert (await browser.get(url)).status_code == 200
            clock.advance(250)  # 50 s left: under the 60 s margin
            assert (await browser.get(url)).status_code == 200
    paths = [r.url.path for r in wire.requests if "preview" in r.url.path]
    asked, served = f"/v2/chats/{chat_id}/preview", f"/v2-preview/{chat_id}/"
    assert paths == [asked, served, asked, served]  # asked again before the second request went up


async def test_each_caller_gets_its_own_path_refreshed_with_its_own_key(
    v0: V0Client, wire: Recording, clock: ManualClock
) -> None:
    chat_id = await _chat(v0, clock)
    previews = LivePreviews(transport=wire, clock=clock)
    stranger = v0.with_api_key(OTHER_KEY)
    async with previews.running():
        mine = previews.url_for(v0, chat_id)
        theirs = previews.url_for(stranger, chat_id)
        assert mine and theirs and mine != theirs
        async with httpx.AsyncClient(trust_env=False) as browser:
            assert (await browser.get(mine)).status_code == 200
            refused = await browser.get(theirs)  # the stranger's key does not open this chat on v0
    assert refused.status_code == 502 and KEY not in refused.text
    asked = {r.headers["authorization"] for r in wire.to(f"/v2/chats/{chat_id}/preview")}
    assert asked == {f"Bearer {KEY}", f"Bearer {OTHER_KEY}"}


async def test_no_url_when_no_run_serves_previews(v0: V0Client) -> None:
    previews = LivePreviews()
    assert previews.url_for(v0, "chat_1") is None and previews.origin() is None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


async def test_settings_choose_the_port_and_the_public_url(v0: V0Client, wire: Recording) -> None:
    port = _free_port()
    previews = LivePreviews.for_settings(Settings(preview_port=port), wire)
    async with previews.running():
        assert previews.origin() == f"http://127.0.0.1:{port}"
        assert (previews.url_for(v0, "chat_1") or "").startswith(f"http://127.0.0.1:{port}/preview/")

    behind = LivePreviews.for_settings(
        Settings(transport="http", host="127.0.0.1", preview_url="https://previews.example/")
    )
    async with behind.running():
        url = behind.url_for(v0, "chat_1") or ""
        assert url.startswith("https://previews.example/preview/") and url.endswith("/")
