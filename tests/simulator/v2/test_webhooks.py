"""v2 webhooks fire: recorded for every matching hook, delivered by the simulator's dispatcher to loopback."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio
import anyio.abc
import anyio.to_thread
import httpx

from v0_mcp.simulator import ManualClock, Simulator

from .conftest import KEY, check


class Receiver:
    """A minimal HTTP endpoint on 127.0.0.1 that records each POSTed JSON body."""

    def __init__(self) -> None:
        self.bodies: list[Any] = []
        self.url = ""

    async def handle(self, stream: anyio.abc.SocketStream) -> None:
        async with stream:
            data = b""
            while b"\r\n\r\n" not in data:
                data += await stream.receive()
            head, _, body = data.partition(b"\r\n\r\n")
            length = next(
                int(line.split(b":", 1)[1])
                for line in head.split(b"\r\n")
                if line.lower().startswith(b"content-length")
            )
            while len(body) < length:
                body += await stream.receive()
            self.bodies.append(json.loads(body))
            await stream.send(b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")


@asynccontextmanager
async def receiving() -> AsyncIterator[Receiver]:
    found = Receiver()
    listener = await anyio.create_tcp_listener(local_host="127.0.0.1", local_port=0)
    port = listener.extra(anyio.abc.SocketAttribute.local_port)
    found.url = f"http://127.0.0.1:{port}/hook"
    async with anyio.create_task_group() as tg:
        tg.start_soon(listener.serve, found.handle)
        yield found
        tg.cancel_scope.cancel()


async def test_hooks_fire_to_loopback_and_only_record_other_urls(
    v2: httpx.AsyncClient, clock: ManualClock, sim: Simulator
) -> None:
    async with receiving() as receiver:
        await _fire(v2, clock, sim, receiver)


async def _fire(v2: httpx.AsyncClient, clock: ManualClock, sim: Simulator, receiver: Receiver) -> None:
    events = ["chat.created", "message.finished", "chat.deleted"]
    check("webhooks.create", await v2.post("/hooks", json={"name": "local", "events": events, "url": receiver.url}))
    remote = {"name": "remote", "events": ["chat.created"], "url": "https://hooks.example.com/v0"}
    check("webhooks.create", await v2.post("/hooks", json=remote))
    ids = check("chats.createAsync", await v2.post("/chats/async", json={"message": "Build a blog"}), 202)
    clock.advance(60)
    check("chats.get", await v2.get(f"/chats/{ids['chatId']}"))  # the finish is noticed, and sent, here
    check("chats.delete", await v2.delete(f"/chats/{ids['chatId']}"))
    await anyio.to_thread.run_sync(sim.webhooks.join)
    assert [b["event"] for b in receiver.bodies] == ["chat.created", "message.finished", "chat.deleted"]
    finished = receiver.bodies[1]
    assert finished["data"] == {"chatId": ids["chatId"], "messageId": ids["messageId"]}
    assert finished["object"] == "hook_event" and finished["id"].startswith("evt_")
    records = [(d.event, d.url == receiver.url, d.sent) for d in sim.v2.workspace(KEY).deliveries]
    assert records == [
        ("chat.created", True, True),
        ("chat.created", False, False),  # not a loopback URL: recorded, never called
        ("message.finished", True, True),
        ("chat.deleted", True, True),
    ]


async def test_a_hook_scoped_to_a_chat_hears_only_that_chat(v2: httpx.AsyncClient, sim: Simulator) -> None:
    first = check("chats.create", await v2.post("/chats", json={"message": "One"}))["chat"]["id"]
    second = check("chats.create", await v2.post("/chats", json={"message": "Two"}))["chat"]["id"]
    hook = {"name": "one", "events": ["chat.updated"], "url": "https://h.example/x", "chatId": first}
    check("webhooks.create", await v2.post("/hooks", json=hook))
    for chat_id in (first, second):
        check("chats.update", await v2.patch(f"/chats/{chat_id}", json={"title": "Renamed"}))
    recorded = [d.payload["data"]["chatId"] for d in sim.v2.workspace(KEY).deliveries]
    assert recorded == [first]
