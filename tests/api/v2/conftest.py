"""Helpers for the v2 client tests: v2's examples, and clients that speak v2 on a script."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest

from tests.api.conftest import API_KEY, Script, Sleeps
from tests.conftest import SPEC_DIR
from v0_mcp.api import V2, RetryPolicy, V0Client

EXAMPLES = SPEC_DIR / "v2" / "examples"


def example(name: str) -> Any:
    """Return a decoded file of the v2 examples directory."""
    return json.loads((EXAMPLES / name).read_text())


def error(key: str) -> httpx.Response:
    """Return v2's example error response for ``key`` (a status, or ``422-updateFiles``)."""
    return httpx.Response(int(key[:3]), json=example("errors.json")["errors"][key])


def sse(name: str) -> httpx.Response:
    """Return a 200 stream response with the bytes of a transcript."""
    return httpx.Response(200, headers={"content-type": "text/event-stream"}, content=(EXAMPLES / name).read_bytes())


class Breaking(httpx.AsyncByteStream):
    """A response body that sends ``data`` and then loses the connection."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield self.data
        raise httpx.ReadError("connection reset by peer")


def breaking_sse(data: bytes) -> httpx.Response:
    return httpx.Response(200, headers={"content-type": "text/event-stream"}, stream=Breaking(data))


@pytest.fixture
def make_v2(sleeps: Sleeps) -> Callable[..., V0Client]:
    """Return a factory of v2 clients on a script, with the test key and recorded sleeps."""

    def make(script: Script, *, api_key: str | None = API_KEY, **options: Any) -> V0Client:
        options.setdefault("retry", RetryPolicy(sleep=sleeps))
        return V0Client(api_key, transport=httpx.MockTransport(script), api=V2, **options)

    return make
