"""Fault knobs and the rate limit, as a client's reliability tests use them."""

from __future__ import annotations

import time

import httpx
import pytest

from v0_mcp.simulator import Faults, ManualClock, Simulator, SimulatorConfig

from .conftest import check_body, check_error


async def test_latency_delays_each_request(sim: Simulator, client: httpx.AsyncClient) -> None:
    sim.faults.latency = 0.1
    started = time.perf_counter()
    assert (await client.get("/user")).status_code == 200
    assert time.perf_counter() - started >= 0.1


async def test_error_rate_fails_that_fraction_deterministically(clock: ManualClock) -> None:
    statuses: list[list[int]] = []
    for _ in range(2):
        sim = Simulator(SimulatorConfig(clock=clock, faults=Faults(error_rate=0.3, seed=5)))
        async with sim.client() as client:
            statuses.append([(await client.get("/user")).status_code for _ in range(40)])
    assert statuses[0] == statuses[1]
    assert 4 <= statuses[0].count(500) <= 20 and set(statuses[0]) == {200, 500}


async def test_injected_errors_use_the_envelope(sim: Simulator, client: httpx.AsyncClient) -> None:
    sim.faults.fail_next, sim.faults.error_status = 1, 503
    response = await client.get("/user")
    assert response.status_code == 503
    assert response.json()["error"]["type"] == "internal_server_error"
    check_body("user.get", await client.get("/user"))


async def test_every_nth_request_answers_429_with_retry_after(sim: Simulator, client: httpx.AsyncClient) -> None:
    sim.faults.rate_limit_every, sim.faults.retry_after = 3, 2.5
    statuses = [(await client.get("/user")).status_code for _ in range(6)]
    assert statuses == [200, 200, 429, 200, 200, 429]
    sim.faults.rate_limit_every = 1
    throttled = await client.get("/user")
    check_error("user.get", throttled, 429)
    assert throttled.headers["Retry-After"] == "3"


async def test_faults_can_target_operations(sim: Simulator, client: httpx.AsyncClient) -> None:
    sim.faults.error_rate, sim.faults.operations = 1.0, frozenset({"user.getPlan"})
    assert (await client.get("/user")).status_code == 200
    assert (await client.get("/user/plan")).status_code == 500
    sim.faults.reset()
    assert (await client.get("/user/plan")).status_code == 200


async def test_a_dropped_connection_raises_a_transport_error(sim: Simulator, client: httpx.AsyncClient) -> None:
    sim.faults.drop_next = 1
    with pytest.raises(httpx.RemoteProtocolError):
        await client.get("/user")
    assert (await client.get("/user")).status_code == 200
    sim.faults.drop_rate = 1.0
    with pytest.raises(httpx.TransportError):
        await client.post("/chats", json={"message": "hi"})
    assert not sim.workspace("sim-key").chats


async def test_rate_limit_answers_429_with_retry_after_and_reports(clock: ManualClock) -> None:
    sim = Simulator(SimulatorConfig(clock=clock, rate_limit=3, rate_window=60))
    async with sim.client() as client:
        limits = check_body("rateLimits.find", await client.get("/rate-limits"))
        assert (limits["limit"], limits["remaining"]) == (3, 2)
        assert limits["reset"] == round((clock.now + 60) * 1000)
        await client.get("/user")
        await client.get("/user")
        clock.advance(20)
        refused = await client.get("/user")
        check_error("user.get", refused, 429)
        assert refused.headers["Retry-After"] == "40"
        clock.advance(40)
        limits = check_body("rateLimits.find", await client.get("/rate-limits"))
        assert limits["remaining"] == 2


async def test_daily_message_limit_is_reported_and_enforced(clock: ManualClock) -> None:
    sim = Simulator(SimulatorConfig(clock=clock, daily_message_limit=1))
    async with sim.client() as client:
        assert (await client.post("/chats", json={"message": "one"})).status_code == 200
        daily = (await client.get("/rate-limits")).json()["dailyLimit"]
        assert (daily["limit"], daily["remaining"]) == (1, 0)
        check_error("chats.create", await client.post("/chats", json={"message": "two"}), 429)
