"""The ``v0-mcp`` command: flags and environment -> settings -> a running server.

``v0-mcp`` serves MCP over stdio (the default), streamable HTTP or SSE;
``v0-mcp simulator`` runs the local v0 simulator alone. Every flag has a
``V0_MCP_*`` environment twin; a flag wins over its twin. Only JSON-RPC ever
goes to stdout: everything else, errors included, goes to stderr.
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import sys
from collections.abc import Sequence

from . import __version__
from .settings import Settings, parse_names
from .tools._toolsets import valid_toolsets

__all__ = ["main", "parse_settings"]

logger = logging.getLogger("v0_mcp")


def _parser(defaults: Settings) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="v0-mcp",
        description="MCP server for the v0 Platform API. Reads V0_API_KEY (and V0_API_URL) from the environment.",
        epilog="Run `v0-mcp simulator --help` for the local v0 simulator.",
    )
    parser.add_argument("--version", action="version", version=f"v0-mcp {__version__}")
    parser.add_argument(
        "--demo",
        action="store_true",
        default=defaults.demo,
        help="serve an in-process v0 simulator with a seeded workspace: no key, no network [V0_MCP_DEMO]",
    )
    parser.add_argument(
        "--transport",
        choices=["stdio", "http", "sse"],
        default=defaults.transport,
        help="stdio (default), streamable HTTP at /mcp, or legacy SSE at /sse [V0_MCP_TRANSPORT]",
    )
    parser.add_argument("--host", default=defaults.host, help="HTTP bind address (default 127.0.0.1) [V0_MCP_HOST]")
    parser.add_argument("--port", type=int, default=defaults.port, help="HTTP port (default 8000) [V0_MCP_PORT]")
    parser.add_argument(
        "--allowed-hosts",
        default=",".join(defaults.allowed_hosts),
        help="comma list of extra Host header values to accept on a non-loopback bind [V0_MCP_ALLOWED_HOSTS]",
    )
    parser.add_argument(
        "--stateless",
        action="store_true",
        default=defaults.stateless,
        help="streamable HTTP without sessions, for replicas behind a load balancer [V0_MCP_STATELESS]",
    )
    parser.add_argument(
        "--toolsets",
        default=",".join(sorted(defaults.toolsets)),
        help=f"comma list of {', '.join(valid_toolsets())} (default builder) [V0_MCP_TOOLSETS]",
    )
    parser.add_argument(
        "--tools",
        default=",".join(sorted(defaults.tools)),
        help="comma list of tools to add to the toolsets [V0_MCP_TOOLS]",
    )
    parser.add_argument(
        "--exclude-tools",
        default=",".join(sorted(defaults.exclude_tools)),
        help="comma list of tools to leave out [V0_MCP_EXCLUDE_TOOLS]",
    )
    parser.add_argument(
        "--read-only",
        action="store_true",
        default=defaults.read_only,
        help="serve only tools that change nothing [V0_MCP_READ_ONLY]",
    )
    parser.add_argument(
        "--api-url", default=defaults.api_url, help="v0 API base URL (default https://api.v0.dev/v1) [V0_API_URL]"
    )
    parser.add_argument(
        "--log-level",
        default=defaults.log_level,
        choices=["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"],
        help="stderr log level [V0_MCP_LOG_LEVEL]",
    )
    return parser


def parse_settings(argv: Sequence[str], env: dict[str, str] | None = None) -> Settings:
    """Return the settings for a command line, over the environment's."""
    defaults = Settings.from_env(env)
    args = _parser(defaults).parse_args(list(argv))
    return dataclasses.replace(
        defaults,
        demo=args.demo,
        transport=args.transport,
        host=args.host,
        port=args.port,
        stateless=args.stateless,
        allowed_hosts=tuple(sorted(parse_names(args.allowed_hosts))),
        toolsets=parse_names(args.toolsets) or defaults.toolsets,
        tools=parse_names(args.tools),
        exclude_tools=parse_names(args.exclude_tools),
        read_only=args.read_only,
        api_url=args.api_url,
        log_level=args.log_level,
    )


def _configure_logging(level: str) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # One line per HTTP request is noise at INFO; keep it for DEBUG.
    logging.getLogger("httpx").setLevel(level if level == "DEBUG" else max(logging.WARNING, root.level))


def main(argv: Sequence[str] | None = None) -> None:
    """Run ``v0-mcp``."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["simulator"]:
        from .simulator import run_cli

        raise SystemExit(run_cli(argv[1:]))
    try:
        settings = parse_settings(argv)
    except ValueError as exc:
        print(f"v0-mcp: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    _configure_logging(settings.log_level)
    from .transports import serve

    raise SystemExit(serve(settings))
