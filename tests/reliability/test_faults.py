"""Faults of v0 (latency, 5xx bursts, 429 with Retry-After, dropped connections) and what tools make of them.

Reads succeed within the retry budget or fail with an error that says what happened; a
create is never sent twice, so a dropped connection never makes two chats; a generation
that outlasts its wait, or a wait that times out, still hands back the chat id.
"""

from __future__ import annotations

from typing import Final

import pytest

from tests.conftest import SteppingClock
from tests.reliability.conftest import (
    API_KEY,
    World,
    connect,
    fast_simulator,
    loopback_client,
    serve,
    text_of,
    unclear_error,
)
from v0_mcp.simulator import Simulator, serving
from v0_mcp.tools import Runtime

RETRY_BUDGET: Final = 4  # attempts per idempotent request (RetryPolicy.max_attempts)


async def seeded_chat(world: World) -> str:
    return sorted(world.chats())[0]


# -- reads: 5xx -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [502, 503, 504])
async def test_read_tool_rides_out_a_5xx_burst_within_the_retry_budget(world: World, era: str, status: int) -> None:
    chat_id = await seeded_chat(world)
    world.sim.faults.error_status = status
    world.sim.faults.fail_next = RETRY_BUDGET - 1

    async with connect(world.server, era) as client:
        result = await client.call_tool("get_chat", {"chatId": chat_id})

    assert not result.is_error, text_of(result)
    assert result.structured_content is not None
    assert result.structured_content["id"] == chat_id
    assert len(world.sleeps) == RETRY_BUDGET - 1


async def test_read_tool_fails_clearly_when_a_5xx_burst_outlasts_the_retry_budget(world: World, era: str) -> None:
    chat_id = await seeded_chat(world)
    world.sim.faults.error_status = 503
    world.sim.faults.fail_next = RETRY_BUDGET

    async with connect(world.server, era) as client:
        result = await client.call_tool("get_chat", {"chatId": chat_id})

    assert result.is_error
    assert unclear_error("get_chat", result) is None
    assert "503" in text_of(result)
    assert "retry" in text_of(result).lower()


async def test_read_tool_reports_a_500_at_once_as_v0_failing_on_its_side(world: World, era: str) -> None:
    world.sim.faults.error_rate = 1.0

    async with connect(world.server, era) as client:
        result = await client.call_tool("list_chats", {})

    assert result.is_error
    assert unclear_error("list_chats", result) is None
    assert "500" in text_of(result)
    assert "v0 failed on its side" in text_of(result)
    assert world.sleeps == []


async def test_read_tool_keeps_working_once_a_5xx_burst_is_over(world: World, era: str) -> None:
    world.sim.faults.error_status = 502
    world.sim.faults.fail_next = RETRY_BUDGET

    async with connect(world.server, era) as client:
        failed = await client.call_tool("list_chats", {})
        recovered = await client.call_tool("list_chats", {})

    assert failed.is_error
    assert not recovered.is_error, text_of(recovered)


# -- reads: 429 with Retry-After ------------------------------------------------------------------------------------


async def test_read_tool_waits_as_long_as_retry_after_says_then_succeeds(world: World, era: str) -> None:
    world.sim.faults.operations = frozenset({"chats.find"})
    world.sim.faults.rate_limit_every = 2  # the second request is throttled, its retry is the third
    world.sim.faults.retry_after = 7

    async with connect(world.server, era) as client:
        first = await client.call_tool("list_chats", {})
        throttled = await client.call_tool("list_chats", {})

    assert not first.is_error, text_of(first)
    assert not throttled.is_error, text_of(throttled)
    assert world.sleeps == [7.0]


async def test_throttling_that_outlasts_the_retry_budget_says_when_to_retry(world: World, era: str) -> None:
    world.sim.faults.rate_limit_rate = 1.0
    world.sim.faults.retry_after = 3

    async with connect(world.server, era) as client:
        result = await client.call_tool("list_chats", {})

    assert result.is_error
    assert unclear_error("list_chats", result) is None
    assert "429" in text_of(result)
    assert "retry in 3s" in text_of(result)
    assert world.sleeps == [3.0] * (RETRY_BUDGET - 1)


async def test_a_retry_after_longer_than_a_minute_is_not_waited_for_but_passed_on(world: World, era: str) -> None:
    world.sim.faults.rate_limit_rate = 1.0
    world.sim.faults.retry_after = 120

    async with connect(world.server, era) as client:
        result = await client.call_tool("list_chats", {})

    assert result.is_error
    assert "retry in 120s" in text_of(result)
    assert world.sleeps == []


# -- reads: dropped connections and latency -------------------------------------------------------------------------


async def test_read_tool_retries_dropped_connections_within_the_retry_budget(world: World, era: str) -> None:
    chat_id = await seeded_chat(world)
    world.sim.faults.drop_next = RETRY_BUDGET - 1

    async with connect(world.server, era) as client:
        result = await client.call_tool("get_chat", {"chatId": chat_id})

    assert not result.is_error, text_of(result)
    assert world.requests.count("GET", f"/v1/chats/{chat_id}") == RETRY_BUDGET


async def test_read_tool_fails_clearly_when_every_connection_drops(world: World, era: str) -> None:
    world.sim.faults.drop_rate = 1.0

    async with connect(world.server, era) as client:
        result = await client.call_tool("list_projects", {})

    assert result.is_error
    assert unclear_error("list_projects", result) is None
    assert "Could not reach v0" in text_of(result)
    assert "safe to retry" in text_of(result)


async def test_read_tool_answers_despite_added_latency(world: World, era: str) -> None:
    world.sim.faults.latency = 0.1

    async with connect(world.server, era) as client:
        result = await client.call_tool("list_chats", {})

    assert not result.is_error, text_of(result)


async def test_read_tool_that_times_out_says_so_and_that_reads_are_safe_to_retry(era: str) -> None:
    sim = fast_simulator()
    sim.faults.latency = 0.5
    async with serving(sim) as base_url, loopback_client(base_url, read_timeout=0.1) as v0:
        async with connect(serve(v0), era) as client:
            result = await client.call_tool("list_chats", {})
        sim.faults.latency = 0.0

    assert result.is_error
    assert unclear_error("list_chats", result) is None
    assert "did not answer in time" in text_of(result)
    assert "safe to retry" in text_of(result)


# -- creates ----------------------------------------------------------------------------------------------------------


async def test_create_whose_connection_drops_is_sent_once_and_makes_no_chat(world: World, era: str) -> None:
    before = world.chats()
    world.sim.faults.operations = frozenset({"chats.create"})
    world.sim.faults.drop_next = 1

    async with connect(world.server, era) as client:
        result = await client.call_tool("create_chat", {"message": "A todo app", "waitSeconds": 0})

    assert result.is_error
    assert unclear_error("create_chat", result) is None
    assert world.requests.count("POST", "/v1/chats") == 1
    assert world.chats() == before


async def test_create_whose_answer_is_lost_makes_exactly_one_chat(world: World, era: str) -> None:
    before = world.chats()
    world.requests.lose_answers = 1

    async with connect(world.server, era) as client:
        result = await client.call_tool("create_chat", {"message": "A todo app", "waitSeconds": 0})

    assert result.is_error
    assert unclear_error("create_chat", result) is None
    assert world.requests.count("POST", "/v1/chats") == 1
    assert len(world.chats() - before) == 1


async def test_create_whose_answer_is_lost_says_the_chat_may_exist_and_where_to_look(world: World, era: str) -> None:
    world.requests.lose_answers = 1

    async with connect(world.server, era) as client:
        result = await client.call_tool("create_chat", {"message": "A todo app", "waitSeconds": 0})

    assert result.is_error
    assert "Could not reach v0" not in text_of(result)
    assert "list_chats" in text_of(result)


async def test_creates_under_random_drops_make_one_chat_per_success_and_none_per_failure(
    world: World, era: str
) -> None:
    before = world.chats()
    world.sim.faults.operations = frozenset({"chats.create"})
    world.sim.faults.drop_rate = 0.5
    calls = 16

    async with connect(world.server, era) as client:
        results = [
            await client.call_tool("create_chat", {"message": f"App number {n}", "waitSeconds": 0})
            for n in range(calls)
        ]

    made = {r.structured_content["chatId"] for r in results if not r.is_error and r.structured_content}
    failures = [r for r in results if r.is_error]
    assert failures, "the seed should drop some creates"
    assert all(unclear_error("create_chat", r) is None for r in failures)
    assert world.chats() - before == made
    assert world.requests.count("POST", "/v1/chats") == calls


async def test_send_message_whose_connection_drops_is_not_sent_again(world: World, era: str) -> None:
    chat_id = await seeded_chat(world)
    messages_before = len(world.sim.workspace(API_KEY).chats[chat_id].message_ids)
    world.sim.faults.operations = frozenset({"chats.sendMessage"})
    world.sim.faults.drop_next = 1

    async with connect(world.server, era) as client:
        result = await client.call_tool("send_message", {"chatId": chat_id, "message": "Blue", "waitSeconds": 0})

    assert result.is_error
    assert world.requests.count("POST", f"/v1/chats/{chat_id}/messages") == 1
    assert len(world.sim.workspace(API_KEY).chats[chat_id].message_ids) == messages_before


# -- generations that outlast their wait -----------------------------------------------------------------------------


async def test_generation_that_outlasts_its_wait_returns_the_chat_id_as_pending(world: World, era: str) -> None:
    world.sim.config.generation_delay = 30.0
    clock = SteppingClock()  # the wait's budget passes without sleeping
    server = serve(world.v0, runtime=Runtime(client=world.v0, poll_interval=0.02, max_poll_interval=0.05, clock=clock))

    async with connect(server, era) as client:
        result = await client.call_tool("create_chat", {"message": "A slow app", "waitSeconds": 1})

    assert not result.is_error, text_of(result)
    data = result.structured_content
    assert data is not None
    assert data["status"] == "pending" and data["waitedSeconds"] == 1
    assert data["chatId"] in world.chats()
    assert data["messageId"]
    assert "wait_for_generation" in data["note"]


async def test_wait_that_times_out_on_v0_still_returns_the_chat_id(era: str) -> None:
    sim: Simulator = fast_simulator(generation_delay=30.0)
    async with serving(sim) as base_url, loopback_client(base_url, read_timeout=0.1) as v0:
        sim.faults.operations = frozenset({"chats.resume", "chats.getById"})
        sim.faults.latency = 0.5
        async with connect(serve(v0), era) as client:
            result = await client.call_tool("create_chat", {"message": "A slow app", "waitSeconds": 5})
        sim.faults.latency = 0.0

    assert not result.is_error, text_of(result)
    data = result.structured_content
    assert data is not None
    assert data["status"] == "pending"
    assert data["chatId"] in sim.workspace(API_KEY).chats
    assert "wait_for_generation" in data["note"]
