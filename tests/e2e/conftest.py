"""Helpers for end-to-end tests: spawn the real ``v0-mcp`` process and talk MCP to it over stdio."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any, TextIO

import pytest
from mcp import Client, StdioServerParameters
from mcp.client.stdio import stdio_client

from tests._processes import server_env
from tests.conftest import ROOT

__all__ = ["server_env", "spawn"]


def spawn(args: list[str], env: dict[str, str], errlog: TextIO, **options: Any) -> AbstractAsyncContextManager[Client]:
    """Start ``python -m v0_mcp ARGS`` and return an MCP client of it; its stderr goes to ``errlog``."""
    params = StdioServerParameters(command=sys.executable, args=["-m", "v0_mcp", *args], env=env, cwd=ROOT)
    return Client(stdio_client(params, errlog=errlog), **options)


@pytest.fixture
def stderr_log(tmp_path: Path) -> Iterator[TextIO]:
    """A real file for the server's stderr (a subprocess needs a file descriptor)."""
    with (tmp_path / "stderr.log").open("w+") as log:
        yield log


def read_log(log: TextIO) -> str:
    log.flush()
    log.seek(0)
    return log.read()
