"""Generations take their time, on the simulator's clock: sync waits, jitter, quiet stretches, paced streams."""

from __future__ import annotations

from typing import Any

import anyio
import httpx
import pytest

from v0_mcp.simulator import ManualClock, Simulator, SimulatorConfig, serving
from v0_mcp.simulator._timing import plan_generation, time_of_fraction, written_fraction

from .conftest import KEY, check_body, new_chat, sse_events

MINUTE = 60.0


async def test_a_manual_clock_sleep_waits_for_the_clock_to_reach_it() -> None:
    clock = ManualClock()
    woke: list[float] = []

    async def sleeper() -> None:
        await clock.sleep_until(clock.now + 90)
        woke.append(clock.now)

    with anyio.fail_after(5):
        async with anyio.create_task_group() as tg:
            tg.start_soon(sleeper)
            await anyio.sleep(0.05)
            clock.advance(60)
            await anyio.sleep(0.05)
            assert woke == []
            clock.advance(30)
    assert woke == [clock.now]


async def test_an_autojump_clock_jumps_to_the_deadline() -> None:
    clock = ManualClock(autojump=True)
    start = clock.now
    with anyio.fail_after(1):
        await clock.sleep_until(start + 3600)
    assert clock.now == start + 3600


async def test_a_sync_generation_answers_only_when_the_clock_has_passed_its_time() -> None:
    clock = ManualClock()
    sim = Simulator(SimulatorConfig(clock=clock, generation_delay=5 * MINUTE))
    answer: dict[str, httpx.Response] = {}
    async with sim.client(KEY) as client:

        async def create() -> None:
            answer["chat"] = await client.post("/chats", json={"message": "Build a todo app"})

        with anyio.fail_after(10):
            async with anyio.create_task_group() as tg:
                tg.start_soon(create)
                await anyio.sleep(0.05)
                clock.advance(4 * MINUTE)
                await anyio.sleep(0.05)
                assert "chat" not in answer  # still generating after four minutes
                (pending,) = [m for m in sim.workspace(KEY).messages.values() if m.role == "assistant"]
                assert 0 < pending.units < pending.reply.total  # type: ignore[union-attr]
                clock.advance(MINUTE)
    chat = check_body("chats.create", answer["chat"])
    assert chat["latestVersion"]["status"] == "completed" and chat["messages"][-1]["finishReason"] == "stop"


async def test_a_sync_generation_moves_an_autojump_clock_by_its_duration() -> None:
    clock = ManualClock(autojump=True)
    sim = Simulator(SimulatorConfig(clock=clock, generation_delay=3 * MINUTE))
    start = clock.now
    async with sim.client(KEY) as client:
        chat = await new_chat(client)
    assert clock.now == pytest.approx(start + 3 * MINUTE)
    assert chat["latestVersion"]["status"] == "completed"


async def test_a_sync_generation_stopped_meanwhile_answers_at_its_stop() -> None:
    clock = ManualClock()
    sim = Simulator(SimulatorConfig(clock=clock, generation_delay=MINUTE))
    answer: dict[str, httpx.Response] = {}
    async with sim.client(KEY) as client, sim.client(KEY) as other:

        async def create() -> None:
            answer["chat"] = await client.post("/chats", json={"message": "Build a blog"})

        with anyio.fail_after(10):
            async with anyio.create_task_group() as tg:
                tg.start_soon(create)
                await anyio.sleep(0.05)
                clock.advance(20)
                chat = (await other.get("/chats")).json()["data"][0]
                message = sim.workspace(KEY).messages[_assistant_id(sim)]
                await other.post(f"/chats/{chat['id']}/messages/{message.id}/stop")
                clock.advance(MINUTE)
    body = check_body("chats.create", answer["chat"])
    assert body["latestVersion"]["status"] == "failed" and body["messages"][-1]["finishReason"] == "stop"


def _assistant_id(sim: Simulator) -> str:
    return next(m.id for m in sim.workspace(KEY).messages.values() if m.role == "assistant")


async def test_jitter_spreads_durations_deterministically() -> None:
    durations = []
    for _ in range(2):
        clock = ManualClock()
        sim = Simulator(SimulatorConfig(clock=clock, generation_delay=100.0, generation_jitter=0.5, seed=4))
        async with sim.client(KEY) as client:
            for n in range(6):
                await new_chat(client, f"App {n}", responseMode="async")
        durations.append(
            [m.completes_at - m.started_at for m in sim.workspace(KEY).messages.values() if m.role == "assistant"]  # type: ignore[operator]
        )
    assert durations[0] == durations[1]  # same seed, same run
    assert all(50.0 <= d <= 150.0 for d in durations[0])
    assert len({round(d, 6) for d in durations[0]}) == 6


async def test_quiet_stretches_hold_the_content_still_for_minutes() -> None:
    clock = ManualClock()
    quiet = ((0.0, MINUTE), (2 * MINUTE, 3 * MINUTE))  # thinks for a minute; later goes silent for three
    sim = Simulator(SimulatorConfig(clock=clock, generation_delay=8 * MINUTE, quiet_stretches=quiet))
    async with sim.client(KEY) as client:
        chat = await new_chat(client, "Build a pricing page", responseMode="async")
        cid = chat["id"]

        async def content() -> str:
            body = check_body("chats.getById", await client.get(f"/chats/{cid}"))
            assert body["latestVersion"]["status"] == "pending"
            return str(body["messages"][-1]["content"])

        clock.advance(59)
        assert await content() == ""  # thinking: nothing yet
        clock.advance(MINUTE)  # 1:59
        early = await content()
        assert early
        clock.advance(2)  # 2:01, just into the silence
        stalled = await content()
        assert stalled.startswith(early)
        for _ in range(5):  # polled every half minute until 4:31: nothing new
            clock.advance(MINUTE / 2)
            assert await content() == stalled
        clock.advance(MINUTE)  # 5:31
        assert len(await content()) > len(stalled)
        clock.advance(2.5 * MINUTE)  # 8:01
        done = check_body("chats.getById", await client.get(f"/chats/{cid}"))
        assert done["latestVersion"]["status"] == "completed"


async def test_a_stream_is_silent_through_a_quiet_stretch_and_follows_the_clock() -> None:
    clock = ManualClock()
    sim = Simulator(SimulatorConfig(clock=clock, generation_delay=4 * MINUTE, quiet_stretches=((MINUTE, 2 * MINUTE),)))
    async with (
        serving(sim) as base,
        httpx.AsyncClient(base_url=base, headers={"Authorization": f"Bearer {KEY}"}) as client,
    ):
        chat = await new_chat(client, "Build a todo app", responseMode="async")
        mid = chat["messages"][-1]["id"]
        received: list[Any] = []
        arrivals, arrived = anyio.create_memory_object_stream[str](1000)

        async def follow() -> None:
            async with arrivals, client.stream("POST", f"/chats/{chat['id']}/messages/{mid}/resume") as response:
                async for line in response.aiter_lines():
                    if line.startswith("data: "):
                        received.append(line.removeprefix("data: "))
                        await arrivals.send(line)

        async def count_after(seconds: float, *, more: bool) -> int:
            """Move the clock; wait for a new event if ``more``, else give the stream time to (wrongly) send one."""
            clock.advance(seconds)
            if more:
                await arrived.receive()
            else:
                await anyio.sleep(0.2)  # the stream looks at the clock every 50 ms
            await anyio.sleep(0.05)  # let the events written by now all arrive
            while True:
                try:
                    arrived.receive_nowait()
                except anyio.WouldBlock:
                    return len(received)

        with anyio.fail_after(20), arrived:
            async with anyio.create_task_group() as tg:
                tg.start_soon(follow)
                await arrived.receive()
                assert await count_after(0, more=False) == 1  # the first snapshot; nothing written yet
                before_quiet = await count_after(MINUTE, more=True)
                assert await count_after(MINUTE, more=False) == before_quiet  # silent for two minutes
                assert await count_after(MINUTE - 1, more=False) == before_quiet
                assert await count_after(20, more=True) > before_quiet
                clock.advance(MINUTE)
    assert received[-1] == "[DONE]"
    events = sse_events("".join(f"data: {r}\n\n" for r in received))
    assert events[-2]["latestVersion"]["status"] == "completed"


def test_the_timeline_is_consistent() -> None:
    end, quiet = plan_generation(start=100.0, delay=60.0, jitter=0.0, stretches=((10, 20), (25, 10), (55, 30)), key="k")
    assert end == 160.0 and quiet == ((110.0, 130.0), (130.0, 135.0), (155.0, 160.0))
    assert written_fraction(100.0, end, quiet, 110.0) == pytest.approx(10 / 30)
    assert written_fraction(100.0, end, quiet, 120.0) == pytest.approx(10 / 30)
    assert (
        written_fraction(100.0, end, quiet, 150.0) < written_fraction(100.0, end, quiet, 155.0) == 1.0
    )  # writing done, not over
    assert written_fraction(100.0, end, quiet, 160.0) == 1.0
    for fraction in (0.0, 0.2, 1 / 3, 0.5, 0.9):
        t = time_of_fraction(100.0, end, quiet, fraction)
        assert written_fraction(100.0, end, quiet, t) == pytest.approx(fraction)
        assert not any(lo < t < hi for lo, hi in quiet)
    assert time_of_fraction(100.0, end, quiet, 1.0) == end
