"""Guardrails: destructive tools need the user's confirmation; env-var values stay encrypted unless asked."""

from __future__ import annotations

from typing import Any

from mcp.client.context import ClientRequestContext
from mcp.types import ElicitRequestParams, ElicitResult

from tests.tools.conftest import API_KEY, open_agent
from v0_mcp.server import V0MCPServer
from v0_mcp.simulator import Simulator


class Asker:
    """An elicitation callback that records each question and answers as told."""

    def __init__(self, action: str, content: dict[str, Any] | None = None) -> None:
        self.action = action
        self.content = content
        self.questions: list[str] = []

    async def __call__(self, ctx: ClientRequestContext, params: ElicitRequestParams) -> ElicitResult:
        self.questions.append(params.message)
        return ElicitResult(action=self.action, content=self.content)


async def make_project(server: V0MCPServer, era: str) -> str:
    async with open_agent(server, era) as agent:
        project = await agent.ok("create_project", {"name": "Keep me"})
    return str(project["id"])


async def test_destructive_tool_without_confirmation_is_refused_and_says_how(
    server: V0MCPServer, sim: Simulator, era: str
) -> None:
    project_id = await make_project(server, era)
    async with open_agent(server, era) as agent:
        error = await agent.fail("delete_project", {"projectId": project_id})

    assert "confirm: true" in error
    assert "delete_project" in error
    assert project_id in sim.workspace(API_KEY).projects


async def test_destructive_tool_with_confirm_true_goes_ahead(server: V0MCPServer, sim: Simulator, era: str) -> None:
    project_id = await make_project(server, era)
    async with open_agent(server, era) as agent:
        deleted = await agent.ok("delete_project", {"projectId": project_id, "confirm": True})

    assert deleted["deleted"] is True
    assert project_id not in sim.workspace(API_KEY).projects


async def test_confirm_false_is_refused_like_a_missing_confirm(server: V0MCPServer, sim: Simulator, era: str) -> None:
    project_id = await make_project(server, era)
    async with open_agent(server, era) as agent:
        error = await agent.fail("delete_project", {"projectId": project_id, "confirm": False})

    assert "confirm: true" in error
    assert project_id in sim.workspace(API_KEY).projects


async def test_a_client_that_can_ask_is_asked_and_an_accept_deletes(
    server: V0MCPServer, sim: Simulator, era: str
) -> None:
    project_id = await make_project(server, era)
    asker = Asker("accept", {"confirm": True})
    async with open_agent(server, era, elicitation_callback=asker) as agent:
        deleted = await agent.ok("delete_project", {"projectId": project_id})

    assert len(asker.questions) == 1
    assert "delete_project" in asker.questions[0]
    assert deleted["deleted"] is True
    assert project_id not in sim.workspace(API_KEY).projects


async def test_a_declined_confirmation_changes_nothing(server: V0MCPServer, sim: Simulator, era: str) -> None:
    project_id = await make_project(server, era)
    asker = Asker("decline")
    async with open_agent(server, era, elicitation_callback=asker) as agent:
        error = await agent.fail("delete_project", {"projectId": project_id})

    assert asker.questions
    assert "declined" in error and "nothing was changed" in error
    assert project_id in sim.workspace(API_KEY).projects


async def test_a_cancelled_confirmation_changes_nothing(server: V0MCPServer, sim: Simulator, era: str) -> None:
    project_id = await make_project(server, era)
    async with open_agent(server, era, elicitation_callback=Asker("cancel")) as agent:
        await agent.fail("delete_project", {"projectId": project_id})

    assert project_id in sim.workspace(API_KEY).projects


async def test_an_accept_without_ticking_confirm_changes_nothing(server: V0MCPServer, sim: Simulator, era: str) -> None:
    project_id = await make_project(server, era)
    async with open_agent(server, era, elicitation_callback=Asker("accept", {"confirm": False})) as agent:
        error = await agent.fail("delete_project", {"projectId": project_id})

    assert "not confirmed" in error
    assert project_id in sim.workspace(API_KEY).projects


async def test_confirm_true_skips_the_question(server: V0MCPServer, sim: Simulator, era: str) -> None:
    project_id = await make_project(server, era)
    asker = Asker("decline")
    async with open_agent(server, era, elicitation_callback=asker) as agent:
        await agent.ok("delete_project", {"projectId": project_id, "confirm": True})

    assert asker.questions == []
    assert project_id not in sim.workspace(API_KEY).projects


async def test_env_var_values_are_encrypted_by_default(server: V0MCPServer, era: str) -> None:
    async with open_agent(server, era) as agent:
        project = await agent.ok("create_project", {"name": "Secrets"})
        created = await agent.ok(
            "create_env_vars",
            {"projectId": project["id"], "environmentVariables": [{"key": "TOKEN", "value": "plain-1"}]},
        )
        listed = await agent.ok("list_env_vars", {"projectId": project["id"]})
        one = await agent.ok(
            "get_env_var", {"projectId": project["id"], "environmentVariableId": created["envVars"][0]["id"]}
        )

    for var in (created["envVars"][0], listed["envVars"][0], one):
        assert var["value"] and var["value"] != "plain-1"
        assert var["decrypted"] is False
    assert "decrypted: true" in listed["note"]


async def test_env_var_values_are_plain_when_decrypted_is_asked_for(server: V0MCPServer, era: str) -> None:
    async with open_agent(server, era) as agent:
        project = await agent.ok("create_project", {"name": "Secrets"})
        created = await agent.ok(
            "create_env_vars",
            {
                "projectId": project["id"],
                "decrypted": True,
                "environmentVariables": [{"key": "TOKEN", "value": "plain-1"}],
            },
        )
        listed = await agent.ok("list_env_vars", {"projectId": project["id"], "decrypted": True})
        one = await agent.ok(
            "get_env_var",
            {"projectId": project["id"], "decrypted": True, "environmentVariableId": created["envVars"][0]["id"]},
        )

    for var in (created["envVars"][0], listed["envVars"][0], one):
        assert var["value"] == "plain-1"
        assert var["decrypted"] is True
