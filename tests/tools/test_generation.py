"""Long generations: a wait budget, progress notifications, pending results, resuming, and cancellation."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator

import anyio
import pytest
from mcp.types import ResourceLink

from tests.conftest import SteppingClock, call_until_first_progress, eventually
from tests.tools.conftest import ALL, API_KEY, make_server, make_v0, open_agent
from v0_mcp.server import V0MCPServer, build_server
from v0_mcp.simulator import ManualClock, Simulator, SimulatorConfig
from v0_mcp.simulator._state import Message
from v0_mcp.tools import Runtime


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def frozen_sim(clock: ManualClock) -> Simulator:
    """A simulator on a clock that only moves when the test says: its generations run until then."""
    return Simulator(SimulatorConfig(generation_delay=5.0, clock=clock))


@pytest.fixture
async def frozen_server(frozen_sim: Simulator) -> AsyncIterator[V0MCPServer]:
    async with make_v0(frozen_sim) as v0:
        yield make_server(ALL, client=v0)


@pytest.fixture
async def stepping_server(frozen_sim: Simulator, clock: ManualClock) -> AsyncIterator[V0MCPServer]:
    """A server over the frozen simulator whose waits move its clock: v0 and the wait share one timeline.

    A 5 s generation is followed chunk by chunk without sleeping, and it cannot end before
    the wait begins, however slow the machine (a real 0.1 s one could).
    """
    async with make_v0(frozen_sim) as v0:
        runtime = Runtime(client=v0, poll_interval=0.05, max_poll_interval=0.1, clock=SteppingClock(clock))
        yield build_server(ALL, runtime=runtime)


def assistant_messages(sim: Simulator) -> list[Message]:
    return [m for m in sim.workspace(API_KEY).messages.values() if m.role == "assistant"]


async def test_create_chat_returns_the_finished_app_within_the_wait(stepping_server: V0MCPServer, era: str) -> None:
    async with open_agent(stepping_server, era) as agent:
        chat = await agent.ok("create_chat", {"message": "Build a pricing page", "waitSeconds": 30})

    assert chat["status"] == "completed"
    assert chat["chatId"] and chat["messageId"] and chat["versionId"]
    assert chat["name"] == "Pricing page"
    assert chat["demoUrl"].startswith("https://")
    assert chat["webUrl"].startswith("https://v0.app/chat/")
    assert {"app/page.tsx", "app/layout.tsx"} <= {f["name"] for f in chat["files"]}
    assert all(f["size"] > 0 for f in chat["files"])
    assert 0 < chat["waitedSeconds"] < 30
    assert "note" not in chat


async def test_the_reply_is_plain_text_and_no_file_content_is_returned(server: V0MCPServer, era: str) -> None:
    async with open_agent(server, era) as agent:
        result = await agent.call("create_chat", {"message": "Build a pricing page", "waitSeconds": 30})

    chat = result.structured_content
    assert chat is not None
    assert chat["reply"].startswith("I built the pricing page")
    assert "[[" not in chat["reply"] and "Codeblock" not in chat["reply"]
    assert all(set(f) <= {"name", "size", "locked"} for f in chat["files"])
    assert "export default function" not in str(result.content[0])


async def test_a_finished_generation_links_the_chat_the_thread_the_version_and_its_files(
    server: V0MCPServer, era: str
) -> None:
    async with open_agent(server, era) as agent:
        result = await agent.call("create_chat", {"message": "Build a pricing page", "waitSeconds": 30})

    chat = result.structured_content
    assert chat is not None
    links = {block.uri: block for block in result.content if isinstance(block, ResourceLink)}
    cid, vid = chat["chatId"], chat["versionId"]
    assert {f"v0://chats/{cid}", f"v0://chats/{cid}/messages", f"v0://chats/{cid}/versions/{vid}"} <= set(links)
    page = links[f"v0://chats/{cid}/versions/{vid}/files/app/page.tsx"]
    assert page.mime_type == "text/tsx"
    assert page.size == next(f["size"] for f in chat["files"] if f["name"] == "app/page.tsx")


async def test_wait_seconds_zero_returns_pending_with_ids_and_how_to_resume(
    frozen_server: V0MCPServer, frozen_sim: Simulator, era: str
) -> None:
    async with open_agent(frozen_server, era) as agent:
        with anyio.fail_after(2):
            pending = await agent.ok("create_chat", {"message": "Build a todo app", "waitSeconds": 0})

    assert pending["status"] == "pending"
    assert pending["chatId"] in frozen_sim.workspace(API_KEY).chats
    assert pending["messageId"] == assistant_messages(frozen_sim)[0].id
    assert "wait_for_generation" in pending["note"]
    assert pending["chatId"] in pending["note"] and pending["messageId"] in pending["note"]
    assert "reply" not in pending and "files" not in pending


async def test_wait_for_generation_finishes_a_pending_generation(
    frozen_server: V0MCPServer, clock: ManualClock, era: str
) -> None:
    async with open_agent(frozen_server, era) as agent:
        pending = await agent.ok("create_chat", {"message": "Build a todo app", "waitSeconds": 0})
        clock.advance(10)
        done = await agent.ok(
            "wait_for_generation", {"chatId": pending["chatId"], "messageId": pending["messageId"], "waitSeconds": 10}
        )

    assert done["status"] == "completed"
    assert (done["chatId"], done["messageId"], done["versionId"]) == (
        pending["chatId"],
        pending["messageId"],
        pending["versionId"],
    )
    assert done["reply"].startswith("I built")
    assert "app/page.tsx" in {f["name"] for f in done["files"]}


async def test_wait_for_generation_without_a_message_id_waits_for_the_latest_reply(
    frozen_server: V0MCPServer, clock: ManualClock, era: str
) -> None:
    async with open_agent(frozen_server, era) as agent:
        pending = await agent.ok("create_chat", {"message": "Build a todo app", "waitSeconds": 0})
        clock.advance(10)
        done = await agent.ok("wait_for_generation", {"chatId": pending["chatId"], "waitSeconds": 10})

    assert done["status"] == "completed"
    assert done["messageId"] == pending["messageId"]


@pytest.mark.slow  # waits in real time
async def test_a_wait_that_runs_out_returns_pending_and_keeps_the_chat(
    frozen_server: V0MCPServer, frozen_sim: Simulator, era: str
) -> None:
    async with open_agent(frozen_server, era) as agent:
        with anyio.fail_after(5):
            pending = await agent.ok("create_chat", {"message": "Build a todo app", "waitSeconds": 1})

    assert pending["status"] == "pending"
    assert 1 <= pending["waitedSeconds"] < 3
    assert pending["chatId"] in frozen_sim.workspace(API_KEY).chats
    assert "wait_for_generation" in pending["note"]
    assert not assistant_messages(frozen_sim)[0].stopped


async def test_progress_notifications_are_sent_while_waiting(stepping_server: V0MCPServer, era: str) -> None:
    updates: list[tuple[float, float | None, str | None]] = []

    async def on_progress(progress: float, total: float | None, message: str | None) -> None:
        updates.append((progress, total, message))

    async with open_agent(stepping_server, era) as agent:
        chat = await agent.ok(
            "create_chat", {"message": "Build a pricing page", "waitSeconds": 30}, progress_callback=on_progress
        )
        await anyio.sleep(0.05)  # notifications may trail the result

    assert chat["status"] == "completed"
    assert len(updates) >= 3
    assert updates[0][2] == f"v0 started: chat {chat['chatId']}"
    assert any((m or "").startswith("v0 is generating") for _, _, m in updates[1:-1])
    assert updates[-1][2] == "v0 finished: completed"
    assert all(total is None for _, total, _ in updates)  # how long v0 takes is unknown: no bar stuck near 0
    progress = [p for p, _, _ in updates]
    assert progress == sorted(progress)


async def test_progress_strictly_increases_and_relays_what_v0_writes(stepping_server: V0MCPServer, era: str) -> None:
    updates: list[tuple[float, str | None]] = []

    async def on_progress(progress: float, total: float | None, message: str | None) -> None:
        updates.append((progress, message))

    async with open_agent(stepping_server, era) as agent:
        chat = await agent.ok(
            "create_chat", {"message": "Build a pricing page", "waitSeconds": 30}, progress_callback=on_progress
        )
        await anyio.sleep(0.05)

    values = [value for value, _ in updates]
    assert all(later > earlier for earlier, later in itertools.pairwise(values))
    # the stream's text reaches the agent while v0 writes it, not only the final reply
    written = [m for _, m in updates if (m or "").startswith("v0 is generating: ")]
    assert written, updates
    assert len(set(written)) >= 2, "each streamed chunk moves the text on"
    assert chat["status"] == "completed"


async def test_wait_for_generation_reports_progress_too(
    frozen_server: V0MCPServer, clock: ManualClock, era: str
) -> None:
    updates: list[str | None] = []

    async def on_progress(progress: float, total: float | None, message: str | None) -> None:
        updates.append(message)

    async with open_agent(frozen_server, era) as agent:
        pending = await agent.ok("create_chat", {"message": "Build a todo app", "waitSeconds": 0})
        clock.advance(10)
        await agent.ok(
            "wait_for_generation", {"chatId": pending["chatId"], "waitSeconds": 5}, progress_callback=on_progress
        )
        await anyio.sleep(0.05)

    assert updates[-1] == "v0 finished: completed"


async def test_cancelling_create_chat_stops_the_generation_in_v0(
    frozen_server: V0MCPServer, frozen_sim: Simulator, era: str
) -> None:
    async with open_agent(frozen_server, era) as agent:
        await call_until_first_progress(agent.client, "create_chat", {"message": "Build a todo app", "waitSeconds": 60})
        await eventually(lambda: assistant_messages(frozen_sim) and assistant_messages(frozen_sim)[0].stopped)
        message = assistant_messages(frozen_sim)[0]
        thread = await agent.ok("get_message", {"chatId": message.chat_id, "messageId": message.id})
        chat = await agent.ok("get_chat", {"chatId": message.chat_id})

    assert message.finish_reason == "stop"
    assert frozen_sim.workspace(API_KEY).versions[message.version_id or ""].status == "failed"
    assert thread["finishReason"] == "stop"
    assert chat["latestVersion"]["status"] == "failed"


async def test_cancelling_wait_for_generation_only_stops_waiting(
    frozen_server: V0MCPServer, frozen_sim: Simulator, clock: ManualClock, era: str
) -> None:
    async with open_agent(frozen_server, era) as agent:
        pending = await agent.ok("create_chat", {"message": "Build a todo app", "waitSeconds": 0})
        waiting = {"chatId": pending["chatId"], "waitSeconds": 60}
        await call_until_first_progress(agent.client, "wait_for_generation", waiting)
        await anyio.sleep(0.2)  # time enough for a (wrong) stop to arrive
        message = frozen_sim.workspace(API_KEY).messages[pending["messageId"]]
        assert not message.stopped and message.finish_reason is None
        clock.advance(10)
        done = await agent.ok("wait_for_generation", {"chatId": pending["chatId"], "waitSeconds": 5})

    assert done["status"] == "completed"


async def test_a_stopped_generation_is_not_reported_as_pending(
    frozen_server: V0MCPServer, frozen_sim: Simulator, era: str
) -> None:
    async with open_agent(frozen_server, era) as agent:
        pending = await agent.ok("create_chat", {"message": "Build a todo app", "waitSeconds": 0})
        await agent.ok("stop_message", {"chatId": pending["chatId"], "messageId": pending["messageId"]})
        with anyio.fail_after(2):
            after = await agent.ok("wait_for_generation", {"chatId": pending["chatId"], "waitSeconds": 30})

    assert after["status"] == "failed"
    assert after["chatId"] == pending["chatId"]


async def test_the_chat_id_survives_a_failure_while_waiting(server: V0MCPServer, sim: Simulator, era: str) -> None:
    sim.faults.operations = frozenset({"chats.getById"})
    sim.faults.error_rate = 1.0
    async with open_agent(server, era) as agent:
        result = await agent.ok("create_chat", {"message": "Build a todo app", "waitSeconds": 30})

    assert result["status"] == "pending"
    assert result["chatId"] in sim.workspace(API_KEY).chats
    assert "wait_for_generation" in result["note"]


async def test_send_message_waits_like_create_chat(frozen_server: V0MCPServer, clock: ManualClock, era: str) -> None:
    async with open_agent(frozen_server, era) as agent:
        first = await agent.ok("create_chat", {"message": "Build a todo app", "waitSeconds": 0})
        clock.advance(10)
        await agent.ok("wait_for_generation", {"chatId": first["chatId"], "waitSeconds": 5})
        pending = await agent.ok(
            "send_message", {"chatId": first["chatId"], "message": "Add a footer", "waitSeconds": 0}
        )

    assert pending["status"] == "pending"
    assert pending["chatId"] == first["chatId"]
    assert pending["messageId"] != first["messageId"]
    assert "wait_for_generation" in pending["note"]


async def test_wait_for_generation_refuses_a_message_id_not_in_the_chat(server: V0MCPServer, era: str) -> None:
    async with open_agent(server, era) as agent:
        chat = await agent.ok("create_chat", {"message": "Build a todo app", "waitSeconds": 30})
        error = await agent.fail(
            "wait_for_generation", {"chatId": chat["chatId"], "messageId": "msg_missing", "waitSeconds": 1}
        )

    assert "list_messages" in error


async def test_wait_for_generation_refuses_the_users_own_message_id(server: V0MCPServer, era: str) -> None:
    async with open_agent(server, era) as agent:
        chat = await agent.ok("create_chat", {"message": "Build a todo app", "waitSeconds": 30})
        messages = await agent.ok("list_messages", {"chatId": chat["chatId"]})
        user_message = next(m["id"] for m in messages["messages"] if m["role"] == "user")
        error = await agent.fail(
            "wait_for_generation", {"chatId": chat["chatId"], "messageId": user_message, "waitSeconds": 1}
        )

    assert "user's message" in error


@pytest.mark.slow  # waits in real time
async def test_resume_message_follows_a_running_generation_to_its_end(era: str) -> None:
    updates: list[str | None] = []

    async def on_progress(progress: float, total: float | None, message: str | None) -> None:
        updates.append(message)

    # A generation long enough to be still running when resume_message starts, however busy the machine.
    sim = Simulator(SimulatorConfig(generation_delay=1.5, log_interval=0.01))
    async with make_v0(sim) as v0, open_agent(make_server(client=v0), era) as agent:
        pending = await agent.ok("create_chat", {"message": "Build a pricing page", "waitSeconds": 0})
        followed = await agent.ok(
            "resume_message",
            {"chatId": pending["chatId"], "messageId": pending["messageId"]},
            progress_callback=on_progress,
        )
        done = await agent.ok("wait_for_generation", {"chatId": pending["chatId"], "waitSeconds": 5})
        await anyio.sleep(0.05)

    assert followed["events"] > 2
    assert followed["reply"].startswith("I built the pricing page")
    assert done["reply"] in followed["reply"]
    assert updates and all(message == "v0 is generating" for message in updates)


async def test_a_wait_spends_exactly_its_budget_on_an_injected_clock(frozen_sim: Simulator, era: str) -> None:
    clock = SteppingClock()
    async with make_v0(frozen_sim) as v0:
        runtime = Runtime(client=v0, poll_interval=1.0, max_poll_interval=30.0, follow_streams=False, clock=clock)
        async with open_agent(build_server(ALL, runtime=runtime), era) as agent:
            pending = await agent.ok("create_chat", {"message": "Build a todo app", "waitSeconds": 0})
            waited = await agent.ok("wait_for_generation", {"chatId": pending["chatId"], "waitSeconds": 600})

    assert waited["status"] == "pending"
    assert waited["waitedSeconds"] == 600
    assert sum(clock.slept) == pytest.approx(600)
    assert max(clock.slept) <= 30  # polling backs off, but never past its ceiling
    assert "wait_for_generation" in waited["note"]
