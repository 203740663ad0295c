"""Deployments: created at once, logs over time (since/nextSince), build errors from the files."""

from __future__ import annotations

from typing import Any

import httpx

from v0_mcp.simulator import ManualClock

from .conftest import check_body, check_error, new_chat


async def _deploy(client: httpx.AsyncClient, prompt: str = "Build a hello world landing page") -> Any:
    chat = await new_chat(client, prompt)
    body = {"chatId": chat["id"], "versionId": chat["latestVersion"]["id"]}
    return check_body("deployments.create", await client.post("/deployments", json=body))


async def _logs(client: httpx.AsyncClient, deployment_id: str, since: float | None = None) -> Any:
    params = {} if since is None else {"since": since}
    return check_body("deployments.findLogs", await client.get(f"/deployments/{deployment_id}/logs", params=params))


async def test_logs_appear_over_time_with_since_and_next_since(client: httpx.AsyncClient, clock: ManualClock) -> None:
    deployment = await _deploy(client)
    assert deployment["id"].startswith("dpl_") and deployment["webUrl"].endswith(".vercel.app")
    empty = await _logs(client, deployment["id"])
    assert empty["logs"] == [] and "nextSince" in empty
    clock.advance(3)  # log_interval is 1s in these tests
    first = await _logs(client, deployment["id"])
    assert len(first["logs"]) == 3
    again = await _logs(client, deployment["id"], first["nextSince"])
    assert again["logs"] == [] and again["nextSince"] == first["nextSince"]
    clock.advance(60)
    rest = await _logs(client, deployment["id"], first["nextSince"])
    texts = [line["text"] for line in first["logs"] + rest["logs"]]
    assert len(texts) == len(set(texts)) and texts[-1].startswith("Deployment ready")
    done = await _logs(client, deployment["id"], rest["nextSince"])
    assert done == {"object": "list", "logs": []}  # finished and nothing new: no nextSince
    assert check_body("deployments.findErrors", await client.get(f"/deployments/{deployment['id']}/errors")) == {}


async def test_a_build_error_in_the_files_fails_the_deployment(client: httpx.AsyncClient, clock: ManualClock) -> None:
    deployment = await _deploy(client, "Build a page that says BUILD_ERROR")
    path = f"/deployments/{deployment['id']}/errors"
    assert check_body("deployments.findErrors", await client.get(path)) == {}  # still building
    clock.advance(60)
    errors = check_body("deployments.findErrors", await client.get(path))
    assert errors["errorType"] == "build"
    assert errors["formattedError"].startswith("app/layout.tsx:")
    assert "BUILD_ERROR" in errors["fullErrorText"]
    logs = (await _logs(client, deployment["id"]))["logs"]
    assert logs[-1]["type"] == "stderr" and logs[-1]["level"] == "error"


async def test_unbalanced_braces_fail_and_a_fix_message_repairs(client: httpx.AsyncClient, clock: ManualClock) -> None:
    chat = await new_chat(client)
    vid = chat["latestVersion"]["id"]
    broken = "export default function Page() {\n  return <main>{'hi'}</main>\n"
    edit = {"files": [{"name": "app/page.tsx", "content": broken}]}
    await client.patch(f"/chats/{chat['id']}/versions/{vid}", json=edit)
    failed = (await client.post("/deployments", json={"chatId": chat["id"], "versionId": vid})).json()
    clock.advance(60)
    errors = (await client.get(f"/deployments/{failed['id']}/errors")).json()
    assert errors["formattedError"].startswith("app/page.tsx:3:1") and "Expected" in errors["formattedError"]
    fixed = (
        await client.post(
            f"/chats/{chat['id']}/messages", json={"message": "Fix the build", "action": {"type": "fix-with-v0"}}
        )
    ).json()
    assert fixed["messages"][-2]["type"] == "fix-with-v0"
    good = await client.post("/deployments", json={"chatId": chat["id"], "versionId": fixed["latestVersion"]["id"]})
    clock.advance(60)
    assert (await client.get(f"/deployments/{good.json()['id']}/errors")).json() == {}


async def test_find_filters_by_chat_and_version_and_delete_removes(client: httpx.AsyncClient) -> None:
    deployment = await _deploy(client)
    query = {"chatId": deployment["chatId"], "versionId": deployment["versionId"]}
    found = check_body("deployments.find", await client.get("/deployments", params=query))
    assert [d["id"] for d in found["data"]] == [deployment["id"]]
    check_error("deployments.find", await client.get("/deployments", params={"chatId": deployment["chatId"]}), 422)
    await client.delete(f"/deployments/{deployment['id']}")
    check_error("deployments.getById", await client.get(f"/deployments/{deployment['id']}"), 404)


async def test_deploying_a_pending_version_answers_409(client: httpx.AsyncClient) -> None:
    chat = await new_chat(client, responseMode="async")
    response = await client.post("/deployments", json={"chatId": chat["id"], "versionId": chat["latestVersion"]["id"]})
    check_error("deployments.create", response, 409)
