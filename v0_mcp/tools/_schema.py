"""Tool arguments derived from the catalogue, and the compact schemas agents read.

A tool's arguments are the operation's path parameters, query fields and body
fields under the API's own names, so v0's documentation applies verbatim. The
JSON schema pydantic derives is then trimmed for the context window: no
generated titles, no ``null`` arms or ``default: null`` for optional fields, no
discriminator mappings; enums, limits and required fields stay.
"""

from __future__ import annotations

import copy
import typing
from collections.abc import Mapping
from typing import TYPE_CHECKING, Annotated, Any, Final, Literal, get_args, get_origin

from mcp.server.mcpserver.utilities.func_metadata import ArgModelBase
from pydantic import BaseModel, ConfigDict, Field, create_model
from pydantic.fields import FieldInfo

if TYPE_CHECKING:
    from ..api import Operation

__all__ = [
    "MAX_ID_CHARS",
    "ArgumentModel",
    "admits_none",
    "argument_fields",
    "build_argument_model",
    "compact_schema",
    "nullable_fields",
    "union_arms",
    "with_defaults",
]

FieldSpec = tuple[Any, FieldInfo]

# v0's ids are a few dozen characters: a longer one is a mistake, and a 64 KiB one must be refused by
# name here rather than fail deep in the HTTP stack.
MAX_ID_CHARS: Final = 128
_ID_LIMIT: Final = FieldInfo(max_length=MAX_ID_CHARS)


class ArgumentModel(ArgModelBase):
    """Base of every tool's argument model: unknown arguments are refused."""

    # Built on first use: a server start declares every tool, a run calls few.
    model_config = ConfigDict(extra="forbid", populate_by_name=True, arbitrary_types_allowed=True, defer_build=True)


def union_arms(annotation: Any) -> tuple[type[BaseModel], ...]:
    """Return the models of a (possibly ``Annotated``) union of request models."""
    if get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    args = get_args(annotation)
    return tuple(a for a in args if isinstance(a, type) and issubclass(a, BaseModel))


def _model_fields(model: type[BaseModel]) -> dict[str, FieldSpec]:
    return {name: (info.annotation, info) for name, info in model.model_fields.items()}


def _flatten_union(annotation: Any) -> dict[str, FieldSpec]:
    """Flatten a tagged union of bodies into one set of optional fields plus a required ``type``."""
    arms = union_arms(annotation)
    fields: dict[str, FieldSpec] = {}
    tags: list[str] = []
    required_everywhere = set.intersection(*(set(_required(arm)) for arm in arms))
    for arm in arms:
        for name, (ann, info) in _model_fields(arm).items():
            if name == "type":
                tags.extend(get_args(ann))
                continue
            if name in fields:
                continue
            if name in required_everywhere or not info.is_required():
                fields[name] = (ann, info)
            else:  # required by its own variant only: the body check enforces it
                optional = copy.copy(info)
                optional.default = None
                fields[name] = (ann | None, optional)
    literal = Literal.__getitem__(tuple(tags))
    return {"type": (literal, FieldInfo()), **fields}


def _required(model: type[BaseModel]) -> list[str]:
    return [name for name, info in model.model_fields.items() if info.is_required()]


def admits_none(annotation: Any) -> bool:
    """Whether a (possibly ``Annotated``) annotation accepts ``None``: what the spec makes nullable."""
    if get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    return annotation is None or annotation is type(None) or type(None) in get_args(annotation)


def nullable_fields(op: Operation | None) -> frozenset[str]:
    """The optional arguments of ``op`` whose ``null`` the API reads (the spec makes them nullable).

    Anywhere else an agent's ``null`` means "not given" and is not sent: v0 refuses it (422).
    """
    if op is None or op.body is None:
        return frozenset()  # a query string cannot say null: there it is always "not given"
    body = op.body
    arms = [body] if isinstance(body, type) and issubclass(body, BaseModel) else list(union_arms(body))
    return frozenset(
        name
        for arm in arms
        for name, info in arm.model_fields.items()
        if not info.is_required() and admits_none(info.annotation)
    )


def argument_fields(op: Operation, *, hide: frozenset[str] = frozenset()) -> dict[str, FieldSpec]:
    """Return the tool arguments of ``op``: path params, then query and body fields, by API name."""
    fields: dict[str, FieldSpec] = {
        name: (str, FieldInfo(min_length=1, max_length=MAX_ID_CHARS)) for name in op.path_params
    }
    sources: list[dict[str, FieldSpec]] = []
    if op.query is not None:
        sources.append(_model_fields(op.query))
    if op.body is not None:
        body = op.body
        is_model = isinstance(body, type) and issubclass(body, BaseModel)
        sources.append(_model_fields(body) if is_model else _flatten_union(body))
    for source in sources:
        for name, spec in source.items():
            if name in fields:
                raise ValueError(f"{op.id}: argument {name!r} appears twice")
            if name not in hide:
                fields[name] = _id_limited(name, spec)
    return fields


def _id_limited(name: str, spec: FieldSpec) -> FieldSpec:
    """Give an id argument (``projectId``, ``designSystemId``...) a sane ``maxLength`` unless the spec set one."""
    annotation, info = spec
    origin: Any = get_origin(annotation)
    plain = get_args(annotation)[0] if origin is Annotated else annotation
    is_text = plain is str or (type(None) in get_args(plain) and str in get_args(plain))
    if not (name == "id" or name.endswith("Id")) or not is_text:
        return spec
    if any(getattr(rule, "max_length", None) is not None for rule in info.metadata):
        return spec
    limited = copy.copy(info)  # not merge_field_infos: it would drop a default set on a copy (see _flatten_union)
    limited.metadata = [*info.metadata, *_ID_LIMIT.metadata]
    return annotation, limited


def with_defaults(op: Operation, args: Mapping[str, Any]) -> dict[str, Any]:
    """Return ``args`` with the spec's default for each query field the caller left out.

    Handlers pass on only what was given, but some need the value v0 will use (the
    page size, to tell whether there is a next page): the spec says it, once.
    """
    defaults: dict[str, Any] = {}
    if op.query is not None:
        for name, info in op.query.model_fields.items():
            if not info.is_required() and info.default is not None:
                defaults[info.alias or name] = info.default
    return {**defaults, **args}


def build_argument_model(
    name: str, fields: Mapping[str, FieldSpec], *, docs: Mapping[str, str] | None = None
) -> type[ArgumentModel]:
    """Create the strict pydantic model that validates a tool's arguments."""
    definitions: dict[str, Any] = {}
    for field_name, (annotation, info) in fields.items():
        description = (docs or {}).get(field_name)
        if description:
            info = FieldInfo.merge_field_infos(info, Field(description=description))
        definitions[field_name] = (annotation, info)
    return typing.cast(type[ArgumentModel], create_model(f"{name}_arguments", __base__=ArgumentModel, **definitions))


def compact_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """Trim a pydantic JSON schema to what an agent needs to call the tool correctly.

    Definitions used once are inlined (only shared shapes stay in ``$defs``), a
    ``const`` drops its redundant ``type``, and ``additionalProperties: false`` is
    left out everywhere: the arguments are validated strictly on the server, which
    refuses an unknown argument by name, so the keyword would only cost every
    agent context (about 7 tokens a tool) to say what the error says when it matters.
    """
    compact = typing.cast(dict[str, Any], _compact(schema, in_properties=False))
    defs: dict[str, Any] = compact.pop("$defs", {})
    uses: dict[str, int] = {}
    _count_refs(compact, uses)
    for definition in defs.values():
        _count_refs(definition, uses)
    shared = {name for name, count in uses.items() if count > 1}
    inlined = typing.cast(dict[str, Any], _inline(compact, defs, shared, depth=0))
    kept = {name: _inline(defs[name], defs, shared, depth=0) for name in sorted(shared)}
    for definition in kept.values():
        _strip_nested_strictness(definition)
    _strip_nested_strictness(inlined)
    return {**inlined, "$defs": kept} if kept else inlined


_REF = "#/$defs/"


def _count_refs(node: Any, uses: dict[str, int]) -> None:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(_REF):
            uses[ref[len(_REF) :]] = uses.get(ref[len(_REF) :], 0) + 1
        for value in node.values():
            _count_refs(value, uses)
    elif isinstance(node, list):
        for item in node:
            _count_refs(item, uses)


def _inline(node: Any, defs: dict[str, Any], shared: set[str], *, depth: int) -> Any:
    if depth > 20:
        raise ValueError("schema nests too deeply to inline")
    if isinstance(node, list):
        return [_inline(item, defs, shared, depth=depth + 1) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith(_REF) and ref[len(_REF) :] not in shared:
        target = _inline(defs[ref[len(_REF) :]], defs, shared, depth=depth + 1)
        return {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return {key: _inline(value, defs, shared, depth=depth + 1) for key, value in node.items()}


def _strip_nested_strictness(node: Any) -> None:
    if isinstance(node, dict):
        if node.get("additionalProperties") is False:
            del node["additionalProperties"]
        if "const" in node and node.get("type") in ("string", "number", "integer", "boolean"):
            del node["type"]
        for value in node.values():
            _strip_nested_strictness(value)
    elif isinstance(node, list):
        for item in node:
            _strip_nested_strictness(item)


def _compact(node: Any, *, in_properties: bool) -> Any:
    if isinstance(node, list):
        return [_compact(item, in_properties=False) for item in node]
    if not isinstance(node, dict):
        return node
    if in_properties:  # keys are property names, values are schemas
        return {key: _compact(value, in_properties=False) for key, value in node.items()}
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in ("title", "discriminator"):
            continue
        if key == "default" and value is None:
            continue
        out[key] = _compact(value, in_properties=key in ("properties", "$defs"))
    arms = out.get("anyOf")
    if isinstance(arms, list):
        non_null = [arm for arm in arms if arm != {"type": "null"}]
        if len(non_null) == 1 and len(non_null) < len(arms):
            del out["anyOf"]
            out = {**non_null[0], **out}
        elif len(non_null) < len(arms):
            out["anyOf"] = non_null
    return out


def describe(text: str) -> Any:
    """Return a ``Field`` carrying a short description (for our own arguments)."""
    return Field(description=text)
