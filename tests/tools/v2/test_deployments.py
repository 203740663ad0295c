"""The v2 deployments toolset against the simulator: a deploy followed to its end, logs, errors, listing, deleting."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from mcp.types import ResourceLink

from tests.tools.conftest import API_KEY, text_of
from tests.tools.v2.vercel_fixtures import BROKEN_IMPORT, GOOD_HERO, TYPE_ERROR, open_v2
from v0_mcp.simulator import Simulator
from v0_mcp.tools.v2.deployments import LogLine, logs_page, page_by_time

DEPLOYMENT_TOOLS = (
    "create_deployment",
    "get_deployment",
    "get_deployment_logs",
    "get_deployment_errors",
    "list_deployments",
    "delete_deployment",
)


async def test_a_deploy_is_followed_to_ready_with_build_progress(sim: Simulator, era: str) -> None:
    progress: list[str] = []

    async def on_progress(value: float, total: float | None, message: str | None) -> None:
        progress.append(message or "")

    async with open_v2(sim, era) as session:
        chat_id = await session.chat()
        result = await session.agent.call(
            "create_deployment", {"chatId": chat_id, "waitSeconds": 60}, progress_callback=on_progress
        )
        deployed = await session.agent.ok("get_deployment", {"deploymentId": result.structured_content["deploymentId"]})

    assert not result.is_error, text_of(result)
    data = result.structured_content
    assert data["status"] == "ready" and data["readyState"] == "READY"
    assert data["url"].startswith("https://") and data["url"].endswith(".vercel.app")
    assert data["chatId"] == chat_id and data["vercelProjectId"].startswith("prj_")
    assert "errorLines" not in data
    assert "Compiled successfully" in " ".join(progress)  # the build's own lines, relayed as they came
    assert progress[-1] == "Vercel: ready"
    links = [block.uri for block in result.content if isinstance(block, ResourceLink)]
    assert f"v0://deployments/{data['deploymentId']}/logs" in links
    assert f"v0://projects/{data['vercelProjectId']}" in links
    assert deployed["status"] == "ready" and deployed["url"] == data["url"]


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ((BROKEN_IMPORT,), "Module not found: Can't resolve './pricing'"),
        ((TYPE_ERROR,), "Type error"),
    ],
    ids=["missing-import", "type-error"],
)
async def test_a_failing_build_is_reported_with_its_step_and_error_lines(
    sim: Simulator, era: str, files: tuple[dict[str, str], ...], expected: str
) -> None:
    async with open_v2(sim, era) as session:
        chat_id = await session.chat(*files)
        failed = await session.agent.ok("create_deployment", {"chatId": chat_id, "waitSeconds": 60})
        errors = await session.agent.ok("get_deployment_errors", {"deploymentId": failed["deploymentId"]})

    assert failed["status"] == "error" and failed["errorStep"] == "buildStep"
    assert "url" not in failed
    assert any(expected in line for line in failed["errorLines"]), failed["errorLines"]
    assert "update_chat_files" in failed["note"] and "create_deployment" in failed["note"]
    assert errors["hasErrors"] is True
    assert errors["errorLines"] == failed["errorLines"]
    assert expected in errors["errorMessage"] or any(expected in line for line in errors["errorLines"])


async def test_a_build_that_outlasts_the_budget_comes_back_pending_with_the_next_call(sim: Simulator, era: str) -> None:
    async with open_v2(sim, era) as session:
        chat_id = await session.chat()
        pending = await session.agent.ok("create_deployment", {"chatId": chat_id, "waitSeconds": 0})
        followed = await session.agent.ok(
            "get_deployment", {"deploymentId": pending["deploymentId"], "waitSeconds": 60}
        )

    assert pending["status"] == "pending" and pending["readyState"] in {"QUEUED", "INITIALIZING", "BUILDING"}
    assert f"get_deployment(deploymentId={pending['deploymentId']!r}" in pending["note"]
    assert followed["status"] == "ready" and followed["waitedSeconds"] > 0


async def test_logs_page_by_time_from_the_build_into_the_runtime_log(sim: Simulator, era: str) -> None:
    async with open_v2(sim, era) as session:
        # A request a millisecond once live, every sixth an error: both are there by the calls below, however fast.
        sim.v2.settings.runtime_log_interval = 0.001
        chat_id = await session.chat()
        deployment = await session.agent.ok("create_deployment", {"chatId": chat_id, "waitSeconds": 60})
        deployment_id = deployment["deploymentId"]
        everything = await session.agent.ok("get_deployment_logs", {"deploymentId": deployment_id, "limit": 500})
        pages: list[dict[str, Any]] = []
        since: int | None = None
        for _ in range(40):
            arguments: dict[str, Any] = {"deploymentId": deployment_id, "source": "build", "limit": 4}
            if since is not None:
                arguments["since"] = since
            page = await session.agent.ok("get_deployment_logs", arguments)
            pages.append(page)
            since = page["nextSince"]
            if not page["hasMore"]:
                break
        errors = await session.agent.ok(
            "get_deployment_logs", {"deploymentId": deployment_id, "source": "runtime", "level": "error"}
        )

    sources = [line["source"] for line in everything["lines"]]
    assert sources[0] == "build" and "build" not in sources[sources.index("request") :]  # runtime after the build
    paged = [line["text"] for page in pages for line in page["lines"]]
    whole_build = [line["text"] for line in everything["lines"] if line["source"] == "build"]
    assert len(pages) > 2 and paged == whole_build  # no line lost or repeated between pages
    assert all(len(page["lines"]) <= 4 for page in pages)
    assert "since=" in pages[0]["note"]
    assert errors["lines"] and {line["level"] for line in errors["lines"]} == {"error"}
    assert all(line["source"] != "build" for line in errors["lines"])


def test_a_page_never_splits_one_millisecond() -> None:
    lines = [LogLine(timestamp=t, source="build", level="info", text=str(i)) for i, t in enumerate([1, 2, 2, 2, 3])]

    page, more = page_by_time(lines, 3)
    rest = [line for line in lines if line.timestamp > page[-1].timestamp]

    assert [line.text for line in page] == ["0"] and more  # cut before the millisecond that did not fit
    assert [line.text for line in page + rest] == ["0", "1", "2", "3", "4"]
    assert page_by_time(lines[1:4], 2) == (lines[1:4], True)  # one millisecond larger than a page: all of it
    assert page_by_time(lines, 10) == (lines, False)


def test_a_level_filter_never_leaves_the_next_page_where_it_was() -> None:
    levels = ["info", "info", "error", "info", "info", "info"]
    lines = [LogLine(timestamp=10 + i, source="build", level=lv, text=f"l{i}") for i, lv in enumerate(levels)]

    errors = logs_page("dpl_1", "ERROR", lines, since=None, level="error", limit=1)
    after = logs_page("dpl_1", "ERROR", lines, since=errors.nextSince, level="error", limit=1)
    sent = [*lines[:3], lines[3].model_copy(update={"timestamp": 12})]  # Vercel's cap fell inside ms 12
    capped = logs_page("dpl_1", "BUILDING", sent, since=None, level=None, limit=50, capped=True)

    assert [line.text for line in errors.lines] == ["l2"] and errors.hasMore is False
    assert errors.nextSince == 15  # every line was read: the next call asks only for newer ones
    assert after.lines == [] and after.nextSince == 15
    assert [line.text for line in capped.lines] == ["l0", "l1"] and capped.hasMore and capped.nextSince == 11


def test_a_page_of_long_lines_is_cut_by_size_before_the_result_cap_would_cut_it() -> None:
    lines = [LogLine(timestamp=i, source="build", level="info", text="x" * 1_000) for i in range(1, 101)]

    page = logs_page("dpl_1", "READY", lines, since=None, level=None, limit=100)
    rest = logs_page("dpl_1", "READY", lines, since=page.nextSince, level=None, limit=100)

    assert 1 < len(page.lines) < 100 and page.hasMore and page.nextSince == page.lines[-1].timestamp
    assert len(page.model_dump_json()) < 80_000
    assert [line.timestamp for line in page.lines + rest.lines] == list(range(1, 101))


async def test_deployments_are_listed_by_chat_and_deleted_only_when_confirmed(sim: Simulator, era: str) -> None:
    async with open_v2(sim, era) as session:
        chat_id = await session.chat()
        first = await session.agent.ok("create_deployment", {"chatId": chat_id, "waitSeconds": 60})
        second = await session.agent.ok("create_deployment", {"chatId": chat_id, "waitSeconds": 0})
        listed = await session.agent.ok("list_deployments", {"chatId": chat_id})
        page = await session.agent.ok("list_deployments", {"vercelProjectId": first["vercelProjectId"], "limit": 1})
        refused = await session.agent.fail("delete_deployment", {"deploymentId": first["deploymentId"]})
        deleted = await session.agent.ok("delete_deployment", {"deploymentId": first["deploymentId"], "confirm": True})
        after = await session.agent.ok("list_deployments", {"chatId": chat_id})
        gone = await session.agent.fail("get_deployment", {"deploymentId": first["deploymentId"]})
        lonely = await session.chat()
        none = await session.agent.fail("list_deployments", {"chatId": lonely})

    ids = [d["deploymentId"] for d in listed["deployments"]]
    assert ids == [second["deploymentId"], first["deploymentId"]]  # newest first
    assert len(page["deployments"]) == 1 and "until=" in page["note"] and page["nextUntil"]
    assert "confirm" in refused
    assert deleted == {"deploymentId": first["deploymentId"], "state": "DELETED", "deleted": True}
    assert [d["deploymentId"] for d in after["deployments"]] == [second["deploymentId"]]
    assert "404" in gone and "list_deployments" in gone
    assert "create_vercel_project" in none


async def test_without_a_vercel_token_vercel_tools_say_what_to_set_and_the_rest_works(sim: Simulator, era: str) -> None:
    async with open_v2(sim, era, vercel=False) as session:
        chat_id = await session.chat(GOOD_HERO)
        refusals = {
            "create_deployment": await session.agent.fail("create_deployment", {"chatId": chat_id}),
            "get_deployment": await session.agent.fail("get_deployment", {"deploymentId": "dpl_x"}),
            "get_deployment_logs": await session.agent.fail("get_deployment_logs", {"deploymentId": "dpl_x"}),
            "list_env_vars": await session.agent.fail("list_env_vars", {"chatId": chat_id}),
            "list_vercel_projects": await session.agent.fail("list_vercel_projects"),
        }
        hosts = await session.agent.ok("get_preview_hosts")
        project = await session.agent.ok("create_vercel_project", {"chatId": chat_id})

    for tool, message in refusals.items():
        assert "VERCEL_TOKEN" in message and "VERCEL_TEAM_ID" in message, tool
    assert hosts["hosts"] == []
    assert project["vercelProjectId"].startswith("prj_")
    assert sim.v2.workspace(API_KEY).deployments == {}  # nothing was deployed that could not be followed


class ThrottledStatus(httpx.AsyncBaseTransport):
    """Vercel that answers the deployment's status once, then only 429 (its events still flow)."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.status_reads = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "GET" and request.url.path.startswith("/vercel/v13/deployments/"):
            self.status_reads += 1
            if self.status_reads > 1:
                error = {"error": {"code": "rate_limited", "message": "Too many requests"}}
                return httpx.Response(429, json=error, headers={"Retry-After": "30"})
        return await self.inner.handle_async_request(request)


async def test_a_rate_limit_while_following_ends_as_pending_with_the_ids(sim: Simulator, era: str) -> None:
    async with open_v2(sim, era, vercel_transport=ThrottledStatus) as session:
        chat_id = await session.chat()
        pending = await session.agent.ok("create_deployment", {"chatId": chat_id, "waitSeconds": 60})
        again = await session.agent.fail("get_deployment", {"deploymentId": pending["deploymentId"]})

    assert pending["status"] == "pending" and pending["deploymentId"].startswith("dpl_")
    assert pending["vercelProjectId"].startswith("prj_") and pending["chatId"] == chat_id
    assert "rate-limited" in pending["note"] and "retry in 30 s" in pending["note"]
    assert f"get_deployment(deploymentId={pending['deploymentId']!r}" in pending["note"]
    assert "429" in again and "Rate limited by Vercel" in again and "30s" in again


class LostDeployAnswer(httpx.AsyncBaseTransport):
    """v0 deploys, but its answer never arrives (the connection drops after the request went out)."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        if request.method == "POST" and request.url.path.endswith("/deploy"):
            raise httpx.ReadError("connection reset by peer", request=request)
        return response


async def test_a_lost_deploy_answer_says_to_check_before_deploying_twice(sim: Simulator, era: str) -> None:
    async with open_v2(sim, era, v0_transport=LostDeployAnswer) as session:
        chat_id = await session.chat()
        lost = await session.agent.fail("create_deployment", {"chatId": chat_id, "waitSeconds": 0})
        listed = await session.agent.ok("list_deployments", {"chatId": chat_id})

    assert "may have been carried out" in lost and "list_deployments" in lost
    assert len(listed["deployments"]) == 1  # it did deploy: deploying again would have made a second one
