"""A chat's Vercel project: made by v0, read on Vercel, listed a page at a time."""

from __future__ import annotations

from mcp.types import ResourceLink

from tests.tools.v2.vercel_fixtures import open_v2
from v0_mcp.simulator import Simulator


async def test_a_chats_vercel_project_is_created_once_and_read_on_vercel(sim: Simulator, era: str) -> None:
    async with open_v2(sim, era) as session:
        agent = session.agent
        chat_id = await session.chat()
        before = await agent.fail("get_vercel_project", {"chatId": chat_id})
        created = await agent.call("create_vercel_project", {"chatId": chat_id, "name": "bean-and-bloom"})
        again = await agent.fail("create_vercel_project", {"chatId": chat_id})
        assert created.structured_content is not None
        project_id = created.structured_content["vercelProjectId"]
        deployed = await agent.ok("create_deployment", {"chatId": chat_id, "waitSeconds": 60})
        by_chat = await agent.ok("get_vercel_project", {"chatId": chat_id})
        by_id = await agent.ok("get_vercel_project", {"vercelProjectId": project_id})
        unknown = await agent.fail("get_vercel_project", {"vercelProjectId": "prj_nope"})

    assert "create_vercel_project" in before
    links = [block.uri for block in created.content if isinstance(block, ResourceLink)]
    assert links == [f"v0://projects/{project_id}"]
    assert "409" in again
    assert by_chat["id"] == project_id and by_chat["name"] == "bean-and-bloom" and by_chat["chatId"] == chat_id
    assert by_chat["productionUrl"] == deployed["url"]
    assert by_chat["latestDeployments"][0]["deploymentId"] == deployed["deploymentId"]
    assert {k: v for k, v in by_chat.items() if k != "chatId"} == {k: v for k, v in by_id.items() if k != "chatId"}
    assert "404" in unknown


async def test_vercel_projects_are_listed_newest_first_a_page_at_a_time(sim: Simulator, era: str) -> None:
    async with open_v2(sim, era) as session:
        names = ["first-shop", "second-shop", "third-shop"]
        for name in names:
            chat_id = await session.chat()
            await session.agent.ok("create_vercel_project", {"chatId": chat_id, "name": name})
        first = await session.agent.ok("list_vercel_projects", {"limit": 2})
        rest = await session.agent.ok("list_vercel_projects", {"limit": 2, "cursor": first["nextCursor"]})
        found = await session.agent.ok("list_vercel_projects", {"search": "second"})

    listed = [p["name"] for p in first["projects"] + rest["projects"]]
    assert sorted(listed) == sorted(names) and len(first["projects"]) == 2
    assert f"cursor={first['nextCursor']!r}" in first["note"] and "nextCursor" not in rest
    assert [p["name"] for p in found["projects"]] == ["second-shop"]


async def test_vercel_failures_name_vercel_and_what_to_do(sim: Simulator, era: str) -> None:
    sim.faults.operations = frozenset({"getProjects"})
    sim.faults.error_rate = 1.0
    async with open_v2(sim, era) as session:
        failed = await session.agent.fail("list_vercel_projects")
        sim.faults.error_rate = 0.0
        sim.faults.rate_limit_rate = 1.0
        throttled = await session.agent.fail("list_vercel_projects")

    assert "500" in failed and "Vercel failed on its side" in failed and "v0" not in failed
    assert "429" in throttled and "Rate limited by Vercel" in throttled
