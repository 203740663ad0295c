"""Every tool, called against the simulator in both protocol eras, in the order an agent would use them.

Each scenario declares the tools it calls; the last test checks that together they call all 60. Every
successful result is validated against the tool's outputSchema by ``Agent.ok``.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any, Final, TypeVar

from mcp.types import EmbeddedResource, ResourceLink

from tests.tools.conftest import API_KEY, VOCABULARY_ENTRIES, Agent, open_agent
from v0_mcp.server import V0MCPServer
from v0_mcp.simulator import Simulator

COVERED: Final[set[str]] = set()
Scenario = TypeVar("Scenario", bound=Callable[..., Coroutine[Any, Any, None]])


def covers(*tools: str) -> Callable[[Scenario], Scenario]:
    """Declare the tools a scenario calls; the scenario checks it called exactly those."""
    COVERED.update(tools)

    def mark(fn: Scenario) -> Scenario:
        async def scenario(server: V0MCPServer, era: str, sim: Simulator) -> None:
            async with open_agent(server, era) as agent:
                await fn(agent, sim)
            assert agent.called == set(tools)

        scenario.__name__ = fn.__name__
        scenario.__doc__ = fn.__doc__
        return scenario  # type: ignore[return-value]

    return mark


async def new_chat(agent: Agent, message: str = "Build a pricing page", **extra: Any) -> dict[str, Any]:
    chat = await agent.ok("create_chat", {"message": message, "waitSeconds": 30, **extra})
    assert chat["status"] == "completed", chat
    return chat


@covers("get_user", "get_plan", "get_billing", "get_rate_limits", "list_scopes")
async def test_account_tools_describe_the_key_owner(agent: Agent, sim: Simulator) -> None:
    user = await agent.ok("get_user")
    plan = await agent.ok("get_plan")
    billing = await agent.ok("get_billing")
    limits = await agent.ok("get_rate_limits")
    scopes = await agent.ok("list_scopes")

    assert user["data"]["id"] == sim.workspace(API_KEY).user.id
    assert user["data"]["email"].endswith("@example.com")
    assert plan["data"]["plan"] == "premium"
    assert billing["data"]["data"]["role"] == "OWNER"
    assert limits["data"]["remaining"] <= limits["data"]["limit"]
    assert scopes["data"]["data"][0]["id"] == user["data"]["id"]


@covers(
    "create_project",
    "update_project",
    "get_project",
    "list_projects",
    "assign_project",
    "get_chat_project",
    "create_chat",
    "delete_project",
)
async def test_project_tools_create_rename_assign_and_delete(agent: Agent, sim: Simulator) -> None:
    project = await agent.ok("create_project", {"name": "Shop", "description": "A small shop"})
    renamed = await agent.ok("update_project", {"projectId": project["id"], "name": "Shop 2"})
    fetched = await agent.ok("get_project", {"projectId": project["id"]})
    listed = await agent.ok("list_projects")
    chat = await new_chat(agent)
    assigned = await agent.ok("assign_project", {"projectId": project["id"], "chatId": chat["chatId"]})
    owner = await agent.ok("get_chat_project", {"chatId": chat["chatId"]})
    deleted = await agent.ok("delete_project", {"projectId": project["id"], "deleteAllChats": True, "confirm": True})

    assert project["name"] == "Shop" and project["description"] == "A small shop"
    assert renamed["name"] == fetched["name"] == "Shop 2"
    assert project["id"] in {p["id"] for p in listed["projects"]}
    assert assigned["data"]["assigned"] is True
    assert owner["id"] == project["id"]
    assert deleted == {"id": project["id"], "object": "project", "deleted": True}
    workspace = sim.workspace(API_KEY)
    assert project["id"] not in workspace.projects
    assert chat["chatId"] not in workspace.chats


@covers("create_project", "create_env_vars", "list_env_vars", "get_env_var", "update_env_vars", "delete_env_vars")
async def test_env_var_tools_keep_values_encrypted_unless_asked(agent: Agent, sim: Simulator) -> None:
    project = await agent.ok("create_project", {"name": "With secrets"})
    pid = project["id"]
    created = await agent.ok(
        "create_env_vars",
        {
            "projectId": pid,
            "environmentVariables": [{"key": "API_TOKEN", "value": "s3cr3t-value"}, {"key": "REGION", "value": "fra1"}],
        },
    )
    listed = await agent.ok("list_env_vars", {"projectId": pid, "decrypted": True})
    token_id = next(v["id"] for v in created["envVars"] if v["key"] == "API_TOKEN")
    one = await agent.ok("get_env_var", {"projectId": pid, "environmentVariableId": token_id, "decrypted": True})
    updated = await agent.ok(
        "update_env_vars",
        {"projectId": pid, "decrypted": True, "environmentVariables": [{"id": token_id, "value": "rotated"}]},
    )
    removed = await agent.ok(
        "delete_env_vars", {"projectId": pid, "environmentVariableIds": [token_id], "confirm": True}
    )

    assert {v["key"] for v in created["envVars"]} == {"API_TOKEN", "REGION"}
    assert all(v["value"] not in ("s3cr3t-value", "fra1") and v["decrypted"] is False for v in created["envVars"])
    assert "decrypted: true" in created["note"]
    assert {v["key"]: v["value"] for v in listed["envVars"]} == {"API_TOKEN": "s3cr3t-value", "REGION": "fra1"}
    assert "note" not in listed
    assert (one["key"], one["value"], one["decrypted"]) == ("API_TOKEN", "s3cr3t-value", True)
    assert updated["envVars"][0]["value"] == "rotated"
    assert removed["deleted"] == [token_id]
    assert token_id not in sim.workspace(API_KEY).env_vars


@covers("create_chat", "list_chats", "get_chat", "update_chat", "favorite_chat", "fork_chat", "delete_chat")
async def test_chat_tools_find_rename_favorite_fork_and_delete(agent: Agent, sim: Simulator) -> None:
    chat = await new_chat(agent)
    cid = chat["chatId"]
    listed = await agent.ok("list_chats", {"limit": 10})
    fetched = await agent.ok("get_chat", {"chatId": cid})
    renamed = await agent.ok("update_chat", {"chatId": cid, "name": "Pricing", "privacy": "unlisted"})
    favorite = await agent.ok("favorite_chat", {"chatId": cid, "isFavorite": True})
    fork = await agent.ok("fork_chat", {"chatId": cid})
    deleted = await agent.ok("delete_chat", {"chatId": fork["id"], "confirm": True})

    assert [c["id"] for c in listed["chats"]] == [cid]
    assert listed["chats"][0]["latestVersionId"] == chat["versionId"]
    assert "nextOffset" not in listed
    assert fetched["latestVersion"]["id"] == chat["versionId"]
    assert fetched["demoUrl"] == chat["demoUrl"]
    assert fetched["lastReply"] == chat["reply"]
    assert {f["name"] for f in fetched["latestVersion"]["files"]} == {f["name"] for f in chat["files"]}
    assert (renamed["name"], renamed["privacy"]) == ("Pricing", "unlisted")
    assert favorite == {"id": cid, "favorited": True}
    assert fork["id"] != cid and fork["latestVersion"]["status"] == "completed"
    assert deleted == {"id": fork["id"], "object": "chat", "deleted": True}
    assert set(sim.workspace(API_KEY).chats) == {cid}


@covers("create_chat", "send_message", "list_messages", "get_message", "resume_message")
async def test_message_tools_iterate_and_read_the_thread_as_text(agent: Agent, sim: Simulator) -> None:
    chat = await new_chat(agent)
    cid = chat["chatId"]
    sent = await agent.ok("send_message", {"chatId": cid, "message": "Add a testimonials section", "waitSeconds": 30})
    thread = await agent.ok("list_messages", {"chatId": cid})
    message = await agent.ok("get_message", {"chatId": cid, "messageId": sent["messageId"]})
    resumed = await agent.ok("resume_message", {"chatId": cid, "messageId": sent["messageId"]})

    assert sent["status"] == "completed"
    assert sent["versionId"] != chat["versionId"]
    assert "Testimonials" in sent["reply"]
    assert any("testimonials" in f["name"] for f in sent["files"])
    assert [m["role"] for m in thread["messages"]] == ["assistant", "user", "assistant", "user"]
    assert thread["messages"][1]["text"] == "Add a testimonials section"
    assert thread["hasMore"] is False
    assert message["finishReason"] == "stop"
    assert message["text"] == sent["reply"]
    assert resumed["events"] >= 1
    assert resumed["reply"] == sent["reply"]


@covers(
    "create_chat",
    "get_version",
    "list_versions",
    "update_version_files",
    "delete_version_files",
    "restore_version",
    "download_version",
)
async def test_version_tools_read_edit_restore_and_download_files(agent: Agent, sim: Simulator) -> None:
    chat = await new_chat(agent)
    cid, vid = chat["chatId"], chat["versionId"]
    edited = await agent.ok(
        "update_version_files",
        {"chatId": cid, "versionId": vid, "files": [{"name": "lib/extra.ts", "content": "export const extra = 1\n"}]},
    )
    version = await agent.ok("get_version", {"chatId": cid, "versionId": vid})
    trimmed = await agent.ok("delete_version_files", {"chatId": cid, "versionId": vid, "filePaths": ["lib/extra.ts"]})
    versions = await agent.ok("list_versions", {"chatId": cid})
    restored = await agent.ok("restore_version", {"chatId": cid, "versionId": vid})
    archive = await agent.call("download_version", {"chatId": cid, "versionId": vid, "format": "zip"})

    sizes = {f["name"]: f["size"] for f in version["version"]["files"]}
    assert edited["version"]["id"] == vid
    assert sizes["lib/extra.ts"] == len("export const extra = 1\n")
    assert "app/page.tsx" in sizes
    assert trimmed["version"]["id"] != vid
    assert "lib/extra.ts" not in {f["name"] for f in trimmed["version"]["files"]}
    assert [v["id"] for v in versions["versions"]] == [trimmed["version"]["id"], vid]
    assert restored["version"]["id"] == vid
    assert sim.workspace(API_KEY).chats[cid].latest_version_id == vid
    assert not archive.is_error
    data = archive.structured_content
    assert data is not None and data["format"] == "zip" and data["embedded"] is True
    assert {"app/page.tsx", "lib/extra.ts"} <= set(data["files"])
    blobs = [block for block in archive.content if isinstance(block, EmbeddedResource)]
    assert len(blobs) == 1 and blobs[0].resource.mime_type == "application/zip"


@covers(
    "create_chat",
    "create_deployment",
    "get_deployment",
    "list_deployments",
    "get_deployment_logs",
    "get_deployment_errors",
    "delete_deployment",
)
async def test_deployment_tools_deploy_and_read_logs_and_errors(agent: Agent, sim: Simulator) -> None:
    chat = await new_chat(agent)
    cid, vid = chat["chatId"], chat["versionId"]
    deployment = await agent.ok("create_deployment", {"chatId": cid, "versionId": vid})
    did = deployment["id"]
    fetched = await agent.ok("get_deployment", {"deploymentId": did})
    listed = await agent.ok("list_deployments", {"chatId": cid, "versionId": vid})
    logs = await agent.ok("get_deployment_logs", {"deploymentId": did})
    errors = await agent.ok("get_deployment_errors", {"deploymentId": did})
    deleted = await agent.ok("delete_deployment", {"deploymentId": did, "confirm": True})

    assert (deployment["chatId"], deployment["versionId"]) == (cid, vid)
    assert deployment["webUrl"].startswith("https://") and deployment["inspectorUrl"].startswith("https://")
    assert "get_deployment_logs" in deployment["note"]
    assert fetched["id"] == did and fetched["webUrl"] == deployment["webUrl"]
    assert [d["id"] for d in listed["deployments"]] == [did]
    assert logs["deploymentId"] == did and logs["logs"]
    assert all(line["text"] for line in logs["logs"])
    assert errors["hasErrors"] is False
    assert deleted["deleted"] is True and did not in sim.workspace(API_KEY).deployments


@covers("create_chat", "send_message", "stop_message", "wait_for_generation")
async def test_stop_message_stops_a_running_generation(agent: Agent, sim: Simulator) -> None:
    chat = await new_chat(agent)
    pending = await agent.ok("send_message", {"chatId": chat["chatId"], "message": "Add a blog", "waitSeconds": 0})
    stopped = await agent.ok("stop_message", {"chatId": chat["chatId"], "messageId": pending["messageId"]})
    after = await agent.ok(
        "wait_for_generation", {"chatId": chat["chatId"], "messageId": pending["messageId"], "waitSeconds": 5}
    )

    assert pending["status"] == "pending"
    assert stopped["data"]["success"] is True
    assert sim.workspace(API_KEY).messages[pending["messageId"]].stopped is True
    assert after["status"] != "pending"
    assert after["waitedSeconds"] < 1


@covers("init_chat")
async def test_init_chat_starts_a_chat_from_files(agent: Agent, sim: Simulator) -> None:
    content = "export default function Page() { return <h1>Hi</h1> }\n"
    chat = await agent.ok(
        "init_chat",
        {
            "type": "files",
            "name": "Imported",
            "files": [{"name": "app/page.tsx", "content": content}],
        },
    )

    assert chat["status"] == "completed"
    assert chat["name"] == "Imported"
    assert chat["files"] == [{"name": "app/page.tsx", "size": len(content), "locked": False}]
    assert sim.workspace(API_KEY).chats[chat["chatId"]].name == "Imported"


@covers("create_chat", "resolve_task")
async def test_resolve_task_answers_a_waiting_task_and_waits_for_the_new_version(agent: Agent, sim: Simulator) -> None:
    chat = await new_chat(agent, "Build a dashboard NEEDS_TASK:confirmed-steps")
    resolved = await agent.ok(
        "resolve_task", {"chatId": chat["chatId"], "task": {"type": "confirmed-steps"}, "waitSeconds": 30}
    )

    assert "confirm the setup steps" in chat["reply"]
    assert resolved["status"] == "completed"
    assert resolved["chatId"] == chat["chatId"]
    assert resolved["versionId"] != chat["versionId"]
    assert resolved["messageId"] != chat["messageId"]


@covers("create_hook", "list_hooks", "get_hook", "update_hook", "delete_hook", "create_chat")
async def test_hook_tools_manage_webhooks(agent: Agent, sim: Simulator) -> None:
    chat = await new_chat(agent)
    hook = await agent.ok(
        "create_hook",
        {"name": "ci", "events": ["message.finished"], "url": "https://example.com/h", "chatId": chat["chatId"]},
    )
    hid = hook["data"]["id"]
    listed = await agent.ok("list_hooks")
    fetched = await agent.ok("get_hook", {"hookId": hid})
    updated = await agent.ok("update_hook", {"hookId": hid, "name": "ci-2", "events": ["chat.created"]})
    deleted = await agent.ok("delete_hook", {"hookId": hid, "confirm": True})

    assert hook["data"]["url"] == "https://example.com/h"
    assert hid in {h["id"] for h in listed["data"]["data"]}
    assert fetched["data"]["events"] == ["message.finished"]
    assert (updated["data"]["name"], updated["data"]["events"]) == ("ci-2", ["chat.created"])
    assert deleted["deleted"] is True and hid not in sim.workspace(API_KEY).hooks


@covers("create_project", "create_vercel_project", "list_vercel_projects")
async def test_integration_tools_link_vercel_projects(agent: Agent, sim: Simulator) -> None:
    project = await agent.ok("create_project", {"name": "Linked"})
    linked = await agent.ok("create_vercel_project", {"projectId": project["id"], "name": "linked-app"})
    listed = await agent.ok("list_vercel_projects")

    assert linked["data"]["name"] == "linked-app"
    assert linked["data"]["id"] in {p["id"] for p in listed["data"]["data"]}


@covers("create_chat", "get_usage_report", "get_ai_usage_report", "get_user_activity_report")
async def test_report_tools_show_the_usage_of_generations(agent: Agent, sim: Simulator) -> None:
    chat = await new_chat(agent)
    usage = await agent.ok("get_usage_report", {"chatId": chat["chatId"]})
    ai = await agent.ok("get_ai_usage_report", {"limit": 10})
    activity = await agent.ok("get_user_activity_report")

    assert [event["chatId"] for event in usage["data"]["data"]] == [chat["chatId"]]
    assert [event["chatId"] for event in ai["data"]["data"]] == [chat["chatId"]]
    assert (activity["data"]["data"][0]["chatCount"], activity["data"]["data"][0]["messageCount"]) == (1, 1)


@covers(
    "create_mcp_server",
    "list_mcp_servers",
    "get_mcp_server",
    "update_mcp_server",
    "authorize_mcp_server",
    "delete_mcp_server",
)
async def test_mcp_server_tools_register_servers_without_echoing_secrets(agent: Agent, sim: Simulator) -> None:
    server = await agent.ok(
        "create_mcp_server",
        {"name": "Docs", "url": "https://mcp.example.com/mcp", "auth": {"type": "bearer", "token": "tok-secret-123"}},
    )
    sid = server["data"]["id"]
    listed = await agent.ok("list_mcp_servers")
    fetched = await agent.ok("get_mcp_server", {"mcpServerId": sid})
    oauth = {
        "type": "oauth",
        "config": {
            "authorizationUrl": "https://auth.example.com/authorize",
            "tokenUrl": "https://auth.example.com/token",
            "clientId": "v0",
        },
    }
    updated = await agent.ok("update_mcp_server", {"mcpServerId": sid, "enabled": False, "auth": oauth})
    authorized = await agent.ok("authorize_mcp_server", {"mcpServerId": sid, "returnUrl": "https://example.com/back"})
    deleted = await agent.ok("delete_mcp_server", {"mcpServerId": sid, "confirm": True})

    assert "tok-secret-123" not in str(server) + str(listed) + str(fetched)
    assert server["data"]["auth"] == {"type": "bearer"}
    assert sid in {s["id"] for s in listed["data"]["data"]}
    assert updated["data"]["enabled"] is False
    assert authorized["data"]["url"].startswith("https://auth.example.com/authorize")
    assert deleted["data"]["deleted"] is True and sid not in sim.workspace(API_KEY).mcp_servers


def test_the_scenarios_call_every_tool() -> None:
    assert set(VOCABULARY_ENTRIES) == COVERED


async def test_results_link_to_resources(server: V0MCPServer, era: str) -> None:
    async with open_agent(server, era) as agent:
        chat = await new_chat(agent)
        result = await agent.call("get_version", {"chatId": chat["chatId"], "versionId": chat["versionId"]})

    links = {block.uri for block in result.content if isinstance(block, ResourceLink)}
    base = f"v0://chats/{chat['chatId']}/versions/{chat['versionId']}"
    assert base in links
    assert f"{base}/files/app/page.tsx" in links
