"""Long generations: start without waiting on v0, wait within a budget, never lose the chat.

``create_chat``, ``init_chat``, ``send_message`` and ``resolve_task`` start a
generation in the way the API version's adapter says (v1: its async response
mode) and then wait for it here, sending MCP
progress notifications. If the budget runs out the result still carries the
chat and message ids with ``status: "pending"``; ``wait_for_generation`` picks
the wait up again.

Real hosts shape the wait: most give up on a call after 60 s, so the default
budget (:data:`DEFAULT_WAIT`) ends well before that, progress goes out at least
every :data:`PROGRESS_EVERY` seconds even while v0 is quiet (hosts that reset
their timeout on progress then keep waiting), and retries of v0 calls fit in
what is left of the budget. Only the client's own cancel of the call that
started a generation (``notifications/cancelled``) stops it on v0; a server
shutting down or a dropped connection leaves it running and logs its ids.
Cancelling ``wait_for_generation`` only stops waiting.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Annotated, Any, Final, Literal

import anyio
from mcp.server.mcpserver import Context
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import CallToolResult, ResourceLink
from pydantic import Field
from pydantic.fields import FieldInfo

from .._lifecycle import following, stopping
from .._sdk import cancel_requested
from ..api import Operation, RateLimited, V0APIError, V0Client, V0Error, V0TransportError, retry_budget
from ._adapter import ChatSnapshot, Followed
from ._endpoint import DOCS
from ._errors import agent_errors
from ._results import Result, chat_link, clip, file_link, made_anyway, messages_link, render, version_link
from ._runtime import Clock, Runtime, runtime_of
from ._schema import MAX_ID_CHARS, FieldSpec, argument_fields
from ._shapes import FileInfo
from ._spec import Declared, ToolSpec
from ._vocabulary import Exposure, Vocabulary

__all__ = ["DEFAULT_WAIT", "PROGRESS_EVERY", "Followed", "Generation", "generation", "wait_for", "wait_for_generation"]

logger = logging.getLogger(__name__)

MAX_WAIT: Final = 600
# Hosts commonly give up on a tool call after 60 s (the TypeScript SDK's default, the Inspector):
# the default wait returns pending with the ids well before that, so a host's timeout loses nothing.
DEFAULT_WAIT: Final = 45
PROGRESS_EVERY: Final = 4.0  # seconds between progress notifications at most, however quiet v0 is
WAIT_FIELD: Final[FieldSpec] = (
    int,
    FieldInfo(
        default=DEFAULT_WAIT,
        ge=0,
        le=MAX_WAIT,
        description="Then pending with the ids; 0 returns at once",
    ),
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


def _status(chat: ChatSnapshot) -> str:
    """Return the generation status of a chat snapshot and the assistant message it is about."""
    message = chat.reply
    if chat.version_status == "pending" or (message is not None and message.finish_reason is None):
        return "pending"
    if chat.version_status == "failed" or (message is not None and message.finish_reason == "error"):
        return "failed"
    return "completed"


def _result(chat: ChatSnapshot, status: str, waited: float, note: str | None = None) -> Generation:
    message = chat.reply
    return Generation(
        chatId=chat.chat_id,
        messageId=message.id if message is not None else None,
        versionId=chat.version_id,
        status=status,
        name=chat.name,
        reply=clip(message.content if message is not None else None) if status != "pending" else None,
        webUrl=chat.web_url,
        demoUrl=chat.demo_url,
        files=chat.files if status != "pending" else None,
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
    """MCP progress for one call: seconds waited, strictly increasing as the protocol requires.

    No ``total`` is sent: how long v0 takes is unknown, and a total of ``waitSeconds``
    made progress bars stop near its start when v0 finished early.
    """

    def __init__(self, ctx: Context[Any, Any], total: float, clock: Clock) -> None:
        del total  # the budget: kept in the signature for callers, no longer sent as the bar's total
        self._ctx = ctx
        self._clock = clock
        self._start = clock.now()
        self._last = -1.0
        self._sent_at = self._start
        self._doing = "v0 is generating"

    @property
    def waited(self) -> float:
        return self._clock.now() - self._start

    @property
    def quiet(self) -> float:
        """Seconds since the last notification."""
        return self._clock.now() - self._sent_at

    async def __call__(self, message: str) -> None:
        if message.startswith("v0 is generating"):
            self._doing = message
        await self._send(message)

    async def _send(self, message: str) -> None:
        value = max(round(self.waited, 3), self._last + 0.001)
        self._last = value
        self._sent_at = self._clock.now()
        await self._ctx.report_progress(value, None, message)

    async def beat(self) -> None:
        """Say again what v0 last did, with the time waited, so a quiet stretch still shows life."""
        await self._send(f"{self._doing} ({self.waited:.0f} s waited)")


async def _watch(runtime: Runtime, progress: Progress, budget: float, scope: anyio.CancelScope) -> None:
    """Send progress whenever nothing was said for a while, and end ``scope`` when the budget is spent."""
    while True:
        left = budget - progress.waited
        if left <= 0:
            scope.cancel()
            return
        due = PROGRESS_EVERY - progress.quiet
        if due <= 0:
            await progress.beat()
            continue
        await runtime.clock.sleep(min(due, left))


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
    (and polled throughout if the stream is not available). Retries of v0 calls
    fit in what is left of the budget; a rate limit or an outage of v0 while
    polling ends the wait as pending, with the ids and what happened.
    """
    progress = progress or Progress(ctx, budget, runtime.clock)
    with retry_budget(lambda: max(0.0, budget - progress.waited)):
        if message_id and budget > 0 and runtime.follow_streams:
            async with anyio.create_task_group() as tasks:
                tasks.start_soon(_watch, runtime, progress, budget, tasks.cancel_scope)
                await _follow(runtime, v0, chat_id, message_id, progress)
                tasks.cancel_scope.cancel()
        interval = runtime.poll_interval
        while True:
            try:
                chat = await runtime.adapter.chat(v0, chat_id, message_id)
            except (RateLimited, V0TransportError) as exc:
                return _interrupted(chat_id, message_id, progress.waited, exc)
            except V0APIError as exc:
                if exc.status < 500:
                    raise
                return _interrupted(chat_id, message_id, progress.waited, exc)
            status = _status(chat)
            message_id = message_id or (chat.reply.id if chat.reply is not None else None)
            waited = progress.waited
            if status != "pending":
                await progress(f"v0 finished: {status}")
                return _result(chat, status, waited)
            await progress(_doing(chat.reply.content if chat.reply is not None else None))
            if waited >= budget:
                return _result(chat, "pending", waited, note=_pending_note(chat_id, message_id))
            await _pause(runtime, progress, min(interval, budget - waited))
            interval = min(interval * 1.5, runtime.max_poll_interval)


async def _pause(runtime: Runtime, progress: Progress, seconds: float) -> None:
    """Sleep until the next poll, sending progress in between if the poll interval is long."""
    end = progress.waited + seconds
    while (left := end - progress.waited) > 0:
        due = PROGRESS_EVERY - progress.quiet
        if due <= 0:
            await progress.beat()
            continue
        await runtime.clock.sleep(min(left, due))


def _interrupted(chat_id: str, message_id: str | None, waited: float, exc: V0Error) -> Generation:
    """The wait could not go on (v0 rate-limited or failed): still pending, with the ids and why."""
    if isinstance(exc, RateLimited) and exc.retry_after is not None:
        why = f"v0 rate-limited the status checks (retry in {exc.retry_after:.0f} s)"
    elif isinstance(exc, RateLimited):
        why = "v0 rate-limited the status checks"
    elif isinstance(exc, V0APIError):
        why = f"v0 answered the status check with {exc.status}"
    else:
        why = "v0 did not answer the status check"
    logger.info("stopped waiting for chat %s early: %s", chat_id, why)
    return Generation(
        chatId=chat_id,
        messageId=message_id,
        status="pending",
        waitedSeconds=round(waited, 1),
        note=f"Stopped waiting early: {why}. " + _pending_note(chat_id, message_id),
    )


def _left_running(chat_id: str, message_id: str | None, ctx: Context[Any, Any]) -> bool:
    """Whether a cancelled wait must leave v0 generating: yes unless the client cancelled this very call.

    A ``notifications/cancelled`` for the call is the client's cancel. From 2026-07-28
    on the protocol has none: a client cancels a call by closing it, so a call
    closed while the process is not shutting down is the client's cancel too. Before
    that, a cancellation without the notification is a dropped connection.
    """
    if stopping():
        return True  # the shutdown logs what is left running
    try:
        session = ctx.request_context.session
    except ValueError:
        return True
    if cancel_requested(session) or (ctx.protocol_version or "") >= "2026-07-28":
        return False
    logger.warning(
        "the client's connection went away: v0 is still generating message %s of chat %s; it was left "
        "running: call wait_for_generation to pick it up",
        message_id or "(latest)",
        chat_id,
    )
    return True


async def _follow(runtime: Runtime, v0: V0Client, chat_id: str, message_id: str, progress: Progress) -> None:
    """Relay v0's stream of the generation as progress until it ends; any failure leaves it to polling.

    Run beside :func:`_watch`, which keeps progress going while the stream is quiet and ends it with the budget.
    """

    async def relay(text: str) -> None:
        await progress(_doing(text))

    try:
        await runtime.adapter.follow(v0, chat_id, message_id, relay)
    except V0Error as exc:
        logger.info("could not follow generation %s live (%s); polling instead", message_id, type(exc).__name__)


async def _stop(runtime: Runtime, v0: V0Client, chat_id: str, message_id: str | None) -> None:
    if not message_id:
        return
    with anyio.CancelScope(shield=True), anyio.move_on_after(10):
        try:
            await runtime.adapter.stop(v0, chat_id, message_id)
            logger.info("stopped generation %s of chat %s after the client cancelled", message_id, chat_id)
        except V0Error as exc:
            logger.warning("could not stop generation %s of chat %s: %s", message_id, chat_id, type(exc).__name__)


def _start_handler(exposure: Exposure, operation: Callable[[], Operation]) -> Any:
    async def handle(ctx: Context[Any, Any], args: dict[str, Any]) -> CallToolResult:
        budget = args.pop("waitSeconds", 0)
        runtime = runtime_of(ctx)
        v0 = runtime.client_for(ctx)
        op = operation()
        start = runtime.adapter.generation_start(op)
        with agent_errors(args, tool=exposure, op=op):
            response = await v0.call(op, **args, **start.arguments)
        try:  # v0 made the chat or message: from here on, its ids must reach the agent
            chat = runtime.adapter.snapshot(response)
            status = _status(chat)
        except Exception as exc:
            return made_anyway(exposure.tool, response, exc)
        message_id = chat.reply.id if chat.reply is not None else None
        progress = Progress(ctx, budget, runtime.clock)
        await progress(f"v0 started: chat {chat.chat_id}")
        if status != "pending" or budget == 0:
            note = _pending_note(chat.chat_id, message_id) if status == "pending" else None
            return _rendered(exposure.tool, response, lambda: _result(chat, status, 0.0, note=note))
        try:
            with agent_errors(args), following(chat.chat_id, message_id):
                result = await wait_for(ctx, v0, runtime, chat.chat_id, message_id, budget, progress)
        except anyio.get_cancelled_exc_class():
            if not _left_running(chat.chat_id, message_id, ctx):
                await _stop(runtime, v0, chat.chat_id, message_id)
            raise
        except Exception as exc:
            # The chat exists: never lose its id, whatever went wrong while waiting.
            logger.warning("lost track of generation in chat %s while waiting: %s", chat.chat_id, type(exc).__name__)
            reason = str(exc) if isinstance(exc, ToolError) else "v0 did not answer"
            failed = f"Waiting failed ({reason}). " + _pending_note(chat.chat_id, message_id)
            return _rendered(exposure.tool, response, lambda: _result(chat, "pending", 0.0, note=failed))
        return _rendered(exposure.tool, response, lambda: result)

    return handle


def _rendered(tool: str, response: Any, build: Callable[[], Generation]) -> CallToolResult:
    """Render a started generation's result; if that fails, still answer with the ids v0 sent."""
    try:
        result = build()
        return render(result, _links(result))
    except Exception as exc:
        return made_anyway(tool, response, exc)


def generation(
    vocabulary: Vocabulary, tool: str, *, title: str, description: str, docs: Mapping[str, str] | None = None
) -> ToolSpec:
    """Declare a tool that starts a generation and waits for it (unless v0 answers the finished result)."""
    exposure = vocabulary[tool]

    def declare() -> Declared:
        op = vocabulary.operation(tool)
        start = vocabulary.adapter.generation_start(op)
        fields = argument_fields(op, hide=start.hidden)
        if start.waits:
            fields["waitSeconds"] = WAIT_FIELD
        return Declared(fields, Generation, op, frozenset({"waitSeconds"}) if start.waits else frozenset())

    return ToolSpec.for_operation(
        exposure,
        title=title,
        description=description,
        declare=declare,
        handler=_start_handler(exposure, lambda: vocabulary.operation(tool)),
        docs={**DOCS, **(docs or {})},
    )


async def _wait_handler(ctx: Context[Any, Any], args: dict[str, Any]) -> CallToolResult:
    runtime = runtime_of(ctx)
    v0 = runtime.client_for(ctx)
    with agent_errors(args):
        if args.get("messageId"):
            role = await runtime.adapter.message_role(v0, args["chatId"], args["messageId"])
            if role != "assistant":
                raise ToolError(
                    f"messageId {args['messageId']!r} is the user's message, not v0's reply: pass the messageId "
                    "from the generation result, or leave messageId out to wait for the chat's latest reply."
                )
        try:
            with following(args["chatId"], args.get("messageId")):
                result = await wait_for(ctx, v0, runtime, args["chatId"], args.get("messageId"), args["waitSeconds"])
        except anyio.get_cancelled_exc_class():
            _left_running(args["chatId"], args.get("messageId"), ctx)  # never stopped here: only logged
            raise
    return render(result, _links(result))


def wait_for_generation(vocabulary: Vocabulary) -> ToolSpec:
    """Declare ``wait_for_generation``, a workflow tool of ``vocabulary`` that no single operation backs."""
    exposure = vocabulary["wait_for_generation"]
    fields: dict[str, FieldSpec] = {
        "chatId": (str, FieldInfo(min_length=1, max_length=MAX_ID_CHARS)),
        "messageId": (Annotated[str, Field(min_length=1, max_length=MAX_ID_CHARS)] | None, FieldInfo(default=None)),
        "waitSeconds": WAIT_FIELD,
    }
    return ToolSpec(
        name=exposure.tool,
        title="Wait for generation",
        description="Wait for a pending generation to finish: returns reply, demoUrl and files, or pending again.",
        toolset=exposure.toolset,
        kind=exposure.kind,
        builder=exposure.builder,
        handler=_wait_handler,
        declare=lambda: Declared(fields, Generation, None, frozenset({"waitSeconds"})),
        docs=DOCS,
    )
