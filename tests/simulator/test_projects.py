"""Projects, env vars, Vercel links, hooks and MCP servers."""

from __future__ import annotations

import httpx

from .conftest import check_body, check_error, new_chat


async def _project(client: httpx.AsyncClient, **extra: object) -> dict[str, object]:
    return check_body("projects.create", await client.post("/projects", json={"name": "Site", **extra}))  # type: ignore[no-any-return]


async def test_a_project_gets_a_linked_vercel_project(client: httpx.AsyncClient) -> None:
    project = await _project(client)
    assert str(project["vercelProjectId"]).startswith("prj_") and project["chats"] == []
    listed = (await client.get("/integrations/vercel/projects")).json()["data"]
    assert [p["id"] for p in listed] == [project["vercelProjectId"]]


async def test_env_vars_are_encrypted_unless_asked(client: httpx.AsyncClient) -> None:
    project = await _project(client, environmentVariables=[{"key": "TOKEN", "value": "s3cret"}])
    path = f"/projects/{project['id']}/env-vars"
    hidden = check_body("projects.findEnvVars", await client.get(path))["data"][0]
    assert hidden["value"] != "s3cret" and hidden["value"].startswith("enc:") and hidden["decrypted"] is False
    assert (await client.get(path)).json()["data"][0]["value"] == hidden["value"]  # stable
    shown = (await client.get(path, params={"decrypted": "true"})).json()["data"][0]
    assert shown["value"] == "s3cret" and shown["decrypted"] is True
    assert isinstance(shown["createdAt"], int) and shown["id"].startswith("env_")


async def test_creating_an_existing_env_var_answers_409_unless_upsert(client: httpx.AsyncClient) -> None:
    project = await _project(client, environmentVariables=[{"key": "TOKEN", "value": "one"}])
    path = f"/projects/{project['id']}/env-vars"
    body = {"environmentVariables": [{"key": "NEW", "value": "x"}, {"key": "TOKEN", "value": "two"}]}
    assert "TOKEN" in check_error("projects.createEnvVars", await client.post(path, json=body), 409)
    assert [e["key"] for e in (await client.get(path)).json()["data"]] == ["TOKEN"]  # nothing written
    upserted = await client.post(path, params={"decrypted": "true"}, json={**body, "upsert": True})
    assert {e["key"]: e["value"] for e in check_body("projects.createEnvVars", upserted)["data"]} == {
        "NEW": "x",
        "TOKEN": "two",
    }


async def test_env_var_ids_of_another_project_answer_404(client: httpx.AsyncClient) -> None:
    one = await _project(client, environmentVariables=[{"key": "A", "value": "1"}])
    two = await _project(client)
    env_id = (await client.get(f"/projects/{one['id']}/env-vars")).json()["data"][0]["id"]
    check_error("projects.getEnvVar", await client.get(f"/projects/{two['id']}/env-vars/{env_id}"), 404)
    body = {"environmentVariableIds": [env_id]}
    check_error("projects.deleteEnvVars", await client.post(f"/projects/{two['id']}/env-vars/delete", json=body), 404)


async def test_deleting_a_project_keeps_or_deletes_its_chats(client: httpx.AsyncClient) -> None:
    for delete_all, survives in (("false", True), ("true", False)):
        project = await _project(client)
        chat = await new_chat(client, projectId=project["id"])
        assert (await client.get(f"/chats/{chat['id']}/project")).json()["id"] == project["id"]
        await client.delete(f"/projects/{project['id']}", params={"deleteAllChats": delete_all})
        after = await client.get(f"/chats/{chat['id']}")
        assert (after.status_code == 200) is survives
        if survives:
            assert "projectId" not in after.json()
            check_error("projects.getByChatId", await client.get(f"/chats/{chat['id']}/project"), 404)


async def test_chats_filter_by_favorite_and_metadata(client: httpx.AsyncClient) -> None:
    one = await new_chat(client, metadata={"user": "u1"})
    two = await new_chat(client, metadata={"user": "u2"})
    await client.put(f"/chats/{two['id']}/favorite", json={"isFavorite": True})
    favorites = (await client.get("/chats", params={"isFavorite": "true"})).json()["data"]
    assert [c["id"] for c in favorites] == [two["id"]]
    tagged = (await client.get("/chats", params={"metadata[user]": "u1"})).json()["data"]
    assert [c["id"] for c in tagged] == [one["id"]]
    first = (await client.get("/chats", params={"limit": 1, "offset": 1})).json()["data"]
    assert [c["id"] for c in first] == [one["id"]]


async def test_mcp_servers_never_echo_credentials(client: httpx.AsyncClient) -> None:
    body = {"name": "Tools", "url": "https://tools.example.com/mcp", "auth": {"type": "bearer", "token": "tok"}}
    server = check_body("mcpServers.create", await client.post("/mcp-servers", json=body))
    assert server["auth"] == {"type": "bearer"} and "tok" not in str(server)
    assert server["id"].startswith("mcp_") and server["scope"] == "user" and server["enabled"] is True
    authorize = await client.post(f"/mcp-servers/{server['id']}/oauth/authorize", json={"returnUrl": "https://x"})
    check_error("mcpServers.createOAuthAuthorizationUrl", authorize, 422)


async def test_hooks_round_trip(client: httpx.AsyncClient) -> None:
    body = {"name": "Notify", "events": ["chat.created"], "url": "https://example.com/h"}
    hook = check_body("hooks.create", await client.post("/hooks", json=body))
    assert hook["id"].startswith("hk_") and "chatId" not in hook
    check_error("hooks.create", await client.post("/hooks", json={**body, "events": ["chat.exploded"]}), 422)
    check_error("hooks.create", await client.post("/hooks", json={**body, "chatId": "missing"}), 404)
    renamed = (await client.patch(f"/hooks/{hook['id']}", json={"name": "Renamed"})).json()
    assert renamed["name"] == "Renamed" and renamed["events"] == ["chat.created"]
