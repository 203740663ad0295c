"""Tool declarations, the one place toolsets and filters are applied, and MCP registration.

Every tool is a :class:`ToolSpec`: its name, toolset and kind come from the
catalogue (or, for workflow tools, from the spec itself), its arguments from the
operation's models. :func:`select` applies ``--toolsets``, ``--tools``,
``--exclude-tools`` and ``--read-only`` in a fixed order, and
:func:`to_mcp_tool` turns a spec into the SDK's ``Tool`` with annotations, a
compact input schema and an output schema.
"""

from __future__ import annotations

import copy
import functools
import inspect
import json
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from mcp.server.mcpserver import Context
from mcp.server.mcpserver.exceptions import ToolError
from mcp.server.mcpserver.resolve import build_resolver_plans, find_resolved_parameters
from mcp.server.mcpserver.tools.base import Tool
from mcp.server.mcpserver.utilities.func_metadata import FuncMetadata
from mcp.types import CallToolResult, ToolAnnotations
from pydantic import BaseModel, ValidationError

from ..api import Operation
from ._schema import ArgumentModel, FieldSpec, build_argument_model, compact_schema
from ._toolsets import BUILDER, EVERYTHING, toolset_names, valid_toolsets
from ._vocabulary import Exposure, Kind

__all__ = [
    "TOOLSETS",
    "Declared",
    "Handler",
    "Selection",
    "ToolSpec",
    "UnknownNameError",
    "annotations_for",
    "load_schemas",
    "select",
    "to_mcp_tool",
    "tool_schemas",
]

TOOLSETS: Final[tuple[str, ...]] = toolset_names("v1")  # v1's names; a version's own: toolset_names(version)

# Handlers receive the request context, the validated arguments and any resolved values.
Handler = Callable[[Context[Any, Any], dict[str, Any]], Awaitable[CallToolResult]]


def annotations_for(kind: Kind, *, idempotent: bool) -> ToolAnnotations:
    """Return the hints for a kind; only what differs from the protocol's defaults is spelled out."""
    if kind == "read":
        return ToolAnnotations(read_only_hint=True, open_world_hint=True)
    return ToolAnnotations(
        read_only_hint=False,
        destructive_hint=kind == "destructive",
        idempotent_hint=idempotent,
        open_world_hint=True,
    )


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


@dataclass(frozen=True)
class Selection:
    """Which tools to serve: toolsets (None = the builder profile), additions, exclusions, read-only."""

    toolsets: frozenset[str] | None = None
    tools: frozenset[str] = frozenset()
    exclude: frozenset[str] = frozenset()
    read_only: bool = False
    version: str = "v2"  # the API version whose toolsets the names are checked against and ordered by


class UnknownNameError(ValueError):
    """A toolset or tool name that does not exist; the message lists the valid ones."""


def select(specs: Sequence[ToolSpec], selection: Selection) -> list[ToolSpec]:
    """Return the tools a selection enables, ordered by toolset then name."""
    names = {spec.name for spec in specs}
    if unknown := (selection.tools | selection.exclude) - names:
        raise UnknownNameError(
            f"unknown tool(s): {', '.join(sorted(unknown))}. Valid tools: {', '.join(sorted(names))}"
        )
    valid_names = valid_toolsets(selection.version)
    if selection.toolsets is not None and (bad := selection.toolsets - set(valid_names)):
        valid = ", ".join(valid_names)
        raise UnknownNameError(f"unknown toolset(s): {', '.join(sorted(bad))}. Valid toolsets: {valid}")

    def enabled(spec: ToolSpec) -> bool:
        if spec.name in selection.exclude or (selection.read_only and not spec.read_only):
            return False
        if spec.name in selection.tools:
            return True
        wanted = selection.toolsets if selection.toolsets is not None else frozenset({BUILDER})
        return EVERYTHING in wanted or spec.toolset in wanted or (BUILDER in wanted and spec.builder)

    order = {name: index for index, name in enumerate(toolset_names(selection.version))}
    return sorted(filter(enabled, specs), key=lambda s: (order.get(s.toolset, len(order)), s.name))


# Agents send null for optional arguments they mean to leave out, and v0 refuses null where
# its spec does not allow it (422); so null means "not given", except where v0 reads it.
_NULL_IS_MEANINGFUL: frozenset[tuple[str, str]] = frozenset({("update_chat", "metadata")})  # null clears it


class _Validated(dict[str, Any]):
    """Every argument by field name (what resolvers read), carrying the arguments the caller gave."""

    given: dict[str, Any]


class _Arguments(FuncMetadata):
    """Validate a tool's arguments once, and hand its handler only what the caller gave.

    The strict model fills in every default, but the API must see only what was given
    (a PATCH with ``metadata: null`` would delete all metadata); our own arguments
    (``waitSeconds``, ``confirm``) come with their defaults. Resolvers still see every
    argument by name, as the SDK promises them.
    """

    own: frozenset[str] = frozenset()
    nullable: frozenset[str] = frozenset()  # arguments whose null v0 reads (sent as null, not left out)
    spec: Any = None  # the ToolSpec whose argument model is built on the first call, when it is not built yet

    def validate_arguments(self, arguments_to_validate: dict[str, Any]) -> dict[str, Any]:
        if self.spec is not None:  # a server start declares every tool; a run calls few
            self.arg_model, self.spec = (
                build_argument_model(self.spec.name, self.spec.fields, docs=self.spec.docs),
                None,
            )
        model = self.arg_model.model_validate(self.pre_parse_json(arguments_to_validate))
        validated = _Validated(model.model_dump_one_level())
        validated.given = {
            key: value
            for key, value in model.model_dump(exclude_unset=True, by_alias=True).items()
            if value is not None or key in self.nullable
        }
        validated.given.update({name: getattr(model, name) for name in self.own})
        return validated

    async def call_fn(
        self,
        fn: Callable[..., Any],
        fn_is_async: bool,
        arguments: dict[str, Any],
        arguments_to_pass_directly: dict[str, Any] | None = None,
    ) -> Any:
        given = arguments.given if isinstance(arguments, _Validated) else arguments
        return await fn(dict(given), **(arguments_to_pass_directly or {}))


class V0Tool(Tool):
    """A tool whose argument errors name each field and say what is wrong."""

    async def run(self, arguments: dict[str, Any], context: Any, convert_result: bool = False) -> Any:
        try:
            return await super().run(arguments, context, convert_result=convert_result)
        except ToolError as exc:
            if isinstance(exc.__cause__, ValidationError):
                raise ToolError(describe_validation_error(self.name, exc.__cause__)) from None
            raise


def describe_validation_error(tool: str, exc: ValidationError) -> str:
    """Turn a pydantic error into one line per field that names it and says what is wrong."""
    lines = []
    for error in exc.errors(include_url=False, include_input=False):
        where = ".".join(str(part) for part in error["loc"]) or "(arguments)"
        message = error["msg"]
        if error["type"] == "extra_forbidden":
            message = "unknown argument; check the tool's input schema for valid names"
        lines.append(f"- {where}: {message}")
    return f"Invalid arguments for {tool}:\n" + "\n".join(lines)


Schemas = Mapping[str, Any]  # {"input": ..., "output": ...} of one tool, as tool_schemas() derives them

_BUILT: dict[int, tuple[ToolSpec, Tool]] = {}


def load_schemas(path: Path) -> dict[str, Schemas]:
    """Return the stored schemas of a version's tools, by tool name ({} when there are none)."""
    try:
        stored: dict[str, Schemas] = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    return stored


def tool_schemas(spec: ToolSpec) -> dict[str, Any]:
    """Derive a tool's input and output JSON schemas from its models (what a stored copy must equal)."""
    strict = build_argument_model(spec.name, spec.fields, docs=spec.docs)
    return {
        "input": compact_schema(strict.model_json_schema(by_alias=True)),
        "output": compact_output_schema(spec.output),
        "idempotent": spec.idempotent,
        "own": sorted(spec.own),
    }


def to_mcp_tool(spec: ToolSpec, stored: Schemas | None = None) -> Tool:
    """Return the SDK tool for a spec, built once per spec (specs are immutable module constants).

    ``stored`` are the spec's schemas as derived ahead of time: deriving them takes most
    of a server's start, so startup loads them instead (a test keeps them current).
    """
    built = _BUILT.get(id(spec))
    if built is None or built[0] is not spec:
        built = _BUILT[id(spec)] = (spec, _build_tool(spec, stored))
    return built[1]


def _build_tool(spec: ToolSpec, stored: Schemas | None) -> Tool:
    """Build the SDK tool for a spec: strict arguments, compact schemas, annotations.

    The tool is assembled directly rather than through ``Tool.from_function``,
    which would derive a second argument model and output schema from a
    signature. The argument model's validator is built on the first call.
    """
    fn = _bind(spec)
    resolved = find_resolved_parameters(fn) if spec.resolvers else {}
    nullable = frozenset(key for tool, key in _NULL_IS_MEANINGFUL if tool == spec.name)
    if stored is not None:
        # Loaded fresh from the stored file for this build, so the tool may own them as they are.
        schemas, names = stored, set(stored["input"].get("properties", {}))
        metadata = _Arguments(
            arg_model=ArgumentModel,
            output_schema=schemas["output"],
            own=frozenset(schemas["own"]),
            nullable=nullable,
            spec=spec,
        )
    else:
        strict = build_argument_model(spec.name, spec.fields, docs=spec.docs)
        schemas, names = tool_schemas(spec), set(strict.model_fields)
        metadata = _Arguments(
            arg_model=strict, output_model=spec.output, output_schema=schemas["output"], own=spec.own, nullable=nullable
        )
    return V0Tool(
        fn=fn,
        name=spec.name,
        title=spec.title,
        description=spec.description,
        parameters=schemas["input"],
        fn_metadata=metadata,
        is_async=True,
        context_kwarg="ctx",
        resolved_params=dict(resolved),
        resolver_plans=build_resolver_plans(resolved, names),
        annotations=annotations_for(spec.kind, idempotent=schemas["idempotent"]),
    )


def compact_output_schema(model: type[BaseModel]) -> dict[str, Any]:
    """Return the output schema without generated titles (it is shown to clients too)."""
    return copy.deepcopy(_output_schema(model))


@functools.cache
def _output_schema(model: type[BaseModel]) -> dict[str, Any]:
    # Several tools share a result shape (Generation, Version, ...): derive each once.
    return compact_schema(model.model_json_schema(by_alias=True, mode="serialization"))


def _bind(spec: ToolSpec) -> Callable[..., Awaitable[CallToolResult]]:
    """Make the function the SDK calls: the given arguments, the context and each resolved value.

    Its signature names the context and the resolvers, which the SDK inspects; the
    arguments themselves are validated by :class:`_Arguments` and arrive as one dict.
    """
    handler = spec.handler

    async def tool_function(given: dict[str, Any], ctx: Context[Any, Any], **resolved: Any) -> CallToolResult:
        return await handler(ctx, {**given, **resolved})

    params = [
        inspect.Parameter("given", inspect.Parameter.POSITIONAL_ONLY, annotation=dict[str, Any]),
        inspect.Parameter("ctx", inspect.Parameter.KEYWORD_ONLY, annotation=Context),
    ]
    annotations: dict[str, Any] = {"given": dict[str, Any], "ctx": Context}
    for name, annotation in spec.resolvers.items():
        params.append(inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=annotation))
        annotations[name] = annotation
    # The result's schema is the tool's stored or derived output schema, not read from here.
    annotations["return"] = CallToolResult
    tool_function.__signature__ = inspect.Signature(params, return_annotation=CallToolResult)  # type: ignore[attr-defined]
    tool_function.__annotations__ = annotations
    tool_function.__name__ = spec.name
    tool_function.__qualname__ = spec.name
    return tool_function
