"""The hooks toolset: webhooks for chat and message events."""

from __future__ import annotations

from .._shapes import Deleted
from ._declare import endpoint, plain
from ._shapes import deleted_of

TOOLS = (
    plain("list_hooks", title="List webhooks", description="List your webhooks."),
    plain("get_hook", title="Get webhook", description="Get a webhook's events and URL."),
    plain("create_hook", title="Create webhook", description="Send chat/message events to a URL."),
    plain("update_hook", title="Update webhook", description="Change a webhook's name, events or URL."),
    endpoint(
        "delete_hook",
        title="Delete webhook",
        description="Delete a webhook.",
        output=Deleted,
        shape=lambda r, _: deleted_of(r),
    ),
)
