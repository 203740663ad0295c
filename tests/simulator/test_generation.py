"""Generations: response modes, the SSE stream, stop and resume, tasks, and deterministic files."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from v0_mcp.simulator import ManualClock, Simulator, SimulatorConfig

from .conftest import KEY, check_body, check_error, new_chat, reassemble, sse_events


def _page(chat: dict[str, Any]) -> str:
    files = {f["name"]: f["content"] for f in chat["latestVersion"]["files"]}
    return str(files["app/page.tsx"])


async def test_sync_create_returns_the_completed_chat(client: httpx.AsyncClient) -> None:
    chat = await new_chat(client, "Build a pricing page for a bakery")
    assert chat["latestVersion"]["status"] == "completed"
    assert chat["latestVersion"]["demoUrl"].endswith(".vusercontent.net")
    user, assistant = chat["messages"]
    assert (user["role"], assistant["role"], assistant["finishReason"]) == ("user", "assistant", "stop")
    assert assistant["parentId"] == user["id"] and chat["text"] == assistant["content"]
    assert chat["name"] == "Pricing page for a bakery"
    assert chat["webUrl"] == f"https://v0.app/chat/{chat['id']}" and len(chat["id"]) == 11
    assert chat["latestVersion"]["id"].startswith("b_") and len(user["id"]) == 32


async def test_async_create_is_pending_until_the_clock_passes(client: httpx.AsyncClient, clock: ManualClock) -> None:
    chat = await new_chat(client, responseMode="async")
    assert chat["latestVersion"]["status"] == "pending" and chat["latestVersion"]["files"] == []
    assert chat["messages"][-1]["content"] == "" and "finishReason" not in chat["messages"][-1]
    clock.advance(0.025)
    halfway = check_body("chats.getById", await client.get(f"/chats/{chat['id']}"))
    assert halfway["latestVersion"]["status"] == "pending"
    clock.advance(1)
    done = check_body("chats.getById", await client.get(f"/chats/{chat['id']}"))
    assert done["latestVersion"]["status"] == "completed" and done["messages"][-1]["finishReason"] == "stop"
    partial, final = halfway["messages"][-1]["content"], done["messages"][-1]["content"]
    assert 0 < len(partial) < len(final) and final.startswith(partial)
    assert _page(done)


async def test_async_send_message_completes_after_the_delay(client: httpx.AsyncClient, clock: ManualClock) -> None:
    chat = await new_chat(client)
    sent = check_body(
        "chats.sendMessage",
        await client.post(
            f"/chats/{chat['id']}/messages", json={"message": "Add a testimonials section", "responseMode": "async"}
        ),
    )
    assert sent["latestVersion"]["status"] == "pending"
    assert sent["latestVersion"]["id"] != chat["latestVersion"]["id"]
    message_id = sent["messages"][-1]["id"]
    clock.advance(1)
    message = check_body("chats.getMessage", await client.get(f"/chats/{chat['id']}/messages/{message_id}"))
    assert message["finishReason"] == "stop" and message["chatId"] == chat["id"]
    version = (await client.get(f"/chats/{chat['id']}/versions/{sent['latestVersion']['id']}")).json()
    names = {f["name"] for f in version["files"]}
    assert "components/add-a-testimonials-section.tsx" in names
    page = next(f["content"] for f in version["files"] if f["name"] == "app/page.tsx")
    assert "<AddATestimonialsSection />" in page


async def test_sync_send_message_returns_the_completed_chat(client: httpx.AsyncClient) -> None:
    chat = await new_chat(client)
    sent = check_body("chats.sendMessage", await client.post(f"/chats/{chat['id']}/messages", json={"message": "More"}))
    assert sent["latestVersion"]["status"] == "completed" and len(sent["messages"]) == 4


async def test_sending_while_generating_answers_409(client: httpx.AsyncClient) -> None:
    chat = await new_chat(client, responseMode="async")
    response = await client.post(f"/chats/{chat['id']}/messages", json={"message": "again"})
    check_error("chats.sendMessage", response, 409)


def _chunks(events: list[Any]) -> list[Any]:
    return [e["delta"] for e in events if isinstance(e, dict) and e["object"] == "message.experimental_content.chunk"]


async def test_stream_create_follows_the_wire_format(client: httpx.AsyncClient) -> None:
    response = await client.post("/chats", json={"message": "Build a todo app", "responseMode": "experimental_stream"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/event-stream")
    assert response.text.startswith("data: {") and response.text.endswith("data: [DONE]\n\n")
    events = sse_events(response.text)
    first, last = events[0], events[-2]
    assert first["object"] == "chat" and first["latestVersion"]["status"] == "pending"
    assert last["object"] == "chat" and last["latestVersion"]["status"] == "completed"
    titles = "".join(e["delta"] for e in events if isinstance(e, dict) and e["object"] == "chat.title")
    names = [e["delta"] for e in events if isinstance(e, dict) and e["object"] == "chat.name"]
    assert titles == names[0] == last["name"] == "Todo app"
    assert _chunks(events)[0]["_t"] == "a"
    assert all(e["id"] == last["messages"][-1]["id"] for e in events[1:-2] if e["object"].startswith("message"))


async def test_stream_reassembles_to_the_final_message_content(client: httpx.AsyncClient) -> None:
    response = await client.post("/chats", json={"message": "Build a blog", "responseMode": "experimental_stream"})
    events = sse_events(response.text)
    final = events[-2]["messages"][-1]
    assert len(_chunks(events)) > 5
    assert reassemble(_chunks(events)) == final["experimental_content"]
    text_node = final["experimental_content"][0][1][0]
    assert text_node == ["p", {}, ["text", {}, final["content"]]]
    stored = (await client.get(f"/chats/{events[0]['id']}/messages/{final['id']}")).json()
    assert stored["experimental_content"] == final["experimental_content"]


async def test_stream_send_message_has_no_title_events(client: httpx.AsyncClient) -> None:
    chat = await new_chat(client)
    response = await client.post(
        f"/chats/{chat['id']}/messages", json={"message": "Add a map", "responseMode": "experimental_stream"}
    )
    events = sse_events(response.text)
    assert not [e for e in events if isinstance(e, dict) and e["object"] in ("chat.title", "chat.name")]
    assert reassemble(_chunks(events)) == events[-2]["messages"][-1]["experimental_content"]


async def test_stream_of_the_example_transcript_reassembles() -> None:
    from tests.conftest import SPEC_DIR

    example = json.loads((SPEC_DIR / "examples" / "chats.create.experimental_stream.events.json").read_text())
    deltas = [e["delta"] for e in example["events"] if e.get("object") == "message.experimental_content.chunk"]
    assert reassemble(deltas) == example["reassembled_experimental_content"]


async def test_stop_ends_an_in_flight_message(sim: Simulator, client: httpx.AsyncClient, clock: ManualClock) -> None:
    chat = await new_chat(client, responseMode="async")
    message_id = chat["messages"][-1]["id"]
    clock.advance(0.02)
    stopped = await client.post(f"/chats/{chat['id']}/messages/{message_id}/stop")
    assert check_body("chats.stop", stopped) == {"success": True}
    assert sim.workspace(KEY).messages[message_id].stopped
    clock.advance(10)
    after = check_body("chats.getById", await client.get(f"/chats/{chat['id']}"))
    assert after["messages"][-1]["finishReason"] == "stop"
    assert after["latestVersion"]["status"] == "failed"
    assert len(after["messages"][-1]["content"]) < len(sim.workspace(KEY).messages[message_id].reply.text)  # type: ignore[union-attr]
    again = await client.post(f"/chats/{chat['id']}/messages", json={"message": "Try again"})
    assert again.json()["latestVersion"]["status"] == "completed"


async def test_stop_ends_an_in_flight_stream() -> None:
    import anyio

    from v0_mcp.simulator import serving

    clock = ManualClock()  # moves only when told: the stream waits for it
    sim = Simulator(SimulatorConfig(clock=clock, generation_delay=2.0))
    headers = {"Authorization": f"Bearer {KEY}"}
    async with serving(sim) as base, httpx.AsyncClient(base_url=base, headers=headers) as client:
        chat = await new_chat(client, responseMode="async")
        message_id = chat["messages"][-1]["id"]
        lines: list[str] = []
        with anyio.fail_after(20):
            async with client.stream("POST", f"/chats/{chat['id']}/messages/{message_id}/resume") as response:
                stream = response.aiter_lines()
                async for line in stream:
                    lines.append(line)
                    if line.startswith("data: "):
                        break  # the first snapshot: the stream is running
                clock.advance(0.8)
                async for line in stream:
                    lines.append(line)
                    if "message.experimental_content.chunk" in line:
                        break  # it follows the clock
                await client.post(f"/chats/{chat['id']}/messages/{message_id}/stop")
                lines += [line async for line in stream]
    message = sim.workspace(KEY).messages[message_id]
    events = sse_events("\n".join(lines) + "\n")
    assert events[-1] == "[DONE]"
    assert 1 < len(_chunks(events)) == message.units < message.reply.total  # type: ignore[union-attr]
    assert events[-2]["messages"][-1]["finishReason"] == "stop"
    assert reassemble(_chunks(events)) == events[-2]["messages"][-1]["experimental_content"]


async def test_resume_streams_a_running_message(client: httpx.AsyncClient) -> None:
    chat = await new_chat(client, "Build a contact form", responseMode="async")
    message_id = chat["messages"][-1]["id"]
    response = await client.post(f"/chats/{chat['id']}/messages/{message_id}/resume")
    assert response.headers["content-type"].startswith("text/event-stream")
    events = sse_events(response.text)
    assert reassemble(_chunks(events)) == events[-2]["messages"][-1]["experimental_content"]
    assert events[-2]["latestVersion"]["status"] == "completed"


async def test_resume_of_a_finished_message_sends_the_final_snapshot(client: httpx.AsyncClient) -> None:
    chat = await new_chat(client)
    response = await client.post(f"/chats/{chat['id']}/messages/{chat['messages'][-1]['id']}/resume")
    events = sse_events(response.text)
    assert [e if e == "[DONE]" else e["object"] for e in events] == ["chat", "[DONE]"]


async def test_files_are_deterministic_for_a_seed_and_name_the_prompt(clock: ManualClock) -> None:
    prompt = "Build a landing page for Zebra Tours"
    runs = []
    for seed, key in ((7, "a"), (7, "b"), (8, "a")):
        sim = Simulator(SimulatorConfig(clock=clock, seed=seed))
        async with sim.client(key) as client:
            chat = await new_chat(client, prompt)
        runs.append({f["name"]: f["content"] for f in chat["latestVersion"]["files"]})
    assert f'const prompt = "{prompt}"' in runs[0]["app/page.tsx"]
    assert "export default function Page()" in runs[0]["app/page.tsx"]
    assert runs[0] == runs[1]  # same seed and prompt: same files, whoever asks
    assert runs[0] != runs[2]  # another seed: another variant


async def test_prompt_keywords_pick_components(client: httpx.AsyncClient) -> None:
    chat = await new_chat(client, "Create an analytics dashboard with a signup form")
    names = {f["name"] for f in chat["latestVersion"]["files"]}
    assert {"components/stats-cards.tsx", "components/contact-form.tsx", "app/layout.tsx"} <= names


@pytest.mark.parametrize("mode", ["sync", "async"])
async def test_resolve_task_continues_a_waiting_chat(client: httpx.AsyncClient, clock: ManualClock, mode: str) -> None:
    chat = await new_chat(client, "Build a shop NEEDS_TASK:plan-exit-response")
    waiting = chat["messages"][-1]
    assert waiting["experimental_content"][0][1][-1][0] == "AssistantMessageContentPart"
    task = {"type": "plan-exit-response", "status": "approved", "content": "Go ahead"}
    resolved = check_body(
        "chats.resolveTask",
        await client.post(f"/chats/{chat['id']}/tasks/resolve", json={"task": task, "responseMode": mode}),
    )
    assert resolved["messages"][-2]["content"] == "Plan approved: Go ahead"
    clock.advance(1)
    done = (await client.get(f"/chats/{chat['id']}")).json()
    assert done["latestVersion"]["status"] == "completed"
    check_error("chats.resolveTask", await client.post(f"/chats/{chat['id']}/tasks/resolve", json={"task": task}), 409)


async def test_resolve_vercel_connect_without_setup_answers_404(client: httpx.AsyncClient) -> None:
    chat = await new_chat(client)
    response = await client.post(f"/chats/{chat['id']}/tasks/resolve", json={"task": {"type": "vercel-connect-setup"}})
    check_error("chats.resolveTask", response, 404)


async def test_init_from_a_repo_imports_files(client: httpx.AsyncClient) -> None:
    body = {"type": "repo", "repo": {"url": "https://github.com/acme/shop.git", "branch": "dev"}, "lockAllFiles": True}
    chat = check_body("chats.init", await client.post("/chats/init", json=body))
    assert chat["name"] == "shop" and chat["messages"][-1]["content"] == "**shop** was imported."
    assert all(f["locked"] for f in chat["latestVersion"]["files"])
    assert [c["id"] for c in (await client.get("/chats", params={"branch": "dev"})).json()["data"]] == [chat["id"]]


async def test_init_refuses_fields_of_two_variants(client: httpx.AsyncClient) -> None:
    body = {"type": "template", "templateId": "t1", "repo": {"url": "https://github.com/a/b"}}
    check_error("chats.init", await client.post("/chats/init", json=body), 422)


async def test_the_async_send_message_answer_leaves_out_the_message_just_sent(
    client: httpx.AsyncClient, clock: ManualClock
) -> None:
    chat = await new_chat(client)
    body = {"message": "Add a footer", "responseMode": "async"}
    sent = check_body("chats.sendMessage", await client.post(f"/chats/{chat['id']}/messages", json=body))
    assert [m["id"] for m in sent["messages"][:-1]] == [m["id"] for m in chat["messages"]]
    placeholder = sent["messages"][-1]
    assert placeholder["role"] == "assistant" and placeholder["content"] == "" and "finishReason" not in placeholder
    assert "Add a footer" not in [m["content"] for m in sent["messages"]]
    clock.advance(1)
    later = check_body("chats.getById", await client.get(f"/chats/{chat['id']}"))
    assert [m["content"] for m in later["messages"]][-2] == "Add a footer"
    assert later["messages"][-2]["id"] == placeholder["parentId"]
