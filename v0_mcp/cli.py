"""The ``v0-mcp`` command: flags and environment -> settings -> a running server.

``v0-mcp`` serves MCP over stdio (the default), streamable HTTP or SSE;
``v0-mcp simulator`` runs the local v0 simulator alone. Every flag has a
``V0_MCP_*`` environment twin; a flag wins over its twin. Only JSON-RPC ever
goes to stdout: everything else, errors included, goes to stderr.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Mapping, Sequence
from typing import Final

# The SDK first, before any module of ours imports it nested under its own import. Run deeper in the
# interpreter's frame stack, its ~700-module import crossed CPython's 16 KiB data-stack chunk boundary
# three times as often (2,660 instead of 890 chunk mmaps for `v0-mcp --demo`), each crossing an mmap, a
# munmap and fresh page faults: tens of ms of a 550 ms start, which instruction counts do not show.
import mcp.server.mcpserver  # noqa: F401

from . import __version__
from ._redact import Redactor
from .settings import VARIABLES, Settings
from .tools._toolsets import BUILDER, EVERYTHING, TOOLSETS_OF

__all__ = ["main", "parse_settings"]

logger = logging.getLogger("v0_mcp")


_METAVARS: Final = {"names": "LIST", "hosts": "LIST", "int": "N", "float": "SECONDS"}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="v0-mcp",
        description="MCP server for the v0 Platform API. Every flag has an environment twin; a flag wins over it.",
        epilog=_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"v0-mcp {__version__}")
    for var in VARIABLES:
        if var.flag is None:
            continue
        default = f" (default {var.default_text()})" if var.default_text() else ""
        meaning = _toolsets_help() if var.field == "toolsets" else var.help
        help_text = f"{meaning}{default} [{var.env}]"
        if var.kind == "bool":
            # BooleanOptionalAction: --read-only / --no-read-only, so a flag can switch off what the env turned on.
            parser.add_argument(
                var.flag,
                dest=var.field,
                action=argparse.BooleanOptionalAction,
                default=argparse.SUPPRESS,
                help=help_text,
            )
        else:
            metavar = "{" + ",".join(var.choices) + "}" if var.choices else _METAVARS.get(var.kind, var.field.upper())
            parser.add_argument(var.flag, dest=var.field, default=argparse.SUPPRESS, metavar=metavar, help=help_text)
    return parser


def _toolsets_help() -> str:
    """Say which toolsets each API version has (they differ: v2 has files, v1 has versions)."""
    per_version = "; ".join(f"{v}: {', '.join(t.name for t in ts)}" for v, ts in TOOLSETS_OF.items())
    return f"comma list of {BUILDER}, {EVERYTHING} or toolsets ({per_version})"


def _epilog() -> str:
    """List every environment variable, flagged or not, so --help and the environment agree."""
    width = max(len(var.env) for var in VARIABLES)
    lines = ["environment variables (a flag wins over its variable; an empty value means the default):"]
    for var in VARIABLES:
        twin = f" (flag {var.flag})" if var.flag else ""
        secret = " (secret: never logged)" if var.secret else ""
        lines.append(f"  {var.env:<{width}}  {var.help}{twin}{secret}")
    lines.append("")
    lines.append("Run `v0-mcp simulator --help` for the local v0 simulator.")
    return "\n".join(lines)


def parse_settings(argv: Sequence[str], env: Mapping[str, str] | None = None) -> Settings:
    """Return the settings for a command line, over the environment's; raise SettingsError on a bad value."""
    args = _parser().parse_args(list(argv))
    return Settings.from_sources(os.environ if env is None else env, vars(args))


# Loggers that speak once per request or session at INFO: kept for DEBUG, quiet otherwise.
_CHATTY: Final = ("httpx", "mcp.server.streamable_http", "mcp.server.streamable_http_manager", "mcp.server.sse")


def _configure_logging(level: str, secrets: Sequence[str | None] = ()) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(Redactor(secrets))  # the one seam every log line passes: no secret at any level
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in _CHATTY:
        logging.getLogger(name).setLevel(level if level == "DEBUG" else max(logging.WARNING, root.level))


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
    _configure_logging(settings.log_level, (settings.api_key, settings.auth_token, settings.vercel_token))
    from .transports import serve

    raise SystemExit(serve(settings))
