"""Hypothesis strategies from JSON Schema: arguments a tool must accept, and arguments it must refuse.

``valid(schema)`` draws values the schema accepts: types, ``enum``, ``const``, bounds,
lengths, ``required``, arrays, objects, ``anyOf``/``oneOf``/``allOf`` and ``$ref`` into
``$defs``. ``invalid_arguments(schema)`` draws an arguments object that breaks the
schema in exactly one place: a required argument left out, an unknown argument, or one
value of the wrong type, outside its bounds or not in its enum. Wrong values are chosen
so that no lax coercion can rescue them (``"12"`` for an integer would be), so a server
that validates its own schema must refuse every one of them.

Sizes are kept small (a few items, short strings): the point is coverage of shapes,
not of volume.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any, Final

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

__all__ = ["JSONSchema", "invalid_arguments", "invalid_value", "json_types", "valid"]

JSONSchema = Mapping[str, Any]
Overrides = Mapping[str, SearchStrategy[Any]]

MAX_ITEMS: Final = 3
MAX_TEXT: Final = 24
MAX_DEPTH: Final = 6
UNKNOWN_ARGUMENTS: Final = ("notAnArgument", "chat_id", "Message", "__proto__")
# One value of each JSON type that no lax validator turns into another type.
WRONG_TYPED: Final[Mapping[str, Any]] = {
    "string": "x-not-valid",
    "integer": 12345,
    "array": ["x-not-valid"],
    "object": {"unexpected": 1},
}

_json_leaves = st.none() | st.booleans() | st.integers(-1000, 1000) | st.text(max_size=8)
ANY_JSON: Final[SearchStrategy[Any]] = st.recursive(
    _json_leaves,
    lambda inner: st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=6), inner, max_size=2),
    max_leaves=4,
)
DATE_TIMES: Final = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2030, 12, 31), timezones=st.just(UTC)
).map(lambda moment: moment.isoformat(timespec="seconds").replace("+00:00", "Z"))


# -- reading schemas -----------------------------------------------------------------------------------------------


def _pointer(root: JSONSchema, ref: str) -> Any:
    if not ref.startswith("#/"):
        raise ValueError(f"only local references are supported, not {ref!r}")
    node: Any = root
    for part in ref[2:].split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def resolve(node: Any, root: JSONSchema) -> Any:
    """Follow ``$ref`` (sibling keywords win, as in 2020-12) until a schema without one."""
    for _ in range(50):
        if not (isinstance(node, Mapping) and "$ref" in node):
            return node
        target = _pointer(root, node["$ref"])
        node = {**target, **{key: value for key, value in node.items() if key != "$ref"}}
    raise ValueError("the schema's references loop")


def _merge_all_of(node: JSONSchema, root: JSONSchema) -> dict[str, Any]:
    merged: dict[str, Any] = {key: value for key, value in node.items() if key != "allOf"}
    for part in node["allOf"]:
        part = resolve(part, root)
        if "allOf" in part:
            part = _merge_all_of(part, root)
        for key, value in part.items():
            if key == "properties":
                merged["properties"] = {**merged.get("properties", {}), **value}
            elif key == "required":
                merged["required"] = sorted({*merged.get("required", ()), *value})
            else:
                merged.setdefault(key, value)
    return merged


def _type_of(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def json_types(node: Any, root: JSONSchema) -> frozenset[str] | None:
    """Return the JSON types a schema admits, or None when it admits any."""
    node = resolve(node, root)
    if node is True or node == {}:
        return None
    if node is False:
        return frozenset()
    if "allOf" in node:
        node = _merge_all_of(node, root)
    arms = node.get("anyOf") or node.get("oneOf")
    if arms is not None:
        found: set[str] = set()
        for arm in arms:
            types = json_types(arm, root)
            if types is None:
                return None
            found |= types
        return frozenset(found)
    if "const" in node:
        return frozenset({_type_of(node["const"])})
    if "enum" in node:
        return frozenset(_type_of(value) for value in node["enum"])
    declared = node.get("type")
    if isinstance(declared, str):
        return frozenset({declared})
    if isinstance(declared, list):
        return frozenset(declared)
    if "properties" in node or "additionalProperties" in node:
        return frozenset({"object"})
    if "items" in node:
        return frozenset({"array"})
    return None


def _admits(types: frozenset[str] | None, value: Any) -> bool:
    kind = _type_of(value)
    return types is None or kind in types or (kind == "integer" and "number" in types)


# -- valid values ----------------------------------------------------------------------------------------------------


def valid(
    schema: JSONSchema, *, root: JSONSchema | None = None, overrides: Overrides | None = None
) -> SearchStrategy[Any]:
    """Draw values ``schema`` accepts; ``overrides`` replace the strategy of top-level properties."""
    return _valid(schema, root if root is not None else schema, 0, overrides or {})


def _valid(node: Any, root: JSONSchema, depth: int, overrides: Overrides) -> SearchStrategy[Any]:
    node = resolve(node, root)
    if node is True or node == {}:
        return ANY_JSON
    if node is False:
        return st.nothing()
    if "allOf" in node:
        node = _merge_all_of(node, root)
    if "const" in node:
        return st.just(node["const"])
    if "enum" in node:
        return st.sampled_from(list(node["enum"]))
    arms = node.get("anyOf") or node.get("oneOf")
    if arms is not None:
        rest = {key: value for key, value in node.items() if key not in ("anyOf", "oneOf")}
        return st.one_of([_valid({**rest, **resolve(arm, root)}, root, depth + 1, {}) for arm in arms])
    declared = node.get("type")
    if isinstance(declared, list):
        return st.one_of([_valid({**node, "type": kind}, root, depth, overrides) for kind in declared])
    kind = declared or ("object" if "properties" in node else "array" if "items" in node else None)
    build = _BUILDERS.get(kind) if isinstance(kind, str) else None
    if build is None:
        return ANY_JSON
    return build(node, root, depth, overrides)


def _integer(node: JSONSchema, *_: Any) -> SearchStrategy[Any]:
    low, high = node.get("minimum"), node.get("maximum")
    if isinstance(node.get("exclusiveMinimum"), int | float):
        low = int(node["exclusiveMinimum"]) + 1
    if isinstance(node.get("exclusiveMaximum"), int | float):
        high = int(node["exclusiveMaximum"]) - 1
    return st.integers(min_value=low, max_value=high)


def _number(node: JSONSchema, *_: Any) -> SearchStrategy[Any]:
    low, high = node.get("minimum"), node.get("maximum")
    floats = st.floats(min_value=low, max_value=high, allow_nan=False, allow_infinity=False)
    integers = st.integers(
        min_value=None if low is None else int(-(-low // 1)), max_value=None if high is None else int(high // 1)
    )
    return integers | floats


def _string(node: JSONSchema, *_: Any) -> SearchStrategy[Any]:
    if node.get("format") == "date-time":
        return DATE_TIMES
    low = int(node.get("minLength", 0))
    high = int(node.get("maxLength", max(low, MAX_TEXT)))
    high = min(high, max(low, MAX_TEXT))
    if "pattern" in node:
        return st.from_regex(node["pattern"], fullmatch=True).filter(lambda text: low <= len(text) <= high)
    return st.text(min_size=low, max_size=high)


def _array(node: JSONSchema, root: JSONSchema, depth: int, _: Overrides) -> SearchStrategy[Any]:
    low = int(node.get("minItems", 0))
    high = min(int(node.get("maxItems", max(low, MAX_ITEMS))), max(low, MAX_ITEMS if depth < MAX_DEPTH else low))
    items = _valid(node.get("items", {}), root, depth + 1, {})
    if node.get("uniqueItems"):
        return st.lists(items, min_size=low, max_size=high, unique_by=lambda item: json.dumps(item, sort_keys=True))
    return st.lists(items, min_size=low, max_size=high)


def _object(node: JSONSchema, root: JSONSchema, depth: int, overrides: Overrides) -> SearchStrategy[Any]:
    properties: Mapping[str, Any] = node.get("properties", {})
    required = set(node.get("required", ()))

    def strategy(name: str) -> SearchStrategy[Any]:
        return overrides[name] if name in overrides else _valid(properties[name], root, depth + 1, {})

    fixed = {name: strategy(name) for name in properties if name in required}
    optional = {} if depth >= MAX_DEPTH else {name: strategy(name) for name in properties if name not in required}
    if properties or required:
        return st.fixed_dictionaries(fixed, optional=optional)
    extra = node.get("additionalProperties")
    if isinstance(extra, Mapping):
        names = node.get("propertyNames", {"type": "string"})
        keys = _valid({"type": "string", **resolve(names, root)}, root, depth + 1, {})
        return st.dictionaries(keys, _valid(extra, root, depth + 1, {}), max_size=MAX_ITEMS)
    if extra is False or depth == 0:  # the arguments object: the server refuses names it does not list
        return st.just({})
    return st.dictionaries(st.text(max_size=8), ANY_JSON, max_size=2)


_BUILDERS: Final[Mapping[str, Callable[[JSONSchema, JSONSchema, int, Overrides], SearchStrategy[Any]]]] = {
    "null": lambda *_: st.none(),
    "boolean": lambda *_: st.booleans(),
    "integer": _integer,
    "number": _number,
    "string": _string,
    "array": _array,
    "object": _object,
}


# -- invalid values ----------------------------------------------------------------------------------------------------


def invalid_value(schema: Any, root: JSONSchema) -> SearchStrategy[Any] | None:
    """Draw values ``schema`` refuses beyond any coercion, or None if it accepts anything."""
    node = resolve(schema, root)
    if node is True or node == {}:
        return None
    if "allOf" in node:
        node = _merge_all_of(node, root)
    types = json_types(node, root)
    options: list[SearchStrategy[Any]] = [
        st.just(value)
        for value in WRONG_TYPED.values()
        if not _admits(types, value)
        and not (node.get("format") == "date-time" and isinstance(value, int))  # a UNIX time is a date
    ]
    if "const" in node and isinstance(node["const"], str):
        options.append(st.just(node["const"] + "-not-the-const"))
    elif "enum" in node and all(isinstance(value, str) for value in node["enum"]):
        options.append(st.just("x-not-in-the-enum"))
    elif node.get("anyOf") or node.get("oneOf"):
        options.extend(_invalid_tagged_union(node, root))
    elif node.get("type") in ("integer", "number"):
        if "maximum" in node:
            options.append(st.just(int(node["maximum"] // 1) + 1))
        if "minimum" in node:
            options.append(st.just(int(-(-node["minimum"] // 1)) - 1))
    elif node.get("type") == "string" and "format" not in node and "pattern" not in node:
        if "maxLength" in node:
            options.append(st.just("a" * (int(node["maxLength"]) + 1)))
        if int(node.get("minLength", 0)) > 0:
            options.append(st.just("a" * (int(node["minLength"]) - 1)))
    elif node.get("type") == "array":
        options.extend(_invalid_array(node, root))
    elif node.get("type") == "object" and "properties" in node:
        options.extend(_invalid_object(node, root, _valid(node, root, 1, {})))
    return st.one_of(options) if options else None


def _invalid_tagged_union(node: JSONSchema, root: JSONSchema) -> list[SearchStrategy[Any]]:
    """Every arm an object with a string ``const`` tag under one name: a tag no arm has."""
    arms = [resolve(arm, root) for arm in node.get("anyOf") or node.get("oneOf") or ()]
    tags = {name for arm in arms for name, prop in arm.get("properties", {}).items() if "const" in resolve(prop, root)}
    for tag in sorted(tags):
        if all(tag in arm.get("required", ()) for arm in arms):
            return [st.just({tag: "x-not-a-variant"})]
    return []


def _invalid_array(node: JSONSchema, root: JSONSchema) -> list[SearchStrategy[Any]]:
    options: list[SearchStrategy[Any]] = []
    items = node.get("items", {})
    bad_item = invalid_value(items, root)
    if bad_item is not None and int(node.get("maxItems", 1)) >= 1:
        options.append(st.lists(bad_item, min_size=1, max_size=1))
    if int(node.get("minItems", 0)) > 0:
        options.append(st.just([]))
    if "maxItems" in node:
        good = _valid(items, root, 1, {})
        size = int(node["maxItems"]) + 1
        options.append(st.lists(good, min_size=size, max_size=size))
    return options


def _invalid_object(node: JSONSchema, root: JSONSchema, good: SearchStrategy[Any]) -> list[SearchStrategy[Any]]:
    """One violation inside an object (drawn from ``good``): a required property missing, or one invalid."""
    properties: Mapping[str, Any] = node.get("properties", {})
    options: list[SearchStrategy[Any]] = []
    required = sorted(node.get("required", ()))
    if required:
        options.append(st.tuples(good, st.sampled_from(required)).map(lambda pair: _without(*pair)))
    bad = {
        name: strategy for name in sorted(properties) if (strategy := invalid_value(properties[name], root)) is not None
    }
    if bad:
        options.append(st.sampled_from(sorted(bad)).flatmap(lambda name: _with_bad(good, name, bad[name])))
    return options


def _with_bad(good: SearchStrategy[Any], name: str, bad: SearchStrategy[Any]) -> SearchStrategy[Any]:
    """Draw a good object whose property ``name`` is then replaced by a bad value."""
    return st.tuples(good, bad).map(lambda pair: {**pair[0], name: pair[1]})


def _without(arguments: dict[str, Any], name: str) -> dict[str, Any]:
    return {key: value for key, value in arguments.items() if key != name}


def invalid_arguments(schema: JSONSchema, *, overrides: Overrides | None = None) -> SearchStrategy[dict[str, Any]]:
    """Draw tool arguments that break ``schema`` in one place (missing, unknown, wrong or out of range)."""
    root = schema
    good = valid(schema, overrides=overrides)
    properties: Mapping[str, Any] = schema.get("properties", {})
    options = _invalid_object(schema, root, good)
    # The server refuses an unknown argument by name, though the schema no longer says so (it would cost
    # every agent's context): an unknown argument is always a way to be wrong at the top.
    if schema.get("additionalProperties") in (False, None):
        unknown = [name for name in UNKNOWN_ARGUMENTS if name not in properties]
        options.append(
            st.tuples(good, st.sampled_from(unknown), ANY_JSON).map(lambda triple: {**triple[0], triple[1]: triple[2]})
        )
    if not options:
        raise ValueError("this schema accepts every arguments object")
    return st.one_of(options)
