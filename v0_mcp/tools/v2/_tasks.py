"""What v0 asks when a generation stops for input, and the exact ``resolve_task`` call that answers it.

:func:`~v0_mcp.api.v2.pending_task` finds the part a blocked message waits on;
here it becomes a ``needsInput`` an agent can act on: the question in short, and
a ``resolve_task`` call with the ids filled in and placeholders only where the
user's choice goes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict

from .._results import clip

if TYPE_CHECKING:
    from ...api.v2 import PendingTask

__all__ = ["NeedsInput", "needs_input"]


class NeedsInput(BaseModel):
    """v0 waits on the user: what it asks and the call that answers it."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    task: str  # the resolve task type, e.g. answered-questions
    asks: str  # what v0 asks, in words
    details: dict[str, Any] | None = None  # the questions and options, the plan, the permissions
    resolve: dict[str, Any]  # {"tool": "resolve_task", "arguments": {...}}: fill in the <...> placeholders


def needs_input(chat_id: str, task: PendingTask) -> NeedsInput:
    """Return what ``task`` asks and the resolve_task call that answers it."""
    part, data = task.part, task.part.get("data") or {}
    details: dict[str, Any] | None = None
    answer: dict[str, Any] = {"type": task.type}
    if task.type == "answered-questions":
        questions = [q for q in data.get("questions") or [] if isinstance(q, dict)]
        details = {
            "questions": [
                {
                    "id": q.get("id"),
                    "question": q.get("question"),
                    "multiSelect": bool(q.get("multiSelect")),
                    "options": [o.get("label") for o in q.get("options") or [] if isinstance(o, dict)],
                }
                for q in questions
            ]
        }
        answer["answers"] = [
            {
                "questionId": q.get("id"),
                "questionText": q.get("question"),
                "selectedLabels": ["<one of the options' labels>"],
            }
            for q in questions
        ]
        asks = f"v0 asks {len(questions)} question(s) before it goes on: ask the user, then answer them all."
    elif task.type == "plan-exit-response":
        details = {"plan": clip(str(data.get("plan") or ""), 2_000), "summary": data.get("summary")}
        answer |= {"status": "<approved|rejected|request-changes>", "content": "<the user's words on the plan>"}
        asks = "v0 proposes a plan: show it to the user, then approve, reject or request changes."
    elif task.type == "confirmed-permissions":
        # Sent back as v0 suggested them, without the nulls of fields v0 left out (resolve refuses null).
        suggested = [p for p in part.get("suggestedPermissions") or [] if isinstance(p, dict)]
        permissions = [{key: value for key, value in p.items() if value is not None} for p in suggested]
        details = {"tool": part.get("name"), "input": part.get("input")}
        answer["permissions"] = permissions
        asks = f"v0 asks permission to run {part.get('name')!r}: ask the user; to allow it, send this call as is."
    elif task.type == "confirmed-steps":
        wanted = data.get("requestedIntegrations") or []
        presets = data.get("requestedMcpPresets") or []
        details = {"integrations": wanted, "mcpPresets": presets}
        answer |= {"connectedIntegrationNames": wanted, "connectedMcpPresetNames": presets}
        asks = (
            "v0 needs integrations connected on v0.app: ask the user to connect them, "
            "then send this call listing the ones connected."
        )
    elif task.type == "vercel-connect-setup":
        keep = ("requestId", "service", "connectorName", "setupUrl", "status")
        details = {key: data[key] for key in keep if data.get(key) is not None}
        asks = (
            "v0 needs a Vercel Connect setup: have the user open setupUrl, check it with "
            "get_connect_status(chatId, requestId) until ready, then send this call."
        )
    else:
        asks = f"v0 waits on {task.type!r}, which this server cannot answer: open the chat on v0.app to go on."
    return NeedsInput(
        task=task.type,
        asks=asks,
        details=details,
        resolve={"tool": "resolve_task", "arguments": {"chatId": chat_id, "task": answer}},
    )
