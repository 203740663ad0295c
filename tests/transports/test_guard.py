"""HTTP and SSE security: Host/Origin checks on every bind, bearer-token answers, caller keys, session limits."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests._processes import free_port, server_env
from tests.transports.conftest import TOKEN, Running, running_server, spawn, stop, wait_healthy
from v0_mcp._guard import SessionBook, caller_of
from v0_mcp.server import build_server
from v0_mcp.settings import Settings
from v0_mcp.transports import allowed_host_patterns, build_http_app

pytestmark = pytest.mark.e2e

MCP_HEADERS = {"Accept": "application/json, text/event-stream", "Content-Type": "application/json"}
INITIALIZE = {
    "jsonrpc": "2.0",
    "id": 1,
    "method": "initialize",
    "params": {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "probe", "version": "1"}},
}
ATTACKER = "attacker.example"


@asynccontextmanager
async def in_process(**options: Any) -> AsyncIterator[httpx.AsyncClient]:
    """The HTTP app ``v0-mcp`` would serve for these settings, in process (no socket is bound)."""
    settings = Settings(api_version="v1", demo=True, transport="http", auth_token=TOKEN, **options)
    server = build_server(settings)
    app = build_http_app(server, settings)
    transport = httpx.ASGITransport(app=app)
    headers = {"Authorization": f"Bearer {TOKEN}"}
    async with server.session_manager.run(), httpx.AsyncClient(transport=transport, headers=headers) as http:
        yield http


async def open_session(http: httpx.AsyncClient, url: str, **headers: str) -> httpx.Response:
    return await http.post(url, json=INITIALIZE, headers={**MCP_HEADERS, **headers})


# -- DNS rebinding: the Host (and Origin) checks hold on every bind -------------------------------------------------


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "10.1.2.3"])
async def test_a_wide_or_public_bind_refuses_a_foreign_host(host: str) -> None:
    async with in_process(host=host) as http:
        attacked = await open_session(http, f"http://{ATTACKER}/mcp")
        local = await open_session(http, "http://127.0.0.1:8000/mcp")

    assert attacked.status_code == 421
    assert local.status_code == 200


async def test_a_public_bind_accepts_its_own_address() -> None:
    async with in_process(host="10.1.2.3") as http:
        own = await open_session(http, "http://10.1.2.3:8000/mcp")

    assert own.status_code == 200


async def test_allowed_hosts_accepts_the_name_with_and_without_a_port_and_nothing_else() -> None:
    async with in_process(host="0.0.0.0", allowed_hosts=("mcp.example.com",)) as http:
        bare = await open_session(http, "http://mcp.example.com/mcp")
        with_port = await open_session(http, "http://mcp.example.com:8443/mcp")
        attacked = await open_session(http, f"http://{ATTACKER}/mcp")
        foreign_origin = await open_session(http, "http://mcp.example.com/mcp", Origin=f"https://{ATTACKER}")
        own_origin = await open_session(http, "http://mcp.example.com/mcp", Origin="https://mcp.example.com")

    assert (bare.status_code, with_port.status_code, own_origin.status_code) == (200, 200, 200)
    assert attacked.status_code == 421
    assert foreign_origin.status_code == 403


async def test_allowed_hosts_star_is_the_explicit_way_to_turn_the_check_off() -> None:
    async with in_process(host="0.0.0.0", allowed_hosts=("*",)) as http:
        behind_a_proxy = await open_session(http, "http://whatever.internal/mcp")

    assert behind_a_proxy.status_code == 200


def test_host_patterns_cover_loopback_the_bind_and_the_allowed_names() -> None:
    patterns = allowed_host_patterns(Settings(host="127.0.0.2", allowed_hosts=("MCP.example.com", "b.example:9000")))

    assert {"127.0.0.1:*", "localhost:*", "[::1]:*", "127.0.0.2", "127.0.0.2:*"} <= set(patterns)
    assert {"mcp.example.com", "mcp.example.com:*", "b.example:9000"} <= set(patterns)
    assert "b.example:9000:*" not in patterns
    assert "0.0.0.0:*" not in allowed_host_patterns(Settings(host="0.0.0.0"))


@pytest.fixture(scope="module", params=["http", "sse"])
def other_loopback_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str]]:
    """The real process bound to 127.0.0.2 (loopback, but not the SDK's own 127.0.0.1): its URL and transport."""
    port = free_port()
    log = tmp_path_factory.mktemp("other-loopback") / "stderr.log"
    args = ["--demo", "--transport", str(request.param), "--host", "127.0.0.2", "--port", str(port)]
    process = spawn(args, server_env(), log)
    try:
        wait_healthy(OtherLoopback(process, port, log))
        yield f"http://127.0.0.2:{port}", str(request.param)
    finally:
        stop(process)


class OtherLoopback(Running):
    @property
    def base(self) -> str:
        return f"http://127.0.0.2:{self.port}"


def test_a_bind_on_another_loopback_address_refuses_a_foreign_host(other_loopback_server: tuple[str, str]) -> None:
    base, transport = other_loopback_server
    path = "/messages/?session_id=00000000000000000000000000000000" if transport == "sse" else "/mcp"
    attacked = httpx.post(f"{base}{path}", json=INITIALIZE, headers={**MCP_HEADERS, "Host": ATTACKER})
    own = httpx.post(f"{base}{path}", json=INITIALIZE, headers=MCP_HEADERS)

    assert attacked.status_code == 421
    assert own.status_code != 421  # past the Host check (SSE: then "no such session")


# -- the bearer token -------------------------------------------------------------------------------------------------


def test_a_blank_token_is_refused_at_startup() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "v0_mcp", "--demo", "--transport", "http"],
        env=server_env(V0_MCP_AUTH_TOKEN="   "),
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert done.returncode == 2
    assert "V0_MCP_AUTH_TOKEN is blank" in done.stderr
    assert done.stdout == ""


def test_a_client_without_a_token_is_told_to_send_one(guarded_http_server: Running) -> None:
    answer = httpx.post(f"{guarded_http_server.base}/mcp", json=INITIALIZE, headers=MCP_HEADERS)

    assert answer.status_code == 401
    assert answer.headers["www-authenticate"] == 'Bearer realm="v0-mcp"'
    assert "Authorization: Bearer <token>" in answer.json()["error_description"]
    assert "V0_MCP_AUTH_TOKEN" in answer.json()["error_description"]


def test_a_wrong_token_is_called_invalid(guarded_http_server: Running) -> None:
    answer = httpx.post(
        f"{guarded_http_server.base}/mcp", json=INITIALIZE, headers={**MCP_HEADERS, "Authorization": "Bearer nope"}
    )

    assert answer.status_code == 401
    assert 'error="invalid_token"' in answer.headers["www-authenticate"]


@pytest.mark.parametrize(
    "path",
    [
        "/.well-known/oauth-protected-resource",
        "/.well-known/oauth-protected-resource/mcp",
        "/.well-known/oauth-authorization-server",
        "/.well-known/openid-configuration",
        "/register",
        "/authorize",
        "/token",
    ],
)
def test_oauth_discovery_ends_at_once_with_the_bearer_advice(guarded_http_server: Running, path: str) -> None:
    answer = httpx.request("POST" if path in ("/register", "/token") else "GET", f"{guarded_http_server.base}{path}")

    assert answer.status_code == 404
    assert "does not use OAuth" in answer.json()["error_description"]
    assert "Authorization: Bearer" in answer.json()["error_description"]


# -- the caller's own key ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def key_required_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    with running_server(tmp_path_factory.mktemp("keys"), "--transport", "http", "--require-client-key") as running:
        yield running


def test_require_client_key_refuses_a_caller_without_one(key_required_server: Running) -> None:
    answer = httpx.post(f"{key_required_server.base}/mcp", json=INITIALIZE, headers=MCP_HEADERS)

    assert answer.status_code == 401
    assert "X-V0-Api-Key" in answer.json()["error"]["message"]


def test_require_client_key_serves_a_caller_with_one(key_required_server: Running) -> None:
    answer = httpx.post(
        f"{key_required_server.base}/mcp", json=INITIALIZE, headers={**MCP_HEADERS, "X-V0-Api-Key": "my-own-key"}
    )

    assert answer.status_code == 200
    assert "mcp-session-id" in answer.headers


def test_require_client_key_comes_from_the_environment_too() -> None:
    from v0_mcp.cli import parse_settings

    assert parse_settings([], {"V0_MCP_REQUIRE_CLIENT_KEY": "1"}).require_client_key
    assert not parse_settings([], {}).require_client_key


@pytest.mark.parametrize("key", ["clé-non-ascii".encode(), b"two words", b"tab\tkey"])
def test_a_key_header_that_is_no_key_gets_an_error_naming_the_header(http_server: Running, key: bytes) -> None:
    answer = httpx.post(
        f"{http_server.base}/mcp",
        json=INITIALIZE,
        headers=[*((name.encode(), value.encode()) for name, value in MCP_HEADERS.items()), (b"x-v0-api-key", key)],
    )

    assert answer.status_code == 400
    assert "X-V0-Api-Key" in answer.json()["error"]["message"]
    assert "Traceback" not in http_server.stderr()


# -- session limits ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def limited_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    flags = ("--transport", "http", "--max-sessions-per-caller", "2")
    with running_server(tmp_path_factory.mktemp("limits"), *flags) as running:
        yield running


def test_one_caller_cannot_lock_the_others_out(limited_server: Running) -> None:
    url = f"{limited_server.base}/mcp"

    def open_as(key: str) -> httpx.Response:
        return httpx.post(url, json=INITIALIZE, headers={**MCP_HEADERS, "X-V0-Api-Key": key})

    flood = [open_as("flooder-key") for _ in range(2)]
    refused = open_as("flooder-key")
    other = open_as("patient-key")
    closed = httpx.delete(url, headers={**MCP_HEADERS, "X-V0-Api-Key": "flooder-key", **_session(flood[0])})
    again = open_as("flooder-key")

    assert [r.status_code for r in flood] == [200, 200]
    assert refused.status_code == 429
    assert "Too many open sessions for this caller (the limit is 2)" in refused.json()["error"]["message"]
    assert other.status_code == 200, "another caller still gets a session"
    assert closed.status_code in (200, 204)
    assert again.status_code == 200, "closing a session frees its place"


def test_a_caller_at_its_limit_can_still_use_its_sessions(limited_server: Running) -> None:
    url = f"{limited_server.base}/mcp"
    headers = {**MCP_HEADERS, "X-V0-Api-Key": "busy-key"}
    opened = [httpx.post(url, json=INITIALIZE, headers=headers) for _ in range(2)]
    session = {**headers, **_session(opened[1]), "mcp-protocol-version": "2025-11-25"}
    httpx.post(url, json={"jsonrpc": "2.0", "method": "notifications/initialized"}, headers=session)
    listed = httpx.post(url, json={"jsonrpc": "2.0", "id": 2, "method": "tools/list"}, headers=session)

    assert listed.status_code == 200
    assert "create_chat" in listed.text


def _session(response: httpx.Response) -> dict[str, str]:
    return {"mcp-session-id": response.headers["mcp-session-id"]}


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_idle_sessions_stop_counting_once_the_sdk_closes_them() -> None:
    clock = Clock()
    book = SessionBook(idle_timeout=600, clock=clock)
    book.opened("a", "caller")
    book.opened("b", "caller")
    book.begin("b")  # a request (or a GET stream) in flight keeps a session alive however long it lasts

    clock.now += 601
    assert book.count("caller") == 1
    book.end("b", gone=False)
    clock.now += 599
    assert book.count("caller") == 1
    clock.now += 2
    assert book.count("caller") == 0


def test_callers_are_told_apart_by_key_then_token_then_address_and_never_stored_in_clear() -> None:
    def scope(*headers: tuple[bytes, bytes]) -> dict[str, Any]:
        return {"headers": list(headers), "client": ("10.0.0.9", 5555)}

    by_key = caller_of(scope((b"x-v0-api-key", b"secret-key"), (b"authorization", b"Bearer t")))
    by_token = caller_of(scope((b"authorization", b"Bearer secret-token")))

    assert by_key.startswith("key:") and "secret-key" not in by_key
    assert by_token.startswith("token:") and "secret-token" not in by_token
    assert caller_of(scope()) == "address:10.0.0.9"
    assert by_key != caller_of(scope((b"x-v0-api-key", b"another-key")))


# -- stateless mode ---------------------------------------------------------------------------------------------------


def test_stateless_mode_does_not_offer_subscriptions_it_cannot_deliver(tmp_path: Path) -> None:
    with running_server(tmp_path, "--transport", "http", "--stateless") as running:
        url = f"{running.base}/mcp"
        opened = httpx.post(url, json=INITIALIZE, headers=MCP_HEADERS)
        subscribe = {"jsonrpc": "2.0", "id": 2, "method": "resources/subscribe", "params": {"uri": "v0://chats"}}
        refused = httpx.post(url, json=subscribe, headers={**MCP_HEADERS, "mcp-protocol-version": "2025-11-25"})

    capabilities = _sse_json(opened.text)["result"]["capabilities"]
    assert not capabilities["resources"].get("subscribe")
    assert _sse_json(refused.text)["error"]["code"] == -32601


def test_stateful_mode_still_offers_subscriptions(http_server: Running) -> None:
    opened = httpx.post(f"{http_server.base}/mcp", json=INITIALIZE, headers=MCP_HEADERS)

    assert _sse_json(opened.text)["result"]["capabilities"]["resources"]["subscribe"] is True


def _sse_json(text: str) -> dict[str, Any]:
    """The JSON-RPC message of a response, whether sent as JSON or as one SSE event."""
    for line in text.splitlines():
        if line.startswith("data:") and line[5:].strip():
            return dict(json.loads(line[5:]))
    return dict(json.loads(text))


def test_sse_streams_are_limited_per_caller(tmp_path: Path) -> None:
    flags = ("--transport", "sse", "--max-sessions-per-caller", "1")
    with running_server(tmp_path, *flags) as running, httpx.Client(base_url=running.base, timeout=10) as http:
        with http.stream("GET", "/sse", headers={"X-V0-Api-Key": "greedy-key"}) as first:
            second = http.get("/sse", headers={"X-V0-Api-Key": "greedy-key"})
            with http.stream("GET", "/sse", headers={"X-V0-Api-Key": "other-key"}) as other:
                other_status = other.status_code
        after_status = reopen_when_freed(http)

    assert first.status_code == 200
    assert second.status_code == 429
    assert "the limit is 1" in second.json()["error"]["message"]
    assert other_status == 200, "another caller still gets a stream"
    assert after_status == 200, "closing a stream frees its place"


def reopen_when_freed(http: httpx.Client) -> int:
    """Open the greedy caller's stream again once the server has seen the first one close (it notices quickly)."""
    deadline = time.monotonic() + 30
    while True:
        with http.stream("GET", "/sse", headers={"X-V0-Api-Key": "greedy-key"}) as again:
            if again.status_code != 429 or time.monotonic() > deadline:
                return again.status_code
        time.sleep(0.1)
