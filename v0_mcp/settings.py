"""Settings: every flag of the command line, each with its ``V0_MCP_*`` environment twin."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final, Literal

__all__ = ["DEFAULT_TOOLSETS", "Settings", "Transport", "parse_bool", "parse_names", "parse_positive"]

Transport = Literal["stdio", "http", "sse"]
DEFAULT_TOOLSETS: Final = frozenset({"builder"})


def parse_names(value: str | None) -> frozenset[str]:
    """Split a comma list (``a, b,c``) into names."""
    return frozenset(part.strip() for part in (value or "").split(",") if part.strip())


def parse_bool(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


def parse_positive(env: Mapping[str, str], name: str, default: int) -> int:
    """Read a whole number above zero from ``env[name]``; raise ValueError naming the variable otherwise."""
    raw = (env.get(name) or "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise ValueError(f"{name} must be a whole number above 0, not {raw!r}")
    return int(raw)


@dataclass(frozen=True)
class Settings:
    """How v0-mcp runs: which v0, which tools, which transport."""

    api_key: str | None = field(default=None, repr=False)
    api_url: str | None = None
    demo: bool = False
    toolsets: frozenset[str] = DEFAULT_TOOLSETS
    tools: frozenset[str] = frozenset()
    exclude_tools: frozenset[str] = frozenset()
    read_only: bool = False
    transport: Transport = "stdio"
    host: str = "127.0.0.1"
    port: int = 8000
    stateless: bool = False
    auth_token: str | None = field(default=None, repr=False)
    allowed_hosts: tuple[str, ...] = ()  # extra Host values accepted (any port); "*" turns the Host check off
    require_client_key: bool = False  # HTTP: each caller must send its own X-V0-Api-Key
    max_sessions_per_caller: int = 32  # HTTP: open sessions (SSE: streams) one caller may hold
    session_idle_timeout: float = 600.0  # HTTP: seconds without a request before a session is closed
    max_sessions: int = 10_000  # HTTP: open sessions in all
    log_level: str = "INFO"
    generation_delay: float = 3.0  # --demo: seconds the simulator takes to generate

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Read every setting from the environment (flags override these in the CLI)."""
        env = os.environ if env is None else env
        toolsets = parse_names(env.get("V0_MCP_TOOLSETS"))
        transport = (env.get("V0_MCP_TRANSPORT") or "stdio").strip().lower()
        if transport not in ("stdio", "http", "sse"):
            raise ValueError(f"V0_MCP_TRANSPORT must be stdio, http or sse, not {transport!r}")
        return cls(
            api_key=env.get("V0_API_KEY") or None,
            api_url=env.get("V0_API_URL") or None,
            demo=parse_bool(env.get("V0_MCP_DEMO")),
            toolsets=toolsets or DEFAULT_TOOLSETS,
            tools=parse_names(env.get("V0_MCP_TOOLS")),
            exclude_tools=parse_names(env.get("V0_MCP_EXCLUDE_TOOLS")),
            read_only=parse_bool(env.get("V0_MCP_READ_ONLY")),
            transport=transport,  # type: ignore[arg-type]
            host=env.get("V0_MCP_HOST") or "127.0.0.1",
            port=int(env.get("V0_MCP_PORT") or 8000),
            stateless=parse_bool(env.get("V0_MCP_STATELESS")),
            auth_token=env.get("V0_MCP_AUTH_TOKEN") or None,
            allowed_hosts=tuple(sorted(parse_names(env.get("V0_MCP_ALLOWED_HOSTS")))),
            require_client_key=parse_bool(env.get("V0_MCP_REQUIRE_CLIENT_KEY")),
            max_sessions_per_caller=parse_positive(env, "V0_MCP_MAX_SESSIONS_PER_CALLER", 32),
            session_idle_timeout=float(parse_positive(env, "V0_MCP_SESSION_IDLE_TIMEOUT", 600)),
            max_sessions=parse_positive(env, "V0_MCP_MAX_SESSIONS", 10_000),
            log_level=(env.get("V0_MCP_LOG_LEVEL") or "INFO").upper(),
            generation_delay=float(env.get("V0_MCP_DEMO_DELAY") or 3.0),
        )
