"""The preview proxy against a token-gated upstream: headers, refresh, expiry, traversal, secrets."""

from __future__ import annotations

import json
import logging

import httpx
import pytest

from tests.preview.conftest import UPSTREAM, Clock, FakeV0, ServiceFactory, Upstream, call
from v0_mcp.preview import PreviewService, UpstreamPreview

pytestmark = pytest.mark.anyio


def _path(url: str) -> str:
    return httpx.URL(url).raw_path.decode()


async def _client(service: PreviewService) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=service.proxy), base_url="http://127.0.0.1:9999")


async def test_forwards_path_and_query_with_the_preview_token(make_service: ServiceFactory, upstream: Upstream) -> None:
    async with make_service() as service:
        url = await service.url_for("chat_1")
        async with await _client(service) as client:
            answer = await client.get(_path(url) + "echo?a=1&b=two")
    assert answer.status_code == 200
    assert answer.json()["path"] == "/echo" and answer.json()["query"] == "a=1&b=two"
    (request,) = upstream.seen
    assert request["url"] == f"{UPSTREAM}/echo?a=1&b=two"
    assert ("x-v0-preview-token", "tok-1") in request["headers"]


async def test_url_is_unguessable_per_chat_and_stable_while_live(make_service: ServiceFactory) -> None:
    async with make_service() as service:
        first, again, other = [await service.url_for(c) for c in ("chat_1", "chat_1", "chat_2")]
    assert first == again and first != other
    token = first.rstrip("/").rsplit("/", 1)[1]
    assert len(token) >= 32  # 192 random bits, URL-safe


async def test_strips_credentials_and_forwarding_headers_on_the_way_up(
    make_service: ServiceFactory, upstream: Upstream
) -> None:
    async with make_service() as service:
        url = await service.url_for("chat_1")
        async with await _client(service) as client:
            await client.get(
                _path(url) + "echo",
                headers={
                    "cookie": "sid=1",
                    "authorization": "Bearer user-secret",
                    "proxy-authorization": "Basic eA==",
                    "x-v0-api-key": "k",
                    "x-v0-preview-token": "forged",
                    "x-forwarded-for": "10.0.0.1",
                    "x-forwarded-host": "evil",
                    "forwarded": "for=10.0.0.1",
                    "x-real-ip": "10.0.0.1",
                    "x-vercel-id": "v",
                    "via": "1.1 somewhere",
                    "connection": "x-drop-me",
                    "x-drop-me": "1",
                    "accept": "text/html",
                    "user-agent": "tests",
                    "origin": "http://127.0.0.1:9999",
                    "referer": f"http://127.0.0.1:9999{_path(url)}docs/page?q=1",
                },
            )
    headers = upstream.seen[0]["headers"]
    names = {name for name, _ in headers}
    for dropped in (
        "cookie",
        "authorization",
        "proxy-authorization",
        "x-v0-api-key",
        "x-forwarded-for",
        "x-forwarded-host",
        "forwarded",
        "x-real-ip",
        "x-vercel-id",
        "via",
        "x-drop-me",
    ):
        assert dropped not in names, dropped
    assert [v for n, v in headers if n == "x-v0-preview-token"] == ["tok-1"]  # ours, not the forged one
    assert ("accept", "text/html") in headers and ("user-agent", "tests") in headers
    assert ("origin", UPSTREAM) in headers
    assert ("referer", f"{UPSTREAM}/docs/page") in headers  # mapped upstream; the secret path stays here
    token = _path(url).split("/")[2]
    assert all(token not in value for _, value in headers)


async def test_strips_cookies_and_v0_headers_on_the_way_down(make_service: ServiceFactory) -> None:
    async with make_service() as service:
        url = await service.url_for("chat_1")
        async with await _client(service) as client:
            answer = await client.get(_path(url) + "echo")
            moved = await client.get(_path(url) + "moved")
    for dropped in ("set-cookie", "x-v0-internal", "strict-transport-security", "service-worker-allowed"):
        assert dropped not in answer.headers, dropped
    assert answer.headers["x-app"] == "kept"
    assert answer.headers["referrer-policy"] == "same-origin"
    assert moved.status_code == 302
    assert moved.headers["location"] == f"{_path(url)}echo?from=moved"  # kept inside the proxy path


async def test_refresh_header_fetches_a_new_token_and_retries_once(
    make_service: ServiceFactory, v0: FakeV0, upstream: Upstream
) -> None:
    async with make_service() as service:
        url = await service.url_for("chat_1")
        async with await _client(service) as client:
            assert (await client.get(_path(url) + "echo")).status_code == 200
            v0.valid.clear()  # v0 revokes tok-1 before it expires
            answer = await client.post(_path(url) + "echo", content=b'{"n": 1}')
    assert answer.status_code == 200
    assert answer.json()["body"] == '{"n": 1}'  # the body was sent again with the retry
    assert v0.calls == ["chat_1", "chat_1"]
    tokens = [dict(seen["headers"])["x-v0-preview-token"] for seen in upstream.seen]
    assert tokens == ["tok-1", "tok-1", "tok-2"]


async def test_refresh_is_retried_only_once(make_service: ServiceFactory, v0: FakeV0, upstream: Upstream) -> None:
    async with make_service() as service:
        url = await service.url_for("chat_1")
        v0.valid.add("never")  # keep the set non-empty, but no issued token is valid
        original = v0.fetch

        async def revoked(chat_id: str) -> UpstreamPreview | None:
            preview = await original(chat_id)
            v0.valid.discard(preview.token if preview else "")
            return preview

        service.tokens._fetch = revoked
        async with await _client(service) as client:
            answer = await client.get(_path(url) + "echo")
    assert answer.status_code == 401
    assert "x-v0-preview-refresh" not in answer.headers
    assert len(upstream.seen) == 2 and len(v0.calls) == 2


async def test_token_is_refreshed_before_it_expires(make_service: ServiceFactory, v0: FakeV0, clock: Clock) -> None:
    async with make_service(margin=60) as service:
        url = await service.url_for("chat_1")
        async with await _client(service) as client:
            await client.get(_path(url) + "echo")
            clock.now += 200  # 100 s left of 300: still cached
            await client.get(_path(url) + "echo")
            assert v0.calls == ["chat_1"]
            clock.now += 50  # 50 s left: inside the margin, fetch before v0 refuses it
            await client.get(_path(url) + "echo")
    assert v0.calls == ["chat_1", "chat_1"]


async def test_path_expires_after_idle_time_and_looks_unknown(make_service: ServiceFactory, clock: Clock) -> None:
    async with make_service(idle=600) as service:
        url = await service.url_for("chat_1")
        async with await _client(service) as client:
            clock.now += 500
            assert (await client.get(_path(url) + "echo")).status_code == 200  # use keeps it alive
            clock.now += 500
            assert (await client.get(_path(url) + "echo")).status_code == 200
            clock.now += 601
            expired = await client.get(_path(url) + "echo")
            unknown = await client.get("/preview/" + "A" * 32 + "/echo")
        fresh = await service.url_for("chat_1")
    assert expired.status_code == unknown.status_code == 404
    assert expired.content == unknown.content
    assert fresh != url


@pytest.mark.parametrize(
    "rest",
    [
        b"../echo",
        b"a/../../echo",
        b"%2e%2e/echo",
        b"%2E%2E/echo",
        b".%2e/echo",
        b"a/..%2fecho",
        b"a%5c..%5cecho",
        b"a\\..\\echo",
        b"%252e%252e/echo",
        b"a/%00/echo",
        b"./echo",
    ],
)
async def test_path_traversal_is_refused_like_an_unknown_path(
    make_service: ServiceFactory, upstream: Upstream, rest: bytes
) -> None:
    async with make_service() as service:
        url = await service.url_for("chat_1")
        status, _, body = await call(service.proxy, "GET", _path(url).encode() + rest)
        unknown = await call(service.proxy, "GET", b"/preview/" + b"B" * 32 + b"/echo")
    assert status == 404 and (status, body) == (unknown[0], unknown[2])
    assert upstream.seen == []


async def test_root_relative_assets_are_sent_into_the_page_preview(make_service: ServiceFactory) -> None:
    async with make_service() as service:
        url = await service.url_for("chat_1")
        page = f"http://127.0.0.1:9999{_path(url)}"
        status, headers, _ = await call(
            service.proxy, "GET", b"/_next/static/app.js?v=2", headers=[(b"referer", page.encode())]
        )
        stranger = await call(service.proxy, "GET", b"/_next/static/app.js", headers=[(b"referer", b"http://x/")])
        bare = await call(service.proxy, "GET", b"/_next/static/app.js")
    assert status == 307 and headers["location"] == f"{_path(url)}_next/static/app.js?v=2"
    assert stranger[0] == bare[0] == 404


async def test_preview_still_starting_answers_503_that_retries(make_service: ServiceFactory, v0: FakeV0) -> None:
    v0.starting = True
    async with make_service() as service:
        url = await service.url_for("chat_1")
        async with await _client(service) as client:
            answer = await client.get(_path(url))
    assert answer.status_code == 503 and answer.headers["retry-after"] == "3"
    assert 'http-equiv="refresh"' in answer.text


async def test_unreachable_preview_is_a_502_without_details(clock: Clock, v0: FakeV0) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    async with PreviewService(v0.fetch, clock=clock, transport=httpx.MockTransport(refuse)) as service:
        url = await service.url_for("chat_1")
        async with await _client(service) as client:
            answer = await client.get(_path(url))
    assert answer.status_code == 502 and "tok-" not in answer.text


async def test_no_key_token_or_secret_path_leaves_or_is_logged(
    make_service: ServiceFactory, upstream: Upstream, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    key, vercel = "v0-SENTINEL-KEY-91f2", "vercel-SENTINEL-TOKEN-77aa"
    monkeypatch.setenv("V0_API_KEY", key)
    monkeypatch.setenv("VERCEL_TOKEN", vercel)
    caplog.set_level(logging.DEBUG)
    async with make_service() as service:
        url = await service.url_for("chat_1")
        async with await _client(service) as client:
            await client.post(
                _path(url) + "echo",
                headers={"authorization": f"Bearer {key}", "x-vercel-token": vercel, "cookie": f"k={key}"},
                content=b"{}",
            )
    sent = json.dumps([{**seen, "body": seen["body"].decode()} for seen in upstream.seen])
    assert key not in sent and vercel not in sent
    secret_path = _path(url).split("/")[2]
    assert secret_path not in sent
    # Everything the server side logged (the test's own browser-side client logs the URL it opened).
    logged = "\n".join(r.getMessage() for r in caplog.records if "127.0.0.1:9999" not in r.getMessage())
    assert "HTTP Request" in logged  # the proxy's upstream call was logged, and is clean
    assert key not in logged and vercel not in logged and "tok-1" not in logged and secret_path not in logged
    assert "tok-1" not in repr(await service.tokens.get("chat_1"))


async def test_mounted_mode_sandboxes_each_preview_into_an_opaque_origin(make_service: ServiceFactory) -> None:
    from starlette.applications import Starlette

    async with make_service(mount_url="http://127.0.0.1:8000") as service:
        app = Starlette(routes=service.routes())
        url = await service.url_for("chat_1")
        assert url.startswith("http://127.0.0.1:8000/preview/")
        assert service.origin == "http://127.0.0.1:8000"
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1:8000") as c:
            answer = await c.get(_path(url))
    assert answer.status_code == 200 and "Preview OK" in answer.text
    policy = answer.headers["content-security-policy"]
    assert policy.startswith("sandbox ") and "allow-scripts" in policy and "allow-same-origin" not in policy


def test_get_preview_bodies_are_read_in_both_documented_shapes() -> None:
    plain = UpstreamPreview.from_api({"url": "https://p.test", "token": "t", "expiresAt": "2026-12-01T12:00:00Z"})
    wrapped = UpstreamPreview.from_api({"preview": {"url": "https://p.test", "token": "t", "expiresAt": 1796126400000}})
    assert plain is not None and wrapped is not None
    assert plain.expires_at == wrapped.expires_at == 1796126400.0
    assert UpstreamPreview.from_api(None) is None and UpstreamPreview.from_api({"preview": None}) is None


async def test_listener_behind_a_reverse_proxy_gives_its_public_url(make_service: ServiceFactory) -> None:
    async with make_service(public_url="https://previews.example.test/") as service:
        url = await service.url_for("chat_1")
        origin = service.origin
    assert url.startswith("https://previews.example.test/preview/") and url.endswith("/")
    assert origin == "https://previews.example.test"


async def test_a_taken_preview_port_is_a_clear_error(make_service: ServiceFactory) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        async with make_service(port=port) as service:
            with pytest.raises(OSError, match=rf"cannot serve previews on 127\.0\.0\.1:{port} \(--preview-port\)"):
                await service.url_for("chat_1")
