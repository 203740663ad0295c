"""Settings: every flag of the command line, each with its ``V0_MCP_*`` environment twin."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final, Literal

__all__ = ["DEFAULT_TOOLSETS", "ApiVersion", "Settings", "Transport", "parse_bool", "parse_names"]

Transport = Literal["stdio", "http", "sse"]
ApiVersion = Literal["v1", "v2"]
DEFAULT_TOOLSETS: Final = frozenset({"builder"})


def parse_names(value: str | None) -> frozenset[str]:
    """Split a comma list (``a, b,c``) into names."""
    return frozenset(part.strip() for part in (value or "").split(",") if part.strip())


def parse_bool(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    """How v0-mcp runs: which v0, which tools, which transport."""

    api_key: str | None = field(default=None, repr=False)
    api_url: str | None = None  # None: the version's own (https://api.v0.dev/v2 on v2)
    api_version: ApiVersion = "v2"
    # v2 moved deployments, their logs and env vars to the Vercel REST API, which needs its own token.
    vercel_token: str | None = field(default=None, repr=False)
    vercel_team_id: str | None = None
    vercel_api_url: str | None = None  # None: https://api.vercel.com
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
    allowed_hosts: tuple[str, ...] = ()  # extra Host values accepted on a non-loopback bind
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
        api_version = (env.get("V0_API_VERSION") or "v2").strip().lower()
        if api_version not in ("v1", "v2"):
            raise ValueError(f"V0_API_VERSION must be v1 or v2, not {api_version!r}")
        return cls(
            api_key=env.get("V0_API_KEY") or None,
            api_url=env.get("V0_API_URL") or None,
            api_version=api_version,  # type: ignore[arg-type]
            vercel_token=(env.get("VERCEL_TOKEN") or "").strip() or None,
            vercel_team_id=(env.get("VERCEL_TEAM_ID") or "").strip() or None,
            vercel_api_url=env.get("VERCEL_API_URL") or None,
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
            log_level=(env.get("V0_MCP_LOG_LEVEL") or "INFO").upper(),
            generation_delay=float(env.get("V0_MCP_DEMO_DELAY") or 3.0),
        )
