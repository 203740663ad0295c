"""Cancellation: a cancelled generation is stopped in v0; a cancelled wait only stops waiting."""

from __future__ import annotations

import anyio

from tests.conftest import call_until_first_progress, eventually
from tests.reliability.conftest import API_KEY, World, connect, text_of
from v0_mcp.simulator import Simulator


def generation_of(sim: Simulator, chat_id: str) -> tuple[bool, str | None, str | None]:
    """Return (stopped, finishReason, version status) of the chat's latest assistant message."""
    ws = sim.workspace(API_KEY)
    message = [m for m in ws.chat_messages(ws.chats[chat_id]) if m.role == "assistant"][-1]
    version = ws.versions.get(message.version_id or "")
    return message.stopped, message.finish_reason, version.status if version else None


async def test_cancelling_a_generation_stops_it_in_v0(world: World, era: str) -> None:
    world.sim.config.generation_delay = 30.0
    before = world.chats()

    async with connect(world.server, era) as client:
        await call_until_first_progress(client, "create_chat", {"message": "A slow app", "waitSeconds": 60})
        (chat_id,) = world.chats() - before
        await eventually(lambda: generation_of(world.sim, chat_id)[0])

    stopped, finish_reason, version_status = generation_of(world.sim, chat_id)
    assert stopped
    assert finish_reason == "stop"
    assert version_status == "failed"
    assert world.requests.count("POST", f"/v1/chats/{chat_id}/messages/{_message_id(world, chat_id)}/stop") == 1


async def test_cancelling_a_wait_leaves_the_generation_running(world: World, era: str) -> None:
    world.sim.config.generation_delay = 0.4

    async with connect(world.server, era) as client:
        started = await client.call_tool("create_chat", {"message": "An app", "waitSeconds": 0})
        assert started.structured_content is not None, text_of(started)
        chat_id = started.structured_content["chatId"]
        await call_until_first_progress(client, "wait_for_generation", {"chatId": chat_id, "waitSeconds": 60})
        await anyio.sleep(0.1)  # what a stop would have needed to arrive
        assert not generation_of(world.sim, chat_id)[0]
        await eventually(lambda: generation_of(world.sim, chat_id)[1] is not None)

    stopped, finish_reason, version_status = generation_of(world.sim, chat_id)
    assert not stopped
    assert finish_reason == "stop"
    assert version_status == "completed"
    assert not any(path.endswith("/stop") for _, path in world.requests.seen)


def _message_id(world: World, chat_id: str) -> str:
    ws = world.sim.workspace(API_KEY)
    return [m for m in ws.chat_messages(ws.chats[chat_id]) if m.role == "assistant"][-1].id
