"""Request shaping: auth, headers, session token, path and body encoding, configuration."""

from __future__ import annotations

import json

import httpx
import pytest

from tests.api.conftest import API_KEY, Script, body
from v0_mcp import __version__
from v0_mcp.api import DEFAULT_BASE_URL, MissingAPIKey, Timeouts, V0Client
from v0_mcp.api.v1 import CATALOGUE, models


def ok(operation_id: str, **headers: str) -> httpx.Response:
    return httpx.Response(200, json=body(operation_id), headers=headers)


async def test_sends_bearer_key_and_user_agent(make_client):
    script = Script(ok("user.get"))
    async with make_client(script) as v0:
        await v0.call("user.get")
    assert script.last.headers["Authorization"] == f"Bearer {API_KEY}"
    assert script.last.headers["User-Agent"] == f"v0-mcp/{__version__}"


async def test_missing_key_raises_without_http(make_client):
    script = Script(ok("user.get"))
    async with make_client(script, api_key=None) as v0:
        assert not v0.has_api_key
        with pytest.raises(MissingAPIKey, match="V0_API_KEY"):
            await v0.call("user.get")
    assert script.requests == []


async def test_key_comes_from_environment(make_client, monkeypatch):
    monkeypatch.setenv("V0_API_KEY", "from-env")
    script = Script(ok("user.get"))
    async with make_client(script, api_key=None) as v0:
        await v0.call("user.get")
    assert script.last.headers["Authorization"] == "Bearer from-env"


async def test_base_url_defaults_then_follows_environment(monkeypatch):
    async with V0Client("k") as v0:
        assert v0.base_url == DEFAULT_BASE_URL
    monkeypatch.setenv("V0_API_URL", "http://127.0.0.1:8787/v1/")
    async with V0Client("k") as v0:
        assert v0.base_url == "http://127.0.0.1:8787/v1"


async def test_base_url_path_is_kept(make_client):
    script = Script(ok("chats.getById"))
    async with make_client(script, base_url="http://sim.local/api/v1") as v0:
        await v0.call("chats.getById", chatId="abc")
    assert str(script.last.url) == "http://sim.local/api/v1/chats/abc"


async def test_session_token_is_echoed_on_later_requests(make_client):
    script = Script(ok("user.get", **{"x-session-token": "sess-1"}), ok("user.get"))
    async with make_client(script) as v0:
        await v0.call("user.get")
        await v0.call("user.get")
    assert "x-session-token" not in script.requests[0].headers
    assert script.requests[1].headers["x-session-token"] == "sess-1"


async def test_path_parameters_are_percent_encoded(make_client):
    script = Script(ok("chats.getVersion"))
    async with make_client(script) as v0:
        await v0.call("chats.getVersion", chatId="a/b c", versionId="v?1#x")
    assert script.last.url.raw_path == b"/v1/chats/a%2Fb%20c/versions/v%3F1%23x"


async def test_get_sends_no_body_and_no_content_type(make_client):
    script = Script(ok("chats.getById"))
    async with make_client(script) as v0:
        await v0.call("chats.getById", chatId="abc")
    assert script.last.content == b""
    assert "Content-Type" not in script.last.headers


async def test_bodyless_post_sends_no_content_type(make_client):
    script = Script(ok("chats.stop"))
    async with make_client(script) as v0:
        result = await v0.call("chats.stop", chatId="c", messageId="m")
    assert result.success is True
    assert script.last.content == b""
    assert "Content-Type" not in script.last.headers


async def test_body_carries_only_given_fields(make_client):
    script = Script(ok("chats.create"))
    async with make_client(script) as v0:
        await v0.call("chats.create", message="Build a todo app", modelConfiguration={"modelId": "v0-max"})
    assert script.last.headers["Content-Type"] == "application/json"
    sent = json.loads(script.last.content)
    assert sent == {"message": "Build a todo app", "modelConfiguration": {"modelId": "v0-max"}}


async def test_patch_sends_explicit_null(make_client):
    script = Script(ok("chats.update"))
    async with make_client(script) as v0:
        await v0.call("chats.update", chatId="c", metadata=None)
    assert json.loads(script.last.content) == {"metadata": None}


async def test_post_with_optional_body_sends_empty_object(make_client):
    script = Script(ok("chats.fork"))
    async with make_client(script) as v0:
        await v0.call("chats.fork", chatId="c")
    assert script.last.content == b"{}"
    assert script.last.headers["Content-Type"] == "application/json"


async def test_init_body_validates_against_its_variant(make_client):
    script = Script(ok("chats.init"))
    async with make_client(script) as v0:
        await v0.call("chats.init", type="repo", repo={"url": "https://github.com/a/b"}, name="Imported")
    sent = json.loads(script.last.content)
    assert sent == {"type": "repo", "repo": {"url": "https://github.com/a/b"}, "name": "Imported"}


async def test_operations_are_named_by_operation_id_of_the_clients_catalogue(make_client):
    script = Script(ok("user.get"))
    async with make_client(script) as v0:
        assert v0.catalogue is CATALOGUE
        await v0.call("user.get")
        with pytest.raises(KeyError, match="unknown v1 operation: 'get_user'"):
            await v0.call("get_user")  # tool names belong to the tools side, not to the API client
    assert script.last.url.path == "/v1/user"


async def test_operation_object_is_accepted(make_client):
    script = Script(ok("user.get"))
    async with make_client(script) as v0:
        result = await v0.call(CATALOGUE["user.get"])
    assert isinstance(result, models.UserSummarySchema)


async def test_json_response_is_validated_model(make_client):
    script = Script(ok("chats.getById"))
    async with make_client(script) as v0:
        chat = await v0.call("chats.getById", chatId="GJMMb5rqwvO")
    assert isinstance(chat, models.ChatDetail)
    assert chat.latestVersion is not None and chat.latestVersion.status == "completed"


async def test_download_returns_bytes(make_client):
    archive = b"PK\x03\x04binary-zip-content"
    script = Script(httpx.Response(200, content=archive, headers={"content-type": "application/zip"}))
    async with make_client(script) as v0:
        data = await v0.call("chats.downloadVersion", chatId="c", versionId="v", format="zip")
    assert data == archive
    assert script.last.url.params["format"] == "zip"


async def test_call_refuses_streaming_operations(make_client):
    async with make_client(Script(ok("user.get"))) as v0:
        with pytest.raises(TypeError, match="stream"):
            await v0.call("chats.resume", chatId="c", messageId="m")
        with pytest.raises(TypeError, match="stream"):
            await v0.call("chats.create", message="m", responseMode="experimental_stream")


async def test_sync_generation_uses_generation_read_timeout(make_client):
    script = Script(ok("chats.create"))
    timeouts = Timeouts(read=5, generation=321)
    async with make_client(script, timeouts=timeouts) as v0:
        await v0.call("chats.create", message="m")
        sync_timeout = script.last.extensions["timeout"]
        await v0.call("chats.create", message="m", responseMode="async")
        async_timeout = script.last.extensions["timeout"]
    assert sync_timeout["read"] == 321
    assert async_timeout["read"] == 5


async def test_other_operations_use_read_timeout(make_client):
    script = Script(ok("user.get"))
    async with make_client(script, timeouts=Timeouts(connect=1, read=2, write=3, pool=4)) as v0:
        await v0.call("user.get")
    assert script.last.extensions["timeout"] == {"connect": 1, "read": 2, "write": 3, "pool": 4}


async def test_view_with_other_key_shares_the_pool(make_client):
    script = Script(ok("user.get"))
    async with make_client(script) as v0:
        view = v0.with_api_key("other-key")
        await view.call("user.get")
        await view.aclose()  # leaves the shared pool open
        await v0.call("user.get")
        assert view._http is v0._http
    assert [r.headers["Authorization"] for r in script.requests] == ["Bearer other-key", f"Bearer {API_KEY}"]


async def test_views_keep_their_own_session_token(make_client):
    script = Script(ok("user.get", **{"x-session-token": "alice-session"}), ok("user.get"))
    async with make_client(script) as v0:
        alice = v0.with_api_key("alice-key")
        await alice.call("user.get")
        await v0.with_api_key("bob-key").call("user.get")
    assert "x-session-token" not in script.requests[1].headers


async def test_repr_hides_the_key(make_client):
    async with make_client(Script(ok("user.get"))) as v0:
        assert API_KEY not in repr(v0)
        assert API_KEY not in repr(v0.with_api_key(API_KEY))
        assert "api_key=set" in repr(v0)
