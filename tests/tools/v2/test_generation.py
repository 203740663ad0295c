"""v2 generations: progress that says what v0 does, pending and resumed waits, blocked and failed generations."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from typing import Any

import pytest

from tests.conftest import call_until_first_progress
from tests.tools.conftest import open_agent
from tests.tools.v2.conftest import ALL_V2, make_v2, make_v2_server, make_vercel
from v0_mcp.server import V0MCPServer
from v0_mcp.simulator import ManualClock, Simulator, SimulatorConfig


@pytest.fixture
async def slow_server() -> AsyncIterator[V0MCPServer]:
    """A server over a simulator whose generations end only when a stream of them runs to its end.

    Its clock never moves, so a generation is still running when the tool starts to follow it,
    however slow the machine; the stream then paces its chunks over 0.2 s of real time.
    """
    sim = Simulator(SimulatorConfig(generation_delay=0.2, clock=ManualClock()))
    async with make_v2(sim) as v2, make_vercel(sim) as vercel:
        yield make_v2_server(ALL_V2, client=v2, vercel=vercel)


async def test_progress_tells_which_files_v0_edits(slow_server: V0MCPServer, era: str) -> None:
    messages: list[str] = []
    values: list[float] = []

    async def on_progress(progress: float, total: float | None, message: str | None) -> None:
        values.append(progress)
        messages.append(message or "")

    async with open_agent(slow_server, era) as agent:
        result = await agent.ok(
            "create_chat", {"message": "Build a pricing page", "waitSeconds": 60}, progress_callback=on_progress
        )
    assert result["status"] == "completed"
    edits = [message for message in messages if "editing " in message]
    assert edits, messages
    assert any(path in " ".join(edits) for path in result["filesEdited"])
    assert messages[0].startswith("v0 started") and all(b > a for a, b in itertools.pairwise(values))


async def test_a_generation_past_its_budget_returns_its_ids_and_wait_for_generation_finishes_it(
    slow_server: V0MCPServer, era: str
) -> None:
    async with open_agent(slow_server, era) as agent:
        started = await agent.ok("create_chat", {"message": "Build a weather app", "waitSeconds": 0})
        assert started["status"] == "pending" and started["chatId"] and started["messageId"]
        assert f'wait_for_generation(chatId="{started["chatId"]}"' in started["note"]
        done = await agent.ok(
            "wait_for_generation", {"chatId": started["chatId"], "messageId": started["messageId"], "waitSeconds": 60}
        )
    assert done["status"] == "completed" and done["messageId"] == started["messageId"]
    assert done["reply"] and done["filesEdited"]


async def test_wait_for_generation_refuses_the_users_message(server: V0MCPServer, era: str) -> None:
    async with open_agent(server, era) as agent:
        created = await agent.ok("create_chat", {"message": "Build a timer", "waitSeconds": 30})
        thread = await agent.ok("list_messages", {"chatId": created["chatId"]})
        user = next(m["id"] for m in thread["messages"] if m["role"] == "user")
        error = await agent.fail("wait_for_generation", {"chatId": created["chatId"], "messageId": user})
    assert "user's message" in error


async def test_a_blocked_generation_is_answered_with_the_resolve_task_call_it_gives(
    server: V0MCPServer, era: str
) -> None:
    async with open_agent(server, era) as agent:
        blocked = await agent.ok(
            "create_chat", {"message": "Build a signup form NEEDS_TASK:answered-questions", "waitSeconds": 30}
        )
        assert blocked["status"] == "needs-input"
        needs = blocked["needsInput"]
        assert needs["task"] == "answered-questions"
        questions = needs["details"]["questions"]
        call: dict[str, Any] = needs["resolve"]
        assert call["tool"] == "resolve_task" and call["arguments"]["chatId"] == blocked["chatId"]
        answers = call["arguments"]["task"]["answers"]
        assert [a["questionId"] for a in answers] == [q["id"] for q in questions]
        for answer, question in zip(answers, questions, strict=True):
            answer["selectedLabels"] = [question["options"][0]]  # what the user picked
        answered = await agent.ok("resolve_task", call["arguments"])
        again = await agent.fail("resolve_task", call["arguments"])  # nothing waits any more
    assert answered["status"] == "completed" and answered["messageId"] != blocked["messageId"]
    assert "409" in again


@pytest.mark.parametrize("task", ["plan-exit-response", "confirmed-permissions", "confirmed-steps"])
async def test_every_kind_of_question_comes_with_a_call_that_answers_it(server: V0MCPServer, task: str) -> None:
    async with open_agent(server, "auto") as agent:
        blocked = await agent.ok("create_chat", {"message": f"Build a blog NEEDS_TASK:{task}", "waitSeconds": 30})
        assert blocked["needsInput"]["task"] == task
        arguments = blocked["needsInput"]["resolve"]["arguments"]
        if task == "plan-exit-response":
            assert blocked["needsInput"]["details"]["plan"]
            arguments["task"] |= {"status": "approved", "content": "Looks good"}
        answered = await agent.ok("resolve_task", arguments)
    assert answered["status"] == "completed"


async def test_a_failed_generation_is_an_error_that_says_what_to_do(server: V0MCPServer, era: str) -> None:
    async with open_agent(server, era) as agent:
        created = await agent.ok("create_chat", {"message": "Build a quiz", "waitSeconds": 30})
        error = await agent.fail(
            "send_message", {"chatId": created["chatId"], "message": "Add scores GENERATION_ERROR", "waitSeconds": 30}
        )
    assert "finishReason 'error'" in error
    assert created["chatId"] in error and "send_message" in error


async def test_cancelling_the_call_that_started_a_generation_stops_it_on_v0() -> None:
    import anyio

    sim_slow = Simulator(SimulatorConfig(generation_delay=30))
    async with make_v2(sim_slow) as v2, make_v2(sim_slow) as reader:
        server = make_v2_server(ALL_V2, client=v2)
        async with open_agent(server, "auto") as agent:
            # Its first progress says v0 made the chat: the call is waiting when it is cancelled.
            creating = {"message": "Build a calendar", "waitSeconds": 60}
            await call_until_first_progress(agent.client, "create_chat", creating)
            for _ in range(100):  # the stop is sent after the cancel reaches the server
                page = await reader.call("chats.list", limit=1)
                chat_id = page.chats[0].id
                latest = (await reader.call("messages.list", chatId=chat_id, limit=1)).messages[0]
                if latest.finishReason is not None:
                    break
                await anyio.sleep(0.05)
    assert latest.role == "assistant" and latest.finishReason is not None
