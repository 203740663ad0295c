"""Tell whether a v2 assistant message is blocked on the user, and on which resolve task.

A generation can stop and wait: for answers, a plan's approval, integrations,
tool permissions or a Vercel Connect setup. The rule is the official React
package's ``getPendingV0Task`` plus the Connect case of the spec: scan the
message's parts from the last to the first and return the first that asks for
input. It does not look at ``finishReason``: which one a blocked message
carries is not documented.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

__all__ = ["PendingTask", "pending_task"]


@dataclass(frozen=True, slots=True)
class PendingTask:
    """The resolve task a message waits on (``type``, e.g. ``answered-questions``) and the part that asks."""

    type: str
    part_index: int
    part: dict[str, Any]


def pending_task(message: BaseModel | dict[str, Any]) -> PendingTask | None:
    """Return what the assistant ``message`` waits on, or None when it waits on nothing."""
    data = message.model_dump(mode="json", by_alias=True) if isinstance(message, BaseModel) else message
    if data.get("role") != "assistant":
        return None
    parts = data.get("parts") or []
    for index in range(len(parts) - 1, -1, -1):
        part = parts[index]
        if isinstance(part, dict) and (task := _asks(part)) is not None:
            return PendingTask(task, index, part)
    return None


def _asks(part: dict[str, Any]) -> str | None:
    if part.get("type") == "tool-call":
        return "confirmed-permissions" if part.get("suggestedPermissions") else None
    data = part.get("data")
    if part.get("type") != "agent-action" or not isinstance(data, dict) or not data:
        return None
    name = part.get("name")
    if name == "ask_user_questions" and "questions" in data:
        return "answered-questions"
    if name == "exit_plan_mode" and "plan" in data:
        return "plan-exit-response"
    if name == "get_or_request_integration" and "requestedIntegrations" in data:
        return "confirmed-steps"
    if name == "configure_vercel_connect" and data.get("status") == "setup-required":
        return "vercel-connect-setup"
    if name == "configure_vercel_connect" and data.get("status") == "authorization-required":
        return "vercel-connect-authorization"  # in later docs only, not in the spec yet
    return None
