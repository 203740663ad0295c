"""v2 streams through the client: events as they come, resume by chat, and never a second generation."""

from __future__ import annotations

import json

import httpx
import pytest

from tests.api.conftest import Script
from tests.api.v2.conftest import EXAMPLES, breaking_sse, example, sse
from v0_mcp.api import ServerError, V0StreamError, V0TransportError
from v0_mcp.api.v2 import StreamState, follow_generation, resume_generation

CHAT = "fK2pLm9QxZa"


def compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def half(name: str) -> bytes:
    """The first half of a transcript's events (cut at an event boundary)."""
    blocks = (EXAMPLES / name).read_bytes().split(b"\n\n")
    return b"\n\n".join(blocks[: len(blocks) // 2]) + b"\n\n"


async def test_stream_yields_the_events_of_the_transcript(make_v2):
    script = Script(sse("messages.sendStream.200.sse.txt"))
    async with make_v2(script) as v0, v0.stream("messages.sendStream", chatId=CHAT, message="Dark mode") as events:
        objects = [event.object async for event in events]
    assert objects == [event["object"] for event in example("messages.sendStream.200.json")["events"]]
    request = script.last
    assert request.url.path == f"/v2/chats/{CHAT}/messages/stream"
    assert request.headers["accept"] == "text/event-stream"


async def test_call_refuses_a_stream_operation(make_v2):
    async with make_v2(Script(sse("chats.resume.200.sse.txt"))) as v0:
        with pytest.raises(TypeError, match="stream"):
            await v0.call("chats.resume", chatId=CHAT)
        with pytest.raises(TypeError, match="does not stream"):
            async with v0.stream("messages.sendAsync", chatId=CHAT, message="x"):
                pass


async def test_follow_generation_rebuilds_the_message(make_v2):
    seen: list[str | None] = []

    async def on_event(event, state):
        seen.append(event.object)

    script = Script(sse("messages.sendStream.200.sse.txt"))
    async with make_v2(script) as v0:
        state = await follow_generation(v0, "messages.sendStream", chatId=CHAT, message="Dark mode", on_event=on_event)
    expected = example("messages.sendStream.200.json")["expected"]
    assert compact(state.message) == compact(expected["messageSnapshot"])
    assert state.finished and not state.out_of_sync
    assert len(seen) == len(example("messages.sendStream.200.json")["events"])


async def test_a_dropped_stream_is_resumed_by_chat_and_never_sent_again(make_v2):
    script = Script(breaking_sse(half("messages.sendStream.200.sse.txt")), sse("chats.resume.200.sse.txt"))
    async with make_v2(script) as v0:
        state = await follow_generation(v0, "messages.sendStream", chatId=CHAT, message="Dark mode")
    assert [(request.method, request.url.path) for request in script.requests] == [
        ("POST", f"/v2/chats/{CHAT}/messages/stream"),
        ("POST", f"/v2/chats/{CHAT}/resume"),
    ]
    assert script.requests[1].content == b""  # resume takes no body
    expected = example("chats.resume.200.json")["expected"]
    assert compact(state.parts) == compact(expected["parts"])
    assert state.message is not None and state.message["parts"] == state.parts


async def test_a_dropped_create_stream_resumes_the_chat_it_named(make_v2):
    script = Script(breaking_sse(half("chats.createStream.200.sse.txt")), sse("chats.resume.200.sse.txt"))
    async with make_v2(script) as v0:
        state = await follow_generation(v0, "chats.createStream", message="A coffee shop page")
    assert [request.url.path for request in script.requests] == ["/v2/chats/stream", f"/v2/chats/{CHAT}/resume"]
    assert state.chat_id == CHAT and state.parts


async def test_a_stream_that_drops_before_naming_its_chat_is_not_sent_again(make_v2):
    script = Script(breaking_sse(b""))
    async with make_v2(script) as v0:
        with pytest.raises(V0TransportError, match="may exist") as info:
            await follow_generation(v0, "chats.createStream", message="A page")
    assert info.value.request_sent and len(script.requests) == 1


async def test_an_error_status_on_a_stream_post_is_raised_once(make_v2):
    script = Script(httpx.Response(500, json={"message": "Internal server error"}))
    async with make_v2(script) as v0:
        with pytest.raises(ServerError):
            await follow_generation(v0, "messages.sendStream", chatId=CHAT, message="x")
    assert len(script.requests) == 1


async def test_an_in_band_error_is_raised_with_its_code(make_v2):
    async with make_v2(Script(sse("messages.sendStream.200.error.sse.txt"))) as v0:
        with pytest.raises(V0StreamError) as info:
            await follow_generation(v0, "messages.sendStream", chatId=CHAT, message="x")
    assert info.value.code == "generation_failed"


async def test_resume_of_a_finished_generation_brings_the_chat_only(make_v2):
    async with make_v2(Script(sse("chats.resume.200.finished.sse.txt"))) as v0:
        state = await resume_generation(v0, CHAT)
    assert state.chat_id == CHAT and state.parts == [] and state.message_id is None


async def test_a_generation_that_ends_while_away_keeps_what_came_and_asks_for_a_reread(make_v2):
    script = Script(breaking_sse(half("messages.sendStream.200.sse.txt")), sse("chats.resume.200.finished.sse.txt"))
    async with make_v2(script) as v0:
        state = await follow_generation(v0, "messages.sendStream", chatId=CHAT, message="x")
    assert state.parts and state.out_of_sync


async def test_resume_gives_up_after_its_attempts(make_v2):
    script = Script(lambda request: breaking_sse(b""))
    async with make_v2(script) as v0:
        with pytest.raises(V0TransportError):
            await resume_generation(v0, CHAT, max_attempts=2)
    assert [request.url.path for request in script.requests] == [f"/v2/chats/{CHAT}/resume"] * 2


def test_state_starts_empty():
    assert StreamState().parts == [] and StreamState().chat_id is None
