"""Tool declarations, the one place toolsets and filters are applied, and MCP registration.

Every tool is a :class:`ToolSpec`: its name, toolset and kind come from the
version's vocabulary, its arguments from the operation's models. What a server
start needs of each (names, texts, schemas) is stored ahead of time in the
version's ``_schemas.json``: a :class:`StoredTool` serves it, and loads its
``ToolSpec`` (the toolset modules and their models) on the first call.
:func:`select` applies ``--toolsets``, ``--tools``, ``--exclude-tools`` and
``--read-only`` in a fixed order, and :func:`to_mcp_tool` turns either into the
SDK's ``Tool`` with annotations, a compact input schema and an output schema.
"""

from __future__ import annotations

import copy
import functools
import importlib
import inspect
import json
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Protocol, TypeVar

from mcp.server.mcpserver import Context
from mcp.server.mcpserver.exceptions import ToolError, UnexpectedToolError
from mcp.server.mcpserver.resolve import build_resolver_plans, find_resolved_parameters
from mcp.server.mcpserver.tools.base import Tool
from mcp.server.mcpserver.utilities.func_metadata import FuncMetadata
from mcp.types import CallToolResult, ToolAnnotations
from pydantic import BaseModel, ValidationError

from ..app import tool_meta
from ._schema import ArgumentModel, build_argument_model, compact_schema, nullable_fields
from ._toolsets import BUILDER, EVERYTHING, Kind, toolset_names, toolsets_of, valid_toolsets

if TYPE_CHECKING:
    from ._spec import Handler, ToolSpec

__all__ = [
    "TOOLSETS",
    "Declaration",
    "Selection",
    "StoredTool",
    "UnknownNameError",
    "annotations_for",
    "declarations_path",
    "disabled_reason",
    "guard_tool_calls",
    "load_schemas",
    "select",
    "stored_tools",
    "to_mcp_tool",
    "tool_declaration",
]

TOOLSETS: Final[tuple[str, ...]] = toolset_names("v1")  # v1's names; a version's own: toolset_names(version)


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


class Declaration(Protocol):
    """What selecting, explaining and serving a tool reads: a :class:`ToolSpec` or a :class:`StoredTool`."""

    @property
    def name(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def toolset(self) -> str: ...
    @property
    def kind(self) -> Kind: ...
    @property
    def builder(self) -> bool: ...
    @property
    def read_only(self) -> bool: ...


D = TypeVar("D", bound=Declaration)


class StoredTool:
    """A tool as its version's stored declaration gives it: all a server start needs, no toolset module.

    Its :class:`ToolSpec` (the handler, the argument model) is loaded with the
    version's toolset modules on the first call of any of its tools.
    """

    __slots__ = ("builder", "declaration", "description", "kind", "name", "title", "toolset", "version")

    def __init__(self, version: str, name: str, declaration: Mapping[str, Any]) -> None:
        self.version = version
        self.name: str = name
        self.title: str = declaration["title"]
        self.description: str = declaration["description"]
        self.toolset: str = declaration["toolset"]
        self.kind: Kind = declaration["kind"]
        self.builder: bool = declaration["builder"]
        self.declaration = declaration  # as tool_declaration() derives it: schemas, idempotent, own, nullable

    def __repr__(self) -> str:
        return f"StoredTool({self.version}:{self.name})"

    @property
    def read_only(self) -> bool:
        return self.kind == "read"

    def spec(self) -> ToolSpec:
        """Return the tool's full declaration, loading its version's toolset modules (once)."""
        return _specs_of(self.version)[self.name]

    async def handle(self, ctx: Context[Any, Any], args: dict[str, Any]) -> CallToolResult:
        return await self.spec().handler(ctx, args)


@functools.cache
def _specs_of(version: str) -> Mapping[str, ToolSpec]:
    tools = importlib.import_module(f"{__package__}.{version}")
    return {spec.name: spec for spec in tools.ALL_TOOLS}


def declarations_path(version: str) -> Path:
    """Where API ``version``'s stored declarations live (``scripts/generate_tool_schemas.py`` writes them)."""
    toolsets_of(version)  # refuses an unknown version by name
    return Path(__file__).with_name(version) / "_schemas.json"


@functools.cache
def stored_tools(version: str) -> tuple[StoredTool, ...]:
    """Return every tool of API ``version`` from its stored declarations, without importing its toolsets."""
    path = declarations_path(version)
    declarations = load_schemas(path)
    if not declarations:
        raise RuntimeError(f"{path} is missing: run scripts/generate_tool_schemas.py")
    return tuple(StoredTool(version, name, declaration) for name, declaration in declarations.items())


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


def select(specs: Sequence[D], selection: Selection) -> list[D]:
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

    def enabled(spec: D) -> bool:
        if spec.name in selection.exclude or (selection.read_only and not spec.read_only):
            return False
        if spec.name in selection.tools:
            return True
        wanted = selection.toolsets if selection.toolsets is not None else frozenset({BUILDER})
        return EVERYTHING in wanted or spec.toolset in wanted or (BUILDER in wanted and spec.builder)

    order = {name: index for index, name in enumerate(toolset_names(selection.version))}
    return sorted(filter(enabled, specs), key=lambda s: (order.get(s.toolset, len(order)), s.name))


def disabled_reason(name: str, specs: Sequence[Declaration], selection: Selection) -> str | None:
    """Say how to enable ``name``, a tool of ``specs`` the selection leaves out; None for a name that is no tool."""
    spec = next((s for s in specs if s.name == name), None)
    if spec is None:
        return None
    if name in selection.exclude:
        return f"{name} is turned off by --exclude-tools (V0_MCP_EXCLUDE_TOOLS): start without it there to use it."
    hides = "--read-only (V0_MCP_READ_ONLY) hides it, as it changes things"
    if selection.read_only and not spec.read_only and _enabled_without_read_only(spec, selection):
        return f"{name} is not enabled: {hides}; start without --read-only to use it."
    current = sorted(selection.toolsets) if selection.toolsets is not None else [BUILDER]
    reason = (
        f"{name} is in toolset {spec.toolset}, not enabled: start with --toolsets {','.join([*current, spec.toolset])} "
        f"or --tools {name} (V0_MCP_TOOLSETS, V0_MCP_TOOLS)"
    )
    return reason + (f"; {hides}." if selection.read_only and not spec.read_only else ".")


def _enabled_without_read_only(spec: Declaration, selection: Selection) -> bool:
    wanted = selection.toolsets if selection.toolsets is not None else frozenset({BUILDER})
    return (
        spec.name in selection.tools
        or EVERYTHING in wanted
        or spec.toolset in wanted
        or (BUILDER in wanted and spec.builder)
    )


def guard_tool_calls(server: Any, specs: Sequence[Declaration], selection: Selection) -> None:
    """Make a call that cannot run say why, instead of "Unknown tool" or pydantic's dump.

    A tool that exists but is not enabled says how to enable it; arguments that do
    not validate are named one per line with what is wrong. ``server`` is the
    ``MCPServer`` serving ``select(specs, selection)``; ``specs`` are every tool of its API version.
    """
    served = {spec.name for spec in select(specs, selection)}
    call = server.call_tool

    async def call_tool(name: str, arguments: dict[str, Any], context: Any = None) -> Any:
        if name not in served and (reason := disabled_reason(name, specs, selection)):
            raise ToolError(reason)
        try:
            return await call(name, arguments, context)
        except ToolError as exc:
            # Only the arguments' own validation: a crash (UnexpectedToolError) keeps the SDK's generic text.
            if isinstance(exc.__cause__, ValidationError) and not isinstance(exc, UnexpectedToolError):
                raise ToolError(describe_validation_error(name, exc.__cause__)) from None
            raise

    setattr(server, "call_tool", call_tool)  # noqa: B010 - an instance override of a public method


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
    # Agents send null for optional arguments they mean to leave out, and v0 refuses null where its
    # spec does not allow it (422): null means "not given", except in these, which the spec makes nullable.
    nullable: frozenset[str] = frozenset()
    # Gives the ToolSpec whose argument model is built on the first call, when it is not built yet
    # (typed Any: pydantic resolves field types when the class is made, and ToolSpec is not loaded at startup).
    spec: Callable[[], Any] | None = None

    def validate_arguments(self, arguments_to_validate: dict[str, Any]) -> dict[str, Any]:
        if self.spec is not None:  # a server start declares every tool; a run calls few
            spec = self.spec()
            self.arg_model, self.spec = build_argument_model(spec.name, spec.fields, docs=spec.docs), None
        # null is "not given" (left out before validation, so a default or "missing" applies), except where
        # v0 reads it; an unknown argument stays, to be refused by name.
        known = {name for field, info in self.arg_model.model_fields.items() for name in (field, info.alias) if name}
        given = {
            k: v for k, v in arguments_to_validate.items() if v is not None or k in self.nullable or k not in known
        }
        model = self.arg_model.model_validate(self.pre_parse_json(given))
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


Schemas = Mapping[str, Any]  # one tool's stored declaration, as tool_declaration() derives it

_BUILT: dict[int, tuple[ToolSpec | StoredTool, Tool]] = {}


def load_schemas(path: Path) -> dict[str, Schemas]:
    """Return the stored declarations of a version's tools, by tool name ({} when there are none)."""
    try:
        stored: dict[str, Schemas] = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    return stored


def tool_declaration(spec: ToolSpec) -> dict[str, Any]:
    """Derive what a server start serves of a tool from its models (what the stored copy must equal).

    Its texts and place (title, description, toolset, kind, profile), its input and
    output JSON schemas, and what the argument handling needs before the first call.
    """
    strict = build_argument_model(spec.name, spec.fields, docs=spec.docs)
    return {
        "title": spec.title,
        "description": spec.description,
        "toolset": spec.toolset,
        "kind": spec.kind,
        "builder": spec.builder,
        "input": compact_schema(strict.model_json_schema(by_alias=True)),
        "output": compact_output_schema(spec.output),
        "idempotent": spec.idempotent,
        "own": sorted(spec.own),
        "nullable": sorted(nullable_fields(spec.operation) & set(spec.fields)),
    }


def to_mcp_tool(tool: ToolSpec | StoredTool) -> Tool:
    """Return the SDK tool for a spec or a stored tool, built once for each (both are immutable constants).

    A :class:`StoredTool` is what a server start uses: deriving schemas from the
    models would take most of the start, and importing the toolsets much of the rest.
    """
    built = _BUILT.get(id(tool))
    if built is None or built[0] is not tool:
        built = _BUILT[id(tool)] = (tool, _build_stored(tool) if isinstance(tool, StoredTool) else _build_derived(tool))
    return built[1]


def _build_stored(tool: StoredTool) -> Tool:
    """Build the SDK tool from a stored declaration; its argument model and handler load on the first call."""
    declared = tool.declaration
    resolvers: Mapping[str, Any] = {}
    if tool.kind == "destructive":
        from ._confirm import confirmation_resolvers  # only servers with destructive tools load it

        resolvers = confirmation_resolvers(tool.name, destructive=True)
    metadata = _Arguments(
        arg_model=ArgumentModel,
        output_schema=declared["output"],
        own=frozenset(declared["own"]),
        nullable=frozenset(declared["nullable"]),
        spec=tool.spec,
    )
    return _sdk_tool(tool, tool.handle, resolvers, declared["input"], metadata, idempotent=declared["idempotent"])


def _build_derived(spec: ToolSpec) -> Tool:
    """Build the SDK tool from the spec's models, now (what a stored declaration must give alike)."""
    strict = build_argument_model(spec.name, spec.fields, docs=spec.docs)
    declared = tool_declaration(spec)
    metadata = _Arguments(
        arg_model=strict,
        output_model=spec.output,
        output_schema=declared["output"],
        own=spec.own,
        nullable=frozenset(declared["nullable"]),
    )
    return _sdk_tool(spec, spec.handler, spec.resolvers, declared["input"], metadata, idempotent=spec.idempotent)


def _sdk_tool(
    tool: Declaration,
    handler: Handler,
    resolvers: Mapping[str, Any],
    parameters: dict[str, Any],
    metadata: _Arguments,
    *,
    idempotent: bool,
) -> Tool:
    """Assemble the SDK tool: strict arguments, compact schemas, annotations.

    The tool is assembled directly rather than through ``Tool.from_function``,
    which would derive a second argument model and output schema from a signature.
    """
    fn = _bind(tool.name, handler, resolvers)
    resolved = find_resolved_parameters(fn) if resolvers else {}
    return Tool(
        fn=fn,
        name=tool.name,
        title=tool.title,
        description=tool.description,
        parameters=parameters,
        fn_metadata=metadata,
        is_async=True,
        context_kwarg="ctx",
        resolved_params=dict(resolved),
        resolver_plans=build_resolver_plans(resolved, set(parameters.get("properties", {}))),
        annotations=annotations_for(tool.kind, idempotent=idempotent),
        meta=tool_meta(tool.name),  # the MCP App view, for the tools that produce or change an app
    )


def compact_output_schema(model: type[BaseModel]) -> dict[str, Any]:
    """Return the output schema without generated titles (it is shown to clients too)."""
    return copy.deepcopy(_output_schema(model))


@functools.cache
def _output_schema(model: type[BaseModel]) -> dict[str, Any]:
    # Several tools share a result shape (Generation, Version, ...): derive each once.
    return compact_schema(model.model_json_schema(by_alias=True, mode="serialization"))


def _bind(name: str, handler: Handler, resolvers: Mapping[str, Any]) -> Callable[..., Awaitable[CallToolResult]]:
    """Make the function the SDK calls: the given arguments, the context and each resolved value.

    Its signature names the context and the resolvers, which the SDK inspects; the
    arguments themselves are validated by :class:`_Arguments` and arrive as one dict.
    """

    async def tool_function(given: dict[str, Any], ctx: Context[Any, Any], **resolved: Any) -> CallToolResult:
        return await handler(ctx, {**given, **resolved})

    params = [
        inspect.Parameter("given", inspect.Parameter.POSITIONAL_ONLY, annotation=dict[str, Any]),
        inspect.Parameter("ctx", inspect.Parameter.KEYWORD_ONLY, annotation=Context),
    ]
    annotations: dict[str, Any] = {"given": dict[str, Any], "ctx": Context}
    for parameter, annotation in resolvers.items():
        params.append(inspect.Parameter(parameter, inspect.Parameter.KEYWORD_ONLY, annotation=annotation))
        annotations[parameter] = annotation
    # The result's schema is the tool's stored or derived output schema, not read from here.
    annotations["return"] = CallToolResult
    tool_function.__signature__ = inspect.Signature(params, return_annotation=CallToolResult)  # type: ignore[attr-defined]
    tool_function.__annotations__ = annotations
    tool_function.__name__ = name
    tool_function.__qualname__ = name
    return tool_function
