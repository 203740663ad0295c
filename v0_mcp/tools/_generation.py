"""Long generations: start in v0's async mode, wait within a budget, never lose the chat.

``create_chat``, ``init_chat``, ``send_message`` and ``resolve_task`` start a
generation with ``responseMode: "async"`` and then wait for it here, sending MCP
progress notifications. If the budget runs out the result still carries the
chat and message ids with ``status: "pending"``; ``wait_for_generation`` picks
the wait up again. If the client cancels the call that started a generation,
v0's stop-message is called for it; cancelling ``wait_for_generation`` only
stops waiting.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Final, Literal

import anyio
from mcp.server.mcpserver import Context
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import CallToolResult, ResourceLink
from pydantic import Field
from pydantic.fields import FieldInfo

from ..api import ContentAccumulator, Operation, V0Client, V0Error
from ._endpoint import DOCS
from ._errors import agent_errors
from ._registry import ToolSpec
from ._results import Result, chat_link, clip, file_link, messages_link, render, version_link
from ._runtime import Runtime, runtime_of
from ._schema import FieldSpec, argument_fields
from ._shapes import FileInfo, files_of, last_assistant
from ._vocabulary import Exposure, Vocabulary

__all__ = ["Generation", "generation", "wait_for", "wait_for_generation"]

logger = logging.getLogger(__name__)

MAX_WAIT: Final = 600
WAIT_FIELD: Final[FieldSpec] = (
    int,
    FieldInfo(default=120, ge=0, le=MAX_WAIT, description="Max seconds to wait; 0 returns at once"),
)


class Generation(Result):
    """Where a generation stands: finished with its reply and files, or still pending."""

    chatId: str
    messageId: str | None = None
    versionId: str | None = None
    status: Literal["completed", "failed", "pending"]
    name: str | None = None
    reply: str | None = None
    webUrl: str | None = None
    demoUrl: str | None = None
    files: list[FileInfo] | None = None
    waitedSeconds: float = 0.0


def _status(chat: Any, message_id: str | None) -> tuple[str, Any]:
    """Return the generation status of a chat detail and its assistant message."""
    messages = getattr(chat, "messages", None) or []
    message = next((m for m in messages if m.id == message_id), None) if message_id else None
    message = message or last_assistant(chat)
    version = getattr(chat, "latestVersion", None)
    version_status = getattr(version, "status", None)
    finish = getattr(message, "finishReason", None) if message is not None else None
    if version_status == "pending" or (message is not None and finish is None):
        return "pending", message
    if version_status == "failed" or finish == "error":
        return "failed", message
    return "completed", message


def _result(chat: Any, status: str, message: Any, waited: float, note: str | None = None) -> Generation:
    version = getattr(chat, "latestVersion", None)
    files = getattr(version, "files", None) if version is not None else None
    return Generation(
        chatId=chat.id,
        messageId=getattr(message, "id", None),
        versionId=getattr(version, "id", None),
        status=status,
        name=getattr(chat, "name", None),
        reply=clip(getattr(message, "content", None)) if status != "pending" else None,
        webUrl=getattr(chat, "webUrl", None),
        demoUrl=getattr(version, "demoUrl", None),
        files=files_of(files) if files is not None and status != "pending" else None,
        waitedSeconds=round(waited, 1),
        note=note,
    )


def _links(result: Generation) -> list[ResourceLink]:
    links = [chat_link(result.chatId), messages_link(result.chatId)]
    if result.versionId:
        links.append(version_link(result.chatId, result.versionId))
        links.extend(file_link(result.chatId, result.versionId, f.name, size=f.size) for f in (result.files or [])[:20])
    return links


def _pending_note(chat_id: str, message_id: str | None) -> str:
    args = f'chatId="{chat_id}"' + (f', messageId="{message_id}"' if message_id else "")
    return f"v0 is still generating. Call wait_for_generation({args}) to keep waiting; nothing is lost."


def _doing(text: str | None) -> str:
    """Say in a few words what v0 is doing, from the last line of prose of its partial reply."""
    lines = [line.strip() for line in (text or "").splitlines()]
    prose = [line for line in lines if line and not line.startswith("```")]
    if not prose:
        return "v0 is generating"
    last = prose[-1]
    return "v0 is generating: " + (last if len(last) <= 80 else "…" + last[-79:])


class Progress:
    """MCP progress for one call: seconds waited, strictly increasing as the protocol requires."""

    def __init__(self, ctx: Context[Any, Any], total: float) -> None:
        self._ctx = ctx
        self._total = total or None
        self._start = anyio.current_time()
        self._last = -1.0

    @property
    def waited(self) -> float:
        return anyio.current_time() - self._start

    async def __call__(self, message: str) -> None:
        value = max(round(self.waited, 3), self._last + 0.001)
        self._last = value
        await self._ctx.report_progress(value, self._total, message)


async def wait_for(
    ctx: Context[Any, Any],
    v0: V0Client,
    runtime: Runtime,
    chat_id: str,
    message_id: str | None,
    budget: float,
    progress: Progress | None = None,
) -> Generation:
    """Wait until the chat's generation finishes or ``budget`` seconds pass, reporting progress.

    The generation is followed live through v0's resume stream, so progress says
    what v0 is writing as it writes it; the chat is then polled for the outcome
    (and polled throughout if the stream is not available).
    """
    progress = progress or Progress(ctx, budget)
    if message_id and budget > 0 and runtime.follow_streams:
        with anyio.move_on_after(budget - progress.waited):
            await _follow(v0, chat_id, message_id, progress)
    interval = runtime.poll_interval
    while True:
        chat = await v0.call("chats.getById", chatId=chat_id)
        status, message = _status(chat, message_id)
        message_id = message_id or getattr(message, "id", None)
        waited = progress.waited
        if status != "pending":
            await progress(f"v0 finished: {status}")
            return _result(chat, status, message, waited)
        await progress(_doing(getattr(message, "content", None)))
        if waited >= budget:
            return _result(chat, "pending", message, waited, note=_pending_note(chat_id, message_id))
        await anyio.sleep(min(interval, budget - waited))
        interval = min(interval * 1.5, runtime.max_poll_interval)


@dataclass
class Followed:
    """What v0's stream of one message carried: how many events, the text so far, the last chat snapshot."""

    events: int = 0
    text: str = ""
    chat: Any = None


async def follow(v0: V0Client, chat_id: str, message_id: str, on_text: Callable[[str], Awaitable[None]]) -> Followed:
    """Read v0's resume stream of a message to its end, calling ``on_text`` with the text after each chunk."""
    followed, content = Followed(), ContentAccumulator()
    async with v0.stream("chats.resume", chatId=chat_id, messageId=message_id) as events:
        async for event in events:
            followed.events += 1
            if event.object == "message.experimental_content.chunk":
                content.apply(event.delta)
                followed.text = content.text
                await on_text(followed.text)
            elif event.object == "chat":
                followed.chat = event.data
    return followed


async def _follow(v0: V0Client, chat_id: str, message_id: str, progress: Progress) -> None:
    """Relay v0's stream of the generation as progress until it ends; any failure leaves it to polling."""

    async def relay(text: str) -> None:
        await progress(_doing(text))

    try:
        await follow(v0, chat_id, message_id, relay)
    except V0Error as exc:
        logger.info("could not follow generation %s live (%s); polling instead", message_id, type(exc).__name__)


async def _stop(v0: V0Client, chat_id: str, message_id: str | None) -> None:
    if not message_id:
        return
    with anyio.CancelScope(shield=True), anyio.move_on_after(10):
        try:
            await v0.call("chats.stop", chatId=chat_id, messageId=message_id)
            logger.info("stopped generation %s of chat %s after the client cancelled", message_id, chat_id)
        except V0Error as exc:
            logger.warning("could not stop generation %s of chat %s: %s", message_id, chat_id, type(exc).__name__)


def _start_handler(exposure: Exposure, op: Operation, *, async_mode: bool) -> Any:
    # chats.init has no responseMode: it always answers the finished chat.
    mode = {"responseMode": "async"} if async_mode else {}

    async def handle(ctx: Context[Any, Any], args: dict[str, Any]) -> CallToolResult:
        budget = args.pop("waitSeconds", 0)
        runtime = runtime_of(ctx)
        v0 = runtime.client_for(ctx)
        with agent_errors(args, tool=exposure, op=op):
            chat = await v0.call(op, **args, **mode)
        status, message = _status(chat, None)
        message_id = getattr(message, "id", None)
        progress = Progress(ctx, budget)
        await progress(f"v0 started: chat {chat.id}")
        if status != "pending" or budget == 0:
            note = _pending_note(chat.id, message_id) if status == "pending" else None
            result = _result(chat, status, message, 0.0, note=note)
            return render(result, _links(result))
        try:
            with agent_errors(args):
                result = await wait_for(ctx, v0, runtime, chat.id, message_id, budget, progress)
        except anyio.get_cancelled_exc_class():
            await _stop(v0, chat.id, message_id)
            raise
        except Exception as exc:
            # The chat exists: never lose its id, whatever went wrong while waiting.
            logger.warning("lost track of generation in chat %s while waiting: %s", chat.id, type(exc).__name__)
            reason = str(exc) if isinstance(exc, ToolError) else "v0 did not answer"
            note = f"Waiting failed ({reason}). " + _pending_note(chat.id, message_id)
            result = _result(chat, "pending", message, 0.0, note=note)
        return render(result, _links(result))

    return handle


def generation(
    vocabulary: Vocabulary, tool: str, *, title: str, description: str, docs: Mapping[str, str] | None = None
) -> ToolSpec:
    """Declare a tool that starts a generation (its operation takes ``responseMode``)."""
    exposure, op = vocabulary[tool], vocabulary.operation(tool)
    async_mode = "responseMode" in argument_fields(op)
    fields = argument_fields(op, hide=frozenset({"responseMode"}))
    if async_mode:  # chats.init answers at once: nothing to wait for
        fields["waitSeconds"] = WAIT_FIELD
    return ToolSpec.for_operation(
        exposure,
        op,
        title=title,
        description=description,
        fields=fields,
        output=Generation,
        handler=_start_handler(exposure, op, async_mode=async_mode),
        docs={**DOCS, **(docs or {})},
        own=frozenset({"waitSeconds"}) if async_mode else frozenset(),
    )


async def _wait_handler(ctx: Context[Any, Any], args: dict[str, Any]) -> CallToolResult:
    runtime = runtime_of(ctx)
    v0 = runtime.client_for(ctx)
    with agent_errors(args):
        if args.get("messageId"):
            message = await v0.call("chats.getMessage", chatId=args["chatId"], messageId=args["messageId"])
            if message.role != "assistant":
                raise ToolError(
                    f"messageId {args['messageId']!r} is the user's message, not v0's reply: pass the messageId "
                    "from the generation result, or leave messageId out to wait for the chat's latest reply."
                )
        result = await wait_for(ctx, v0, runtime, args["chatId"], args.get("messageId"), args["waitSeconds"])
    return render(result, _links(result))


def wait_for_generation(vocabulary: Vocabulary) -> ToolSpec:
    """Declare ``wait_for_generation``, a workflow tool of ``vocabulary`` that no single operation backs."""
    exposure = vocabulary["wait_for_generation"]
    return ToolSpec(
        name=exposure.tool,
        title="Wait for generation",
        description="Wait for a pending generation to finish: returns reply, demoUrl and files, or pending again.",
        toolset=exposure.toolset,
        kind=exposure.kind,
        builder=exposure.builder,
        fields={
            "chatId": (str, FieldInfo(min_length=1)),
            "messageId": (Annotated[str, Field(min_length=1)] | None, FieldInfo(default=None)),
            "waitSeconds": WAIT_FIELD,
        },
        output=Generation,
        handler=_wait_handler,
        docs=DOCS,
        own=frozenset({"waitSeconds"}),
    )
