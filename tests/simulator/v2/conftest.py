"""Fixtures of the v2 and Vercel simulator tests: clients on a manual clock, and the specs' schemas."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from functools import cache
from typing import Any

import httpx
import pytest
from jsonschema import Draft202012Validator

from tests.conftest import SPEC_DIR
from v0_mcp.simulator import ManualClock, Simulator

KEY = "key-alice"
OTHER_KEY = "key-bob"
V2_SPEC = SPEC_DIR / "v2" / "openapi.json"
VERCEL_SPEC = SPEC_DIR / "v2" / "vercel-openapi.json"
EXAMPLES = SPEC_DIR / "v2" / "examples"


@cache
def _spec(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((V2_SPEC if name == "v2" else VERCEL_SPEC).read_text())
    return loaded


def _deref(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def _operation(spec: dict[str, Any], operation_id: str) -> dict[str, Any]:
    for item in spec["paths"].values():
        for method, op in item.items():
            if isinstance(op, dict) and op.get("operationId") == operation_id:
                return dict(op, _method=method)
    raise KeyError(operation_id)


@cache
def _validator(name: str, operation_id: str, status: int, media: str) -> Draft202012Validator:
    spec = _spec(name)
    op = _operation(spec, operation_id)
    responses = op["responses"]
    response = _deref(spec, responses.get(str(status)) or responses["default"])
    schema = dict(response["content"][media]["schema"])
    schema["components"] = spec["components"]
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


@cache
def _component(name: str, component: str) -> Draft202012Validator:
    spec = _spec(name)
    schema = dict(spec["components"]["schemas"][component])
    schema["components"] = spec["components"]
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _assert_valid(validator: Draft202012Validator, value: Any, what: str) -> None:
    errors = sorted(validator.iter_errors(value), key=str)
    assert not errors, f"{what}: " + "\n".join(f"{list(e.absolute_path)}: {e.message[:300]}" for e in errors[:5])


def check(operation_id: str, response: httpx.Response, status: int | None = None) -> Any:
    """Assert a v2 JSON response has ``status`` (if given) and validates against the spec; return the body."""
    if status is not None:
        assert response.status_code == status, f"{operation_id}: {response.status_code} {response.text[:500]}"
    assert response.headers["content-type"].startswith("application/json"), response.headers
    body = response.json()
    validator = _validator("v2", operation_id, response.status_code, "application/json")
    _assert_valid(validator, body, f"{operation_id} {response.status_code}")
    return body


def check_error(operation_id: str, response: httpx.Response, status: int) -> str:
    """Assert a v2 error: the status, the flat envelope, valid for the operation; return the message."""
    body = check(operation_id, response, status)
    assert set(body) <= {"message", "issues"} and isinstance(body["message"], str) and body["message"]
    return str(body["message"])


def check_event(kind: str, event: Any) -> None:
    """Validate one stream event against ``ChatStreamEvent`` or ``MessageStreamEvent``."""
    _assert_valid(_component("v2", kind), event, f"{kind} {event.get('object')}")


def check_vercel(operation_id: str, response: httpx.Response, status: int | None = None) -> Any:
    if status is not None:
        assert response.status_code == status, f"{operation_id}: {response.status_code} {response.text[:500]}"
    media = response.headers["content-type"].split(";")[0]
    body = response.json()
    _assert_valid(_validator("vercel", operation_id, response.status_code, media), body, operation_id)
    return body


def check_vercel_lines(operation_id: str, response: httpx.Response, component: str) -> list[Any]:
    """Validate an ``application/stream+json`` body line by line against a component schema."""
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/stream+json")
    lines = [json.loads(line) for line in response.text.splitlines() if line.strip()]
    for line in lines:
        _assert_valid(_component("vercel", component), line, operation_id)
    return lines


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def sim(clock: ManualClock) -> Simulator:
    from v0_mcp.simulator import SimulatorConfig

    return Simulator(SimulatorConfig(clock=clock, generation_delay=0.05, log_interval=1.0))


def _client(sim: Simulator, base: str, key: str | None) -> httpx.AsyncClient:
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=sim.app), base_url=base, headers=headers)


@pytest.fixture
async def v2(sim: Simulator) -> AsyncIterator[httpx.AsyncClient]:
    async with _client(sim, "http://v0.sim/v2", KEY) as c:
        yield c


@pytest.fixture
async def v2_other(sim: Simulator) -> AsyncIterator[httpx.AsyncClient]:
    async with _client(sim, "http://v0.sim/v2", OTHER_KEY) as c:
        yield c


@pytest.fixture
async def vercel(sim: Simulator) -> AsyncIterator[httpx.AsyncClient]:
    async with _client(sim, "http://v0.sim/vercel", KEY) as c:
        yield c


@pytest.fixture
async def raw(sim: Simulator) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the whole app without credentials (previews, auth checks)."""
    async with _client(sim, "http://v0.sim", None) as c:
        yield c


async def wait_done(client: httpx.AsyncClient, clock: ManualClock, chat_id: str, message_id: str) -> Any:
    """Move the clock past the generation and return the finished message."""
    clock.advance(60)
    message = check("messages.get", await client.get(f"/chats/{chat_id}/messages/{message_id}"), 200)
    assert message["finishReason"] is not None
    return message


async def new_chat(client: httpx.AsyncClient, clock: ManualClock, prompt: str = "Build a pricing page") -> Any:
    """Create a chat asynchronously and let its first generation finish; return (chat id, message)."""
    ids = check("chats.createAsync", await client.post("/chats/async", json={"message": prompt}), 202)
    message = await wait_done(client, clock, ids["chatId"], ids["messageId"])
    return ids["chatId"], message


async def running_preview(client: httpx.AsyncClient, clock: ManualClock, chat_id: str) -> Any:
    """Start the chat's preview and wait (on the clock) until it runs."""
    assert check("chats.getPreview", await client.get(f"/chats/{chat_id}/preview"), 200) is None
    clock.advance(10)
    preview = check("chats.getPreview", await client.get(f"/chats/{chat_id}/preview"), 200)
    assert preview is not None
    return preview
