"""Helpers for the client tests: a scripted mock transport and a client that never sleeps."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import SPEC_DIR
from v0_mcp.api import RetryPolicy, V0Client

EXAMPLES: Path = SPEC_DIR / "examples"
API_KEY = "v0-test-key-5f1b8e0c9d2a"

Reply = httpx.Response | Exception | Callable[[httpx.Request], httpx.Response]


def example(name: str) -> Any:
    """Return a decoded file of the examples directory."""
    return json.loads((EXAMPLES / name).read_text())


def body(operation_id: str) -> Any:
    """Return the example 200 body of an operation."""
    return example(f"{operation_id}.200.json")["body"]


class Script:
    """A MockTransport handler that records requests and answers from a script (the last reply repeats)."""

    def __init__(self, *replies: Reply) -> None:
        self.replies = list(replies)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        reply = self.replies.pop(0) if len(self.replies) > 1 else self.replies[0]
        if isinstance(reply, Exception):
            raise reply
        if isinstance(reply, httpx.Response):
            return reply
        return reply(request)

    @property
    def last(self) -> httpx.Request:
        return self.requests[-1]


class Sleeps(list[float]):
    """Records the waits a retry policy asks for instead of waiting."""

    async def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("V0_API_KEY", raising=False)
    monkeypatch.delenv("V0_API_URL", raising=False)
    for name in ("V0_API_VERSION", "VERCEL_TOKEN", "VERCEL_TEAM_ID", "VERCEL_API_URL"):
        monkeypatch.delenv(name, raising=False)
    yield


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def make_client(sleeps: Sleeps) -> Callable[..., V0Client]:
    """Return a factory of clients on a script, with the test key and recorded sleeps."""

    def make(script: Script, *, api_key: str | None = API_KEY, **options: Any) -> V0Client:
        options.setdefault("retry", RetryPolicy(sleep=sleeps))
        return V0Client(api_key, transport=httpx.MockTransport(script), **options)

    return make


def error_response(status: int, *, headers: dict[str, str] | None = None) -> httpx.Response:
    """Return the example error response for ``status``."""
    return httpx.Response(status, json=example("errors.json")["errors"][str(status)], headers=headers)
