"""Webhooks are called: the spec's events reach a receiver on loopback, in order, without blocking anyone."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import anyio
import httpx
import pytest

from tests.conftest import eventually
from v0_mcp.simulator import ManualClock, Simulator, SimulatorConfig
from v0_mcp.simulator._webhooks import EVENTS, is_loopback_url

from .conftest import KEY, check_body, new_chat, spec


class Receiver:
    """An HTTP server on 127.0.0.1 that records the JSON bodies POSTed to it."""

    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []
        self.release = threading.Event()
        self.release.set()
        received, release = self.received, self.release

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                release.wait(10)
                length = int(self.headers.get("Content-Length", "0"))
                received.append(json.loads(self.rfile.read(length)))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def events(self) -> list[str]:
        return [body["event"] for body in self.received]


@contextmanager
def receiving() -> Iterator[Receiver]:
    receiver = Receiver()
    thread = threading.Thread(target=receiver.server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        receiver.release.set()
        receiver.server.shutdown()
        receiver.server.server_close()
        thread.join(5)


def test_the_events_are_the_specs() -> None:
    schema = spec()["paths"]["/hooks"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert tuple(schema["properties"]["events"]["items"]["enum"]) == EVENTS


async def _hook(client: httpx.AsyncClient, url: str, events: tuple[str, ...] = EVENTS, **extra: Any) -> Any:
    body = {"name": "test", "events": list(events), "url": url, **extra}
    return check_body("hooks.create", await client.post("/hooks", json=body))


async def test_every_event_reaches_a_loopback_receiver(sim: Simulator, client: httpx.AsyncClient) -> None:
    with receiving() as receiver:
        hook = await _hook(client, receiver.url)
        chat = await new_chat(client)  # sync: created, two messages, finished
        await client.patch(f"/chats/{chat['id']}", json={"name": "Renamed"})
        await client.delete(f"/chats/{chat['id']}")
        await eventually(lambda: "chat.deleted" in receiver.events(), within=10, what="all events delivered")
    assert receiver.events() == [
        "chat.created",
        "message.created",
        "message.created",
        "message.updated",
        "message.finished",
        "chat.updated",
        "message.deleted",
        "message.deleted",
        "chat.deleted",
    ]
    first = receiver.received[0]
    assert first["object"] == "hook_event" and first["hookId"] == hook["id"] and first["id"].startswith("evt_")
    assert first["data"] == {"chatId": chat["id"]} and first["createdAt"].endswith("Z")
    finished = receiver.received[4]
    assert finished["data"]["messageId"] == chat["messages"][-1]["id"]
    await anyio.to_thread.run_sync(sim.webhooks.join)  # the sender counts once the receiver has answered
    assert sim.webhooks.delivered == 9 and sim.webhooks.failed == 0


async def test_an_async_generation_finishes_on_the_clock_and_says_so(
    client: httpx.AsyncClient, clock: ManualClock
) -> None:
    with receiving() as receiver:
        await _hook(client, receiver.url, ("message.finished",))
        chat = await new_chat(client, responseMode="async")
        await anyio.sleep(0.1)
        assert receiver.received == []
        clock.advance(60)
        await client.get(f"/chats/{chat['id']}")  # the simulator notices the time
        await eventually(lambda: receiver.received, within=10, what="message.finished delivered")
    assert receiver.received[0]["data"]["messageId"] == chat["messages"][-1]["id"]


async def test_a_hook_scoped_to_a_chat_hears_only_of_that_chat(client: httpx.AsyncClient) -> None:
    with receiving() as receiver:
        mine = await new_chat(client, "Mine")
        await _hook(client, receiver.url, ("chat.updated",), chatId=mine["id"])
        other = await new_chat(client, "Other")
        await client.patch(f"/chats/{other['id']}", json={"name": "x"})
        await client.patch(f"/chats/{mine['id']}", json={"name": "y"})
        await eventually(lambda: receiver.received, within=10, what="the scoped event delivered")
        await anyio.sleep(0.1)
    assert [body["data"]["chatId"] for body in receiver.received] == [mine["id"]]


async def test_delivery_never_blocks_the_request_that_caused_it(sim: Simulator, client: httpx.AsyncClient) -> None:
    with receiving() as receiver:
        receiver.release.clear()  # the receiver holds every delivery until told
        await _hook(client, receiver.url, ("chat.created",))
        with anyio.fail_after(5):
            chat = await new_chat(client)
        assert receiver.received == []  # answered while the delivery is still held
        receiver.release.set()
        await eventually(lambda: receiver.received, within=10, what="delivered once released")
    assert receiver.received[0]["data"]["chatId"] == chat["id"]


async def test_non_loopback_urls_are_not_called_unless_allowed(client: httpx.AsyncClient, sim: Simulator) -> None:
    await _hook(client, "https://hooks.example.com/v0")
    await new_chat(client)
    assert sim.webhooks.skipped > 0 and sim.webhooks.delivered == 0
    allowed = Simulator(SimulatorConfig(webhook_any_host=True))
    assert allowed.webhooks.any_host


async def test_a_receiver_that_is_down_is_logged_and_the_simulator_goes_on(
    sim: Simulator, client: httpx.AsyncClient
) -> None:
    with receiving() as receiver:
        url = receiver.url
    await _hook(client, url, ("chat.created",))  # nothing listens there any more
    await new_chat(client)
    await anyio.to_thread.run_sync(sim.webhooks.join)
    assert sim.webhooks.failed == 1
    assert (await client.get("/chats")).status_code == 200


@pytest.mark.parametrize(
    ("url", "loopback"),
    [
        ("http://127.0.0.1:9/x", True),
        ("http://127.8.9.10/x", True),
        ("http://[::1]:80/", True),
        ("http://localhost:3000/hook", True),
        ("http://api.localhost/hook", True),
        ("https://example.com/hook", False),
        ("http://10.0.0.1/hook", False),
        ("http://127.0.0.1.example.com/", False),
        ("http://[::ffff:8.8.8.8]/", False),
        ("not a url", False),
    ],
)
def test_only_loopback_is_loopback(url: str, loopback: bool) -> None:
    assert is_loopback_url(url) is loopback


async def test_events_draw_no_ids_so_runs_stay_deterministic() -> None:
    quiet, loud = (Simulator(SimulatorConfig(seed=1, generation_delay=0.01)) for _ in range(2))
    async with quiet.client(KEY) as a, loud.client(KEY) as b:
        await a.post("/hooks", json={"name": "h", "events": ["message.deleted"], "url": "https://example.com/h"})
        await b.post("/hooks", json={"name": "h", "events": list(EVENTS), "url": "https://example.com/h"})
        first, second = await new_chat(a), await new_chat(b)
    assert first["id"] == second["id"] and first["messages"][-1]["id"] == second["messages"][-1]["id"]
    assert quiet.webhooks.skipped == 0 and loud.webhooks.skipped == 5
