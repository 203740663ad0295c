"""Context footprint: what ``tools/list`` costs an agent, per toolset and profile.

The same measure as the context-budget test: name, title, description, inputSchema and
annotations of every tool as compact JSON, in characters / 4. The outputSchema total is
reported apart (clients may or may not show it to the model). The baseline is the whole
API, ``--toolsets all``.
"""

from __future__ import annotations

import json
from typing import Any, Final

from mcp import Client
from mcp.types import Tool

from ._common import Figure, Section

__all__ = ["budget_tokens", "run"]

BUDGET_KEYS: Final = ("name", "title", "description", "inputSchema", "annotations")
TOOLSETS: Final = ("chats", "versions", "projects", "deployments", "hooks", "integrations", "account", "mcp_servers")
BUILDER_LIMIT: Final = 2_500  # tokens, as in the budget test


def _tokens(data: Any) -> int:
    return len(json.dumps(data, separators=(",", ":"))) // 4


def budget_tokens(tools: list[Tool]) -> int:
    """Estimate what a tools/list costs an agent (chars / 4 of the listed fields)."""
    total = 0
    for tool in tools:
        data = tool.model_dump(by_alias=True, exclude_none=True, mode="json")
        total += len(json.dumps({k: data[k] for k in BUDGET_KEYS if k in data}, separators=(",", ":")))
    return total // 4


async def _listed(argv: list[str]) -> list[Tool]:
    from v0_mcp.api import V0Client
    from v0_mcp.cli import parse_settings
    from v0_mcp.server import build_server

    async with V0Client("unused", base_url="http://127.0.0.1/v1") as v0:
        server = build_server(parse_settings(argv, env={}), client=v0)
        async with Client(server) as client:
            return (await client.list_tools()).tools


async def run(*, quick: bool) -> Section:
    section = Section("footprint", "Context footprint of tools/list (tokens = chars / 4)")
    profiles: dict[str, list[str]] = {
        "builder (default)": [],
        "all": ["--toolsets", "all"],
        "all --read-only": ["--toolsets", "all", "--read-only"],
        **{f"toolset {name}": ["--toolsets", name] for name in TOOLSETS},
    }
    listed = {profile: await _listed(argv) for profile, argv in profiles.items()}
    whole = budget_tokens(listed["all"])
    rows: dict[str, dict[str, int]] = {}
    for profile, tools in listed.items():
        tokens = budget_tokens(tools)
        outputs = sum(_tokens(tool.output_schema) for tool in tools if tool.output_schema)
        rows[profile] = {"tools": len(tools), "tokens": tokens, "output_schema_tokens": outputs}
        target = f"<= {BUILDER_LIMIT} tokens" if profile.startswith("builder") else None
        met = tokens <= BUILDER_LIMIT if target else None
        section.figures.append(
            Figure(f"{profile}: {len(tools)} tools", tokens, "tokens", "all tools", whole, target=target, met=met)
        )
    all_outputs = rows["all"]["output_schema_tokens"]
    section.figures.append(
        Figure("outputSchema total, all tools", all_outputs, "tokens", "tools/list of all tools", whole)
    )
    section.details = {"profiles": rows}
    return section
