"""The demo workspace a new user meets on ``--demo``."""

from __future__ import annotations

import httpx

from v0_mcp.simulator import ManualClock, Simulator, SimulatorConfig

from .conftest import check_body


async def test_the_demo_workspace_has_a_project_two_chats_and_a_deployment(clock: ManualClock) -> None:
    sim = Simulator(SimulatorConfig(clock=clock, seed_workspace=True))
    async with sim.client("demo") as client:
        chats = check_body("chats.find", await client.get("/chats"))["data"]
        assert len(chats) == 2 and all(c["latestVersion"]["status"] == "completed" for c in chats)
        projects = check_body("projects.find", await client.get("/projects"))["data"]
        assert [p["name"] for p in projects] == ["Coffee club"]
        project = check_body("projects.getById", await client.get(f"/projects/{projects[0]['id']}"))
        (landing,) = project["chats"]
        versions = check_body("chats.findVersions", await client.get(f"/chats/{landing['id']}/versions"))
        query = {"chatId": landing["id"], "versionId": versions["data"][0]["id"]}
        (deployment,) = check_body("deployments.find", await client.get("/deployments", params=query))["data"]
        logs = check_body("deployments.findLogs", await client.get(f"/deployments/{deployment['id']}/logs"))
        assert logs["logs"][-1]["text"].startswith("Deployment ready")
        other = next(c for c in chats if c["id"] != landing["id"])
        assert (await client.get(f"/chats/{other['id']}/versions")).json()["meta"]["totalCount"] == 2
        assert check_body("reports.getUsage", await client.get("/reports/usage"))["data"]


async def test_every_key_gets_its_own_demo_copy(clock: ManualClock) -> None:
    sim = Simulator(SimulatorConfig(clock=clock, seed_workspace=True))
    async with sim.client("a") as a, sim.client("b") as b:
        ids_a = {c["id"] for c in (await a.get("/chats")).json()["data"]}
        ids_b = {c["id"] for c in (await b.get("/chats")).json()["data"]}
        assert len(ids_a) == len(ids_b) == 2 and not ids_a & ids_b
        await a.delete(f"/chats/{ids_a.pop()}")
        assert len((await b.get("/chats")).json()["data"]) == 2


async def test_without_seeding_a_workspace_starts_empty(client: httpx.AsyncClient) -> None:
    assert (await client.get("/chats")).json() == {"object": "list", "data": []}
