"""Errors as v0 gives them: the envelope, the statuses, and a server that keeps serving."""

from __future__ import annotations

import httpx
import pytest

from v0_mcp.simulator import Simulator, SimulatorConfig

from .conftest import KEY, OTHER_KEY, check_body, check_error, new_chat


async def test_no_bearer_key_answers_401(sim: Simulator) -> None:
    async with sim.client(None) as anonymous:
        check_error("chats.find", await anonymous.get("/chats"), 401)
        response = await anonymous.get("/chats", headers={"Authorization": "Basic abc"})
        assert check_error("chats.find", response, 401).startswith("Missing API key")


async def test_configured_key_is_the_only_key_accepted() -> None:
    sim = Simulator(SimulatorConfig(api_key="secret"))
    async with sim.client("secret") as good, sim.client("guess") as bad:
        assert (await good.get("/user")).status_code == 200
        assert check_error("user.get", await bad.get("/user"), 401) == "Invalid API key"


async def test_a_key_never_sees_another_keys_things(client: httpx.AsyncClient, other: httpx.AsyncClient) -> None:
    chat = await new_chat(client)
    project = (await client.post("/projects", json={"name": "Mine"})).json()
    assert (await other.get("/chats")).json()["data"] == []
    check_error("chats.getById", await other.get(f"/chats/{chat['id']}"), 404)
    check_error("chats.update", await other.patch(f"/chats/{chat['id']}", json={"name": "stolen"}), 404)
    check_error("chats.delete", await other.delete(f"/chats/{chat['id']}"), 404)
    check_error("projects.getById", await other.get(f"/projects/{project['id']}"), 404)
    check_error("projects.assign", await client.post(f"/projects/{project['id']}/assign", json={"chatId": "nope"}), 404)
    assert (await client.get(f"/chats/{chat['id']}")).json()["name"] == chat["name"]


async def test_each_key_is_its_own_user(sim: Simulator, client: httpx.AsyncClient, other: httpx.AsyncClient) -> None:
    alice, bob = (await client.get("/user")).json(), (await other.get("/user")).json()
    assert alice["id"] != bob["id"]
    assert len(alice["id"]) == 24
    assert sim.workspace(KEY).user.id == alice["id"] and sim.workspace(OTHER_KEY).user.id == bob["id"]


async def test_unknown_ids_answer_404(client: httpx.AsyncClient) -> None:
    chat = await new_chat(client)
    assert "Chat not found" in check_error("chats.getById", await client.get("/chats/AAAAAAAAAAA"), 404)
    check_error("chats.getMessage", await client.get(f"/chats/{chat['id']}/messages/nope"), 404)
    check_error("chats.getVersion", await client.get(f"/chats/{chat['id']}/versions/b_nope"), 404)
    check_error("deployments.findLogs", await client.get("/deployments/dpl_nope/logs"), 404)


async def test_unknown_field_answers_422(client: httpx.AsyncClient) -> None:
    message = check_error("chats.create", await client.post("/chats", json={"message": "hi", "colour": "red"}), 422)
    assert "colour" in message


async def test_bad_enum_answers_422(client: httpx.AsyncClient) -> None:
    response = await client.post("/chats", json={"message": "hi", "responseMode": "eventually"})
    assert "responseMode" in check_error("chats.create", response, 422)


async def test_missing_required_field_answers_422(client: httpx.AsyncClient) -> None:
    assert "message" in check_error("chats.create", await client.post("/chats", json={"system": "x"}), 422)


async def test_wrong_type_answers_422_strictly(client: httpx.AsyncClient) -> None:
    chat = await new_chat(client)
    response = await client.put(f"/chats/{chat['id']}/favorite", json={"isFavorite": "true"})
    assert "isFavorite" in check_error("chats.favorite", response, 422)


async def test_malformed_json_answers_422(client: httpx.AsyncClient) -> None:
    response = await client.post("/chats", content=b'{"message": ', headers={"Content-Type": "application/json"})
    assert check_error("chats.create", response, 422).startswith("Malformed JSON")
    response = await client.post("/chats", content=b"[1, 2]", headers={"Content-Type": "application/json"})
    check_error("chats.create", response, 422)


async def test_non_json_content_type_answers_422(client: httpx.AsyncClient) -> None:
    response = await client.post("/chats", content=b"message=hi", headers={"Content-Type": "text/plain"})
    assert "Content-Type" in check_error("chats.create", response, 422)


async def test_bad_query_answers_422(client: httpx.AsyncClient) -> None:
    check_error("chats.find", await client.get("/chats", params={"limit": 61}), 422)
    check_error("chats.find", await client.get("/chats", params={"colour": "red"}), 422)


async def test_invalid_cursor_answers_422(client: httpx.AsyncClient) -> None:
    chat = await new_chat(client)
    response = await client.get(f"/chats/{chat['id']}/messages", params={"cursor": "not-a-cursor"})
    check_error("chats.findMessages", response, 422)


async def test_huge_body_answers_413_and_the_server_keeps_serving(client: httpx.AsyncClient) -> None:
    sim_limit = 4 * 1024 * 1024
    response = await client.post("/chats", json={"message": "x" * (sim_limit + 1)})
    assert "limit" in check_error("chats.create", response, 413)
    assert (await client.get("/user")).status_code == 200


async def test_body_over_limit_without_content_length_answers_413() -> None:
    sim = Simulator(SimulatorConfig(max_body_bytes=1000))

    async def chunks():  # streamed: no Content-Length header
        for _ in range(5):
            yield b" " * 400

    async with sim.client() as client:
        response = await client.post("/chats", content=chunks(), headers={"Content-Type": "application/json"})
        check_error("chats.create", response, 413)


async def test_unknown_path_answers_404_envelope(client: httpx.AsyncClient) -> None:
    for path in ("/nope", "/chats/a/b/c/d/e", "/../etc"):
        response = await client.get(path)
        assert response.status_code == 404
        assert response.json()["error"]["type"] == "not_found_error"
    outside = await client.get("http://v0.sim/elsewhere")
    assert outside.json() == {"error": {"message": "No operation GET /elsewhere", "type": "not_found_error"}}


async def test_wrong_method_on_a_known_path_answers_404(client: httpx.AsyncClient) -> None:
    check_error("chats.find", await client.put("/chats", json={}), 404)


async def test_an_unexpected_exception_answers_500_and_serving_goes_on(
    sim: Simulator, client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from v0_mcp.simulator import _registry

    def broken(call: object) -> dict[str, object]:
        raise RuntimeError("secret detail")

    monkeypatch.setitem(_registry.HANDLERS, "user.get", broken)
    response = await client.get("/user")
    assert check_error("user.get", response, 500) == "Internal server error"
    assert "secret" not in response.text
    assert "user.get failed" in caplog.text
    check_body("user.getPlan", await client.get("/user/plan"))
