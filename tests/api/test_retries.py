"""Retries happen only when sending again is safe, and wait as the policy says."""

from __future__ import annotations

import httpx
import pytest

from tests.api.conftest import Script, body, error_response
from v0_mcp.api import RateLimited, RetryPolicy, ServerError, V0TimeoutError, V0TransportError


def ok(operation_id: str) -> httpx.Response:
    return httpx.Response(200, json=body(operation_id))


async def test_get_is_retried_on_503_then_succeeds(make_client, sleeps):
    script = Script(httpx.Response(503), ok("chats.getById"))
    async with make_client(script) as v0:
        chat = await v0.call("chats.getById", chatId="GJMMb5rqwvO")
    assert chat.id == "GJMMb5rqwvO"
    assert len(script.requests) == 2
    assert len(sleeps) == 1 and 0.25 <= sleeps[0] <= 0.5


async def test_retry_after_is_honoured(make_client, sleeps):
    script = Script(error_response(429, headers={"Retry-After": "12"}), ok("user.get"))
    async with make_client(script) as v0:
        await v0.call("user.get")
    assert sleeps == [12.0]


async def test_retry_after_beyond_cap_is_not_waited_for(make_client, sleeps):
    script = Script(error_response(429, headers={"Retry-After": "3600"}), ok("user.get"))
    async with make_client(script) as v0:
        with pytest.raises(RateLimited) as caught:
            await v0.call("user.get")
    assert caught.value.retry_after == 3600.0
    assert sleeps == [] and len(script.requests) == 1


async def test_post_is_not_retried_on_503(make_client, sleeps):
    script = Script(httpx.Response(503), ok("chats.create"))
    async with make_client(script) as v0:
        with pytest.raises(ServerError):
            await v0.call("chats.create", message="m")
    assert len(script.requests) == 1 and sleeps == []


async def test_post_is_not_retried_on_429(make_client):
    script = Script(error_response(429, headers={"Retry-After": "1"}), ok("chats.create"))
    async with make_client(script) as v0:
        with pytest.raises(RateLimited):
            await v0.call("chats.create", message="m")
    assert len(script.requests) == 1


async def test_post_is_not_retried_on_read_error(make_client):
    script = Script(httpx.ReadError("connection reset"), ok("chats.create"))
    async with make_client(script) as v0:
        with pytest.raises(V0TransportError):
            await v0.call("chats.create", message="m")
    assert len(script.requests) == 1


async def test_post_is_retried_when_connection_failed_before_sending(make_client, sleeps):
    script = Script(httpx.ConnectError("refused"), httpx.ConnectTimeout("slow"), ok("chats.create"))
    async with make_client(script) as v0:
        chat = await v0.call("chats.create", message="m")
    assert chat.id
    assert len(script.requests) == 3 and len(sleeps) == 2


async def test_get_is_retried_on_read_error(make_client):
    script = Script(httpx.ReadError("reset"), ok("user.get"))
    async with make_client(script) as v0:
        await v0.call("user.get")
    assert len(script.requests) == 2


async def test_get_is_not_retried_on_read_timeout(make_client):
    script = Script(httpx.ReadTimeout("slow"), ok("user.get"))
    async with make_client(script) as v0:
        with pytest.raises(V0TimeoutError):
            await v0.call("user.get")
    assert len(script.requests) == 1


async def test_not_retried_on_other_statuses(make_client):
    script = Script(httpx.Response(500), ok("user.get"))
    async with make_client(script) as v0:
        with pytest.raises(ServerError):
            await v0.call("user.get")
    assert len(script.requests) == 1


async def test_retry_budget_exhausted_raises_last_error(make_client, sleeps):
    script = Script(httpx.Response(502))
    async with make_client(script) as v0:
        with pytest.raises(ServerError) as caught:
            await v0.call("chats.delete", chatId="c")
    assert caught.value.status == 502
    assert len(script.requests) == 4 and len(sleeps) == 3


async def test_backoff_grows_and_is_capped(make_client, sleeps):
    policy = RetryPolicy(max_attempts=6, base_delay=1, max_delay=4, sleep=sleeps)
    script = Script(httpx.ConnectError("refused"))
    async with make_client(script, retry=policy) as v0:
        with pytest.raises(V0TransportError):
            await v0.call("user.get")
    ceilings = [1, 2, 4, 4, 4]
    assert len(sleeps) == len(ceilings)
    assert all(c / 2 <= s <= c for s, c in zip(sleeps, ceilings, strict=True))


async def test_single_attempt_policy_never_retries(make_client, sleeps):
    script = Script(httpx.Response(503), ok("user.get"))
    async with make_client(script, retry=RetryPolicy(max_attempts=1, sleep=sleeps)) as v0:
        with pytest.raises(ServerError):
            await v0.call("user.get")
    assert len(script.requests) == 1
