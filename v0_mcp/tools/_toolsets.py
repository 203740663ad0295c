"""The toolsets of each API version, declared once: names, what each holds, where an agent lists what it makes.

``--help``, the error that lists valid names, the README's tool tables and the
hint after a lost write are all derived from :data:`TOOLSETS_OF`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final, Literal, NamedTuple

__all__ = [
    "BUILDER",
    "EVERYTHING",
    "PROFILES",
    "TOOLSETS",
    "TOOLSETS_OF",
    "V1_TOOLSETS",
    "V2_TOOLSETS",
    "Kind",
    "Toolset",
    "toolset_names",
    "toolsets_of",
    "valid_toolsets",
]


Kind = Literal["read", "write", "destructive"]  # what a tool does: its annotations and --read-only follow


class Toolset(NamedTuple):
    """A group of tools enabled together with ``--toolsets``."""

    name: str
    description: str
    lister: str  # the tool that lists what this toolset's writes create


V2_TOOLSETS: Final[tuple[Toolset, ...]] = (
    Toolset("chats", "Create apps from prompts, iterate, answer v0's questions, read the thread", "list_chats"),
    Toolset("files", "Read and edit a chat's files, restore a message, see the preview", "get_chat_files"),
    Toolset("deployments", "Deploy a chat to Vercel, follow the build, read its logs and errors", "list_deployments"),
    Toolset("projects", "The chat's Vercel project and its environment variables", "list_vercel_projects"),
    Toolset("hooks", "Webhooks on chat and message events", "list_hooks"),
    Toolset("mcp_servers", "MCP servers that v0 may call while it generates", "list_mcp_servers"),
    Toolset("account", "Usage summary, events and activity", "get_usage_summary"),
    Toolset("settings", "Trusted preview hosts", "get_preview_hosts"),
)

V1_TOOLSETS: Final[tuple[Toolset, ...]] = (
    Toolset("chats", "Create apps from prompts, iterate on them, read the thread", "list_chats"),
    Toolset("versions", "Read, edit, restore and download generated versions", "list_versions"),
    Toolset("projects", "Projects and their environment variables", "list_projects (and list_env_vars)"),
    Toolset("deployments", "Deploy a version to Vercel, read its logs and errors", "list_deployments"),
    Toolset("hooks", "Webhooks on chat and message events", "list_hooks"),
    Toolset("integrations", "Vercel projects linked to v0", "list_vercel_projects"),
    Toolset("account", "User, plan, billing, rate limits and usage reports", "get_user"),
    Toolset("mcp_servers", "MCP servers that v0 may call while it generates", "list_mcp_servers"),
)

TOOLSETS_OF: Final[Mapping[str, tuple[Toolset, ...]]] = {"v2": V2_TOOLSETS, "v1": V1_TOOLSETS}
"""Each API version's toolsets, the default version (v2) first."""

TOOLSETS: Final = V1_TOOLSETS  # v1's, for callers written before v2 had tools; prefer toolsets_of()

BUILDER: Final = "builder"  # the default profile: what an agent needs to build, iterate and deploy
EVERYTHING: Final = "all"
PROFILES: Final[tuple[str, ...]] = (BUILDER, EVERYTHING)


def toolsets_of(version: str) -> tuple[Toolset, ...]:
    """Return the toolsets of API ``version`` (``"v1"`` or ``"v2"``)."""
    try:
        return TOOLSETS_OF[version]
    except KeyError:
        raise ValueError(f"unknown v0 API version {version!r}: use 'v1' or 'v2'") from None


def toolset_names(version: str = "v1") -> tuple[str, ...]:
    """Return the names of a version's toolsets, in declaration order."""
    return tuple(toolset.name for toolset in toolsets_of(version))


def valid_toolsets(version: str | None = None) -> tuple[str, ...]:
    """Return every name ``--toolsets`` accepts on ``version`` (all versions when None): builder, each toolset, all."""
    if version is None:
        names = dict.fromkeys(name for toolsets in TOOLSETS_OF.values() for name in (t.name for t in toolsets))
        return (BUILDER, *names, EVERYTHING)
    return (BUILDER, *toolset_names(version), EVERYTHING)
