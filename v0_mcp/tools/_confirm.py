"""Destructive tools ask first: the ``confirm`` argument, and the user's answer by elicitation.

A destructive tool's call runs :func:`confirmation_resolvers`' resolver before its
handler; the handler then checks the answer with :func:`take_confirmation`. The
server declares these for the destructive tools it serves at startup, so this
module stays small: no API model, no toolset module.
"""

from __future__ import annotations

from typing import Annotated, Any, Final

import anyio
from mcp.server.elicitation import AcceptedElicitation, ElicitationResult
from mcp.server.mcpserver import Context, Elicit, Resolve
from mcp.server.mcpserver.exceptions import ToolError
from pydantic import BaseModel, Field
from pydantic.fields import FieldInfo

from ._runtime import runtime_of
from ._schema import FieldSpec

__all__ = ["CONFIRM_FIELD", "Confirmation", "confirmation_resolvers", "take_confirmation"]


class Confirmation(BaseModel):
    """What a user is asked before a destructive call."""

    confirm: bool = Field(description="Yes, do it: this cannot be undone")


CONFIRM_FIELD: Final[FieldSpec] = (
    bool,
    FieldInfo(default=False, description="True once the user agreed to it"),
)


def _confirmation_resolver(tool: str) -> Any:
    """Return a resolver that asks the user by elicitation when the client can be asked."""

    async def ask(ctx: Context[Any, Any], confirm: bool) -> Confirmation | Elicit[Confirmation]:
        if confirm:
            return Confirmation(confirm=True)
        capabilities = ctx.client_capabilities
        elicitation = capabilities.elicitation if capabilities is not None else None
        can_ask = elicitation is not None and (elicitation.form is not None or elicitation.url is None)
        if not can_ask or not _has_back_channel(ctx):
            return Confirmation(confirm=False)
        question = f"{tool} cannot be undone. Go ahead?"
        if (ctx.protocol_version or "") >= "2026-07-28":
            return Elicit(question, Confirmation)  # the client answers on its next round: nothing waits here
        return await _ask_in_time(ctx, tool, question)

    return ask


async def _ask_in_time(ctx: Context[Any, Any], tool: str, question: str) -> Confirmation:
    """Ask over the back channel, but give up after the runtime's confirmation timeout instead of hanging."""
    timeout = runtime_of(ctx).confirmation_timeout
    with anyio.move_on_after(timeout):
        outcome = await ctx.elicit(question, Confirmation)
        if isinstance(outcome, AcceptedElicitation):
            return Confirmation(confirm=bool(getattr(outcome.data, "confirm", False)))
        raise ToolError(f"The user declined {tool}; nothing was changed.")
    raise ToolError(
        f"Nobody answered the confirmation for {tool} within {timeout:g} s; nothing was changed. "
        "Ask the user, then call again with confirm: true."
    )


def _has_back_channel(ctx: Context[Any, Any]) -> bool:
    version = ctx.protocol_version or ""
    if version >= "2026-07-28":
        return True  # answered through input_required rounds, no back channel needed
    return bool(getattr(ctx.session, "can_send_request", False))


def _check_confirmation(tool: str, outcome: Any) -> None:
    if isinstance(outcome, AcceptedElicitation) and getattr(outcome.data, "confirm", False):
        return
    if isinstance(outcome, AcceptedElicitation):
        raise ToolError(
            f"{tool} is destructive and was not confirmed. Ask the user, then call again with confirm: true."
        )
    raise ToolError(f"The user declined {tool}; nothing was changed.")


def confirmation_resolvers(tool: str, *, destructive: bool) -> dict[str, Any]:
    """The resolver that asks the user before a destructive ``tool`` runs (none for other tools)."""
    if not destructive:
        return {}
    return {"confirmation": Annotated[ElicitationResult[Confirmation], Resolve(_confirmation_resolver(tool))]}


def take_confirmation(tool: str, args: dict[str, Any]) -> None:
    """Check the user's answer (or ``confirm: true``) and take both out of ``args`` before the call."""
    if "confirmation" in args:
        _check_confirmation(tool, args.pop("confirmation"))
        args.pop("confirm", None)
