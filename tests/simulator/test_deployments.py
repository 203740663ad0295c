"""Deployments: created at once, logs over time (since/nextSince), build errors from the files."""

from __future__ import annotations

import itertools
from typing import Any

import httpx

from v0_mcp.simulator import ManualClock, Simulator, SimulatorConfig
from v0_mcp.simulator._builds import LONGEST_SILENCE

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
    clock.advance(4)  # log_interval is 1s in these tests
    first = await _logs(client, deployment["id"])
    assert len(first["logs"]) == 3
    again = await _logs(client, deployment["id"], first["nextSince"])
    assert again["logs"] == [] and again["nextSince"] == first["nextSince"]
    clock.advance(120)
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


async def _poll_logs(client: httpx.AsyncClient, clock: ManualClock, deployment_id: str, *, stop_on_empty: bool) -> Any:
    """Poll findLogs once a second, as a client would; return (texts, empty pages seen)."""
    texts: list[str] = []
    since: float | None = None
    empty_pages = 0
    for _ in range(600):
        clock.advance(1)
        page = await _logs(client, deployment_id, since)
        texts += [line["text"] for line in page["logs"]]
        if not page["logs"]:
            empty_pages += 1
            if stop_on_empty or "nextSince" not in page:
                break
        since = page.get("nextSince", since)
    return texts, empty_pages


async def test_builds_go_silent_for_long_stretches_so_a_poller_must_follow_next_since(
    client: httpx.AsyncClient, clock: ManualClock
) -> None:
    deployment = await _deploy(client)
    hasty, _ = await _poll_logs(client, clock, deployment["id"], stop_on_empty=True)
    assert hasty and not hasty[-1].startswith("Deployment ready")  # gave up in the first silence
    deployment = await _deploy(client, "Build another page")
    patient, empty_pages = await _poll_logs(client, clock, deployment["id"], stop_on_empty=False)
    assert patient[-1].startswith("Deployment ready")
    assert empty_pages >= 2 * (LONGEST_SILENCE - 2)  # two long silences of a second-by-second poll


async def test_the_pace_scales_with_log_interval(clock: ManualClock) -> None:
    sim = Simulator(SimulatorConfig(clock=clock, generation_delay=1, log_interval=5.0))
    async with sim.client("k") as client:
        deployment = await _deploy(client)
        logs = sim.workspace("k").deployments[deployment["id"]].logs
    gaps = [b.at - a.at for a, b in itertools.pairwise(logs)]
    assert max(gaps) == LONGEST_SILENCE * 5.0 and min(gaps) > 0
    assert logs[-1].at - logs[0].at > 40 * 5.0  # a build of minutes, not seconds


async def _deploy_version(client: httpx.AsyncClient, chat: Any, version_id: str) -> Any:
    body = {"chatId": chat["id"], "versionId": version_id}
    return check_body("deployments.create", await client.post("/deployments", json=body))


async def _failed(client: httpx.AsyncClient, clock: ManualClock, deployment: Any) -> tuple[Any, list[Any]]:
    clock.advance(120)
    errors = check_body("deployments.findErrors", await client.get(f"/deployments/{deployment['id']}/errors"))
    logs = (await _logs(client, deployment["id"]))["logs"]
    return errors, logs


async def test_deleting_an_imported_file_fails_the_build(client: httpx.AsyncClient, clock: ManualClock) -> None:
    chat = await new_chat(client, "Build a pricing page")
    vid = chat["latestVersion"]["id"]
    body = {"filePaths": ["components/pricing-table.tsx"]}
    deleted = await client.post(f"/chats/{chat['id']}/versions/{vid}/files/delete", json=body)
    without = check_body("chats.deleteVersionFiles", deleted)["id"]  # a new version, without the file
    errors, logs = await _failed(client, clock, await _deploy_version(client, chat, without))
    message = "Module not found: Can't resolve '@/components/pricing-table'"
    assert errors["errorType"] == "build" and errors["formattedError"].startswith("app/page.tsx:2:")
    assert errors["formattedError"].endswith(message) and message in errors["fullErrorText"]
    texts = [line["text"] for line in logs]
    assert message in texts and "Failed to compile." in texts and "Deployment ready" not in " ".join(texts)
    assert logs[-1]["level"] == "error" and logs[-1]["type"] == "stderr"


async def test_a_page_importing_a_component_that_does_not_exist_fails(
    client: httpx.AsyncClient, clock: ManualClock
) -> None:
    chat = await new_chat(client)
    vid = chat["latestVersion"]["id"]
    page = next(f["content"] for f in chat["latestVersion"]["files"] if f["name"] == "app/page.tsx")
    page = 'import { Footer } from "../components/footer"\n' + page
    await client.patch(
        f"/chats/{chat['id']}/versions/{vid}", json={"files": [{"name": "app/page.tsx", "content": page}]}
    )
    errors, _ = await _failed(client, clock, await _deploy_version(client, chat, vid))
    assert errors["formattedError"] == "app/page.tsx:1:25 Module not found: Can't resolve '../components/footer'"


async def test_a_type_error_fails_after_compiling_and_shows_in_logs_and_find_errors(
    client: httpx.AsyncClient, clock: ManualClock
) -> None:
    chat = await new_chat(client)
    vid = chat["latestVersion"]["id"]
    source = 'export const price: number = "12"\n'
    await client.patch(
        f"/chats/{chat['id']}/versions/{vid}", json={"files": [{"name": "lib/price.ts", "content": source}]}
    )
    deployment = await _deploy_version(client, chat, vid)
    assert check_body("deployments.findErrors", await client.get(f"/deployments/{deployment['id']}/errors")) == {}
    errors, logs = await _failed(client, clock, deployment)
    message = "Type error: Type 'string' is not assignable to type 'number'."
    assert errors["formattedError"] == f"lib/price.ts:1:30 {message}"
    texts = [line["text"] for line in logs]
    assert texts.index(" Compiled successfully") < texts.index("Failed to compile.") < texts.index(message)
