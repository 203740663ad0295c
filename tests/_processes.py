"""Helpers for tests that spawn the real ``v0-mcp`` process."""

from __future__ import annotations

import os
import socket


def free_port() -> int:
    """Return a loopback port nobody listens on (now)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_env(*, api_version: str = "v1", **extra: str) -> dict[str, str]:
    """Return this process's environment without any v0 key or v0-mcp setting, plus ``extra``.

    ``api_version`` is the v0 API the spawned server serves: the tests written for v1 rely on it being v1.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith(("V0_API_", "V0_MCP_"))}
    env["PYTHONUNBUFFERED"] = "1"
    env["V0_API_VERSION"] = api_version
    return {**env, **extra}
