"""The v2 client and the Vercel client against the v2 simulator: a smoke test of the whole path."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from v0_mcp.api import Conflict, NotFound, V0Client, VercelClient, build_client, paginate
from v0_mcp.api.v2 import follow_generation, models
from v0_mcp.api.vercel import FINAL_STATES
from v0_mcp.simulator import ManualClock, Simulator, SimulatorConfig

KEY = "key-alice"


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def sim(clock: ManualClock) -> Simulator:
    return Simulator(SimulatorConfig(clock=clock, generation_delay=0.05, log_interval=1.0))


@pytest.fixture
async def v0(sim: Simulator) -> AsyncIterator[V0Client]:
    transport = httpx.ASGITransport(app=sim.app)
    async with build_client("v2", KEY, "http://v0.sim/v2", transport=transport) as client:
        yield client


@pytest.fixture
async def vercel(sim: Simulator) -> AsyncIterator[VercelClient]:
    transport = httpx.ASGITransport(app=sim.app)
    async with VercelClient(KEY, base_url="http://v0.sim/vercel", transport=transport) as client:
        yield client


async def finished(v0: V0Client, clock: ManualClock, chat_id: str, message_id: str) -> models.Message:
    clock.advance(60)
    message: models.Message = await v0.call("messages.get", chatId=chat_id, messageId=message_id)
    assert message.finishReason is not None
    return message


async def test_an_async_chat_is_created_read_and_listed(v0: V0Client, clock: ManualClock) -> None:
    started = await v0.call("chats.createAsync", message="Build a pricing page", modelConfiguration={})
    assert isinstance(started, models.AsyncChat) and started.chatId and started.messageId
    message = await finished(v0, clock, started.chatId, started.messageId)
    assert message.parts and message.content
    history = [m.id async for m in paginate(v0, "messages.list", chatId=started.chatId, limit=1)]
    assert history[0] == started.messageId and len(history) == 2  # newest first: the reply, then the prompt
    chats = [chat.id async for chat in paginate(v0, "chats.list")]
    assert started.chatId in chats


async def test_a_streamed_reply_rebuilds_the_message_v0_stores(v0: V0Client, clock: ManualClock) -> None:
    started = await v0.call("chats.createAsync", message="Build a blog")
    await finished(v0, clock, started.chatId, started.messageId)
    state = await follow_generation(v0, "messages.sendStream", chatId=started.chatId, message="Add a dark mode")
    assert state.finished and not state.out_of_sync and state.message_id
    stored = await v0.call("messages.get", chatId=started.chatId, messageId=state.message_id)
    assert [
        part if isinstance(part, dict) else part.model_dump(mode="json", exclude_unset=True) for part in stored.parts
    ] == state.parts


async def test_errors_arrive_in_the_error_tree(v0: V0Client, clock: ManualClock) -> None:
    with pytest.raises(NotFound):
        await v0.call("chats.get", chatId="no-such-chat")
    started = await v0.call("chats.createAsync", message="Build a shop")
    await finished(v0, clock, started.chatId, started.messageId)
    with pytest.raises(Conflict):  # the preview is not running yet
        await v0.call("chats.updateFiles", chatId=started.chatId, files=[{"path": "a.txt", "content": "a"}])
    archive = await v0.call("chats.downloadFiles", chatId=started.chatId)
    assert archive[:2] == b"PK"


async def test_a_deploy_is_followed_on_vercel(v0: V0Client, vercel: VercelClient, clock: ManualClock) -> None:
    started = await v0.call("chats.createAsync", message="Build a landing page")
    await finished(v0, clock, started.chatId, started.messageId)
    deployed = await v0.call("chats.deploy", chatId=started.chatId)
    deployment = await vercel.get_deployment(deployed.deploymentId)
    assert deployment.projectId == deployed.vercelProjectId
    clock.advance(600)
    deployment = await vercel.get_deployment(deployed.deploymentId)
    assert deployment.readyState in FINAL_STATES
    events = await vercel.build_events(deployed.deploymentId)
    assert events and all("type" in event for event in events)
    project = await vercel.get_project(deployed.vercelProjectId)
    assert project.id == deployed.vercelProjectId
