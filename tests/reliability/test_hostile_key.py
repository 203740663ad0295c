"""A key header that cannot be a v0 key is refused by name, over the real HTTP server, which goes on serving."""

from __future__ import annotations

from pathlib import Path

import httpx2
import pytest
from mcp import Client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.exceptions import MCPError

from tests.transports.conftest import running_server

pytestmark = pytest.mark.e2e


def _leaves(error: BaseException) -> list[BaseException]:
    if isinstance(error, BaseExceptionGroup):
        return [leaf for inner in error.exceptions for leaf in _leaves(inner)]
    return [error]


def _as(base: str, key: bytes) -> Client:
    http = httpx2.AsyncClient(headers={b"X-V0-Api-Key": key}, timeout=60)
    return Client(streamable_http_client(f"{base}/mcp", http_client=http))


async def test_a_non_ascii_api_key_header_gets_an_error_naming_the_header(tmp_path: Path) -> None:
    with running_server(tmp_path, "--transport", "http") as running:
        # Raw bytes, as a careless client sends them: the server reads them as Latin-1 text.
        with pytest.RaisesGroup(MCPError, flatten_subgroups=True) as refused:
            async with _as(running.base, "ключ-v0".encode()) as client:
                await client.call_tool("list_chats", {})
        async with _as(running.base, b"a-fine-key") as client:
            fine = await client.call_tool("list_chats", {})
        stderr = running.stderr()

    error = next(e for e in _leaves(refused.value) if isinstance(e, MCPError))
    assert "X-V0-Api-Key" in str(error) and "printable ASCII" in str(error)
    assert not fine.is_error  # the server is unharmed
    assert "Traceback" not in stderr
