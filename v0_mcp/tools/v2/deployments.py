"""The deployments toolset of API v2: deploy a chat to Vercel, follow the build to its end, read what happened.

v0's ``chats.deploy`` answers only ids; the build then runs on Vercel. The tools
here follow it there: the deployment's ``readyState`` until READY or ERROR, the
build's events as progress, its error lines when it fails, and the runtime log
once it serves. Every Vercel call needs ``VERCEL_TOKEN`` (and usually
``VERCEL_TEAM_ID``); without them these tools say so and the rest still work.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, Literal

import anyio
from mcp.server.mcpserver import Context
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import CallToolResult, ResourceLink
from pydantic.fields import FieldInfo

from ...api import RateLimited, ServerError, V0TransportError
from .._errors import agent_errors
from .._generation import DEFAULT_WAIT, PROGRESS_EVERY  # the same host-fitting wait as generations
from .._results import Result, clip, deployment_logs_link, project_link, render
from .._runtime import Runtime, runtime_of
from .._schema import FieldSpec
from .._shapes import Shape
from .._spec import ToolSpec
from ._vercel_calls import WAIT_MAX, chat_project, hand_made, iso_of_ms, required_id, vercel_errors, vercel_of
from ._vocabulary import VOCABULARY

if TYPE_CHECKING:
    from ...api.vercel import VercelClient

__all__ = [
    "TOOLS",
    "BuildFollower",
    "DeploymentList",
    "DeploymentLogs",
    "DeploymentStatus",
    "LogLine",
    "deployment_status",
    "error_lines",
    "log_line_of_event",
    "logs_page",
    "page_by_time",
]

logger = logging.getLogger(__name__)

Level = Literal["error", "warning", "info"]
_SEVERITY: Final[Mapping[str, int]] = {"error": 2, "warning": 1, "info": 0}
# READY, ERROR and CANCELED end a build; BLOCKED will not move without a person; DELETED only in lists.
_DONE: Final = frozenset({"READY", "ERROR", "CANCELED", "BLOCKED", "DELETED"})
_MAX_ERROR_LINES: Final = 40
_TAIL: Final = 200  # build events read back from the end to find a failed build's errors
_MAX_FETCH: Final = 2_000  # build events read per call, whatever the page size
_PAGE_CHARS: Final = 60_000  # a page of log lines stays well inside the result cap (MAX_RESULT_CHARS)
_LINE_OVERHEAD: Final = 140  # the JSON around a line's text: time, level, source, type
_RUNTIME_READ_SECONDS: Final = 3.0  # the runtime log is a stream: read it this long at most

# -- result shapes -----------------------------------------------------------------------------------------------------


class DeploymentStatus(Result):
    """Where a deployment stands: ``status`` is ``pending`` until Vercel's ``readyState`` is final."""

    deploymentId: str
    status: Literal["pending", "ready", "error", "canceled", "blocked", "deleted"]
    readyState: str | None = None
    url: str | None = None
    aliases: list[str] | None = None
    target: str | None = None
    vercelProjectId: str | None = None
    chatId: str | None = None
    createdAt: str | None = None
    readyAt: str | None = None
    inspectorUrl: str | None = None
    errorStep: str | None = None
    errorCode: str | None = None
    errorMessage: str | None = None
    errorLines: list[str] | None = None
    waitedSeconds: float | None = None


class LogLine(Shape):
    timestamp: int
    at: str | None = None
    source: str
    level: Level
    type: str | None = None
    text: str
    statusCode: int | None = None


class DeploymentLogs(Result):
    deploymentId: str
    readyState: str | None = None
    lines: list[LogLine]
    hasMore: bool = False
    nextSince: int | None = None


class DeploymentErrors(Result):
    deploymentId: str
    readyState: str | None = None
    hasErrors: bool
    errorStep: str | None = None
    errorCode: str | None = None
    errorMessage: str | None = None
    errorLines: list[str] | None = None


class DeploymentBrief(Shape):
    deploymentId: str
    readyState: str | None = None
    url: str | None = None
    target: str | None = None
    createdAt: str | None = None
    errorMessage: str | None = None


class DeploymentList(Result):
    vercelProjectId: str
    deployments: list[DeploymentBrief]
    nextUntil: int | None = None


class DeploymentDeleted(Result):
    deploymentId: str
    state: str | None = None
    deleted: bool


# -- pure functions ----------------------------------------------------------------------------------------------------


def _https(host: str | None) -> str | None:
    if not host:
        return None
    return host if host.startswith(("http://", "https://")) else f"https://{host}"


def deployment_status(
    deployment: Any, *, chat_id: str | None = None, errors: Sequence[str] | None = None, waited: float | None = None
) -> DeploymentStatus:
    """Shape Vercel's deployment: its public URL once READY, the failed step and error lines once ERROR."""
    state = (deployment.readyState or "").upper() or None
    status: Any = state.lower() if state in _DONE else "pending"
    aliases = [a for a in deployment.alias or [] if a]
    return DeploymentStatus(
        deploymentId=deployment.id,
        status=status,
        readyState=state,
        url=_https(aliases[0] if aliases else deployment.url) if state == "READY" else None,
        aliases=[_https(a) or a for a in aliases] or None,
        target=deployment.target,
        vercelProjectId=deployment.projectId,
        chatId=chat_id or _meta_chat(deployment),
        createdAt=iso_of_ms(deployment.createdAt),
        readyAt=iso_of_ms(deployment.ready),
        inspectorUrl=deployment.inspectorUrl,
        errorStep=deployment.errorStep,
        errorCode=deployment.errorCode,
        errorMessage=clip(deployment.errorMessage or deployment.readyStateReason, 2_000),
        errorLines=list(errors) if errors else None,
        waitedSeconds=round(waited, 1) if waited is not None else None,
    )


def _meta_chat(deployment: Any) -> str | None:
    meta = getattr(deployment, "meta", None)
    chat = meta.get("v0ChatId") if isinstance(meta, dict) else None
    return chat if isinstance(chat, str) else None


def _event_body(raw: Mapping[str, Any]) -> Mapping[str, Any]:
    """Return the event's own fields: some events come wrapped in ``payload``."""
    payload = raw.get("payload")
    return payload if isinstance(payload, Mapping) else raw


def _ms(value: Any) -> int | None:
    return int(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def log_line_of_event(raw: Mapping[str, Any]) -> LogLine | None:
    """Return a build event as a log line (None for events without text, like state changes)."""
    body = _event_body(raw)
    kind = str(raw.get("type") or body.get("type") or "")
    text = body.get("text")
    if not isinstance(text, str) or not text.strip():
        return None
    timestamp = _ms(body.get("created")) or _ms(body.get("date")) or _ms(raw.get("created")) or 0
    level = body.get("level")
    if level not in _SEVERITY:
        level = "error" if kind == "fatal" else "warning" if kind == "stderr" else "info"
    return LogLine(
        timestamp=timestamp,
        at=iso_of_ms(timestamp) if timestamp else None,
        source="build",
        level=level,
        type=kind or None,
        text=clip(text.rstrip(), 1_000) or "",
    )


def _log_line_of_runtime(line: Any) -> LogLine | None:
    timestamp = _ms(line.timestampInMs)
    if timestamp is None or not line.message:
        return None
    level = line.level if line.level in _SEVERITY else "info"
    status = int(line.responseStatusCode) if line.responseStatusCode is not None else None
    return LogLine(
        timestamp=timestamp,
        at=iso_of_ms(timestamp),
        source=line.source or "runtime",
        level=level,
        text=clip(line.message.rstrip(), 1_000) or "",
        statusCode=status,
    )


def error_lines(events: Iterable[Mapping[str, Any]]) -> list[str]:
    """Return the lines of a build that tell why it failed: ``stderr``, ``fatal`` and error-level lines."""
    lines = []
    for raw in events:
        line = log_line_of_event(raw)
        if line is not None and (line.level == "error" or line.type in ("stderr", "fatal")):
            lines.append(line.text)
    return lines[-_MAX_ERROR_LINES:]


def page_by_time(lines: Sequence[LogLine], limit: int) -> tuple[list[LogLine], bool]:
    """Cut time-ordered lines to a page that never splits lines of the same millisecond.

    The next page asks for lines after the last one's time, so a page ending inside a
    millisecond would lose the rest of it. Returns the page and whether lines are left.
    """
    if len(lines) <= limit:
        return list(lines), False
    page = list(lines[:limit])
    boundary = lines[limit].timestamp
    trimmed = [line for line in page if line.timestamp != boundary]
    if trimmed:
        return trimmed, True
    # One millisecond holds more than a page: take all of it rather than lose some.
    return [line for line in lines if line.timestamp <= boundary], True


def _fitting(lines: Sequence[LogLine], limit: int) -> int:
    """Return how many of ``lines`` (at most ``limit``) fit a result: a page that had to be cut later would lose
    lines between it and ``nextSince``."""
    used = 0
    for count, line in enumerate(lines[:limit]):
        used += len(line.text) + _LINE_OVERHEAD
        if used > _PAGE_CHARS:
            return max(1, count)
    return limit


def _at_least(line: LogLine, level: Level | None) -> bool:
    return level is None or _SEVERITY[line.level] >= _SEVERITY[level]


# -- following a build -------------------------------------------------------------------------------------------------


class BuildFollower:
    """Follow a deployment until its ``readyState`` is final or the budget runs out, relaying build events.

    Each round reads the build's event stream with a deadline (it closes by itself when
    the build ends) and reports every new line as MCP progress, then reads the
    deployment's state; ``waited`` is measured on the runtime's clock. As for
    generations, progress carries no total (how long a build takes is unknown) and goes
    out at least every :data:`PROGRESS_EVERY` seconds, however quiet the build is.
    """

    def __init__(self, ctx: Context[Any, Any], runtime: Runtime, vercel: VercelClient, budget: float) -> None:
        self._ctx, self._runtime, self._vercel, self._budget = ctx, runtime, vercel, budget
        self._start = runtime.clock.now()
        self._last_progress = -1.0
        self._sent_at = self._start
        self._seen: set[str] = set()
        self._since: int | None = None
        self.last: Any = None  # the deployment as last read, kept when following is cut short

    @property
    def waited(self) -> float:
        return self._runtime.clock.now() - self._start

    async def report(self, message: str) -> None:
        value = max(round(self.waited, 3), self._last_progress + 0.001)
        self._last_progress = value
        self._sent_at = self._runtime.clock.now()
        await self._ctx.report_progress(value, None, message)

    async def follow(self, deployment_id: str) -> Any:
        """Return the deployment as last read: final, BLOCKED, or still going when the budget ran out."""
        interval = self._runtime.poll_interval
        state: str | None = None
        while True:
            deployment = self.last = await self._vercel.get_deployment(deployment_id)
            if deployment.readyState != state:
                state = deployment.readyState
                await self.report(f"Vercel: {(state or 'unknown').lower()}")
            elif self._runtime.clock.now() - self._sent_at >= PROGRESS_EVERY:
                await self.report(f"Vercel: {(state or 'unknown').lower()} ({self.waited:.0f} s waited)")
            remaining = self._budget - self.waited
            if (state or "").upper() in _DONE or remaining <= 0:
                return deployment
            started = self._runtime.clock.now()
            read = await self._vercel.follow_build_events(
                deployment_id, deadline=min(remaining, max(interval, 1.0)), max_events=500, since=self._since
            )
            for raw in read.items:
                await self._relay(raw)
            if read.ended:  # the stream closed at once (the build is ending, or not started): do not spin
                pause = interval - (self._runtime.clock.now() - started)
                if pause > 0:
                    await self._runtime.clock.sleep(min(pause, max(0.0, self._budget - self.waited)))
            interval = min(interval * 1.5, self._runtime.max_poll_interval)

    async def _relay(self, raw: Any) -> None:
        if not isinstance(raw, Mapping):
            return
        body = _event_body(raw)
        key = str(raw.get("serial") or raw.get("id") or body.get("serial") or "") or repr(sorted(body.items()))
        if key in self._seen:
            return
        self._seen.add(key)
        line = log_line_of_event(raw)
        if line is None:
            return
        self._since = max(self._since or 0, line.timestamp - 1) or None  # -1: a millisecond may hold more
        await self.report(f"build: {line.text[:160]}")


async def _failure_lines(vercel: VercelClient, deployment_id: str) -> list[str]:
    events = await vercel.build_events(deployment_id, direction="backward", limit=_TAIL)
    return error_lines(events)


async def _settled(
    ctx: Context[Any, Any], deployment_id: str, budget: float, *, chat_id: str | None = None
) -> tuple[DeploymentStatus, list[ResourceLink]]:
    runtime = runtime_of(ctx)
    vercel = vercel_of(ctx)
    follower = BuildFollower(ctx, runtime, vercel, budget)
    cut_short: str | None = None
    with vercel_errors({"deploymentId": deployment_id}):
        try:
            deployment = await (follower.follow(deployment_id) if budget > 0 else vercel.get_deployment(deployment_id))
        except (RateLimited, V0TransportError, ServerError) as exc:
            if follower.last is None:
                raise
            # The deployment is known and builds on without us: say so, never fail the call.
            deployment, cut_short = follower.last, _why(exc)
            logger.info("stopped following deployment %s early: %s", deployment_id, cut_short)
        failed = (deployment.readyState or "").upper() == "ERROR"
        errors = await _failure_lines(vercel, deployment_id) if failed else None
    result = deployment_status(deployment, chat_id=chat_id, errors=errors, waited=follower.waited if budget else None)
    result.note = _next_step(result)
    if cut_short is not None and result.status == "pending":
        result.note = f"Stopped following early: {cut_short}. {result.note}"
    links = [deployment_logs_link(result.deploymentId)]
    if result.vercelProjectId:
        links.append(project_link(result.vercelProjectId))
    return result, links


def _why(exc: Exception) -> str:
    if isinstance(exc, RateLimited):
        wait = f" (retry in {exc.retry_after:.0f} s)" if exc.retry_after is not None else ""
        return f"Vercel rate-limited the status checks{wait}"
    if isinstance(exc, ServerError):
        return f"Vercel answered the status check with {exc.status}"
    return "Vercel did not answer the status check"


def _next_step(result: DeploymentStatus) -> str:
    if result.status == "ready":
        return f"Live at {result.url}. Runtime logs: get_deployment_logs(deploymentId={result.deploymentId!r})."
    if result.status == "error":
        where = f" in {result.errorStep}" if result.errorStep else ""
        return (
            f"The build failed{where}; errorLines say why. Fix the files (update_chat_files, or send_message "
            "asking v0 to fix them), then create_deployment again."
        )
    if result.status == "blocked":
        return "Vercel will not build this deployment without a person acting on it (see errorMessage)."
    if result.status == "pending":
        return (
            f"Still {(result.readyState or 'queued').lower()} on Vercel. Call get_deployment(deploymentId="
            f"{result.deploymentId!r}, waitSeconds={DEFAULT_WAIT}) to keep following it; nothing is lost."
        )
    return f"The deployment is {result.status}; create_deployment makes a new one."


# -- handlers ----------------------------------------------------------------------------------------------------------


def _wait_field(default: int, text: str) -> FieldSpec:
    return (int, FieldInfo(default=default, ge=0, le=WAIT_MAX, description=text))


async def _create(ctx: Context[Any, Any], args: dict[str, Any]) -> CallToolResult:
    chat_id = args["chatId"]
    vercel_of(ctx)  # refuse before deploying when the build could not be followed
    v0 = runtime_of(ctx).client_for(ctx)
    exposure = VOCABULARY["create_deployment"]
    op = VOCABULARY.operation("create_deployment")  # chats.deploy: a lost answer may still have deployed
    with agent_errors(args, tool=exposure, op=op):
        started = await v0.call(op, chatId=chat_id)
    deployment_id = started.deploymentId
    if not deployment_id:
        raise ToolError(f"v0 deployed chat {chat_id} but sent no deploymentId; list_deployments shows the deployment.")
    try:
        result, links = await _settled(ctx, deployment_id, args["waitSeconds"], chat_id=chat_id)
    except anyio.get_cancelled_exc_class():
        raise  # cancelling stops the following, not the build
    except Exception as exc:  # the deployment exists: never lose its id
        logger.warning("lost track of deployment %s: %s", deployment_id, type(exc).__name__)
        reason = str(exc) if isinstance(exc, ToolError) else "Vercel did not answer"
        result = DeploymentStatus(
            deploymentId=deployment_id,
            status="pending",
            vercelProjectId=started.vercelProjectId,
            chatId=chat_id,
            note=f"Deployed, but following the build failed ({reason}). "
            f"Call get_deployment(deploymentId={deployment_id!r}) to follow it.",
        )
        links = [deployment_logs_link(deployment_id)]
    result.vercelProjectId = result.vercelProjectId or started.vercelProjectId
    return render(result, links)


async def _get(ctx: Context[Any, Any], args: dict[str, Any]) -> CallToolResult:
    result, links = await _settled(ctx, args["deploymentId"], args["waitSeconds"])
    return render(result, links)


async def _errors(ctx: Context[Any, Any], args: dict[str, Any]) -> CallToolResult:
    deployment_id = args["deploymentId"]
    vercel = vercel_of(ctx)
    with vercel_errors(args):
        deployment = await vercel.get_deployment(deployment_id)
        lines = await _failure_lines(vercel, deployment_id)
    state = (deployment.readyState or "").upper() or None
    failed = state == "ERROR" or bool(deployment.errorCode or deployment.errorMessage)
    shown = lines if failed else [line for line in lines if "error" in line.lower()]
    has = failed or bool(shown)
    result = DeploymentErrors(
        deploymentId=deployment_id,
        readyState=state,
        hasErrors=has,
        errorStep=deployment.errorStep,
        errorCode=deployment.errorCode,
        errorMessage=clip(deployment.errorMessage, 2_000),
        errorLines=shown or None,
        note=(
            "Fix the files (update_chat_files, or send_message asking v0 to fix them), then create_deployment again."
            if has
            else 'No build errors. For errors while it serves: get_deployment_logs with level: "error".'
        ),
    )
    return render(result, [deployment_logs_link(deployment_id)])


async def _logs(ctx: Context[Any, Any], args: dict[str, Any]) -> CallToolResult:
    deployment_id = args["deploymentId"]
    since: int | None = args.get("since")
    source = args.get("source", "all")
    vercel = vercel_of(ctx)
    lines: list[LogLine] = []
    capped = False  # Vercel sent as many build events as asked: more may follow
    with vercel_errors(args):
        deployment = await vercel.get_deployment(deployment_id)
        state = (deployment.readyState or "").upper() or None
        if source in ("all", "build"):
            query: dict[str, Any] = {"direction": "forward", "limit": _MAX_FETCH}
            if since is not None:
                query["since"] = since
            events = await vercel.build_events(deployment_id, **query)
            capped = len(events) >= _MAX_FETCH
            lines += [line for line in map(log_line_of_event, events) if line is not None]
        if source in ("all", "runtime") and state == "READY" and not capped and deployment.projectId:
            read = await vercel.runtime_logs(deployment.projectId, deployment_id, deadline=_RUNTIME_READ_SECONDS)
            runtime = [line for line in map(_log_line_of_runtime, read.items) if line is not None]
            lines += sorted(runtime, key=lambda line: line.timestamp)
    result = logs_page(
        deployment_id, state, lines, since=since, level=args.get("level"), limit=args.get("limit", 100), capped=capped
    )
    result.note = _logs_note(result.hasMore, result.nextSince, state, source)
    return render(result, [deployment_logs_link(deployment_id)])


def logs_page(
    deployment_id: str,
    state: str | None,
    lines: Sequence[LogLine],
    *,
    since: int | None,
    level: Level | None,
    limit: int,
    capped: bool = False,
) -> DeploymentLogs:
    """Return one page of time-ordered lines after ``since``, at least ``level``, and where the next page starts.

    ``nextSince`` is the time of the last line looked at: when the level filter leaves a
    page short, the next page still starts after what was read, never at the same place.
    """
    examined = [line for line in lines if since is None or line.timestamp > since]
    if capped and examined:  # the last millisecond may go on past what Vercel sent: leave it for the next page
        tail = examined[-1].timestamp
        examined = [line for line in examined if line.timestamp != tail] or examined
    wanted = [line for line in examined if _at_least(line, level)]
    page, cut = page_by_time(wanted, _fitting(wanted, limit))
    if cut:
        next_since: int | None = page[-1].timestamp
    else:
        next_since = examined[-1].timestamp if examined else since
    return DeploymentLogs(
        deploymentId=deployment_id, readyState=state, lines=page, hasMore=cut or capped, nextSince=next_since
    )


def _logs_note(more: bool, next_since: int | None, state: str | None, source: str) -> str | None:
    if more:
        return f"More lines: call again with since={next_since}."
    if state not in _DONE:
        return f"The build is still running; call again with since={next_since} for newer lines."
    if state == "READY" and source != "build":
        return f"Runtime logs grow while it serves: call again with since={next_since} for newer lines."
    return None


async def _list(ctx: Context[Any, Any], args: dict[str, Any]) -> CallToolResult:
    project = args.get("vercelProjectId")
    if not project and args.get("chatId"):
        project = await chat_project(runtime_of(ctx).client_for(ctx), args["chatId"])
    if not project:
        raise ToolError("Give chatId (the chat's deployments) or vercelProjectId.")
    vercel = vercel_of(ctx)
    query: dict[str, Any] = {"projectId": project, "limit": args.get("limit", 20)}
    for name in ("state", "until"):
        if args.get(name) is not None:
            query[name] = args[name]
    with vercel_errors(args):
        page = await vercel.list_deployments(**query)
    briefs = [
        DeploymentBrief(
            deploymentId=item.uid,
            readyState=item.readyState or item.state,
            url=_https(item.url),
            target=item.target,
            createdAt=iso_of_ms(item.createdAt),
            errorMessage=clip(item.errorMessage, 300),
        )
        for item in page.deployments or []
    ]
    following = page.pagination.next if page.pagination is not None else None
    next_until = int(following) if isinstance(following, int | float) else None
    note = f"More deployments: call again with until={next_until}." if next_until is not None else None
    if not briefs:
        note = "No deployments yet: create_deployment deploys the chat."
    result = DeploymentList(vercelProjectId=project, deployments=briefs, nextUntil=next_until, note=note)
    return render(result, [project_link(project)])


async def _delete(ctx: Context[Any, Any], args: dict[str, Any]) -> CallToolResult:
    deployment_id = args["deploymentId"]
    vercel = vercel_of(ctx)
    with vercel_errors(args):
        outcome = await vercel.delete_deployment(deployment_id)
    result = DeploymentDeleted(
        deploymentId=outcome.uid or deployment_id,
        state=outcome.state,
        deleted=(outcome.state or "").upper() == "DELETED",
    )
    return render(result)


_DEPLOYMENT: Final[dict[str, FieldSpec]] = {"deploymentId": required_id()}

TOOLS: Final[tuple[ToolSpec, ...]] = (
    hand_made(
        "create_deployment",
        title="Deploy chat",
        description=(
            "Deploy the chat's files to Vercel and follow the build: returns the URL, or the failed step and "
            "error lines, or pending."
        ),
        fields={
            "chatId": required_id(),
            "waitSeconds": _wait_field(DEFAULT_WAIT, "Max seconds to follow the build"),
        },
        output=DeploymentStatus,
        handler=_create,
        own=frozenset({"waitSeconds"}),
    ),
    hand_made(
        "get_deployment",
        title="Get deployment",
        description="Get a deployment's state, URL or build errors; waitSeconds follows a running build.",
        fields={**_DEPLOYMENT, "waitSeconds": _wait_field(0, "Seconds to follow a running build")},
        output=DeploymentStatus,
        handler=_get,
        own=frozenset({"waitSeconds"}),
    ),
    hand_made(
        "get_deployment_logs",
        title="Deployment logs",
        description="Read a deployment's build log, then its runtime log, oldest first; page with since=nextSince.",
        fields={
            **_DEPLOYMENT,
            "source": (
                Literal["all", "build", "runtime"],
                FieldInfo(default="all"),
            ),
            "level": (
                Level | None,
                FieldInfo(default=None, description="At least this severe"),
            ),
            "since": (
                int | None,
                FieldInfo(default=None, ge=0, description="nextSince of the last page"),
            ),
            "limit": (int, FieldInfo(default=100, ge=1, le=500)),
        },
        output=DeploymentLogs,
        handler=_logs,
    ),
    hand_made(
        "get_deployment_errors",
        title="Deployment errors",
        description="Get why a deployment failed: the step, Vercel's error and the build's error lines.",
        fields=_DEPLOYMENT,
        output=DeploymentErrors,
        handler=_errors,
    ),
    hand_made(
        "list_deployments",
        title="List deployments",
        description="List a chat's (or Vercel project's) deployments, newest first; page with until=nextUntil.",
        fields={
            "chatId": (str | None, FieldInfo(default=None, min_length=1)),
            "vercelProjectId": (str | None, FieldInfo(default=None, min_length=1)),
            "state": (
                str | None,
                FieldInfo(default=None, description="e.g. READY,ERROR"),
            ),
            "limit": (int, FieldInfo(default=20, ge=1, le=100)),
            "until": (int | None, FieldInfo(default=None, description="nextUntil of the last page")),
        },
        output=DeploymentList,
        handler=_list,
    ),
    hand_made(
        "delete_deployment",
        title="Delete deployment",
        description="Delete a Vercel deployment; its URL stops serving.",
        fields=_DEPLOYMENT,
        output=DeploymentDeleted,
        handler=_delete,
    ),
)
