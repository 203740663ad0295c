"""Handlers of messages: list, get, send (sync, stream, async), resolve a task (three modes), stop.

Resolving follows the rule of the v2 reference pages: the chat's latest message must be
a finished assistant message blocked on the same task type, else 409; a payload that
resolves nothing (blank plan response, no answers, no permissions, answers to questions
that were not asked) is 422; a Vercel Connect setup still pending is 409. Resolving
starts a new assistant message, as sending does (no user message is recorded). Sending
while a generation runs stops it first (``messages.send*`` declare no 409).
"""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from .._clock import iso
from .._errors import ApiError
from ._chats import begin, decode_cursor, encode_cursor, wait_for
from ._lifecycle import start_generation, stop
from ._registry import V2Call, handles
from ._shapes import message_json
from ._state import Chat, Message
from ._stream import message_stream

__all__: list[str] = []

JSON = dict[str, Any]
_CONTINUE = {
    "answered-questions": "Continue with the answers to your questions",
    "plan-exit-response": "Continue with the plan",
    "confirmed-steps": "Continue with the connected integrations",
    "confirmed-permissions": "Continue after the migration ran",
    "vercel-connect-setup": "Continue with the Linear connector",
}


@handles("messages.list")
def list_messages(call: V2Call) -> JSON:
    chat = call.ws.chat(call.params["chatId"])
    newest_first = list(reversed(call.ws.chat_messages(chat)))
    start = decode_cursor(call.query.get("cursor"))
    limit = int(call.query.get("limit", 20))
    page = newest_first[start : start + limit]
    more = start + limit < len(newest_first)
    return {
        "messages": [message_json(call.ws, m, call.now) for m in page],
        "cursor": encode_cursor(start + limit) if more else None,
    }


@handles("messages.get")
def get(call: V2Call) -> JSON:
    chat = call.ws.chat(call.params["chatId"])
    return message_json(call.ws, call.ws.message(chat, call.params["messageId"]), call.now)


def _send(call: V2Call) -> tuple[Chat, Message]:
    chat = call.ws.chat(call.params["chatId"])
    latest = call.ws.latest(chat)
    if latest is not None and not latest.finished:
        stop(call.ws, latest, now=call.now)  # send declares no 409: a new message interrupts, as in v0's editor
    for server_id in call.body.get("mcpServerIds") or []:
        call.ws.mcp_server(server_id)
    return chat, begin(call, chat, call.body)


@handles("messages.send")
async def send(call: V2Call) -> JSON:
    _, message = _send(call)
    await wait_for(call, message)
    return message_json(call.ws, message, call.clock())


@handles("messages.sendStream")
def send_stream(call: V2Call) -> Response:
    chat, message = _send(call)
    return message_stream(call, chat, message)


@handles("messages.sendAsync")
def send_async(call: V2Call) -> JSON:
    _, message = _send(call)
    return {"messageId": message.id}


def _resolve(call: V2Call) -> tuple[Chat, Message]:
    chat = call.ws.chat(call.params["chatId"])
    task = call.body["task"]
    kind = task["type"]
    latest = call.ws.latest(chat)
    if latest is None or latest.role != "assistant" or not latest.finished:
        raise ApiError(409, "The chat is not waiting for input: its latest message is not a finished assistant message")
    waiting = latest.blocked_on
    if waiting is None:
        raise ApiError(409, "The chat is not waiting for input: read the latest message")
    if waiting != kind:
        raise ApiError(409, f"The chat is waiting on a {waiting!r} task, not {kind!r}")
    _check_payload(call, latest, task)
    latest.task_resolved = True
    if kind == "confirmed-permissions":
        _ran_tool(latest, call.now)
    model = (call.body.get("modelConfiguration") or {}).get("modelId", latest.model_id)
    message = start_generation(
        call.ws,
        chat,
        _CONTINUE[kind],
        now=call.now,
        duration=call.api.config.generation_delay,
        seed=call.api.config.seed,
        model_id=str(model),
    )
    return chat, message


def _check_payload(call: V2Call, latest: Message, task: JSON) -> None:
    kind = task["type"]
    block = next((p for p in reversed(latest.parts) if p.get("type") in ("agent-action", "tool-call")), {})
    if kind == "plan-exit-response" and not task["content"].strip():
        raise ApiError(422, "Invalid request body: task.content: must not be blank")
    if kind == "answered-questions":
        asked = {q["id"] for q in block.get("data", {}).get("questions", [])}
        answered = [a["questionId"] for a in task["answers"]]
        if not answered:
            raise ApiError(422, "Invalid request body: task.answers: answer at least one question")
        unknown = sorted(set(answered) - asked)
        if unknown:
            raise ApiError(422, f"Invalid request body: task.answers: no such question {unknown[0]!r}")
    if kind == "confirmed-permissions":
        if not task["permissions"]:
            raise ApiError(422, "Invalid request body: task.permissions: confirm at least one permission")
        suggested = {p["toolName"] for p in block.get("suggestedPermissions", [])}
        for index, permission in enumerate(task["permissions"]):
            if permission["toolName"] not in suggested:
                raise ApiError(
                    422, f"Invalid request body: task.permissions.{index}.toolName: not a suggested permission"
                )
    if kind == "vercel-connect-setup":
        request = next((r for r in call.ws.connect.values() if r.message_id == latest.id), None)
        if request is None:
            raise ApiError(404, "No Vercel Connect setup was started for this chat")
        if call.now < request.ready_at:
            raise ApiError(409, "The Vercel Connect setup is still pending: poll chats.getConnectStatus until ready")


def _ran_tool(message: Message, now: float) -> None:
    """The approved tool runs: its part loses ``suggestedPermissions`` and gains an output."""
    for part in reversed(message.parts):
        if part.get("type") == "tool-call" and part.get("suggestedPermissions"):
            del part["suggestedPermissions"]
            part["output"] = "applied 1 migration"
            part["finishedAt"] = iso(now)
            break


@handles("messages.resolve")
async def resolve(call: V2Call) -> JSON:
    _, message = _resolve(call)
    await wait_for(call, message)
    return message_json(call.ws, message, call.clock())


@handles("messages.resolveStream")
def resolve_stream(call: V2Call) -> Response:
    chat, message = _resolve(call)
    return message_stream(call, chat, message)


@handles("messages.resolveAsync")
def resolve_async(call: V2Call) -> JSON:
    _, message = _resolve(call)
    return {"messageId": message.id}


@handles("messages.stop")
def stop_message(call: V2Call) -> JSON:
    chat = call.ws.chat(call.params["chatId"])
    message = call.ws.message(chat, call.params["messageId"])
    if message.finished:
        raise ApiError(409, "The message has already finished")
    stop(call.ws, message, now=call.now)
    return {"messageId": message.id}
