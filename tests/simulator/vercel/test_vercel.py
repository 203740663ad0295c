"""The Vercel subset: every endpoint's bodies valid against vercel-openapi.json, and a deploy's build over time."""

from __future__ import annotations

import itertools
from typing import Any

import httpx

from tests.simulator.v2.conftest import KEY, check, check_vercel, check_vercel_lines, new_chat, running_preview
from v0_mcp.simulator import ManualClock, Simulator

ALL_ENDPOINTS = 14  # 13 endpoints; list deployments answers on /v7 and on /v6


async def _deploy(v2: httpx.AsyncClient, clock: ManualClock, prompt: str = "Build a pricing page") -> tuple[str, Any]:
    chat_id, _ = await new_chat(v2, clock, prompt)
    return chat_id, check("chats.deploy", await v2.post(f"/chats/{chat_id}/deploy"))


async def test_every_endpoint_answers_schema_valid_bodies(
    v2: httpx.AsyncClient, vercel: httpx.AsyncClient, clock: ManualClock, sim: Simulator
) -> None:
    seen: set[str] = set()

    async def call(op: str, method: str, path: str, status: int = 200, **kwargs: Any) -> Any:
        seen.add(op)
        return check_vercel(op, await vercel.request(method, path, **kwargs), status)

    chat_id, deployed = await _deploy(v2, clock)
    dpl, prj = deployed["deploymentId"], deployed["vercelProjectId"]
    team = sim.v2.workspace(KEY).team_id
    first = await call("getDeployment", "GET", f"/v13/deployments/{dpl}", params={"teamId": team})
    assert first["readyState"] == "QUEUED" and first["projectId"] == prj
    clock.advance(120)
    ready = await call("getDeployment", "GET", f"/v13/deployments/{dpl}")
    assert ready["readyState"] == "READY" and ready["alias"] and ready["ready"] > ready["buildingAt"]
    listed = await call("getDeployments", "GET", "/v7/deployments", params={"projectId": prj})
    assert [d["uid"] for d in listed["deployments"]] == [dpl]
    await call("getDeploymentsV6", "GET", "/v6/deployments", params={"projectId": prj, "state": "READY"})
    events = await call("getDeploymentEvents", "GET", f"/v3/deployments/{dpl}/events")
    assert events[-1]["type"] == "deployment-state" and events[-1]["info"]["readyState"] == "READY"
    seen.add("getRuntimeLogs")
    logs = await vercel.get(f"/v1/projects/{prj}/deployments/{dpl}/runtime-logs")
    lines = check_vercel_lines("getRuntimeLogs", logs, "RuntimeLogLine")
    assert lines and all(line["timestampInMs"] > ready["ready"] for line in lines)
    project = await call("getProject", "GET", f"/v9/projects/{prj}")
    assert project["targets"]["production"]["id"] == dpl and project["accountId"] == team
    await call("getProjects", "GET", "/v10/projects")
    created = await call(
        "createProjectEnv",
        "POST",
        f"/v10/projects/{prj}/env",
        201,
        json=[{"key": "API_KEY", "value": "secret-1", "type": "encrypted", "target": ["production"]}],
    )
    env_id = created["created"][0]["id"]
    assert created["created"][0]["value"] != "secret-1" and created["failed"] == []
    again = await call(
        "createProjectEnv",
        "POST",
        f"/v10/projects/{prj}/env",
        201,
        json={"key": "API_KEY", "value": "x", "type": "encrypted", "target": ["production"]},
    )
    assert again["failed"][0]["error"]["code"] == "ENV_ALREADY_EXISTS"
    listing = await call("filterProjectEnvs", "GET", f"/v10/projects/{prj}/env")
    assert [e["key"] for e in listing["envs"]] == ["API_KEY"] and listing["envs"][0]["value"] != "secret-1"
    assert (await call("getProjectEnv", "GET", f"/v1/projects/{prj}/env/{env_id}"))["value"] == "secret-1"
    edited = await call("editProjectEnv", "PATCH", f"/v9/projects/{prj}/env/{env_id}", json={"value": "secret-2"})
    assert edited["key"] == "API_KEY"
    assert (await call("getProjectEnv", "GET", f"/v1/projects/{prj}/env/{env_id}"))["value"] == "secret-2"
    removed = await call("batchRemoveProjectEnv", "DELETE", f"/v1/projects/{prj}/env", json={"ids": [env_id]})
    assert removed == {"deleted": 1, "ids": [env_id]}
    _, second = await _deploy(v2, clock, "Build a blog")
    canceled = await call("cancelDeployment", "PATCH", f"/v12/deployments/{second['deploymentId']}/cancel")
    assert canceled["readyState"] == "CANCELED"
    gone = await call("deleteDeployment", "DELETE", f"/v13/deployments/{dpl}")
    assert gone == {"uid": dpl, "state": "DELETED"}
    assert len(seen) == ALL_ENDPOINTS
    chat = check("chats.get", await v2.get(f"/chats/{chat_id}"))
    assert chat["vercelProjectId"] == prj


async def test_errors_use_vercels_envelope(
    v2: httpx.AsyncClient, vercel: httpx.AsyncClient, raw: httpx.AsyncClient, clock: ManualClock
) -> None:
    for headers in ({}, {"Authorization": "Bearer undefined"}):
        response = await raw.get("/vercel/v10/projects", headers=headers)
        assert check_vercel("getProjects", response, 403)["error"]["code"] == "forbidden"
    body = check_vercel("getDeployment", await vercel.get("/v13/deployments/dpl_nope"), 404)
    assert body["error"] == {"code": "not_found", "message": "Deployment not found: dpl_nope"}
    _, deployed = await _deploy(v2, clock)
    other_team = await vercel.get(f"/v13/deployments/{deployed['deploymentId']}", params={"teamId": "team_other"})
    check_vercel("getDeployment", other_team, 403)
    clock.advance(120)
    late = await vercel.patch(f"/v12/deployments/{deployed['deploymentId']}/cancel")
    assert check_vercel("cancelDeployment", late, 400)["error"]["code"] == "bad_request"
    prj = deployed["vercelProjectId"]
    bad = {"key": "A", "value": "b", "type": "encrypted", "target": ["staging"]}
    check_vercel("createProjectEnv", await vercel.post(f"/v10/projects/{prj}/env", json=bad), 400)


async def test_a_deployment_moves_through_its_states_with_paced_build_events(
    v2: httpx.AsyncClient, vercel: httpx.AsyncClient, clock: ManualClock
) -> None:
    _, deployed = await _deploy(v2, clock)
    dpl = deployed["deploymentId"]
    states: list[str] = []
    counts: list[int] = []
    for _ in range(60):
        state = check_vercel("getDeployment", await vercel.get(f"/v13/deployments/{dpl}"))["readyState"]
        if not states or states[-1] != state:
            states.append(state)
        counts.append(len(check_vercel("getDeploymentEvents", await vercel.get(f"/v3/deployments/{dpl}/events"))))
        if state == "READY":
            break
        clock.advance(1)
    assert states == ["QUEUED", "INITIALIZING", "BUILDING", "READY"]
    growth = [b - a for a, b in itertools.pairwise(counts)]
    assert max(counts) > 10 and growth.count(0) >= 8  # quiet stretches while installing and compiling


async def test_code_that_would_not_build_ends_in_error_with_the_compiler_output(
    v2: httpx.AsyncClient, vercel: httpx.AsyncClient, clock: ManualClock
) -> None:
    _, deployed = await _deploy(v2, clock, "Build a page BUILD_ERROR")
    dpl = deployed["deploymentId"]
    clock.advance(120)
    failed = check_vercel("getDeployment", await vercel.get(f"/v13/deployments/{dpl}"))
    assert failed["readyState"] == "ERROR" and failed["errorCode"] == "build_failed"
    located, _, compiler_message = failed["errorMessage"].partition(" ")
    assert located.startswith("app/") and ".tsx:" in located
    tail = check_vercel(
        "getDeploymentEvents",
        await vercel.get(f"/v3/deployments/{dpl}/events", params={"direction": "backward", "limit": 4}),
    )
    assert len(tail) == 4 and tail[-1]["info"]["readyState"] == "ERROR"
    assert any(e.get("level") == "error" for e in tail)
    every = check_vercel("getDeploymentEvents", await vercel.get(f"/v3/deployments/{dpl}/events"))
    assert compiler_message in [e.get("text") for e in every] and f"./{located}" in [e.get("text") for e in every]
    logs = await vercel.get(f"/v1/projects/{deployed['vercelProjectId']}/deployments/{dpl}/runtime-logs")
    assert check_vercel_lines("getRuntimeLogs", logs, "RuntimeLogLine") == []


async def test_following_build_events_streams_lines_until_the_build_ends(
    v2: httpx.AsyncClient, vercel: httpx.AsyncClient, clock: ManualClock
) -> None:
    _, deployed = await _deploy(v2, clock)
    clock.advance(120)
    response = await vercel.get(f"/v3/deployments/{deployed['deploymentId']}/events", params={"follow": 1})
    lines = check_vercel_lines("getDeploymentEvents", response, "DeploymentEvent")
    assert lines[-1]["type"] == "deployment-state" and lines[-1]["info"]["readyState"] == "READY"


async def test_an_edit_that_breaks_an_import_fails_the_next_deploy(
    v2: httpx.AsyncClient, vercel: httpx.AsyncClient, clock: ManualClock
) -> None:
    chat_id, _ = await new_chat(v2, clock, "Build a pricing page")
    files = check("chats.getFiles", await v2.get(f"/chats/{chat_id}/files"))["files"]
    component = next(f["path"] for f in files if f["path"].startswith("components/"))
    await running_preview(v2, clock, chat_id)
    edit = {"files": [{"path": component, "content": None}]}
    check("chats.updateFiles", await v2.patch(f"/chats/{chat_id}/files", json=edit))
    deployed = check("chats.deploy", await v2.post(f"/chats/{chat_id}/deploy"))
    clock.advance(120)
    failed = check_vercel("getDeployment", await vercel.get(f"/v13/deployments/{deployed['deploymentId']}"))
    assert failed["readyState"] == "ERROR" and failed["errorMessage"].startswith("app/page.tsx:")
    texts = [
        e.get("text")
        for e in check_vercel(
            "getDeploymentEvents", await vercel.get(f"/v3/deployments/{deployed['deploymentId']}/events")
        )
    ]
    assert any(component.removesuffix(".tsx") in (t or "") for t in texts), texts[-8:]
