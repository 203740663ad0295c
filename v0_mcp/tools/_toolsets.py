"""The toolsets, declared once: names, what each holds, and where an agent lists what it makes.

``--help``, the error that lists valid names, the README's tool tables and the
hint after a lost write are all derived from :data:`TOOLSETS`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

__all__ = ["BUILDER", "EVERYTHING", "PROFILES", "TOOLSETS", "Toolset", "toolset_names", "valid_toolsets"]


@dataclass(frozen=True)
class Toolset:
    """A group of tools enabled together with ``--toolsets``."""

    name: str
    description: str
    lister: str  # the tool that lists what this toolset's writes create


TOOLSETS: Final[tuple[Toolset, ...]] = (
    Toolset("chats", "Create apps from prompts, iterate on them, read the thread", "list_chats"),
    Toolset("versions", "Read, edit, restore and download generated versions", "list_versions"),
    Toolset("projects", "Projects and their environment variables", "list_projects (and list_env_vars)"),
    Toolset("deployments", "Deploy a version to Vercel, read its logs and errors", "list_deployments"),
    Toolset("hooks", "Webhooks on chat and message events", "list_hooks"),
    Toolset("integrations", "Vercel projects linked to v0", "list_vercel_projects"),
    Toolset("account", "User, plan, billing, rate limits and usage reports", "get_user"),
    Toolset("mcp_servers", "MCP servers that v0 may call while it generates", "list_mcp_servers"),
)

BUILDER: Final = "builder"  # the default profile: what an agent needs to build, iterate and deploy
EVERYTHING: Final = "all"
PROFILES: Final[tuple[str, ...]] = (BUILDER, EVERYTHING)


def toolset_names() -> tuple[str, ...]:
    """Return the toolsets' names, in declaration order."""
    return tuple(toolset.name for toolset in TOOLSETS)


def valid_toolsets() -> tuple[str, ...]:
    """Return every name ``--toolsets`` accepts: the builder profile, each toolset, then all."""
    return (BUILDER, *toolset_names(), EVERYTHING)
