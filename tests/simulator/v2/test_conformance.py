"""Walk all 44 v2 operations; every 2xx body, stream event and error body validates against the v2 spec."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import httpx

from v0_mcp.simulator import ManualClock, Simulator

from ._reference import sse_events
from .conftest import check, check_error, check_event, new_chat, running_preview, wait_done

ALL_OPERATIONS = 44


class Walk:
    """Call v2 operations, validate what comes back, remember what was covered."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client
        self.seen: set[str] = set()

    async def __call__(
        self, operation_id: str, method: str, path: str, status: int = 200, *, body: Any = None, **params: Any
    ) -> Any:
        response = await self.client.request(method, path, json=body, params=params or None)
        self.seen.add(operation_id)
        if response.headers["content-type"].startswith("text/event-stream"):
            assert response.status_code == status, response.text
            return sse_events(response.text)
        if response.headers["content-type"].startswith("application/zip"):
            assert response.status_code == status
            return response.content
        return check(operation_id, response, status)

    async def error(self, operation_id: str, method: str, path: str, status: int, *, body: Any = None) -> str:
        response = await self.client.request(method, path, json=body)
        return check_error(operation_id, response, status)


async def test_every_operation_answers_schema_valid_bodies(
    v2: httpx.AsyncClient, clock: ManualClock, sim: Simulator
) -> None:
    call = Walk(v2)

    # MCP servers and settings
    server = await call(
        "mcpServers.create",
        "POST",
        "/mcp-servers",
        body={"name": "Tickets", "url": "https://tickets.example.com/mcp", "auth": {"type": "bearer", "token": "s3"}},
    )
    assert server["auth"] == {"type": "bearer", "token": "********"}
    assert [s["id"] for s in await call("mcpServers.list", "GET", "/mcp-servers")] == [server["id"]]
    await call("mcpServers.get", "GET", f"/mcp-servers/{server['id']}")
    updated = await call("mcpServers.update", "PATCH", f"/mcp-servers/{server['id']}", body={"enabled": False})
    assert updated["enabled"] is False
    assert await call("settings.setPreviewHosts", "PUT", "/settings/preview-hosts", body={"hosts": ["*.acme.dev"]})
    assert (await call("settings.getPreviewHosts", "GET", "/settings/preview-hosts"))["hosts"] == ["*.acme.dev"]

    # chats in every mode
    created = await call("chats.create", "POST", "/chats", body={"message": "Build a todo app", "metadata": {"a": "1"}})
    chat_id = created["chat"]["id"]
    assert created["usage"]["tokens"]["total"] > 0
    events = await call("chats.createStream", "POST", "/chats/stream", body={"message": "Build a blog"})
    for event in events:
        check_event("ChatStreamEvent", event)
    ids = await call("chats.createAsync", "POST", "/chats/async", 202, body={"message": "Build a dashboard"})
    await call(
        "chats.createFromFiles", "POST", "/chats/from-files", body={"files": [{"name": "a.txt", "content": "hi"}]}
    )
    await call("chats.createFromZip", "POST", "/chats/from-zip", body={"url": "https://example.com/site.zip"})
    await call("chats.createFromRepo", "POST", "/chats/from-repo", body={"repo": {"url": "https://github.com/a/b"}})
    listed = await call("chats.list", "GET", "/chats", limit=2)
    assert len(listed["chats"]) == 2 and listed["cursor"]
    await call("chats.get", "GET", f"/chats/{chat_id}")
    await call("chats.update", "PATCH", f"/chats/{chat_id}", body={"title": "Todos", "metadata": {"a": None}})

    # messages
    await wait_done(v2, clock, ids["chatId"], ids["messageId"])
    sent = await call("messages.send", "POST", f"/chats/{chat_id}/messages", body={"message": "Add a footer"})
    assert sent["finishReason"] == "stop"
    for event in await call("messages.sendStream", "POST", f"/chats/{chat_id}/messages/stream", body={"message": "x"}):
        check_event("MessageStreamEvent", event)
    queued = await call("messages.sendAsync", "POST", f"/chats/{chat_id}/messages/async", 202, body={"message": "Go"})
    stopped = await call("messages.stop", "POST", f"/chats/{chat_id}/messages/{queued['messageId']}/stop")
    assert stopped == {"messageId": queued["messageId"]}
    await call("messages.list", "GET", f"/chats/{chat_id}/messages", limit=3)
    await call("messages.get", "GET", f"/chats/{chat_id}/messages/{queued['messageId']}")
    for event in await call("chats.resume", "POST", f"/chats/{chat_id}/resume"):
        check_event("ChatStreamEvent", event)

    # blocked generations and their three resolve modes
    for mode, status in (("", 200), ("/stream", 200), ("/async", 202)):
        blocked_id, blocked = await new_chat(v2, clock, "Build a page NEEDS_TASK:plan-exit-response")
        assert blocked["finishReason"] == "tool-calls"
        task = {"task": {"type": "plan-exit-response", "status": "approved", "content": "Looks good"}}
        result = await call(
            f"messages.resolve{mode.title().strip('/')}",
            "POST",
            f"/chats/{blocked_id}/messages/resolve{mode}",
            status,
            body=task,
        )
        if mode == "/stream":
            for event in result:
                check_event("MessageStreamEvent", event)
    connect_id, connect = await new_chat(v2, clock, "Send issues to Linear NEEDS_TASK:vercel-connect-setup")
    request_id = connect["parts"][-1]["data"]["requestId"]
    status = await call("chats.getConnectStatus", "GET", f"/chats/{connect_id}/connect/status", requestId=request_id)
    assert status["status"] in ("pending", "ready")

    # files, preview, restore, duplicate, deploy
    files = await call("chats.getFiles", "GET", f"/chats/{chat_id}/files")
    encodings = {f["path"]: f["encoding"] for f in files["files"]}
    assert encodings.pop("public/icon.png") == "base64" and set(encodings.values()) == {"utf8"}
    archive = await call("chats.downloadFiles", "GET", f"/chats/{chat_id}/files/download")
    assert sorted(zipfile.ZipFile(io.BytesIO(archive)).namelist()) == sorted(f["path"] for f in files["files"])
    preview = await running_preview(v2, clock, chat_id)
    call.seen.add("chats.getPreview")
    assert preview["url"].endswith(f"/v2-preview/{chat_id}/")
    edit = {"files": [{"path": "notes.md", "content": "# Notes\n"}]}
    await call("chats.updateFiles", "PATCH", f"/chats/{chat_id}/files", body=edit)
    first = (await call("messages.list", "GET", f"/chats/{chat_id}/messages", limit=100))["messages"][-2]
    assert first["role"] == "assistant" and first["restorable"]
    await call("chats.restoreMessage", "POST", f"/chats/{chat_id}/restore-message", body={"messageId": first["id"]})
    await call("chats.duplicate", "POST", f"/chats/{chat_id}/duplicate", 201, body={"privacy": "team"})
    await call("chats.createVercelProject", "POST", f"/chats/{chat_id}/vercel-project", 201)
    await call("chats.deploy", "POST", f"/chats/{chat_id}/deploy")

    # usage
    await call("usage.getSummary", "GET", "/usage/summary")
    events_page = await call("usage.listEvents", "GET", "/usage/events", limit=1)
    assert events_page["pagination"]["hasMore"]
    await call("usage.listEvents", "GET", "/usage/events", cursor=events_page["pagination"]["cursor"])
    await call("usage.getActivity", "GET", "/usage/activity")

    # webhooks
    hook = await call(
        "webhooks.create",
        "POST",
        "/hooks",
        body={"name": "Done", "events": ["message.finished"], "url": "https://h.example"},
    )
    await call("webhooks.list", "GET", "/hooks")
    await call("webhooks.get", "GET", f"/hooks/{hook['id']}")
    await call("webhooks.update", "PATCH", f"/hooks/{hook['id']}", body={"name": "Finished"})
    await call("webhooks.delete", "DELETE", f"/hooks/{hook['id']}")

    # deletions last
    await call("mcpServers.delete", "DELETE", f"/mcp-servers/{server['id']}")
    await call("chats.delete", "DELETE", f"/chats/{chat_id}")

    assert len(call.seen) == ALL_OPERATIONS, sorted(call.seen)


async def test_error_bodies_are_flat_and_valid_for_each_declared_status(
    v2: httpx.AsyncClient, clock: ManualClock, raw: httpx.AsyncClient
) -> None:
    call = Walk(v2)
    # 401 for every way of not sending a key
    for header in (None, "Bearer ", "Bearer undefined", "Bearer null", "Basic abc", "Bearer  "):
        headers = {"Authorization": header} if header else {}
        response = await raw.get("/v2/chats", headers=headers)
        check_error("chats.list", response, 401)
    # 404: unknown ids
    await call.error("chats.get", "GET", "/chats/nope", 404)
    await call.error("mcpServers.get", "GET", "/mcp-servers/nope", 404)
    await call.error("webhooks.get", "GET", "/hooks/nope", 404)
    # 422: unknown fields, wrong types, null where not allowed, bad enums, missing fields
    await call.error("chats.create", "POST", "/chats", 422, body={"message": "x", "responseMode": "sync"})
    await call.error("chats.create", "POST", "/chats", 422, body={"message": 3})
    await call.error("chats.create", "POST", "/chats", 422, body={"message": "x", "title": None})
    await call.error("chats.create", "POST", "/chats", 422, body={"message": "x", "privacy": "secret"})
    await call.error("chats.create", "POST", "/chats", 422, body={})
    await call.error("chats.list", "GET", "/chats?limit=0", 422)
    # 409: stop a finished message, resolve when nothing waits, edit files before the preview runs
    chat_id, message = await new_chat(v2, clock)
    await call.error("messages.stop", "POST", f"/chats/{chat_id}/messages/{message['id']}/stop", 409)
    task = {"task": {"type": "plan-exit-response", "status": "approved", "content": "ok"}}
    await call.error("messages.resolve", "POST", f"/chats/{chat_id}/messages/resolve", 409, body=task)
    edit = {"files": [{"path": "a.md", "content": "x"}]}
    await call.error("chats.updateFiles", "PATCH", f"/chats/{chat_id}/files", 409, body=edit)
    # 422 with issues[]
    bad = {"files": [{"path": "a.md", "content": "x"}, {"path": "a.md", "content": None}]}
    response = await v2.patch(f"/chats/{chat_id}/files", json=bad)
    body = check("chats.updateFiles", response, 422)
    assert body["issues"] == [{"path": "files.1.path", "error": "Duplicate path: a.md"}]


async def test_faults_answer_in_the_v2_envelope(v2: httpx.AsyncClient, sim: Simulator) -> None:
    sim.faults.fail_next = 1
    check_error("chats.list", await v2.get("/chats"), 500)
    sim.faults.rate_limit_every = 1
    response = await v2.get("/usage/summary")
    check_error("usage.getSummary", response, 429)
    assert response.headers["retry-after"] == "1"


async def test_each_key_has_its_own_rate_limit(
    v2: httpx.AsyncClient, v2_other: httpx.AsyncClient, sim: Simulator, clock: ManualClock
) -> None:
    sim.config.rate_limit = 2
    for _ in range(2):
        check("usage.getSummary", await v2.get("/usage/summary"), 200)
    throttled = await v2.get("/usage/summary")
    check_error("usage.getSummary", throttled, 429)
    assert int(throttled.headers["retry-after"]) > 0
    check("usage.getSummary", await v2_other.get("/usage/summary"), 200)
    clock.advance(sim.config.rate_window)
    check("usage.getSummary", await v2.get("/usage/summary"), 200)
