"""Drive all 59 operations; every 200 body, and every error body, validates against openapi.json."""

from __future__ import annotations

import io
import tarfile
import zipfile
from typing import Any

import httpx
import pytest

from v0_mcp.api import Operation
from v0_mcp.api.v1 import CATALOGUE
from v0_mcp.simulator import ManualClock, Simulator

from .conftest import check_body, check_error, sse_events, url


class Walk:
    """Call operations by id, validate what comes back, remember what was covered."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client
        self.seen: set[str] = set()

    async def raw(
        self, operation_id: str, *, query: dict[str, Any] | None = None, body: Any = None, **params: str
    ) -> httpx.Response:
        method, path = url(operation_id, **params)
        response = await self.client.request(method, path, params=query, json=body)
        assert response.status_code == 200, f"{operation_id}: {response.status_code} {response.text}"
        self.seen.add(operation_id)
        return response

    async def __call__(
        self, operation_id: str, *, query: dict[str, Any] | None = None, body: Any = None, **params: str
    ) -> Any:
        return check_body(operation_id, await self.raw(operation_id, query=query, body=body, **params))


async def test_every_operation_answers_a_schema_valid_body(client: httpx.AsyncClient, clock: ManualClock) -> None:
    call = Walk(client)

    # account
    me = await call("user.get")
    await call("user.getPlan")
    await call("user.getBilling", query={"scope": me["id"]})
    assert me["id"] in {s["id"] for s in (await call("user.getScopes"))["data"]}
    await call("rateLimits.find")

    # MCP servers
    oauth = {
        "type": "oauth",
        "config": {
            "authorizationUrl": "https://auth.example.com/authorize",
            "tokenUrl": "https://auth.example.com/token",
            "clientId": "abc",
            "scopes": ["read"],
        },
    }
    linear = {"name": "Linear", "url": "https://mcp.linear.app/mcp", "auth": oauth}
    server = await call("mcpServers.create", body=linear)
    assert server["auth"] == {"type": "oauth"}
    await call("mcpServers.find")
    await call("mcpServers.getById", mcpServerId=server["id"])
    await call("mcpServers.update", mcpServerId=server["id"], body={"enabled": False, "description": "issues"})
    grant = await call(
        "mcpServers.createOAuthAuthorizationUrl",
        mcpServerId=server["id"],
        body={"returnUrl": "https://example.com/done"},
    )
    assert grant["url"].startswith("https://auth.example.com/authorize?")

    # projects, env vars, Vercel links
    project = await call(
        "projects.create",
        body={
            "name": "Marketing site",
            "description": "Spring campaign",
            "environmentVariables": [{"key": "API_URL", "value": "https://x"}],
        },
    )
    await call("projects.find")
    await call("projects.getById", projectId=project["id"])
    await call("projects.update", projectId=project["id"], body={"instructions": "Use Tailwind."})
    pid = project["id"]
    created = await call(
        "projects.createEnvVars",
        projectId=pid,
        query={"decrypted": "true"},
        body={"environmentVariables": [{"key": "DATABASE_URL", "value": "postgres://db"}]},
    )
    env_id = created["data"][0]["id"]
    assert len((await call("projects.findEnvVars", projectId=pid))["data"]) == 2
    await call("projects.getEnvVar", projectId=pid, environmentVariableId=env_id, query={"decrypted": "false"})
    await call(
        "projects.updateEnvVars",
        projectId=pid,
        body={"environmentVariables": [{"id": env_id, "value": "postgres://other"}]},
    )
    await call("projects.deleteEnvVars", projectId=pid, body={"environmentVariableIds": [env_id]})
    await call("integrations.vercel.projects.create", body={"projectId": pid, "name": "marketing-site-2"})
    await call("integrations.vercel.projects.find")

    # chats
    chat = await call(
        "chats.create",
        body={
            "message": "Build a hello world landing page",
            "projectId": pid,
            "metadata": {"customer": "c1"},
            "mcpServerIds": [server["id"]],
        },
    )
    cid = chat["id"]
    assert chat["latestVersion"]["status"] == "completed"
    await call("chats.find", query={"limit": 10, "metadata[customer]": "c1"})
    await call("chats.getById", chatId=cid)
    await call("chats.update", chatId=cid, body={"name": "Hello", "metadata": {"customer": None, "tier": "gold"}})
    await call("chats.favorite", chatId=cid, body={"isFavorite": True})
    pending = await call("chats.sendMessage", chatId=cid, body={"message": "Add testimonials", "responseMode": "async"})
    assert pending["latestVersion"]["status"] == "pending"
    clock.advance(1)
    messages = await call("chats.findMessages", chatId=cid, query={"limit": 2})
    assert messages["pagination"]["hasMore"] is True
    await call("chats.getMessage", chatId=cid, messageId=messages["data"][0]["id"])

    # versions
    versions = await call("chats.findVersions", chatId=cid)
    vid = versions["data"][0]["id"]
    await call("chats.getVersion", chatId=cid, versionId=vid, query={"includeDefaultFiles": "true"})
    await call(
        "chats.updateVersion",
        chatId=cid,
        versionId=vid,
        body={"files": [{"name": "app/extra.ts", "content": "export const x = 1\n", "locked": True}]},
    )
    trimmed = await call("chats.deleteVersionFiles", chatId=cid, versionId=vid, body={"filePaths": ["app/extra.ts"]})
    assert trimmed["id"] != vid
    await call("chats.restore", chatId=cid, versionId=vid)
    archive = await call.raw("chats.downloadVersion", chatId=cid, versionId=vid)
    assert archive.headers["content-type"] == "application/zip"
    assert "app/page.tsx" in zipfile.ZipFile(io.BytesIO(archive.content)).namelist()
    archive = await call.raw(
        "chats.downloadVersion", chatId=cid, versionId=vid, query={"format": "tarball", "includeDefaultFiles": "true"}
    )
    assert archive.headers["content-type"] == "application/gzip"
    with tarfile.open(fileobj=io.BytesIO(archive.content), mode="r:gz") as tar:
        assert {"app/page.tsx", "package.json"} <= set(tar.getnames())

    # stop and resume
    running = await call("chats.sendMessage", chatId=cid, body={"message": "Add a footer", "responseMode": "async"})
    assert (await call("chats.stop", chatId=cid, messageId=running["messages"][-1]["id"])) == {"success": True}
    running = await call("chats.sendMessage", chatId=cid, body={"message": "Add an FAQ", "responseMode": "async"})
    stream = await call.raw("chats.resume", chatId=cid, messageId=running["messages"][-1]["id"])
    assert stream.headers["content-type"].startswith("text/event-stream")
    assert sse_events(stream.text)[-1] == "[DONE]"

    # tasks
    asking = await call("chats.create", body={"message": "Plan a booking site NEEDS_TASK:answered-questions"})
    answer = {"questionId": "q1", "questionText": "Which colour?", "selectedLabels": ["Blue"]}
    task = {"type": "answered-questions", "answers": [answer]}
    await call("chats.resolveTask", chatId=asking["id"], body={"task": task})

    # init, fork, project links
    imported = await call(
        "chats.init",
        body={
            "type": "files",
            "name": "Imported",
            "files": [{"name": "app/page.tsx", "content": "export default 1\n"}],
        },
    )
    await call("chats.fork", chatId=cid, body={"versionId": vid})
    await call("projects.assign", projectId=pid, body={"chatId": imported["id"]})
    await call("projects.getByChatId", chatId=imported["id"])

    # deployments
    deployment = await call("deployments.create", body={"chatId": cid, "versionId": vid})
    did = deployment["id"]
    await call("deployments.find", query={"chatId": cid, "versionId": vid})
    await call("deployments.getById", deploymentId=did)
    clock.advance(60)
    logs = await call("deployments.findLogs", deploymentId=did, query={"since": 0})
    assert logs["logs"]
    assert await call("deployments.findErrors", deploymentId=did) == {}
    await call("deployments.delete", deploymentId=did)

    # hooks
    hook = await call(
        "hooks.create",
        body={
            "name": "Builds",
            "events": ["chat.created", "message.finished"],
            "chatId": cid,
            "url": "https://example.com/hook",
        },
    )
    await call("hooks.find")
    await call("hooks.getById", hookId=hook["id"])
    await call("hooks.update", hookId=hook["id"], body={"events": ["message.finished"]})
    await call("hooks.delete", hookId=hook["id"])

    # reports
    usage = await call("reports.getUsage", query={"limit": 2, "startDate": "2020-01-01T00:00:00Z"})
    assert usage["data"]
    await call("reports.getAIUsage", query={"start": "2020-01-01T00:00:00Z", "end": "2100-01-01T00:00:00Z"})
    await call("reports.getUserActivity")

    # teardown
    await call("mcpServers.delete", mcpServerId=server["id"])
    await call("projects.delete", projectId=pid, query={"deleteAllChats": "false"})
    await call("chats.delete", chatId=cid)

    assert call.seen == {op.id for op in CATALOGUE}, sorted({op.id for op in CATALOGUE} - call.seen)
    assert len(call.seen) == 59


_MINIMAL_BODIES: dict[str, Any] = {
    "chats.favorite": {"isFavorite": True},
    "chats.sendMessage": {"message": "hi"},
    "chats.updateVersion": {"files": []},
    "chats.deleteVersionFiles": {"filePaths": []},
    "chats.resolveTask": {"task": {"type": "vercel-connect-setup"}},
    "projects.assign": {"chatId": "missing"},
    "projects.createEnvVars": {"environmentVariables": []},
    "projects.updateEnvVars": {"environmentVariables": []},
    "projects.deleteEnvVars": {"environmentVariableIds": []},
    "mcpServers.createOAuthAuthorizationUrl": {"returnUrl": "https://example.com"},
}


@pytest.mark.parametrize("op", CATALOGUE, ids=lambda op: op.id)
async def test_every_operation_answers_401_without_a_key(sim: Simulator, op: Operation) -> None:
    async with sim.client(None) as anonymous:
        response = await anonymous.request(op.method, op.url_path({p: "missing" for p in op.path_params}))
    check_error(op.id, response, 401)


@pytest.mark.parametrize("op", [op for op in CATALOGUE if op.path_params], ids=lambda op: op.id)
async def test_every_operation_answers_404_for_unknown_ids(client: httpx.AsyncClient, op: Operation) -> None:
    body = _MINIMAL_BODIES.get(op.id, {}) if op.body is not None else None
    response = await client.request(op.method, op.url_path({p: "missing" for p in op.path_params}), json=body)
    check_error(op.id, response, 404)
