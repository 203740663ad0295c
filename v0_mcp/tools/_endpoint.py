"""Turn a catalogue operation into a tool: declare it in one call, get a thin handler.

``endpoint()`` is how each toolset module declares its tools. The handler it
builds calls the operation through the v0 client, shapes the response with the
declared function and renders it; destructive operations get the confirmation
guard. Nothing here builds URLs: the catalogue and the client do.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final

from mcp.server.mcpserver import Context
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import CallToolResult, ResourceLink
from pydantic import create_model

from ..api import Operation
from ._confirm import CONFIRM_FIELD, Confirmation, confirmation_resolvers, take_confirmation
from ._errors import agent_errors
from ._results import Result, made_anyway, render
from ._runtime import runtime_of
from ._schema import FieldSpec, argument_fields
from ._spec import Declared, ToolSpec
from ._vocabulary import Exposure, Vocabulary

__all__ = ["DOCS", "Confirmation", "endpoint", "plain"]

Shape = Callable[[Any, Mapping[str, Any]], Result]
Links = Callable[[Any, Mapping[str, Any]], Sequence[ResourceLink]]

# Descriptions for arguments whose name and type do not say enough. Shared by every tool.
DOCS: Final[Mapping[str, str]] = {
    "chatId": "From list_chats",
    "versionId": "From get_chat or list_versions",
    "messageId": "From list_messages",
    "projectId": "From list_projects",
    "deploymentId": "From list_deployments",
    "cursor": "nextCursor of the previous page",
}


def endpoint(
    vocabulary: Vocabulary,
    tool: str,
    *,
    title: str,
    description: str,
    output: type[Result] | Callable[[], type[Result]],
    shape: Shape,
    links: Links | None = None,
    hide: frozenset[str] = frozenset(),
    docs: Mapping[str, str] | None = None,
) -> ToolSpec:
    """Declare ``tool`` of ``vocabulary``: its arguments come from the operation behind it.

    Nothing here touches the operation's models: they are read when the tool is first
    built or called (``output`` may be a function for the same reason).
    """
    exposure = vocabulary[tool]
    destructive = exposure.kind == "destructive"

    def declare() -> Declared:
        op = vocabulary.operation(tool)
        fields: dict[str, FieldSpec] = argument_fields(op, hide=hide)
        if destructive:
            fields["confirm"] = CONFIRM_FIELD
        result = output if isinstance(output, type) else output()
        return Declared(fields, result, op, frozenset({"confirm"}) if destructive else frozenset())

    return ToolSpec.for_operation(
        exposure,
        title=title,
        description=description,
        declare=declare,
        handler=_handler(exposure, lambda: vocabulary.operation(tool), shape, links),
        docs={**DOCS, **(docs or {})},
        resolvers=confirmation_resolvers(tool, destructive=destructive),
    )


def _handler(exposure: Exposure, operation: Callable[[], Operation], shape: Shape, links: Links | None) -> Any:
    async def handle(ctx: Context[Any, Any], args: dict[str, Any]) -> CallToolResult:
        take_confirmation(exposure.tool, args)
        v0 = runtime_of(ctx).client_for(ctx)
        op = operation()
        with agent_errors(args, tool=exposure, op=op):
            response = await v0.call(op, **args)
        if exposure.kind == "read":
            return render(shape(response, args), links(response, args) if links else ())
        try:  # v0 made or changed something: its ids must reach the agent, or a retry does it twice
            return render(shape(response, args), links(response, args) if links else ())
        except ToolError:
            raise
        except Exception as exc:
            return made_anyway(exposure.tool, response, exc)

    return handle


def plain(
    vocabulary: Vocabulary, tool: str, *, title: str, description: str, docs: Mapping[str, str] | None = None
) -> ToolSpec:
    """Declare a tool whose (small) response is returned as ``data``, as v0 sent it."""

    @functools.cache
    def model() -> type[Result]:
        name = "".join(part.title() for part in tool.split("_")) + "Result"
        return create_model(name, __base__=Result, data=(vocabulary.operation(tool).response, ...))

    return endpoint(
        vocabulary,
        tool,
        title=title,
        description=description,
        output=model,
        shape=lambda r, _: model().model_validate({"data": r}),
        docs=docs,
    )
