"""Subscriptions: a subscribed chat or deployment log is polled and announces its changes.

Up to 2025-11-25 clients use resources/subscribe and get notifications/resources/updated;
2026-07-28 clients open a subscriptions/listen stream with the URIs.
"""

from __future__ import annotations

import time
from contextlib import AsyncExitStack
from typing import Any

import anyio
import pytest
from mcp import Client, MCPError
from mcp.client.subscriptions import ResourceUpdated
from mcp.server.subscriptions import InMemorySubscriptionBus, ServerEvent, ToolsListChanged
from mcp.server.subscriptions import ResourceUpdated as ServerResourceUpdated
from mcp.types import INVALID_PARAMS, INVALID_REQUEST, ResourceUpdatedNotification

from tests.resources.conftest import CountingTransport, Seeded, connect, make_server
from v0_mcp._sdk import subscription_bus_of
from v0_mcp.api import V0Client
from v0_mcp.cli import parse_settings
from v0_mcp.resources import MAX_LISTENS_PER_CALLER
from v0_mcp.resources._subscriptions import StreamBus, Watches
from v0_mcp.server import V0MCPServer, build_server
from v0_mcp.simulator import ManualClock, Simulator

# resources/subscribe is the legacy era's way, and the SDK client says so.
legacy_subscribe = pytest.mark.filterwarnings("ignore::mcp.MCPDeprecationWarning")


class Updates:
    """Collects the URIs of notifications/resources/updated a legacy client receives."""

    def __init__(self) -> None:
        self.uris: list[str] = []
        self._arrived = anyio.Event()

    async def __call__(self, message: Any) -> None:
        if isinstance(message, ResourceUpdatedNotification):
            self.uris.append(message.params.uri)
            self._arrived.set()

    async def wait(self) -> None:
        with anyio.fail_after(5):
            await self._arrived.wait()
        self._arrived = anyio.Event()


async def _start_generation(client: Client, chat_id: str) -> None:
    result = await client.call_tool("send_message", {"chatId": chat_id, "message": "Make it blue", "waitSeconds": 0})
    assert result.structured_content is not None and result.structured_content["status"] == "pending"


@legacy_subscribe
async def test_a_subscribed_chat_announces_a_generation_as_it_progresses(
    server: V0MCPServer, seeded: Seeded, simulator: Simulator
) -> None:
    clock = simulator.config.clock = ManualClock(time.time())  # from here on v0's time moves when the test says
    updates = Updates()
    uri = f"v0://chats/{seeded.chat_id}"
    async with connect(server, "legacy", message_handler=updates) as client:
        await client.subscribe_resource(uri)
        await _start_generation(client, seeded.chat_id)
        await updates.wait()  # v0 started: a new message, its reply being written
        clock.advance(simulator.config.generation_delay)
        await updates.wait()  # v0 finished
        finished = await client.call_tool("wait_for_generation", {"chatId": seeded.chat_id, "waitSeconds": 5})
    assert set(updates.uris) == {uri}
    assert len(updates.uris) >= 2
    assert finished.structured_content is not None and finished.structured_content["status"] == "completed"


@legacy_subscribe
async def test_an_idle_subscribed_chat_stays_quiet(server: V0MCPServer, seeded: Seeded) -> None:
    updates = Updates()
    async with connect(server, "legacy", message_handler=updates) as client:
        await client.subscribe_resource(f"v0://chats/{seeded.chat_id}")
        await anyio.sleep(0.3)
    assert updates.uris == []


@legacy_subscribe
async def test_a_subscribed_thread_announces_new_messages(server: V0MCPServer, seeded: Seeded) -> None:
    updates = Updates()
    uri = f"v0://chats/{seeded.chat_id}/messages"
    async with connect(server, "legacy", message_handler=updates) as client:
        await client.subscribe_resource(uri)
        await _start_generation(client, seeded.chat_id)
        await updates.wait()
    assert updates.uris[0] == uri


@legacy_subscribe
async def test_subscribed_deployment_logs_announce_new_lines(server: V0MCPServer, seeded: Seeded) -> None:
    updates = Updates()
    async with connect(server, "legacy", message_handler=updates) as client:
        created = await client.call_tool(
            "create_deployment", {"chatId": seeded.chat_id, "versionId": seeded.version_id}
        )
        uri = f"v0://deployments/{created.structured_content['id']}/logs"
        await client.subscribe_resource(uri)
        await updates.wait()
        lines_then = (await client.read_resource(uri)).contents[0].text  # type: ignore[union-attr]
    assert updates.uris[0] == uri
    assert "log lines" in lines_then


@legacy_subscribe
async def test_unsubscribing_stops_the_announcements(
    server: V0MCPServer, seeded: Seeded, transport: CountingTransport
) -> None:
    updates = Updates()
    uri = f"v0://chats/{seeded.chat_id}"
    async with connect(server, "legacy", message_handler=updates) as client:
        await client.subscribe_resource(uri)
        await client.unsubscribe_resource(uri)
        polls = len(transport.requests)
        await _start_generation(client, seeded.chat_id)
        await anyio.sleep(0.5)
    assert updates.uris == []
    assert transport.requests[polls:] == [f"POST /v1/chats/{seeded.chat_id}/messages"]


@legacy_subscribe
async def test_polling_ends_with_the_connection(
    server: V0MCPServer, seeded: Seeded, transport: CountingTransport
) -> None:
    async with connect(server, "legacy") as client:
        await client.subscribe_resource(f"v0://chats/{seeded.chat_id}")
        await anyio.sleep(0.1)
    polls = len(transport.requests)
    await anyio.sleep(0.3)
    assert len(transport.requests) == polls


@legacy_subscribe
async def test_a_subscription_outlives_other_connections(server: V0MCPServer, seeded: Seeded) -> None:
    updates = Updates()
    uri = f"v0://chats/{seeded.chat_id}"
    async with connect(server, "legacy", message_handler=updates) as client:
        async with connect(server, "legacy") as other:
            await other.list_resource_templates()
            await client.subscribe_resource(uri)
        await _start_generation(client, seeded.chat_id)
        await updates.wait()
    assert updates.uris[0] == uri


@legacy_subscribe
async def test_subscribing_to_an_unknown_chat_names_it(server: V0MCPServer) -> None:
    async with connect(server, "legacy") as client:
        with pytest.raises(MCPError) as caught:
            await client.subscribe_resource("v0://chats/nochat")
    assert caught.value.error.code == INVALID_PARAMS
    assert "'nochat'" in caught.value.error.message
    assert "list_chats" in caught.value.error.message


@legacy_subscribe
async def test_subscribing_to_a_resource_that_never_changes_says_what_can_be(
    server: V0MCPServer, seeded: Seeded
) -> None:
    async with connect(server, "legacy") as client:
        with pytest.raises(MCPError) as caught:
            await client.subscribe_resource(f"v0://projects/{seeded.project_id}")
    assert caught.value.error.code == INVALID_PARAMS
    assert "v0://deployments/{deploymentId}/logs" in caught.value.error.message


async def test_a_listen_stream_announces_a_generation_as_it_progresses(server: V0MCPServer, seeded: Seeded) -> None:
    uri = f"v0://chats/{seeded.chat_id}"
    events: list[Any] = []
    async with connect(server, "auto") as client, client.listen(resource_subscriptions=[uri]) as subscription:
        assert subscription.honored.resource_subscriptions == [uri]
        await _start_generation(client, seeded.chat_id)
        with anyio.fail_after(5):
            async for event in subscription:
                events.append(event)
                break
    assert events == [ResourceUpdated(uri=uri)]


async def test_a_listen_stream_announces_new_deployment_log_lines(server: V0MCPServer, seeded: Seeded) -> None:
    async with connect(server, "auto") as client:
        created = await client.call_tool(
            "create_deployment", {"chatId": seeded.chat_id, "versionId": seeded.version_id}
        )
        uri = f"v0://deployments/{created.structured_content['id']}/logs"
        async with client.listen(resource_subscriptions=[uri]) as subscription:
            with anyio.fail_after(5):
                event = await anext(subscription)
    assert event == ResourceUpdated(uri=uri)


async def test_polling_ends_with_the_listen_stream(
    server: V0MCPServer, seeded: Seeded, transport: CountingTransport
) -> None:
    async with connect(server, "auto") as client:
        async with client.listen(resource_subscriptions=[f"v0://chats/{seeded.chat_id}"]):
            await anyio.sleep(0.1)
        polls = len(transport.requests)
        await anyio.sleep(0.3)
        assert len(transport.requests) == polls


async def test_a_listen_stream_hears_only_its_own_pollers(server: V0MCPServer, seeded: Seeded) -> None:
    """Another caller's update on the same server never reaches this stream: it is polled with this key only."""
    mine, foreign = f"v0://chats/{seeded.chat_id}", "v0://chats/someone-elses-chat"
    bus = subscription_bus_of(server)
    assert bus is not None
    events: list[Any] = []
    async with connect(server, "auto") as client, client.listen(resource_subscriptions=[foreign, mine]) as stream:
        # What a poller of another key published on the shared bus before streams had their own.
        await bus.publish(ServerResourceUpdated(uri=foreign))
        await _start_generation(client, seeded.chat_id)
        with anyio.fail_after(5):
            events.append(await anext(stream))
    assert events == [ResourceUpdated(uri=mine)]


async def test_a_stream_bus_passes_on_the_servers_other_events_and_its_own_updates() -> None:
    shared, heard = InMemorySubscriptionBus(), list[ServerEvent]()
    stream = StreamBus(shared)
    leave = stream.subscribe(heard.append)
    await shared.publish(ServerResourceUpdated(uri="v0://chats/a"))
    await shared.publish(ToolsListChanged())
    await stream.publish(ServerResourceUpdated(uri="v0://chats/b"))
    leave()
    await shared.publish(ToolsListChanged())
    await stream.publish(ServerResourceUpdated(uri="v0://chats/c"))
    assert heard == [ToolsListChanged(), ServerResourceUpdated(uri="v0://chats/b")]


async def test_one_caller_cannot_open_every_listen_stream(server: V0MCPServer, seeded: Seeded) -> None:
    uri = f"v0://chats/{seeded.chat_id}"
    async with connect(server, "auto", raise_exceptions=False) as client, AsyncExitStack() as streams:
        for _ in range(MAX_LISTENS_PER_CALLER):
            await streams.enter_async_context(client.listen(resource_subscriptions=[uri]))
        with pytest.raises(MCPError) as caught:
            async with client.listen(resource_subscriptions=[uri]):
                pass
        assert caught.value.error.code == INVALID_REQUEST
        assert str(MAX_LISTENS_PER_CALLER) in caught.value.error.message
        await streams.aclose()
        # Closing streams frees their slots once the server has wound them down.
        with anyio.fail_after(5):
            while True:
                try:
                    async with client.listen(resource_subscriptions=[uri]) as subscription:
                        assert subscription.honored.resource_subscriptions == [uri]
                    break
                except MCPError:
                    await anyio.sleep(0.01)


async def test_one_connection_cannot_take_every_subscription_slot() -> None:
    watches, state = Watches(limit=3, per_connection=2), object()
    greedy, other = object(), object()

    async def poll_forever() -> None:
        await anyio.sleep_forever()

    async with watches.hosting(state):
        watches.start(greedy, "v0://chats/a", state, poll_forever)
        watches.start(greedy, "v0://chats/b", state, poll_forever)
        with pytest.raises(MCPError) as caught:
            watches.start(greedy, "v0://chats/c", state, poll_forever)
        assert caught.value.error.code == INVALID_REQUEST
        assert "(2) on this connection" in caught.value.error.message
        watches.start(other, "v0://chats/a", state, poll_forever)  # others still get a slot
        with pytest.raises(MCPError, match=r"Too many subscriptions \(3\)"):
            watches.start(object(), "v0://chats/a", state, poll_forever)
        assert watches.stop(greedy, "v0://chats/a")
        watches.start(greedy, "v0://chats/c", state, poll_forever)


@legacy_subscribe
@pytest.mark.slow  # waits in real time
async def test_polling_of_an_object_that_stays_idle_expires(
    v0: V0Client, seeded: Seeded, transport: CountingTransport
) -> None:
    server = make_server(v0, subscription_idle_expiry=0.2)
    async with connect(server, "legacy") as client:
        await client.subscribe_resource(f"v0://chats/{seeded.chat_id}")
        await anyio.sleep(1.0)  # the 0.05 s poll doubles while idle: 0.05 + 0.1 + 0.2 passes the expiry
        polls = len(transport.requests)
        await anyio.sleep(0.5)
        assert len(transport.requests) == polls


async def test_the_operators_flags_set_the_subscription_limits() -> None:
    settings = parse_settings(["--demo", "--api-version", "v1", "--max-listens-per-caller", "1"], env={})
    async with (
        Client(build_server(settings), mode="auto", raise_exceptions=False) as client,
        client.listen(resource_subscriptions=[]),
    ):
        with pytest.raises(MCPError) as caught:
            async with client.listen(resource_subscriptions=[]):
                pass
    assert caught.value.error.code == INVALID_REQUEST
    assert "Too many open listen streams (1)" in caught.value.error.message
