"""A tool as its toolset module declares it: name, place, texts, handler, and its models on first use.

Toolset modules (``tools.v1.*``, ``tools.v2.*``) build one :class:`ToolSpec` per
tool; a server start does not load them (it serves ``StoredTool``s), so nothing
here is on the startup path.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mcp.server.mcpserver import Context
from mcp.types import CallToolResult
from pydantic import BaseModel

from ._schema import FieldSpec
from ._toolsets import Kind

if TYPE_CHECKING:
    from ..api import Operation
    from ._vocabulary import Exposure

__all__ = ["Declared", "Handler", "ToolSpec"]

# Handlers receive the request context, the validated arguments and any resolved values.
Handler = Callable[[Context[Any, Any], dict[str, Any]], Awaitable[CallToolResult]]


@dataclass(frozen=True)
class Declared:
    """What a tool takes and returns, worked out from its operation's models on first use.

    Declaring every tool at import must not load an API version's models: a server
    start serves the tools from their stored schemas, and a call needs only its own tool.
    """

    fields: Mapping[str, FieldSpec]
    output: type[BaseModel]
    operation: Operation | None = None
    own: frozenset[str] = frozenset()  # our own arguments (waitSeconds, confirm): passed with their defaults


@dataclass(frozen=True)
class ToolSpec:
    """One MCP tool: what it is called, where it belongs, what it takes and returns."""

    name: str
    title: str
    description: str
    toolset: str
    kind: Kind
    builder: bool
    handler: Handler
    declare: Callable[[], Declared]
    docs: Mapping[str, str] = field(default_factory=dict)
    resolvers: Mapping[str, Any] = field(default_factory=dict)  # parameter -> Annotated[..., Resolve(...)]

    @classmethod
    def for_operation(
        cls,
        exposure: Exposure,
        *,
        title: str,
        description: str,
        declare: Callable[[], Declared],
        handler: Handler,
        docs: Mapping[str, str],
        resolvers: Mapping[str, Any] | None = None,
    ) -> ToolSpec:
        """Declare the tool of an operation: name, toolset, kind and profile come from the vocabulary."""
        return cls(
            name=exposure.tool,
            title=title,
            description=description,
            toolset=exposure.toolset,
            kind=exposure.kind,
            builder=exposure.builder,
            handler=handler,
            declare=declare,
            docs=docs,
            resolvers=resolvers or {},
        )

    @functools.cached_property
    def declared(self) -> Declared:
        return self.declare()

    @property
    def fields(self) -> Mapping[str, FieldSpec]:
        return self.declared.fields

    @property
    def output(self) -> type[BaseModel]:
        return self.declared.output

    @property
    def operation(self) -> Operation | None:
        return self.declared.operation

    @property
    def own(self) -> frozenset[str]:
        return self.declared.own

    @property
    def idempotent(self) -> bool:
        return self.operation.idempotent if self.operation is not None else self.kind == "read"

    @property
    def read_only(self) -> bool:
        return self.kind == "read"
