"""Fixtures for the simulator tests: a simulator on a manual clock, clients per key, and the spec's schemas."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from functools import cache
from typing import Any

import httpx
import pytest
from jsonschema import Draft202012Validator

from tests.conftest import SPEC_DIR
from v0_mcp.api.v1 import CATALOGUE
from v0_mcp.simulator import ManualClock, Simulator, SimulatorConfig

KEY = "key-alice"
OTHER_KEY = "key-bob"


@cache
def spec() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((SPEC_DIR / "openapi.json").read_text())
    return loaded


@cache
def _validator(operation_id: str, status: int) -> Draft202012Validator:
    op = CATALOGUE[operation_id]
    entry = spec()["paths"][op.path][op.method.lower()]
    assert entry["operationId"] == operation_id
    schema = dict(entry["responses"][str(status)]["content"]["application/json"]["schema"])
    schema["components"] = spec()["components"]  # so "#/components/..." resolves inside the schema
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def check_body(operation_id: str, response: httpx.Response) -> Any:
    """Assert a JSON response validates against the spec's schema for its status, and return the body."""
    assert response.headers["content-type"].startswith("application/json"), response.headers
    body = response.json()
    errors = sorted(_validator(operation_id, response.status_code).iter_errors(body), key=str)
    assert not errors, f"{operation_id} {response.status_code}: " + "\n".join(
        f"{list(e.absolute_path)}: {e.message[:300]}" for e in errors[:5]
    )
    return body


def check_error(operation_id: str, response: httpx.Response, status: int) -> str:
    """Assert an error response has ``status`` and the spec's envelope; return its message."""
    assert response.status_code == status, response.text
    body = check_body(operation_id, response)
    return str(body["error"]["message"])


def url(operation_id: str, **params: str) -> tuple[str, str]:
    """Return (method, path) of an operation with its path parameters filled."""
    op = CATALOGUE[operation_id]
    return op.method, op.url_path(params)


def reassemble(deltas: list[Any]) -> list[Any]:
    """Apply stream deltas to ``[]``: jsondiffpatch array adds and v0's ``[[*path, text], 9, 9]`` appends."""
    state: list[Any] = []
    for delta in deltas:
        if isinstance(delta, dict):
            assert delta.get("_t") == "a"
            for key in sorted((k for k in delta if not k.startswith("_")), key=int):
                (node,) = delta[key]
                state.insert(int(key), node)
        else:
            path, *_ = delta
            *indices, text = path
            parent: Any = None
            index: Any = None
            here: Any = state
            for i in indices:
                parent, index, here = here, i, here[i]
                if isinstance(here, str):
                    break
            assert isinstance(here, str)
            parent[index] = here + text
    return state


def sse_events(text: str) -> list[Any]:
    """Decode an SSE body into its data payloads (``[DONE]`` kept as the string)."""
    events: list[Any] = []
    for block in text.split("\n\n"):
        if not block.strip():
            continue
        assert block.startswith("data: "), block
        data = block.removeprefix("data: ")
        events.append(data if data == "[DONE]" else json.loads(data))
    return events


@pytest.fixture
def clock() -> ManualClock:
    """A clock tests move by hand; what waits on it (a sync generation, a stream) jumps it to its deadline."""
    return ManualClock(autojump=True)


@pytest.fixture
def config(clock: ManualClock) -> SimulatorConfig:
    return SimulatorConfig(clock=clock, generation_delay=0.05, log_interval=1.0)


@pytest.fixture
def sim(config: SimulatorConfig) -> Simulator:
    return Simulator(config)


@pytest.fixture
async def client(sim: Simulator) -> AsyncIterator[httpx.AsyncClient]:
    async with sim.client(KEY) as c:
        yield c


@pytest.fixture
async def other(sim: Simulator) -> AsyncIterator[httpx.AsyncClient]:
    async with sim.client(OTHER_KEY) as c:
        yield c


async def new_chat(client: httpx.AsyncClient, message: str = "Build a hello world landing page", **extra: Any) -> Any:
    """Create a chat (sync unless told) and return its ChatDetail."""
    response = await client.post("/chats", json={"message": message, **extra})
    assert response.status_code == 200, response.text
    return response.json()
