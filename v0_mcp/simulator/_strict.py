"""Refuse what v0 refuses beyond types: nulls the spec does not allow, non-URIs, off-pattern dates, loose booleans.

The request models (:mod:`v0_mcp.api.v1._models`) check types, enums and required fields,
but they read every optional field as ``X | None`` and pydantic reads ``"yes"`` as a
boolean. v0 validates against its spec, so these rules are read from the spec itself:
``_request_rules.json`` holds, per operationId, the request body's schema and the query
parameters' schemas of ``spec/openapi.json``, cut to the keywords checked here
(:func:`extract_rules` makes it; a test keeps it equal to the spec's).

* ``null`` is refused unless the schema allows it (``nullable``, ``type: "null"``, a
  ``null`` branch or enum value);
* a ``format: "uri"`` string must be an absolute URI (a scheme, and a host for web schemes);
* a string with a ``pattern`` (the report dates) must match it;
* a query boolean (``type: boolean``, or the spec's ``enum: ["true", "false"]``) must be
  exactly ``true`` or ``false``.

Each answer names the field, so a client (or an agent) can fix the one it got wrong.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any, Final
from urllib.parse import urlsplit

__all__ = ["allows_null", "body_errors", "extract_rules", "is_uri", "query_errors", "rules"]

JSON = dict[str, Any]
_KEPT: Final = frozenset({"type", "nullable", "enum", "const", "format", "pattern"})
_BRANCHES: Final = ("anyOf", "oneOf", "allOf")
_SCHEME: Final = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_WEB_SCHEMES: Final = frozenset({"http", "https", "ws", "wss", "ftp"})
_BOOLEAN_WORDS: Final = ("true", "false")
_RULES_FILE: Final = "_request_rules.json"


@cache
def rules() -> dict[str, JSON]:
    """Return the request rules of every operation that takes a body or a query (loaded once)."""
    text = resources.files(__package__).joinpath(_RULES_FILE).read_text(encoding="utf-8")
    loaded: dict[str, JSON] = json.loads(text)
    return loaded


def extract_rules(spec: JSON) -> dict[str, JSON]:
    """Cut the request schemas of an OpenAPI document down to what this module checks.

    Returns ``{operationId: {"body": schema?, "query": {name: schema}?}}`` with ``$ref``
    resolved and descriptions, examples and limits dropped.
    """
    out: dict[str, JSON] = {}
    for item in spec.get("paths", {}).values():
        for operation in item.values():
            if not isinstance(operation, dict) or "operationId" not in operation:
                continue
            entry: JSON = {}
            body = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
            if body is not None:
                entry["body"] = _cut(body, spec)
            query = {
                p["name"]: _cut(p.get("schema", {}), spec)
                for p in operation.get("parameters", [])
                if p.get("in") == "query"
            }
            if query:
                entry["query"] = query
            if entry:
                out[operation["operationId"]] = entry
    return out


def _cut(schema: Any, spec: JSON) -> Any:
    if not isinstance(schema, dict):
        return schema
    if "$ref" in schema:
        target: Any = spec
        for part in schema["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        return _cut(target, spec)
    out: JSON = {k: v for k, v in schema.items() if k in _KEPT}
    if isinstance(schema.get("properties"), dict):
        out["properties"] = {name: _cut(sub, spec) for name, sub in schema["properties"].items()}
    for key in ("items", "additionalProperties"):
        if key in schema:
            out[key] = _cut(schema[key], spec)
    for key in _BRANCHES:
        if key in schema:
            out[key] = [_cut(sub, spec) for sub in schema[key]]
    return out


def body_errors(operation_id: str, body: Any) -> list[str]:
    """Return ``"field.path: problem"`` for each rule the body breaks ([] when it keeps them all)."""
    schema = rules().get(operation_id, {}).get("body")
    if schema is None:
        return []
    errors: list[str] = []
    _walk(schema, body, "", errors)
    return errors


def query_errors(operation_id: str, query: dict[str, Any]) -> list[str]:
    """Return the problems of a parsed query string (``metadata[k]=v`` already a dict)."""
    params: JSON = rules().get(operation_id, {}).get("query", {})
    errors: list[str] = []
    for name, value in query.items():
        schema = params.get(name)
        if schema is None or not isinstance(value, str):
            continue
        if _is_query_boolean(schema):
            if value not in _BOOLEAN_WORDS:
                errors.append(f'{name}: must be "true" or "false", not {value!r}')
            continue
        _check_string(schema, value, name, errors)
    return errors


def _is_query_boolean(schema: JSON) -> bool:
    return schema.get("type") == "boolean" or sorted(schema.get("enum") or []) == sorted(_BOOLEAN_WORDS)


def allows_null(schema: Any) -> bool:
    """Whether a schema accepts ``null``."""
    if not isinstance(schema, dict):
        return schema is True
    kind = schema.get("type")
    if schema.get("nullable") is True or kind == "null" or (isinstance(kind, list) and "null" in kind):
        return True
    if "const" in schema and schema["const"] is None:
        return True
    if None in (schema.get("enum") or ()):
        return True
    if "allOf" in schema:
        return all(allows_null(sub) for sub in schema["allOf"])
    branches = [sub for key in ("anyOf", "oneOf") for sub in schema.get(key, ())]
    if branches:
        return any(allows_null(sub) for sub in branches)
    return not any(key in schema for key in ("type", "enum", "const"))  # {} accepts anything, null too


def _walk(schema: Any, value: Any, path: str, errors: list[str]) -> None:
    if not isinstance(schema, dict):
        return
    where = path or "body"
    if value is None:
        if not allows_null(schema):
            errors.append(f"{where}: null is not allowed here; leave the field out instead")
        return
    for sub in schema.get("allOf", ()):
        _walk(sub, value, path, errors)
    branches = [sub for key in ("anyOf", "oneOf") for sub in schema.get(key, ())]
    if branches:
        _walk_branches(branches, value, path, errors)
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties")
        for key, item in value.items():
            sub = properties.get(key, extra if isinstance(extra, dict) else None)
            if sub is not None:
                _walk(sub, item, f"{path}.{key}" if path else str(key), errors)
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        for i, item in enumerate(value):
            _walk(schema["items"], item, f"{where}[{i}]", errors)
    elif isinstance(value, str):
        _check_string(schema, value, where, errors)


def _walk_branches(branches: list[Any], value: Any, path: str, errors: list[str]) -> None:
    """Check ``value`` against the union branch it belongs to; a value no branch fits is left to the model."""
    fitting = [sub for sub in branches if _fits(sub, value)]
    best: list[str] | None = None
    for sub in fitting:
        found: list[str] = []
        _walk(sub, value, path, found)
        if not found:
            return
        if best is None or len(found) < len(best):
            best = found
    errors.extend(best or ())


def _fits(schema: Any, value: Any) -> bool:
    """Whether ``value`` has the schema's JSON type and the values of its ``const`` properties."""
    if not isinstance(schema, dict):
        return True
    kinds = schema.get("type")
    if kinds is not None:
        allowed = kinds if isinstance(kinds, list) else [kinds]
        if not any(_is_type(value, kind) for kind in allowed):
            return False
    if not _matches_fixed(schema, value):
        return False
    if isinstance(value, dict):
        for key, sub in schema.get("properties", {}).items():
            if isinstance(sub, dict) and key in value and not _matches_fixed(sub, value[key]):
                return False
    return True


def _matches_fixed(schema: JSON, value: Any) -> bool:
    """Whether ``value`` equals the one value a ``const`` (or one-value ``enum``) fixes; True if none is fixed."""
    if "const" in schema:
        return bool(value == schema["const"])
    enum = schema.get("enum")
    if isinstance(enum, list) and len(enum) == 1:
        return bool(value == enum[0])
    return True


def _is_type(value: Any, kind: str) -> bool:
    checks: dict[str, Any] = {
        "object": lambda v: isinstance(v, dict),
        "array": lambda v: isinstance(v, list),
        "string": lambda v: isinstance(v, str),
        "boolean": lambda v: isinstance(v, bool),
        "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
        "null": lambda v: v is None,
    }
    return bool(checks.get(kind, lambda v: True)(value))


def _check_string(schema: JSON, value: str, where: str, errors: list[str]) -> None:
    if schema.get("format") == "uri" and not is_uri(value):
        errors.append(f"{where}: {value[:80]!r} is not a valid URI (expected e.g. https://example.com/path)")
    pattern = schema.get("pattern")
    if isinstance(pattern, str) and not _compiled(pattern).search(value):
        hint = " (expected an ISO-8601 date-time such as 2026-01-28T15:00:00Z)" if schema.get("format") else ""
        errors.append(f"{where}: {value[:80]!r} does not match the required format{hint}")


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.ASCII)


def is_uri(value: str) -> bool:
    """Whether ``value`` is an absolute URI as v0 accepts it: a scheme, no spaces, a host for web schemes."""
    if not _SCHEME.match(value) or any(c.isspace() or ord(c) < 0x20 for c in value):
        return False
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018  (raises on a malformed port)
    except ValueError:
        return False
    return parts.scheme.lower() not in _WEB_SCHEMES or bool(parts.hostname)
