"""The client core speaking v2, against httpx.MockTransport: auth, errors, 202, pagination, ZIP, empty bodies."""

from __future__ import annotations

import json
import subprocess
import sys

import httpx
import pytest

from tests.api.conftest import API_KEY, Script
from tests.api.v2.conftest import EXAMPLES, error, example
from v0_mcp.api import (
    Conflict,
    NotFound,
    RateLimited,
    ServerError,
    Unauthorized,
    Unprocessable,
    V0RequestError,
    build_client,
    paginate,
)
from v0_mcp.api.v2 import models, preview_of

CHAT = "fK2pLm9QxZa"


def ok(body: object, status: int = 200) -> httpx.Response:
    return httpx.Response(status, json=body)


async def test_v2_sends_the_key_as_a_bearer_token_to_the_v2_base_url(make_v2):
    script = Script(ok(example("chats.get.200.json")["body"]))
    async with make_v2(script) as v0:
        chat = await v0.call("chats.get", chatId=CHAT)
    assert isinstance(chat, models.Chat) and chat.id == CHAT
    request = script.last
    assert str(request.url) == f"https://api.v0.dev/v2/chats/{CHAT}"
    assert request.headers["authorization"] == f"Bearer {API_KEY}"
    assert "x-session-token" not in request.headers


async def test_v2_never_echoes_a_session_token(make_v2):
    script = Script(httpx.Response(200, json={"id": CHAT}, headers={"x-session-token": "s1"}))
    async with make_v2(script) as v0:
        await v0.call("chats.get", chatId=CHAT)
        await v0.call("chats.get", chatId=CHAT)
    assert all("x-session-token" not in request.headers for request in script.requests)


@pytest.mark.parametrize(
    ("key", "cls"),
    [("401", Unauthorized), ("404", NotFound), ("409", Conflict), ("422", Unprocessable), ("500", ServerError)],
)
async def test_the_flat_error_envelope_maps_into_the_error_tree(make_v2, key, cls):
    async with make_v2(Script(error(key))) as v0:
        with pytest.raises(cls) as info:
            await v0.call("chats.delete", chatId=CHAT)
    assert info.value.status == int(key)
    assert info.value.message == example("errors.json")["errors"][key]["message"]
    assert info.value.operation == "chats.delete"


async def test_the_issues_of_an_update_files_422_name_the_fields(make_v2):
    body = example("chats.updateFiles.422.json")["body"]
    async with make_v2(Script(httpx.Response(422, json=body))) as v0:
        with pytest.raises(Unprocessable) as info:
            await v0.call("chats.updateFiles", chatId=CHAT, files=[{"path": "a.ts", "content": "x"}])
    assert info.value.issues == (
        ("files.0.content", "File content must be valid UTF-8 text"),
        ("files.2.path", "Duplicate path: app/page.tsx"),
    )
    assert "files.0.content" in info.value.message and info.value.message.startswith("Invalid file contents")


async def test_a_429_on_a_read_is_retried_after_the_servers_wait(make_v2, sleeps):
    limited = httpx.Response(429, json={"message": "Too many requests"}, headers={"retry-after": "2"})
    script = Script(limited, ok(example("usage.getSummary.200.json")["body"]))
    async with make_v2(script) as v0:
        summary = await v0.call("usage.getSummary")
    assert isinstance(summary, models.UsageSummary)
    assert sleeps == [2.0] and len(script.requests) == 2


async def test_a_429_on_a_create_is_raised_not_retried(make_v2):
    script = Script(httpx.Response(429, json={"message": "Too many requests"}, headers={"retry-after": "2"}))
    async with make_v2(script) as v0:
        with pytest.raises(RateLimited) as info:
            await v0.call("chats.createAsync", message="A page")
    assert info.value.retry_after == 2.0 and len(script.requests) == 1


async def test_async_modes_answer_202_with_the_ids(make_v2):
    body = example("chats.createAsync.202.json")["body"]
    script = Script(ok(body, 202))
    async with make_v2(script) as v0:
        started = await v0.call("chats.createAsync", message="A landing page", modelConfiguration={})
    assert isinstance(started, models.AsyncChat)
    assert (started.chatId, started.messageId) == (body["chatId"], body["messageId"])
    assert script.last.url.path == "/v2/chats/async"
    sent = json.loads(script.last.content)
    assert sent == {"message": "A landing page", "modelConfiguration": {"modelId": "v0-pro", "imageGenerations": False}}


async def test_bad_arguments_are_refused_before_sending_and_named(make_v2):
    script = Script(ok({}))
    async with make_v2(script) as v0:
        with pytest.raises(V0RequestError) as info:
            await v0.call("chats.createAsync", message="m", title=None, responseMode="async")
    assert set(info.value.fields) == {"title", "responseMode"}
    assert script.requests == []


async def test_body_less_calls_send_no_body_and_no_content_type(make_v2):
    script = Script(ok(example("chats.deploy.200.json")["body"]), ok({"vercelProjectId": "prj_1"}, 201))
    async with make_v2(script) as v0:
        deployed = await v0.call("chats.deploy", chatId=CHAT)
        project = await v0.call("chats.createVercelProject", chatId=CHAT)
    assert deployed.deploymentId and project.vercelProjectId == "prj_1"
    for request in script.requests:
        assert request.content == b"" and "content-type" not in request.headers


async def test_duplicate_sends_its_default_privacy_and_answers_201(make_v2):
    script = Script(ok(example("chats.duplicate.201.json")["body"], 201))
    async with make_v2(script) as v0:
        chat = await v0.call("chats.duplicate", chatId=CHAT)
    assert isinstance(chat, models.Chat)
    assert json.loads(script.last.content) == {"privacy": "private"}


async def test_download_files_returns_the_zip_bytes_whatever_the_content_type(make_v2):
    archive = (EXAMPLES / "chats.downloadFiles.200.zip").read_bytes()
    script = Script(httpx.Response(200, content=archive, headers={"content-type": "application/json"}))
    async with make_v2(script) as v0:
        data = await v0.call("chats.downloadFiles", chatId=CHAT)
    assert data == archive and data[:2] == b"PK"


async def test_get_preview_may_answer_null_while_starting(make_v2):
    script = Script(httpx.Response(200, content=b"null", headers={"content-type": "application/json"}))
    async with make_v2(script) as v0:
        assert await v0.call("chats.getPreview", chatId=CHAT) is None


async def test_chats_list_follows_the_top_level_cursor(make_v2):
    first = {"chats": [{"id": "a"}, {"id": "b"}], "cursor": "c2"}
    second = {"chats": [{"id": "c"}], "cursor": None}
    script = Script(ok(first), ok(second))
    async with make_v2(script) as v0:
        ids = [chat.id async for chat in paginate(v0, "chats.list", limit=2, metadata={"team": "web"})]
    assert ids == ["a", "b", "c"]
    assert script.requests[0].url.params.multi_items() == [("limit", "2"), ("metadata[team]", "web")]
    assert dict(script.requests[1].url.params) == {"limit": "2", "cursor": "c2", "metadata[team]": "web"}


async def test_messages_list_pages_newest_first_and_always_sends_its_limit(make_v2):
    page = example("messages.list.200.json")["body"]
    script = Script(ok({**page, "cursor": "older"}), ok({"messages": [], "cursor": None}))
    async with make_v2(script) as v0:
        messages = [message async for message in paginate(v0, "messages.list", chatId=CHAT)]
    assert [message.id for message in messages] == [message["id"] for message in page["messages"]]
    assert script.requests[0].url.params["limit"] == "20"
    assert script.requests[1].url.params["cursor"] == "older"


async def test_usage_events_loop_on_has_more(make_v2):
    page = example("usage.listEvents.200.json")["body"]
    more = {**page, "pagination": {"hasMore": True, "cursor": "p2"}}
    last = {**page, "data": page["data"][:1], "pagination": {"hasMore": False, "cursor": "ignored"}}
    script = Script(ok(more), ok(last))
    async with make_v2(script) as v0:
        events = [event async for event in paginate(v0, "usage.listEvents", limit=5)]
    assert len(events) == len(page["data"]) + 1
    assert len(script.requests) == 2 and script.requests[1].url.params["cursor"] == "p2"


async def test_bare_array_answers_are_lists_of_models(make_v2):
    script = Script(ok(example("mcpServers.list.200.json")["body"]), ok(example("webhooks.list.200.json")["body"]))
    async with make_v2(script) as v0:
        servers = await v0.call("mcpServers.list")
        hooks = await v0.call("webhooks.list")
    assert servers and all(server.id for server in servers)
    assert hooks and all(hook.id for hook in hooks)


async def test_reads_are_retried_on_503_and_creates_are_not(make_v2, sleeps):
    unavailable = httpx.Response(503, json={"message": "down"})
    reads = Script(unavailable, ok({"id": CHAT}))
    async with make_v2(reads) as v0:
        assert (await v0.call("chats.get", chatId=CHAT)).id == CHAT
    creates = Script(unavailable)
    async with make_v2(creates) as v0:
        with pytest.raises(ServerError):
            await v0.call("messages.sendAsync", chatId=CHAT, message="hi")
    assert len(reads.requests) == 2 and len(creates.requests) == 1


async def test_only_async_generations_use_the_short_read_timeout(make_v2):
    script = Script(ok({"messageId": "m"}, 202), ok({"id": "m"}))
    async with make_v2(script) as v0:
        await v0.call("messages.sendAsync", chatId=CHAT, message="hi")
        await v0.call("messages.send", chatId=CHAT, message="hi")
    timeouts = [request.extensions["timeout"]["read"] for request in script.requests]
    assert timeouts == [v0.timeouts.read, v0.timeouts.generation]


def test_build_client_picks_the_version_and_its_default_url():
    assert build_client("v2").base_url == "https://api.v0.dev/v2"
    assert build_client("v1").base_url == "https://api.v0.dev/v1"
    assert build_client("v2", base_url="http://127.0.0.1:9/v2/").base_url == "http://127.0.0.1:9/v2"
    with pytest.raises(ValueError, match="use 'v1' or 'v2'"):
        build_client("v3")


@pytest.mark.slow  # a fresh interpreter
@pytest.mark.parametrize(("version", "other"), [("v2", "v0_mcp.api.v1"), ("v1", "v0_mcp.api.v2")])
def test_a_client_loads_only_its_own_version(version, other):
    code = (
        "import sys; from v0_mcp.api import build_client; "
        f"client = build_client({version!r}, 'k'); client.operation('chats.delete'); "
        f"sys.exit(1 if any(m == {other!r} or m.startswith({other!r} + '.') for m in sys.modules) else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


@pytest.mark.parametrize(
    "answer",
    [
        example("chats.getPreview.200.json")["body"],
        {"preview": example("chats.getPreview.200.json")["body"]},
    ],
    ids=["spec", "docs-wrapper"],
)
async def test_a_running_preview_is_read_in_either_documented_shape(make_v2, answer):
    async with make_v2(Script(ok(answer))) as v0:
        preview = preview_of(await v0.call("chats.getPreview", chatId=CHAT))
    assert preview is not None and preview.url == example("chats.getPreview.200.json")["body"]["url"]
    assert preview.token and preview.expiresAt


@pytest.mark.parametrize("answer", [None, {"preview": None}])
async def test_a_starting_preview_reads_as_none(make_v2, answer):
    script = Script(
        httpx.Response(200, content=json.dumps(answer).encode(), headers={"content-type": "application/json"})
    )
    async with make_v2(script) as v0:
        assert preview_of(await v0.call("chats.getPreview", chatId=CHAT)) is None
