"""API v2's generation tools: start with the async endpoints, wait within the budget, say what v0 asks.

``create_chat``, ``send_message`` and ``resolve_task`` start a generation with
``chats.createAsync``, ``messages.sendAsync`` and ``messages.resolveAsync`` (ids
at once), then wait with the shared machinery (:func:`~v0_mcp.tools._generation.wait_for`),
whose progress the v2 adapter fills with what v0 is doing (the file it edits, its
text). The finished message is read once more for what a v1 result never had: the
files it edited, and ``needsInput`` when v0 stopped to ask. A failed generation
(``finishReason`` error, content-filter, length) is a tool error that says what to do.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Annotated, Any, Final, Literal

import anyio
from mcp.server.mcpserver import Context
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import CallToolResult, ResourceLink
from pydantic import Field
from pydantic.fields import FieldInfo

from ...api import V0Client
from ...uris import chat_file_uri
from .._endpoint import DOCS
from .._errors import agent_errors
from .._generation import WAIT_FIELD, Progress, wait_for
from .._results import Result, chat_link, clip, messages_link, mime_type_for, render
from .._runtime import Runtime, runtime_of
from .._schema import FieldSpec, argument_fields
from .._spec import Declared, ToolSpec
from ._adapter import V2
from ._shapes import doing_of, edited_files, message_text
from ._tasks import NeedsInput, needs_input
from ._vocabulary import VOCABULARY

__all__ = ["Resumed", "V2Generation", "generation", "resume_chat", "wait_for_generation"]

logger = logging.getLogger(__name__)

_FAILED: Final[Mapping[str, str]] = {
    "error": "v0 failed while generating",
    "content-filter": "v0's content filter stopped the generation",
    "length": "the generation hit v0's length limit before it finished",
}
_WHAT_TO_DO: Final[Mapping[str, str]] = {
    "error": "Send the request again with send_message, perhaps in smaller steps.",
    "content-filter": "Rephrase the request and send it with send_message.",
    "length": "Ask for the rest with send_message (e.g. 'continue'), or split the change into smaller steps.",
}


class GenerationFailed(ToolError):
    """v0 ended the generation with a failure: reported as is, never as a lost wait."""


class V2Generation(Result):
    """Where a v2 generation stands: finished with its reply, blocked on a question, or still pending."""

    chatId: str
    messageId: str | None = None
    status: Literal["completed", "pending", "needs-input"]
    finishReason: str | None = None
    reply: str | None = None
    filesEdited: list[str] | None = None
    needsInput: NeedsInput | None = None
    previewUrl: str | None = None
    waitedSeconds: float = 0.0


def _pending_note(chat_id: str, message_id: str | None) -> str:
    args = f'chatId="{chat_id}"' + (f', messageId="{message_id}"' if message_id else "")
    return f"v0 is still generating. Call wait_for_generation({args}) to keep waiting; nothing is lost."


def _links(result: V2Generation) -> list[ResourceLink]:
    links = [chat_link(result.chatId), messages_link(result.chatId)]
    for path in (result.filesEdited or [])[:20]:
        uri = chat_file_uri(result.chatId, path)
        links.append(
            ResourceLink(
                type="resource_link", uri=uri, name=path, description=f"{path} now", mime_type=mime_type_for(path)
            )
        )
    return links


async def _outcome(
    v0: V0Client, runtime: Runtime, chat_id: str, message_id: str | None, status: str, waited: float
) -> V2Generation:
    """Read the message a wait ended on and say what it did, what it asks, or how it failed."""
    if status == "pending":
        return V2Generation(
            chatId=chat_id,
            messageId=message_id,
            status="pending",
            waitedSeconds=round(waited, 1),
            note=_pending_note(chat_id, message_id),
        )
    runtime.forget_files(chat_id)  # the generation may have changed any file
    if message_id:
        message = await v0.call("messages.get", chatId=chat_id, messageId=message_id)
    else:
        message = await V2.latest_message(v0, chat_id)
    if message is None:
        return V2Generation(chatId=chat_id, status="completed", waitedSeconds=round(waited, 1))
    from ...api.v2 import pending_task  # loads v2's models: a call needs them, a server start does not

    reason = message.finishReason
    if reason in _FAILED:
        raise GenerationFailed(
            f"{_FAILED[reason]} (finishReason {reason!r}) in chat {chat_id}, message {message.id}. "
            f"{_WHAT_TO_DO[reason]} The chat and its files are as they were before this message."
        )
    parts = message.parts
    task = pending_task(message)
    text = (message.content or "").strip() or message_text(parts)
    return V2Generation(
        chatId=chat_id,
        messageId=message.id,
        status="needs-input" if task is not None else "completed",
        finishReason=reason,
        reply=clip(text) or None,
        filesEdited=edited_files(parts) or None,
        needsInput=needs_input(chat_id, task) if task is not None else None,
        previewUrl=runtime.preview_url(chat_id, v0),
        waitedSeconds=round(waited, 1),
        note="v0 waits on the user: answer with the resolve_task call in needsInput." if task is not None else None,
    )


async def _wait(
    ctx: Context[Any, Any],
    v0: V0Client,
    runtime: Runtime,
    chat_id: str,
    message_id: str | None,
    budget: float,
    progress: Progress | None = None,
) -> V2Generation:
    waited = await wait_for(ctx, v0, runtime, chat_id, message_id, budget, progress)
    return await _outcome(v0, runtime, chat_id, waited.messageId or message_id, waited.status, waited.waitedSeconds)


def _start_handler(tool: str) -> Any:
    exposure = VOCABULARY[tool]

    async def handle(ctx: Context[Any, Any], args: dict[str, Any]) -> CallToolResult:
        budget = args.pop("waitSeconds", 0)
        runtime = runtime_of(ctx)
        v0 = runtime.client_for(ctx)
        op = VOCABULARY.operation(tool)
        with agent_errors(args, tool=exposure, op=op):
            started = await v0.call(op, **args)
        chat_id = str(getattr(started, "chatId", None) or args["chatId"])
        message_id = getattr(started, "messageId", None)
        runtime.forget_files(chat_id)
        progress = Progress(ctx, budget, runtime.clock)  # one per call: its values strictly increase
        await progress(f"v0 started: chat {chat_id}")
        if budget == 0:
            return _render(await _outcome(v0, runtime, chat_id, message_id, "pending", 0.0))
        try:
            with agent_errors(args):
                result = await _wait(ctx, v0, runtime, chat_id, message_id, budget, progress)
        except anyio.get_cancelled_exc_class():
            with anyio.CancelScope(shield=True), anyio.move_on_after(10):
                if message_id:
                    try:  # a real cancel of the call that started it: stop v0 too
                        await runtime.adapter.stop(v0, chat_id, message_id)
                    except Exception as exc:
                        logger.warning("could not stop generation %s: %s", message_id, type(exc).__name__)
            raise
        except GenerationFailed:
            raise
        except ToolError as exc:
            result = _lost(chat_id, message_id, str(exc))
        except Exception as exc:  # the chat exists: never lose its id, whatever went wrong while waiting
            logger.warning("lost track of generation in chat %s: %s", chat_id, type(exc).__name__)
            result = _lost(chat_id, message_id, "v0 did not answer")
        return _render(result)

    return handle


def _lost(chat_id: str, message_id: str | None, reason: str) -> V2Generation:
    note = f"Waiting failed ({reason}). " + _pending_note(chat_id, message_id)
    return V2Generation(chatId=chat_id, messageId=message_id, status="pending", note=note)


def _render(result: V2Generation) -> CallToolResult:
    return render(result, _links(result))


def generation(
    tool: str,
    *,
    title: str,
    description: str,
    docs: Mapping[str, str] | None = None,
    hide: frozenset[str] = frozenset(),
) -> ToolSpec:
    """Declare a v2 tool that starts a generation with its async endpoint and waits for it.

    ``hide`` leaves out body fields an agent building an app does not need, which the
    builder profile's context budget cannot afford (v0 applies their defaults).
    """
    exposure = VOCABULARY[tool]

    def declare() -> Declared:
        op = VOCABULARY.operation(tool)
        fields = argument_fields(op, hide=hide)
        fields["waitSeconds"] = WAIT_FIELD
        return Declared(fields, V2Generation, op, frozenset({"waitSeconds"}))

    return ToolSpec.for_operation(
        exposure,
        title=title,
        description=description,
        declare=declare,
        handler=_start_handler(tool),
        docs={**DOCS, **(docs or {})},
    )


async def _wait_handler(ctx: Context[Any, Any], args: dict[str, Any]) -> CallToolResult:
    runtime = runtime_of(ctx)
    v0 = runtime.client_for(ctx)
    chat_id, message_id = args["chatId"], args.get("messageId")
    with agent_errors(args):
        if message_id:
            role = await runtime.adapter.message_role(v0, chat_id, message_id)
            if role != "assistant":
                raise ToolError(
                    f"messageId {message_id!r} is the user's message, not v0's reply: pass the messageId "
                    "from the generation result, or leave messageId out to wait for the chat's latest reply."
                )
        result = await _wait(ctx, v0, runtime, chat_id, message_id, args["waitSeconds"])
    return _render(result)


def wait_for_generation() -> ToolSpec:
    """Declare v2's ``wait_for_generation``: a workflow tool over ``messages.get`` and ``chats.resume``."""
    exposure = VOCABULARY["wait_for_generation"]
    fields: dict[str, FieldSpec] = {
        "chatId": (str, FieldInfo(min_length=1)),
        "messageId": (Annotated[str, Field(min_length=1)] | None, FieldInfo(default=None)),
        "waitSeconds": WAIT_FIELD,
    }
    return ToolSpec(
        name=exposure.tool,
        title="Wait for generation",
        description=(
            "Wait for a pending generation: returns reply and files edited, needsInput when v0 asks, or pending again."
        ),
        toolset=exposure.toolset,
        kind=exposure.kind,
        builder=exposure.builder,
        handler=_wait_handler,
        declare=lambda: Declared(fields, V2Generation, None, frozenset({"waitSeconds"})),
        docs=DOCS,
    )


class Resumed(Result):
    """What following a chat's generation brought: the message it ended on, or pending."""

    chatId: str
    messageId: str | None = None
    status: Literal["completed", "pending"]
    events: int = 0
    reply: str | None = None
    filesEdited: list[str] | None = None


async def _resume_handler(ctx: Context[Any, Any], args: dict[str, Any]) -> CallToolResult:
    from ...api.v2 import resume_generation

    runtime = runtime_of(ctx)
    v0 = runtime.client_for(ctx)
    chat_id, budget = args["chatId"], args["waitSeconds"]
    progress = 0

    async def relay(_: Any, state: Any) -> None:
        nonlocal progress
        progress += 1
        await ctx.report_progress(progress, None, doing_of(state.parts) or "v0 is generating")

    state = None
    with agent_errors(args), anyio.move_on_after(budget):
        state = await resume_generation(v0, chat_id, on_event=relay)
    if state is None:
        result = Resumed(chatId=chat_id, status="pending", events=progress, note=_pending_note(chat_id, None))
    else:
        runtime.forget_files(chat_id)
        text = message_text(state.parts)
        result = Resumed(
            chatId=chat_id,
            messageId=state.message_id,
            status="completed",
            events=state.events,
            reply=clip(text) or None,
            filesEdited=edited_files(state.parts) or None,
        )
    return render(result, [chat_link(chat_id), messages_link(chat_id)])


def resume_chat() -> ToolSpec:
    """Declare ``resume_chat``: follow the chat's running generation live until it ends (within waitSeconds)."""
    exposure = VOCABULARY["resume_chat"]
    fields: dict[str, FieldSpec] = {"chatId": (str, FieldInfo(min_length=1)), "waitSeconds": WAIT_FIELD}
    return ToolSpec.for_operation(
        exposure,
        title="Follow a generation",
        description="Follow a chat's running generation live until it ends; returns its text and files edited.",
        declare=lambda: Declared(fields, Resumed, VOCABULARY.operation("resume_chat"), frozenset({"waitSeconds"})),
        handler=_resume_handler,
        docs=DOCS,
    )
