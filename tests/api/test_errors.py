"""Error responses and transport failures become typed V0Errors."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest

from tests.api.conftest import API_KEY, Script, error_response, example
from v0_mcp.api import (
    Conflict,
    Forbidden,
    NotFound,
    PayloadTooLarge,
    RateLimited,
    ServerError,
    Unauthorized,
    Unprocessable,
    V0APIError,
    V0Error,
    V0ResponseError,
    V0TimeoutError,
    V0TransportError,
)
from v0_mcp.api._errors import parse_retry_after

ERRORS = example("errors.json")["errors"]


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (401, Unauthorized),
        (403, Forbidden),
        (404, NotFound),
        (409, Conflict),
        (413, PayloadTooLarge),
        (422, Unprocessable),
        (429, RateLimited),
        (500, ServerError),
    ],
)
async def test_error_status_maps_to_its_class(make_client, status, cls):
    script = Script(error_response(status))
    async with make_client(script) as v0:
        with pytest.raises(cls) as caught:
            await v0.call("chats.delete", chatId="c")
    error = caught.value
    assert error.status == status
    assert error.type == ERRORS[str(status)]["error"]["type"]
    assert str(error) == ERRORS[str(status)]["error"]["message"]
    assert error.operation == "chats.delete"


async def test_other_5xx_is_a_server_error(make_client):
    script = Script(httpx.Response(507, text="no space"))
    async with make_client(script) as v0:
        with pytest.raises(ServerError) as caught:
            await v0.call("chats.delete", chatId="c")
    assert caught.value.status == 507


async def test_unlisted_4xx_is_a_plain_api_error(make_client):
    script = Script(httpx.Response(400, json={"error": {"message": "bad", "type": "bad_request_error"}}))
    async with make_client(script) as v0:
        with pytest.raises(V0APIError) as caught:
            await v0.call("user.get")
    assert type(caught.value) is V0APIError
    assert caught.value.type == "bad_request_error"


async def test_non_json_error_body_gives_typed_error_with_text(make_client):
    page = "<html><body>" + "Bad gateway " * 100 + "</body></html>"
    script = Script(httpx.Response(502, text=page))
    async with make_client(script) as v0:
        with pytest.raises(ServerError) as caught:
            await v0.call("chats.delete", chatId="c")
    assert str(caught.value).startswith("<html><body>Bad gateway")
    assert len(str(caught.value)) <= 500
    assert caught.value.type == "internal_server_error"


async def test_empty_error_body_uses_reason_phrase(make_client):
    script = Script(httpx.Response(404))
    async with make_client(script) as v0:
        with pytest.raises(NotFound, match="Not Found"):
            await v0.call("user.get")


async def test_request_id_is_read_from_headers(make_client):
    script = Script(error_response(404, headers={"x-vercel-id": "fra1::abc"}))
    async with make_client(script) as v0:
        with pytest.raises(NotFound) as caught:
            await v0.call("user.get")
    assert caught.value.request_id == "fra1::abc"


async def test_rate_limited_carries_retry_after(make_client):
    script = Script(error_response(429, headers={"Retry-After": "7"}))
    async with make_client(script) as v0:
        with pytest.raises(RateLimited) as caught:
            await v0.call("chats.create", message="m")
    assert caught.value.retry_after == 7.0


def test_retry_after_accepts_http_date():
    now = datetime(2026, 1, 28, 15, 0, 0, tzinfo=UTC)
    assert parse_retry_after("Wed, 28 Jan 2026 15:00:30 GMT", now=now) == 30.0


@pytest.mark.parametrize("value", [None, "", "soon", "nan"])
def test_retry_after_ignores_garbage(value):
    assert parse_retry_after(value) is None


async def test_network_failure_is_a_transport_error(make_client):
    script = Script(httpx.ConnectError("connection refused"))
    async with make_client(script) as v0:
        with pytest.raises(V0TransportError) as caught:
            await v0.call("chats.create", message="m", responseMode="async")
    assert "could not connect" in str(caught.value)
    assert caught.value.request_sent is False
    assert isinstance(caught.value.__cause__, httpx.ConnectError)


async def test_read_timeout_is_a_timeout_error(make_client):
    script = Script(httpx.ReadTimeout("timed out"))
    async with make_client(script) as v0:
        with pytest.raises(V0TimeoutError) as caught:
            await v0.call("chats.create", message="m")
    assert caught.value.request_sent is True


async def test_non_json_success_is_a_response_error(make_client):
    script = Script(httpx.Response(200, text="<html>"))
    async with make_client(script) as v0:
        with pytest.raises(V0ResponseError):
            await v0.call("user.get")


async def test_success_of_wrong_shape_is_a_response_error(make_client):
    script = Script(httpx.Response(200, json={"object": "chat"}))
    async with make_client(script) as v0:
        with pytest.raises(V0ResponseError, match="id"):
            await v0.call("chats.getById", chatId="c")


async def test_key_never_appears_in_errors(make_client):
    echo = {"error": {"message": f"key {API_KEY} is revoked", "type": "unauthorized_error"}}
    script = Script(httpx.Response(401, json=echo), httpx.ConnectError(f"failed with {API_KEY}"))
    async with make_client(script) as v0:
        errors: list[V0Error] = []
        for _ in range(2):
            with pytest.raises(V0Error) as caught:
                await v0.call("chats.create", message="m")
            errors.append(caught.value)
    for error in errors:
        assert API_KEY not in str(error)
        assert API_KEY not in repr(error)
        assert "[redacted]" in str(error)
