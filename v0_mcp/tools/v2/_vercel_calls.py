"""What the v2 tools that reach past v0 share: a hand-written tool's declaration, and the Vercel seam.

On API v2 deployments, their logs, Vercel projects and environment variables live
on Vercel: those tools take our own arguments (``deploymentId``, not Vercel's
``idOrUrl``) and answer several calls at once, so they are declared here with
their own fields and handler rather than derived from one operation.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Final

from mcp.server.mcpserver import Context
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import CallToolResult
from pydantic.fields import FieldInfo

from ...api import (
    Forbidden,
    MissingVercelToken,
    RateLimited,
    ServerError,
    Unauthorized,
    V0Client,
    V0TimeoutError,
    V0TransportError,
)
from .._confirm import CONFIRM_FIELD, confirmation_resolvers, take_confirmation
from .._endpoint import DOCS
from .._errors import agent_errors
from .._results import Result
from .._runtime import Runtime, runtime_of
from .._schema import FieldSpec
from .._spec import Declared, ToolSpec
from ._vocabulary import VOCABULARY

if TYPE_CHECKING:
    from ...api.vercel import VercelClient

__all__ = [
    "VERCEL_DOCS",
    "WAIT_MAX",
    "Body",
    "chat_project",
    "hand_made",
    "iso_of_ms",
    "required_id",
    "vercel_errors",
    "vercel_of",
]

WAIT_MAX: Final = 600  # seconds: the longest a call may wait on Vercel, as for generations

Body = Callable[[Context[Any, Any], dict[str, Any]], Awaitable[CallToolResult]]

# Argument descriptions for the Vercel side (ids are Vercel's, not v0's).
VERCEL_DOCS: Final[Mapping[str, str]] = {
    **DOCS,
    "deploymentId": "From create_deployment",
    "vercelProjectId": "From get_chat; or give chatId",
    "environmentVariableId": "From list_env_vars",
}


def required_id() -> FieldSpec:
    """A required, non-empty id argument."""
    return (str, FieldInfo(min_length=1))


def hand_made(
    tool: str,
    *,
    title: str,
    description: str,
    fields: Mapping[str, FieldSpec],
    output: type[Result],
    handler: Body,
    own: frozenset[str] = frozenset(),
) -> ToolSpec:
    """Declare ``tool`` of the v2 vocabulary with its own arguments and handler.

    Name, toolset, kind and profile come from the vocabulary; a destructive tool gets
    ``confirm`` and asks the user as every destructive tool does.
    """
    exposure = VOCABULARY[tool]
    destructive = exposure.kind == "destructive"
    arguments = dict(fields)
    if destructive:
        arguments["confirm"] = CONFIRM_FIELD
        own = own | {"confirm"}

    async def handle(ctx: Context[Any, Any], args: dict[str, Any]) -> CallToolResult:
        take_confirmation(tool, args)
        return await handler(ctx, args)

    return ToolSpec.for_operation(
        exposure,
        title=title,
        description=description,
        declare=lambda: Declared(arguments, output, None, own),
        handler=handle,
        docs=VERCEL_DOCS,
        resolvers=confirmation_resolvers(tool, destructive=destructive),
    )


def vercel_of(ctx: Context[Any, Any]) -> VercelClient:
    """Return the runtime's Vercel client, or fail the call naming VERCEL_TOKEN and VERCEL_TEAM_ID."""
    runtime: Runtime = runtime_of(ctx)
    return runtime.require_vercel()


@contextmanager
def vercel_errors(arguments: Mapping[str, Any] | None = None) -> Iterator[None]:
    """Translate Vercel's errors as :func:`agent_errors` does v0's, naming Vercel and its settings.

    What is the same for both APIs (a 404 with the tool that lists valid ids, a 422)
    is left to :func:`agent_errors`.
    """
    with agent_errors(arguments):
        try:
            yield
        except MissingVercelToken as exc:
            raise ToolError(str(exc)) from None
        except (Unauthorized, Forbidden) as exc:
            raise ToolError(
                f"{exc.status} {exc.type}: {exc.message} Vercel refused the call: check that VERCEL_TOKEN is "
                "valid and that VERCEL_TEAM_ID names the team that owns v0's projects."
            ) from None
        except RateLimited as exc:
            wait = f"{exc.retry_after:.0f}s" if exc.retry_after is not None else "a minute"
            raise ToolError(f"429 {exc.type}: {exc.message} Rate limited by Vercel: retry in {wait}.") from None
        except ServerError as exc:
            hint = "Vercel failed on its side; retry shortly."
            raise ToolError(f"{exc.status} {exc.type}: {exc.message} {hint}") from None
        except V0TransportError as exc:
            what = "did not answer in time" if isinstance(exc, V0TimeoutError) else "could not be reached"
            raise ToolError(
                f"Vercel {what} ({exc}). Check VERCEL_API_URL and the network. Reads are safe to retry; "
                "after a change, list first (list_env_vars, list_deployments) to see whether it was made."
            ) from None


async def chat_project(v0: V0Client, chat_id: str) -> str:
    """Return the chat's ``vercelProjectId``, or fail saying how to give the chat a project."""
    with agent_errors({"chatId": chat_id}):
        chat = await v0.call("chats.get", chatId=chat_id)
    project = getattr(chat, "vercelProjectId", None)
    if not project:
        raise ToolError(
            f"Chat {chat_id} has no Vercel project yet. Call create_vercel_project with chatId={chat_id!r} "
            "(or create_deployment, which creates one), then call again."
        )
    return str(project)


def iso_of_ms(value: float | str | None) -> str | None:
    """Return a Vercel time (Unix milliseconds) as ISO 8601 UTC, as v0's times are."""
    if value is None or isinstance(value, str):
        return value
    return datetime.fromtimestamp(value / 1000, tz=UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
