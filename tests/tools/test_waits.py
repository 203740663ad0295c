"""Waits that fit real hosts: a default under 60 s, progress while v0 is quiet, retries inside the budget."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator

import anyio
import httpx
import pytest

from tests.conftest import SteppingClock
from tests.tools.conftest import ALL, BASE_URL, make_v0, open_agent
from v0_mcp.api import RateLimited, RetryPolicy, V0Client, retry_budget
from v0_mcp.server import V0MCPServer, build_server
from v0_mcp.simulator import ManualClock, Simulator, SimulatorConfig
from v0_mcp.tools import Runtime, _generation

Update = tuple[float, float | None, str | None]


@pytest.fixture
def frozen_sim() -> Simulator:
    """A simulator whose generations run until its own clock moves, which no test here does."""
    return Simulator(SimulatorConfig(generation_delay=5.0, clock=ManualClock()))


@pytest.fixture
async def stepping(frozen_sim: Simulator) -> AsyncIterator[tuple[V0MCPServer, SteppingClock]]:
    """A server over the frozen simulator that polls (no stream) on a stepping clock; retries sleep on it too."""
    clock = SteppingClock()
    async with make_v0(frozen_sim, retry=RetryPolicy(sleep=clock.sleep)) as v0:
        runtime = Runtime(client=v0, poll_interval=1.0, max_poll_interval=30.0, follow_streams=False, clock=clock)
        yield build_server(ALL, runtime=runtime), clock


def recorder() -> tuple[list[Update], object]:
    updates: list[Update] = []

    async def on_progress(progress: float, total: float | None, message: str | None) -> None:
        updates.append((progress, total, message))

    return updates, on_progress


async def test_the_default_wait_returns_pending_with_the_ids_before_a_hosts_60_s_timeout(
    stepping: tuple[V0MCPServer, SteppingClock], era: str
) -> None:
    server, clock = stepping
    async with open_agent(server, era) as agent:
        assert agent.tools["create_chat"].input_schema["properties"]["waitSeconds"]["default"] < 60
        pending = await agent.ok("create_chat", {"message": "Build a todo app"})  # no waitSeconds: the default

    assert pending["status"] == "pending"
    assert pending["waitedSeconds"] == _generation.DEFAULT_WAIT < 60
    assert sum(clock.slept) == pytest.approx(_generation.DEFAULT_WAIT)
    assert pending["chatId"] and pending["messageId"]
    assert f'wait_for_generation(chatId="{pending["chatId"]}", messageId="{pending["messageId"]}")' in pending["note"]


async def test_progress_comes_at_least_every_few_seconds_while_polls_are_far_apart(
    stepping: tuple[V0MCPServer, SteppingClock], era: str
) -> None:
    server, clock = stepping
    updates, on_progress = recorder()
    async with open_agent(server, era) as agent:
        pending = await agent.ok("create_chat", {"message": "Build a todo app", "waitSeconds": 0})
        waited = await agent.ok(
            "wait_for_generation", {"chatId": pending["chatId"], "waitSeconds": 300}, progress_callback=on_progress
        )
        await anyio.sleep(0.05)  # notifications may trail the result

    assert waited["status"] == "pending"
    assert max(clock.slept) <= _generation.PROGRESS_EVERY <= 5  # polls back off to 30 s, progress does not
    values = [value for value, _, _ in updates]
    assert len(updates) >= 300 / 5
    assert all(later > earlier for earlier, later in itertools.pairwise(values))
    assert all(later - earlier <= 5 for earlier, later in itertools.pairwise([0.0, *values]))
    assert all(total is None for _, total, _ in updates)  # a total of waitSeconds left bars stuck near the start
    beats = [message for _, _, message in updates if message and "s waited" in message]
    assert beats and all(message.startswith("v0 is generating") for message in beats)
    assert all(message.count("s waited)") == 1 for message in beats)  # each says the time once
    assert int(beats[-1].rsplit("(", 1)[1].split()[0]) >= 300 - 5  # the elapsed time, up to the end of the wait


async def test_progress_continues_while_v0s_stream_is_silent(
    frozen_sim: Simulator, monkeypatch: pytest.MonkeyPatch, era: str
) -> None:
    monkeypatch.setattr(_generation, "PROGRESS_EVERY", 0.02)  # the real 4 s, scaled down: the clock is real here
    updates, on_progress = recorder()
    async with make_v0(frozen_sim) as v0:
        server = build_server(ALL, runtime=Runtime(client=v0, poll_interval=0.05, max_poll_interval=0.1))
        async with open_agent(server, era) as agent:
            with anyio.fail_after(10):
                pending = await agent.ok(
                    "create_chat", {"message": "Build a todo app", "waitSeconds": 1}, progress_callback=on_progress
                )
            await anyio.sleep(0.05)

    assert pending["status"] == "pending"
    beats = [message for _, _, message in updates if message and "s waited)" in message]
    assert len(beats) >= 3, updates  # v0 wrote nothing, yet the host heard from us again and again
    values = [value for value, _, _ in updates]
    assert all(later > earlier for earlier, later in itertools.pairwise(values))


async def test_a_wait_keeps_its_budget_when_v0_rate_limits_with_a_long_retry_after(
    stepping: tuple[V0MCPServer, SteppingClock], frozen_sim: Simulator, era: str
) -> None:
    server, clock = stepping
    async with open_agent(server, era) as agent:
        pending = await agent.ok("create_chat", {"message": "Build a todo app", "waitSeconds": 0})
        frozen_sim.faults.operations = frozenset({"chats.getById"})
        frozen_sim.faults.rate_limit_rate = 1.0
        frozen_sim.faults.retry_after = 20
        clock.slept.clear()
        waited = await agent.ok("wait_for_generation", {"chatId": pending["chatId"], "waitSeconds": 5})

    assert sum(clock.slept) <= 5  # before: three 20 s Retry-After waits, 60 s for a 5 s wait
    assert waited["status"] == "pending"
    assert waited["chatId"] == pending["chatId"]
    assert "rate-limited" in waited["note"] and "retry in 20 s" in waited["note"]
    assert "wait_for_generation" in waited["note"]


async def test_a_retry_budget_refuses_a_retry_that_would_not_fit(frozen_sim: Simulator) -> None:
    frozen_sim.faults.rate_limit_rate = 1.0
    frozen_sim.faults.retry_after = 3
    sleeps: list[float] = []

    async def record(seconds: float) -> None:
        sleeps.append(seconds)

    transport = httpx.ASGITransport(app=frozen_sim.app)
    async with V0Client("v0-key", base_url=BASE_URL, transport=transport, retry=RetryPolicy(sleep=record)) as v0:
        with retry_budget(lambda: 7.0 - sum(sleeps)), pytest.raises(RateLimited) as raised:
            await v0.call("user.get")
        assert sleeps == [3, 3]  # a third 3 s wait would end past the 7 s left
        assert raised.value.retry_after == 3
        sleeps.clear()
        with pytest.raises(RateLimited):
            await v0.call("user.get")  # outside a budget the policy alone decides
        assert sleeps == [3, 3, 3]
