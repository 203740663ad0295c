"""The hooks toolset of API v2: webhooks that v0 calls on chat and message events.

An MCP server over stdio has no public URL to receive them: agents follow
generations with wait_for_generation; hooks are for the user's own services.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from .._results import Result
from .._shapes import Deleted, Shape
from .._spec import ToolSpec
from ._declare import endpoint

__all__ = ["TOOLS", "HookBrief", "HookInfo", "HookList", "hook_info"]


class HookInfo(Result):
    id: str
    name: str | None = None
    url: str | None = None
    events: list[str] | None = None
    chatId: str | None = None
    createdAt: str | None = None


class HookBrief(Shape):
    id: str
    name: str | None = None


class HookList(Result):
    hooks: list[HookBrief]


def hook_info(hook: Any, _: Mapping[str, Any] | None = None) -> HookInfo:
    """Shape a webhook: where it posts, for which events, scoped to which chat."""
    return HookInfo(
        id=hook.id,
        name=hook.name,
        url=hook.url,
        events=[str(event) for event in hook.events or []] or None,
        chatId=hook.chatId,
        createdAt=hook.createdAt,
    )


def _hooks(response: Any, _: Mapping[str, Any]) -> HookList:
    hooks = [HookBrief(id=item.id, name=item.name) for item in response or []]
    note = "get_hook shows a hook's URL and events." if hooks else "No webhooks yet: create_hook adds one."
    return HookList(hooks=hooks, note=note)


TOOLS: Final[tuple[ToolSpec, ...]] = (
    endpoint("list_hooks", title="List webhooks", description="List your webhooks.", output=HookList, shape=_hooks),
    endpoint(
        "get_hook",
        title="Get webhook",
        description="Get a webhook's URL, events and chat.",
        output=HookInfo,
        shape=hook_info,
    ),
    endpoint(
        "create_hook",
        title="Create webhook",
        description="Post chat and message events to a URL (chatId limits it to one chat; it cannot change later).",
        output=HookInfo,
        shape=hook_info,
    ),
    endpoint(
        "update_hook",
        title="Update webhook",
        description="Change a webhook's name, events or URL.",
        output=HookInfo,
        shape=hook_info,
    ),
    endpoint(
        "delete_hook",
        title="Delete webhook",
        description="Delete a webhook.",
        output=Deleted,
        shape=lambda r, args: Deleted(id=r.id or args["hookId"], object="hook", deleted=bool(r.deleted)),
    ),
)
