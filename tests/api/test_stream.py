"""V0Client.stream(): SSE requests, events as they arrive, and failures."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import httpx
import pytest

from tests.api.conftest import EXAMPLES, Script, body, error_response, example
from v0_mcp.api import ContentAccumulator, NotFound, StreamEvent, V0TransportError

TRANSCRIPT = (EXAMPLES / "chats.create.experimental_stream.sse.txt").read_bytes()
SSE = {"content-type": "text/event-stream"}


def sse(payload: bytes = TRANSCRIPT) -> httpx.Response:
    return httpx.Response(200, content=payload, headers=SSE)


async def drain(events: AsyncIterator[StreamEvent]) -> list[StreamEvent]:
    return [event async for event in events]


async def test_generation_stream_sets_response_mode_and_accept(make_client):
    script = Script(sse())
    async with make_client(script) as v0, v0.stream("chats.create", message="Hello world") as events:
        received = await drain(events)
    request = script.last
    assert json.loads(request.content) == {"message": "Hello world", "responseMode": "experimental_stream"}
    assert request.headers["Accept"] == "text/event-stream"
    assert request.headers["Cache-Control"] == "no-cache"
    assert request.extensions["timeout"]["read"] == 600
    assert [e.data for e in received] == example("chats.create.experimental_stream.events.json")["events"]


async def test_resume_streams_without_a_body(make_client):
    script = Script(sse())
    async with make_client(script) as v0, v0.stream("chats.resume", chatId="c", messageId="m") as events:
        content = ContentAccumulator()
        async for event in events:
            content.feed(event)
    assert script.last.method == "POST" and script.last.url.path == "/v1/chats/c/messages/m/resume"
    assert script.last.content == b""
    assert content.text == "I created a simple landing page."


async def test_events_arrive_incrementally(make_client):
    lines = [b'data: {"id":"1"}\n\n', b'data: {"id":"2"}\n\n', b"data: [DONE]\n\n"]
    seen: list[str | None] = []

    async def body_stream() -> AsyncIterator[bytes]:
        for line in lines:
            yield line
            seen.append(f"sent {len(seen)}")

    script = Script(lambda request: httpx.Response(200, content=body_stream(), headers=SSE))
    async with make_client(script) as v0, v0.stream("chats.sendMessage", chatId="c", message="m") as events:
        first = await anext(events)
        assert first.id == "1" and seen == []
        assert [e.id for e in await drain(events)] == ["2"]


async def test_stream_error_status_raises_before_events(make_client):
    script = Script(error_response(404))
    async with make_client(script) as v0:
        with pytest.raises(NotFound):
            async with v0.stream("chats.resume", chatId="c", messageId="m"):
                pass


async def test_broken_stream_is_a_transport_error(make_client):
    async def broken() -> AsyncIterator[bytes]:
        yield b'data: {"id":"1"}\n\n'
        raise httpx.ReadError("connection reset")

    script = Script(lambda request: httpx.Response(200, content=broken(), headers=SSE))
    async with make_client(script) as v0, v0.stream("chats.resume", chatId="c", messageId="m") as events:
        assert (await anext(events)).id == "1"
        with pytest.raises(V0TransportError, match="network error"):
            await anext(events)


async def test_json_answer_to_a_stream_request_becomes_one_event(make_client):
    script = Script(httpx.Response(200, json=body("chats.create")))
    async with make_client(script) as v0, v0.stream("chats.create", message="m") as events:
        [event] = await drain(events)
    assert event.object == "chat" and event.id == "GJMMb5rqwvO"


async def test_stream_refuses_non_streaming_uses(make_client):
    async with make_client(Script(sse())) as v0:
        with pytest.raises(TypeError, match="does not stream"):
            async with v0.stream("chats.getById", chatId="c"):
                pass
        with pytest.raises(TypeError, match="experimental_stream"):
            async with v0.stream("chats.create", message="m", responseMode="async"):
                pass


async def test_leaving_early_closes_the_response(make_client):
    class Endless(httpx.AsyncByteStream):
        closed = False

        async def __aiter__(self) -> AsyncIterator[bytes]:
            while True:
                yield b'data: {"id":"tick"}\n\n'

        async def aclose(self) -> None:
            self.closed = True

    stream = Endless()
    script = Script(lambda request: httpx.Response(200, stream=stream, headers=SSE))
    async with make_client(script) as v0:
        async with v0.stream("chats.resume", chatId="c", messageId="m") as events:
            assert (await anext(events)).id == "tick"
        assert stream.closed
