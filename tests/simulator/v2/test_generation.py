"""The message lifecycle on v2: parts that grow over time, the three modes, streams, resume and stop."""

from __future__ import annotations

import json
from typing import Any

import httpx

from v0_mcp.simulator import ManualClock, Simulator

from ._reference import fold, sse_events
from .conftest import check, check_error, check_event, new_chat


def _dumps(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


async def _message(client: httpx.AsyncClient, chat_id: str, message_id: str) -> Any:
    return check("messages.get", await client.get(f"/chats/{chat_id}/messages/{message_id}"), 200)


async def test_an_async_generation_grows_its_parts_and_finishes_on_the_clock(
    v2: httpx.AsyncClient, clock: ManualClock, sim: Simulator
) -> None:
    sim.config.generation_delay = 10.0
    ids = check("chats.createAsync", await v2.post("/chats/async", json={"message": "Build a pricing page"}), 202)
    seen: list[int] = []
    for _ in range(10):
        message = await _message(v2, ids["chatId"], ids["messageId"])
        assert message["role"] == "assistant" and message["authorId"] is None
        if message["finishReason"] is not None:
            break
        assert message["usage"]["tokens"]["total"] == 0
        seen.append(len(message["parts"]))
        clock.advance(1.1)
    assert seen[0] == 0 and seen == sorted(seen) and seen[-1] > seen[0], seen
    message = await _message(v2, ids["chatId"], ids["messageId"])
    assert message["finishReason"] == "stop" and message["content"]
    assert message["usage"]["tokens"]["total"] > 0
    kinds = [p["type"] for p in message["parts"]]
    assert kinds[0] == "thinking" and "file-edit" in kinds and kinds[-1] == "text"
    assert all("finishedAt" in p for p in message["parts"])
    newest = check("messages.list", await v2.get(f"/chats/{ids['chatId']}/messages", params={"limit": 1}), 200)
    assert newest["messages"][0]["id"] == ids["messageId"] and newest["cursor"]


async def test_sync_create_blocks_until_the_generation_is_done(v2: httpx.AsyncClient) -> None:
    body = check("chats.create", await v2.post("/chats", json={"message": "Build a blog"}), 200)
    assert set(body) == {"chat", "usage"} and body["usage"]["tokens"]["total"] > 0
    listed = check("messages.list", await v2.get(f"/chats/{body['chat']['id']}/messages", params={"limit": 1}), 200)
    assert listed["messages"][0]["finishReason"] == "stop"
    sent = check("messages.send", await v2.post(f"/chats/{body['chat']['id']}/messages", json={"message": "Add FAQ"}))
    assert sent["role"] == "assistant" and sent["finishReason"] == "stop"


async def test_the_create_stream_has_the_transcripts_shape_and_rebuilds_the_message(v2: httpx.AsyncClient) -> None:
    response = await v2.post("/chats/stream", json={"message": "Build a landing page for a coffee shop"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/event-stream")
    events = sse_events(response.text)
    for event in events:
        check_event("ChatStreamEvent", event)
    kinds = [e["object"] for e in events]
    assert kinds[0] == "chat" and "title" not in events[0]
    assert kinds[1:3] == ["chat.title", "chat.title"] and events[2]["delta"].startswith(events[1]["delta"])
    assert kinds[-2:] == ["message.usage", "chat"] and events[-1]["title"] == events[2]["delta"]
    assert set(kinds[3:-2]) == {"message.parts.chunk"} and len(kinds[3:-2]) > 5
    state = fold(events)
    message = await _message(v2, events[0]["id"], state["id"])
    assert message["finishReason"] == "stop"
    assert _dumps(state["parts"]) == _dumps(message["parts"])
    assert state["usage"] == message["usage"]


async def test_the_send_stream_opens_and_closes_with_message_snapshots(
    v2: httpx.AsyncClient, clock: ManualClock
) -> None:
    chat_id, _ = await new_chat(v2, clock)
    response = await v2.post(f"/chats/{chat_id}/messages/stream", json={"message": "Add a testimonials section"})
    events = sse_events(response.text)
    for event in events:
        check_event("MessageStreamEvent", event)
    first, last = events[0], events[-1]
    assert first["object"] == "message" and first["parts"] == [] and first["finishReason"] is None
    assert first["usage"]["tokens"]["total"] == 0
    assert events[-2]["object"] == "message.usage" and last["object"] == "message"
    state = fold(events[:-1])
    assert last["finishReason"] == "stop" and _dumps(state["parts"]) == _dumps(last["parts"])
    assert any(p["type"] == "file-read" for p in last["parts"])
    assert _dumps(last) == _dumps({"object": "message", **await _message(v2, chat_id, last["id"])})


async def test_resume_replays_what_was_generated_then_follows_to_the_end(
    v2: httpx.AsyncClient, clock: ManualClock, sim: Simulator
) -> None:
    sim.config.generation_delay = 10.0
    ids = check("chats.createAsync", await v2.post("/chats/async", json={"message": "Build a todo app"}), 202)
    clock.advance(5)
    so_far = (await _message(v2, ids["chatId"], ids["messageId"]))["parts"]
    assert so_far
    sim.config.generation_delay = 0.05  # pace the rest of the stream quickly
    events = sse_events((await v2.post(f"/chats/{ids['chatId']}/resume")).text)
    for event in events:
        check_event("ChatStreamEvent", event)
    assert events[0]["object"] == "chat" and events[0]["title"]
    first_chunk = next(e for e in events if e["object"] == "message.parts.chunk")
    assert _dumps(fold([first_chunk])["parts"]) == _dumps(so_far)  # from [], everything so far
    assert [e["object"] for e in events[-2:]] == ["message.usage", "chat"]
    final = await _message(v2, ids["chatId"], ids["messageId"])
    assert final["finishReason"] == "stop" and _dumps(fold(events)["parts"]) == _dumps(final["parts"])
    again = sse_events((await v2.post(f"/chats/{ids['chatId']}/resume")).text)
    assert [e["object"] for e in again] == ["chat"]


async def test_stop_is_final_and_a_second_stop_is_409(
    v2: httpx.AsyncClient, clock: ManualClock, sim: Simulator
) -> None:
    sim.config.generation_delay = 10.0
    chat_id, _ = await new_chat(v2, clock)
    files_before = check("chats.getFiles", await v2.get(f"/chats/{chat_id}/files"))
    queued = check("messages.sendAsync", await v2.post(f"/chats/{chat_id}/messages/async", json={"message": "More"}))
    clock.advance(4)
    partial = (await _message(v2, chat_id, queued["messageId"]))["parts"]
    stopped = check("messages.stop", await v2.post(f"/chats/{chat_id}/messages/{queued['messageId']}/stop"), 200)
    assert stopped == {"messageId": queued["messageId"]}
    clock.advance(60)
    message = await _message(v2, chat_id, queued["messageId"])
    assert message["finishReason"] == "stop" and _dumps(message["parts"]) == _dumps(partial)
    assert check("chats.getFiles", await v2.get(f"/chats/{chat_id}/files")) == files_before
    check_error("messages.stop", await v2.post(f"/chats/{chat_id}/messages/{queued['messageId']}/stop"), 409)


async def test_sending_while_generating_stops_the_running_generation(v2: httpx.AsyncClient, sim: Simulator) -> None:
    sim.config.generation_delay = 10.0
    ids = check("chats.createAsync", await v2.post("/chats/async", json={"message": "Build a blog"}), 202)
    response = await v2.post(f"/chats/{ids['chatId']}/messages/async", json={"message": "And more"})
    follow_up = check("messages.sendAsync", response, 202)
    interrupted = await _message(v2, ids["chatId"], ids["messageId"])
    assert interrupted["finishReason"] == "stop"
    assert (await _message(v2, ids["chatId"], follow_up["messageId"]))["finishReason"] is None


async def test_v2_data_is_separate_from_v1_and_from_other_keys(
    sim: Simulator, v2: httpx.AsyncClient, v2_other: httpx.AsyncClient
) -> None:
    async with sim.client("key-alice") as v1:
        v1_chat = (await v1.post("/chats", json={"message": "A v1 chat", "responseMode": "async"})).json()
    check_error("chats.get", await v2.get(f"/chats/{v1_chat['id']}"), 404)
    created = check("chats.create", await v2.post("/chats", json={"message": "A v2 chat"}))
    check_error("chats.get", await v2_other.get(f"/chats/{created['chat']['id']}"), 404)
    async with sim.client("key-alice") as v1:
        assert (await v1.get(f"/chats/{created['chat']['id']}")).status_code == 404


async def test_update_merges_metadata_and_null_deletes(v2: httpx.AsyncClient) -> None:
    body = {"message": "Build a page", "metadata": {"customer": "c1", "tier": "gold"}}
    chat = check("chats.create", await v2.post("/chats", json=body))["chat"]
    patch = {"metadata": {"tier": None, "region": "eu"}, "privacy": "team"}
    updated = check("chats.update", await v2.patch(f"/chats/{chat['id']}", json=patch))
    assert updated["metadata"] == {"customer": "c1", "region": "eu"} and updated["privacy"] == "team"
    found = check("chats.list", await v2.get("/chats", params={"metadata[region]": "eu"}))
    assert [c["id"] for c in found["chats"]] == [chat["id"]]
    check_error("chats.update", await v2.patch(f"/chats/{chat['id']}", json={"title": None}), 422)


async def test_a_seeded_workspace_starts_with_finished_chats_and_a_live_deployment(clock: ManualClock) -> None:
    from v0_mcp.simulator import SimulatorConfig

    sim = Simulator(SimulatorConfig(clock=clock, seed_workspace=True))
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=sim.app), base_url="http://v0.sim", headers={"Authorization": "Bearer k"}
    ) as client:
        chats = check("chats.list", await client.get("/v2/chats"))["chats"]
        assert len(chats) == 2 and chats[1]["vercelProjectId"]
        listed = check("messages.list", await client.get(f"/v2/chats/{chats[1]['id']}/messages", params={"limit": 1}))
        assert listed["messages"][0]["finishReason"] == "stop"
        deployments = (await client.get("/vercel/v7/deployments")).json()["deployments"]
        assert [d["readyState"] for d in deployments] == ["READY"]


async def test_a_failing_generation_ends_its_stream_with_an_error_event(
    v2: httpx.AsyncClient, clock: ManualClock
) -> None:
    chat_id, _ = await new_chat(v2, clock)
    files = check("chats.getFiles", await v2.get(f"/chats/{chat_id}/files"))
    response = await v2.post(f"/chats/{chat_id}/messages/stream", json={"message": "Add FAQ GENERATION_ERROR"})
    events = sse_events(response.text)
    for item in events:
        check_event("MessageStreamEvent", item)
    assert events[0]["object"] == "message" and events[-1]["object"] == "error"
    assert events[-1]["code"] == "generation_failed" and events[-1]["id"] == events[0]["id"]
    assert "message.usage" not in [e["object"] for e in events]
    failed = await _message(v2, chat_id, events[0]["id"])
    assert failed["finishReason"] == "error" and failed["content"] == ""
    assert check("chats.getFiles", await v2.get(f"/chats/{chat_id}/files")) == files
