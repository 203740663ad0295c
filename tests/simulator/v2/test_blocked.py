"""Blocked generations of each resolve task type, and their resolution in the three modes."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from v0_mcp.simulator import ManualClock, Simulator

from ._reference import sse_events
from .conftest import EXAMPLES, check, check_error, new_chat, wait_done

TASKS = ("answered-questions", "plan-exit-response", "confirmed-steps", "confirmed-permissions", "vercel-connect-setup")


def pending_task(message: dict[str, Any]) -> str | None:
    """The client's detection rule (api-notes.md §8), scanning parts from the last to the first."""
    if message["role"] != "assistant":
        return None
    for part in reversed(message["parts"]):
        if part["type"] == "tool-call" and part.get("suggestedPermissions"):
            return "confirmed-permissions"
        data = part.get("data") if part["type"] == "agent-action" else None
        if data is None:
            continue
        name = part["name"]
        if name == "ask_user_questions" and "questions" in data:
            return "answered-questions"
        if name == "exit_plan_mode" and "plan" in data:
            return "plan-exit-response"
        if name == "get_or_request_integration" and "requestedIntegrations" in data:
            return "confirmed-steps"
        if name == "configure_vercel_connect" and data.get("status") == "setup-required":
            return "vercel-connect-setup"
    return None


def answer(task: str, message: dict[str, Any]) -> dict[str, Any]:
    """A resolve body built from the blocked message, as a client would."""
    part = message["parts"][-1]
    if task == "answered-questions":
        answers = [
            {"questionId": q["id"], "questionText": q["question"], "selectedLabels": [q["options"][0]["label"]]}
            for q in part["data"]["questions"]
        ]
        return {"type": task, "answers": answers}
    if task == "plan-exit-response":
        return {"type": task, "status": "approved", "content": "Go ahead"}
    if task == "confirmed-steps":
        return {
            "type": task,
            "connectedIntegrationNames": part["data"]["requestedIntegrations"],
            "connectedMcpPresetNames": [],
            "appliedScripts": [],
            "addedEnvVars": [],
        }
    if task == "confirmed-permissions":
        return {"type": task, "permissions": part["suggestedPermissions"]}
    return {"type": task}


def test_the_detection_rule_agrees_with_the_spec_examples() -> None:
    for path in sorted((EXAMPLES / "blocked").glob("*.json")):
        example = json.loads(path.read_text())
        assert pending_task(example["message"]) == example["taskType"], path.name


@pytest.mark.parametrize("task", TASKS)
async def test_a_blocked_generation_is_resolved_once(
    v2: httpx.AsyncClient, clock: ManualClock, sim: Simulator, task: str
) -> None:
    sim.v2.settings.connect_delay = 600
    chat_id, blocked = await new_chat(v2, clock, f"Build a signup page NEEDS_TASK:{task}")
    assert pending_task(blocked) == task and blocked["finishReason"] == "tool-calls"
    wrong = next(t for t in TASKS if t != task)
    other = {"task": {"type": wrong, "status": "approved", "content": "x"} if wrong == "plan-exit-response" else {}}
    if wrong != "plan-exit-response":
        other = {"task": answer(wrong, {"parts": [_fake_part(wrong)]})}
    check_error("messages.resolve", await v2.post(f"/chats/{chat_id}/messages/resolve", json=other), 409)
    if task == "vercel-connect-setup":
        request_id = blocked["parts"][-1]["data"]["requestId"]
        url = f"/chats/{chat_id}/connect/status"
        assert (
            check("chats.getConnectStatus", await v2.get(url, params={"requestId": request_id}))["status"] == "pending"
        )
        body = {"task": answer(task, blocked)}
        check_error("messages.resolve", await v2.post(f"/chats/{chat_id}/messages/resolve", json=body), 409)
        clock.advance(600)
        ready = check("chats.getConnectStatus", await v2.get(url, params={"requestId": request_id}))
        assert ready["status"] == "ready" and ready["connector"]["attachedToProject"]
        check_error("chats.getConnectStatus", await v2.get(url, params={"requestId": "vcr_unknown"}), 404)
    body = {"task": answer(task, blocked)}
    resolved = check("messages.resolveAsync", await v2.post(f"/chats/{chat_id}/messages/resolve/async", json=body), 202)
    assert resolved["messageId"] != blocked["id"]
    done = await wait_done(v2, clock, chat_id, resolved["messageId"])
    assert done["finishReason"] == "stop" and pending_task(done) is None
    check_error("messages.resolve", await v2.post(f"/chats/{chat_id}/messages/resolve", json=body), 409)
    if task == "confirmed-permissions":
        ran = check("messages.get", await v2.get(f"/chats/{chat_id}/messages/{blocked['id']}"))
        assert "suggestedPermissions" not in ran["parts"][-1] and ran["parts"][-1]["output"]


def _fake_part(task: str) -> dict[str, Any]:
    parts: dict[str, dict[str, Any]] = {
        "answered-questions": {"data": {"questions": [{"id": "q", "question": "?", "options": [{"label": "A"}]}]}},
        "confirmed-steps": {"data": {"requestedIntegrations": ["Neon"]}},
        "confirmed-permissions": {"suggestedPermissions": [{"type": "ALLOW_DYNAMIC_TOOL_STRICT", "toolName": "t"}]},
        "vercel-connect-setup": {},
    }
    return parts[task]


async def test_resolve_payloads_that_resolve_nothing_are_422(v2: httpx.AsyncClient, clock: ManualClock) -> None:
    chat_id, _ = await new_chat(v2, clock, "Build a page NEEDS_TASK:answered-questions")
    url = f"/chats/{chat_id}/messages/resolve"
    check_error(
        "messages.resolve", await v2.post(url, json={"task": {"type": "answered-questions", "answers": []}}), 422
    )
    unknown = {"questionId": "q_nope", "questionText": "?", "selectedLabels": ["A"]}
    bad = {"task": {"type": "answered-questions", "answers": [unknown]}}
    check_error("messages.resolve", await v2.post(url, json=bad), 422)
    check_error("messages.resolve", await v2.post(url, json={"task": {"type": "nope"}}), 422)
    chat_id, _ = await new_chat(v2, clock, "Build a page NEEDS_TASK:plan-exit-response")
    blank = {"task": {"type": "plan-exit-response", "status": "approved", "content": "  "}}
    check_error("messages.resolve", await v2.post(f"/chats/{chat_id}/messages/resolve", json=blank), 422)


async def test_resolve_stream_carries_the_new_message(v2: httpx.AsyncClient, clock: ManualClock) -> None:
    chat_id, blocked = await new_chat(v2, clock, "Build a page NEEDS_TASK:confirmed-steps")
    body = {"task": answer("confirmed-steps", blocked)}
    events = sse_events((await v2.post(f"/chats/{chat_id}/messages/resolve/stream", json=body)).text)
    assert events[0]["object"] == "message" and events[0]["id"] != blocked["id"]
    assert events[-1]["object"] == "message" and events[-1]["finishReason"] == "stop"
