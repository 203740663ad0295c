"""Context footprint: what ``tools/list`` costs an agent, per toolset and profile.

The same measure as the context-budget test: name, title, description, inputSchema and
annotations of every tool as compact JSON, in characters / 4. The outputSchema total is
reported apart (clients may or may not show it to the model). The baseline is the whole
API, ``--toolsets all``, of the same API version: each version (``--api-version v1`` and
``v2``) is reported beside the other, with the toolsets it declares.
"""

from __future__ import annotations

import json
from typing import Any, Final

from mcp import Client
from mcp.types import Tool

from ._common import Figure, Section

__all__ = ["budget_tokens", "run"]

BUDGET_KEYS: Final = ("name", "title", "description", "inputSchema", "annotations")
VERSIONS: Final = ("v1", "v2")
BUILDER_LIMIT: Final = 2_500  # tokens, as in the budget test
LIMITS: Final = {"builder (default)": BUILDER_LIMIT, "all": 9_000, "all --read-only": 3_500}


def _tokens(data: Any) -> int:
    return len(json.dumps(data, separators=(",", ":"))) // 4


def budget_tokens(tools: list[Tool]) -> int:
    """Estimate what a tools/list costs an agent (chars / 4 of the listed fields)."""
    total = 0
    for tool in tools:
        data = tool.model_dump(by_alias=True, exclude_none=True, mode="json")
        total += len(json.dumps({k: data[k] for k in BUDGET_KEYS if k in data}, separators=(",", ":")))
    return total // 4


async def _listed(version: str, argv: list[str]) -> list[Tool]:
    from v0_mcp.api import build_client
    from v0_mcp.cli import parse_settings
    from v0_mcp.server import build_server

    argv = ["--api-version", version, *argv]
    async with build_client(version, "unused", f"http://127.0.0.1/{version}") as v0:
        server = build_server(parse_settings(argv, env={}), client=v0)
        async with Client(server) as client:
            return (await client.list_tools()).tools


def _profiles(version: str) -> dict[str, list[str]]:
    from v0_mcp.tools._toolsets import toolset_names

    return {
        "builder (default)": [],
        "all": ["--toolsets", "all"],
        "all --read-only": ["--toolsets", "all", "--read-only"],
        **{f"toolset {name}": ["--toolsets", name] for name in toolset_names(version)},
    }


async def run(*, quick: bool) -> Section:
    section = Section("footprint", "Context footprint of tools/list (tokens = chars / 4)")
    details: dict[str, dict[str, dict[str, int]]] = {}
    for version in VERSIONS:
        listed = {profile: await _listed(version, argv) for profile, argv in _profiles(version).items()}
        whole = budget_tokens(listed["all"])
        rows: dict[str, dict[str, int]] = {}
        for profile, tools in listed.items():
            tokens = budget_tokens(tools)
            outputs = sum(_tokens(tool.output_schema) for tool in tools if tool.output_schema)
            rows[profile] = {"tools": len(tools), "tokens": tokens, "output_schema_tokens": outputs}
            limit = LIMITS.get(profile)
            target = f"<= {limit} tokens" if limit else None
            met = tokens <= limit if limit else None
            section.figures.append(
                Figure(
                    f"{version}: {profile}: {len(tools)} tools",
                    tokens,
                    "tokens",
                    f"{version}: all tools",
                    whole,
                    target=target,
                    met=met,
                )
            )
        all_outputs = rows["all"]["output_schema_tokens"]
        section.figures.append(
            Figure(f"{version}: outputSchema total, all tools", all_outputs, "tokens", f"{version}: tools/list", whole)
        )
        details[version] = rows
    section.details = {"profiles": details}
    return section
