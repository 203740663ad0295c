"""Generate the pydantic models of a v0 API version from its OpenAPI spec.

    python scripts/generate_models.py                      # v1: spec/openapi.json
    python scripts/generate_models.py SPEC OUT [--check]   # e.g. spec/v2/openapi.json v0_mcp/api/v2/_models.py

Run it after updating a spec; ``tests/api/test_models.py`` fails when a
committed module is out of date (``--check`` exits 1 then).

Why generate: 59 operations and ~150 object shapes are too many to copy by hand
without drift. The rules that make the models fit for purpose live here:

* request bodies and query strings are strict (``extra="forbid"``; enums, limits
  and required fields checked), as the API answers 422 to anything else;
* responses are tolerant (extra fields kept; every field but ``id`` optional),
  because real v0 omits fields the spec calls required;
* ``"true"``/``"false"`` string enums in query strings become ``bool`` and are
  encoded back by the client; ``date-time`` request fields become ``datetime``;
* ``null`` is accepted in a request body only where the spec allows it (an optional
  field's annotation admits ``None`` only then: tools forward a null only there);
  a query string cannot say ``null``, so v1's query fields take ``None`` as "not sent".

A v2 spec (``info.version`` 2.x) adds rules for its own artifacts:

* request fields marked required that carry a default are optional with that
  default, and a scalar default is still sent (``_sent_defaults``), because the
  server sees the value in practice (the official SDK always sends it);
* unions in responses end with a plain ``dict`` arm, so an unknown part type or
  action passes through instead of failing the whole response;
* component unions (``ChatStreamEvent``...) get an alias, and ``oneOf`` is read as ``anyOf``.
"""

from __future__ import annotations

import json
import keyword
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# Without arguments the generator writes v1's models.
SPEC = ROOT / "spec" / "openapi.json"
OUT = ROOT / "v0_mcp" / "api" / "v1" / "_models.py"
# Shapes shared by several operations get a name of their own, not their first user's.
RENAMES = {
    "McpServersFindResponseDataItem": "McpServer",
    "McpServersFindResponseDataItemAuth": "McpServerAuth",
    "ProjectsFindEnvVarsResponse": "EnvVarList",
    "ChatsFindMessagesResponsePagination": "Pagination",
    "DeploymentsFindLogsResponseLogsItem": "DeploymentLog",
}
RESERVED = {"register", "schema", "json", "copy", "validate", "construct"}

HEADER = '''"""Pydantic models of every v0 Platform API {version} request and response.

Generated from ``{spec}`` by ``scripts/generate_models.py``; do not
edit by hand. Request models (``Request`` subclasses) are strict, response
models (``Response`` subclasses) tolerant; the generator's docstring says why.
Validators are built on first use (``defer_build``): most runs use few models,
and building all of them would slow every start.
"""

# ruff: noqa: E501
# No `from __future__ import annotations`: classes come after what they use, and
# real annotations spare pydantic from evaluating ~1,000 strings at import.
from datetime import datetime
from typing import Annotated, Any, {typing_extra}Literal

from pydantic import BaseModel, ConfigDict, Field


class Request(BaseModel):
    """A request body or query string: unknown fields are refused."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)
{request_extra}

class Response(BaseModel):
    """A response body: extra fields are kept, missing ones tolerated."""

    model_config = ConfigDict(extra="allow", populate_by_name=True, defer_build=True)
'''


def pascal(text: str) -> str:
    parts = re.split(r"[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])", text)
    return "".join(p[:1].upper() + p[1:] for p in parts if p)


def arm_tag(schema: dict[str, Any], index: int, tags: tuple[str, ...] = ("type", "billingType")) -> str:
    """Name a union arm after its ``type`` (or other const) tag, else its position."""
    for prop in tags:
        tag = schema.get("properties", {}).get(prop, {})
        value = tag.get("const", (tag.get("enum") or [None])[0])
        if isinstance(value, str):
            return pascal(value)
    return str(index)


def op_name(operation_id: str) -> str:
    return pascal(operation_id.replace("integrations.vercel.", "vercel."))


@dataclass
class Emitter:
    spec: dict[str, Any]
    classes: dict[str, str] = field(default_factory=dict)  # name -> source
    shapes: dict[str, str] = field(default_factory=dict)  # structural key -> name
    order: list[str] = field(default_factory=list)
    preferred: dict[str, str] = field(default_factory=dict)  # structural key -> component name
    v2: bool = False  # apply the v2 rules (see the module docstring)

    # -- types -----------------------------------------------------------------

    def annotation(self, schema: dict[str, Any], name: str, *, strict: bool, query: bool = False) -> str:
        """Return the Python annotation for ``schema``; nested objects become classes named ``name``."""
        if "$ref" in schema:
            ref = str(schema["$ref"]).rsplit("/", 1)[-1]
            if strict:
                raise ValueError(f"request schema {name} references component {ref}")
            return ref
        if "allOf" in schema:
            return self.all_of(schema, name, strict=strict)
        if "oneOf" in schema and self.v2:
            schema = {**{k: v for k, v in schema.items() if k != "oneOf"}, "anyOf": schema["oneOf"]}
        if "anyOf" in schema:
            tags = ("type", "billingType", "object", "name", "status") if self.v2 else ("type", "billingType")
            arms = [
                self.annotation(arm, name + arm_tag(arm, i, tags), strict=strict)
                for i, arm in enumerate(schema["anyOf"])
            ]
            if self.v2 and not strict and any(arm.get("type") == "object" or "$ref" in arm for arm in schema["anyOf"]):
                arms.append("dict[str, Any]")  # an arm the spec does not know yet passes through
            union = " | ".join(dict.fromkeys(arms))
            tagged = all("type" in arm.get("properties", {}) for arm in schema["anyOf"])
            return f'Annotated[{union}, Field(discriminator="type")]' if strict and tagged else union
        if "const" in schema:
            return (
                f"Literal[{schema['const']!r}]"
                if isinstance(schema["const"], bool)
                else f"Literal[{json.dumps(schema['const'])}]"
            )
        types = schema.get("type", "any")
        if isinstance(types, list):
            arms = [self.annotation({**schema, "type": t}, name, strict=strict, query=query) for t in types]
            return " | ".join(dict.fromkeys(arms))
        if "enum" in schema:
            if query and sorted(schema["enum"]) == ["false", "true"]:
                return "bool"
            return (
                "Literal[" + ", ".join(repr(v) if isinstance(v, bool) else json.dumps(v) for v in schema["enum"]) + "]"
            )
        if types == "string":
            if strict and schema.get("format") == "date-time":
                return "datetime"
            return "str"
        if types == "number":
            return "int" if strict and name.endswith(("Limit", "Offset")) else "float"
        if types == "integer":
            return "int"
        if types == "boolean":
            return "bool"
        if types == "null":
            return "None"
        if types == "array":
            if "prefixItems" in schema:
                return "list[Any]"
            items = schema.get("items") or {}
            return f"list[{self.constrained(items, name + 'Item', strict=strict)}]"
        if types == "object":
            if "properties" in schema:
                return self.model(schema, name, strict=strict)
            values = schema.get("additionalProperties")
            if isinstance(values, dict) and values:
                keys = self.constrained(schema.get("propertyNames", {"type": "string"}), name + "Key", strict=strict)
                return f"dict[{keys}, {self.constrained(values, name + 'Value', strict=strict)}]"
            return "dict[str, Any]"
        return "Any"

    def constrained(self, schema: dict[str, Any], name: str, *, strict: bool) -> str:
        """Return an annotation carrying the schema's limits (requests only)."""
        base = self.annotation(schema, name, strict=strict)
        limits = self.limits(schema) if strict else []
        return f"Annotated[{base}, Field({', '.join(limits)})]" if limits else base

    @staticmethod
    def limits(schema: dict[str, Any]) -> list[str]:
        keys = {
            "minLength": "min_length",
            "maxLength": "max_length",
            "minimum": "ge",
            "maximum": "le",
            "exclusiveMinimum": "gt",
            "exclusiveMaximum": "lt",
            "minItems": "min_length",
            "maxItems": "max_length",
        }
        return [f"{py}={schema[js]!r}" for js, py in keys.items() if js in schema]

    def all_of(self, schema: dict[str, Any], name: str, *, strict: bool) -> str:
        """Merge ``allOf: [common, anyOf: [variants]]`` into one model per variant."""
        common = [s for s in schema["allOf"] if "properties" in s]
        variants = [arm for s in schema["allOf"] if "anyOf" in s for arm in s["anyOf"]]
        if len(common) != 1 or not variants:
            raise ValueError(f"unsupported allOf in {name}")
        arms = []
        for arm in variants:
            merged = {
                "type": "object",
                "properties": {**common[0]["properties"], **arm["properties"]},
                "required": [*common[0].get("required", []), *arm.get("required", [])],
                "additionalProperties": False,
            }
            tag = arm["properties"]["type"].get("const") or arm["properties"]["type"]["enum"][0]
            arms.append(self.model(merged, name + pascal(tag), strict=strict))
        return " | ".join(arms)

    # -- classes ---------------------------------------------------------------

    def model(self, schema: dict[str, Any], name: str, *, strict: bool) -> str:
        key = json.dumps([strict, schema], sort_keys=True)
        if key in self.shapes:
            return self.shapes[key]
        name = RENAMES.get(name, self.preferred.get(key, name))
        while name in self.classes:
            name += "_"
        self.shapes[key] = name
        self.classes[name] = ""  # reserve before recursing
        base = "Request" if strict else "Response"
        required = set(schema.get("required", []))
        lines = [f"class {name}({base}):"]
        if schema.get("description") and not strict:
            doc = schema["description"].split("\n")[0].replace('"""', "'")
            lines.append(f'    """{doc}"""\n')
        for prop, sub in schema["properties"].items():
            lines.append("    " + self.field(prop, sub, name + pascal(prop), strict=strict, required=prop in required))
        if sent := self.sent_defaults(schema["properties"], required, strict=strict):
            lines.append(self.sent_line(sent))
        if len(lines) == 1:
            lines.append("    pass")
        self.classes[name] = "\n".join(lines)
        self.order.append(name)
        return name

    def sent_defaults(self, props: dict[str, Any], required: set[str], *, strict: bool) -> list[str]:
        """Return the attributes of v2's "required with a scalar default" fields, which are always sent."""
        if not (self.v2 and strict):
            return []
        return sorted(
            self.attr(prop)[0]
            for prop, sub in props.items()
            if prop in required and "default" in sub and not isinstance(sub["default"], (dict, list))
        )

    @staticmethod
    def sent_line(attrs: list[str]) -> str:
        names = ", ".join(json.dumps(name) for name in attrs)
        return f"\n    _sent_defaults: ClassVar[frozenset[str]] = frozenset({{{names}}})"

    @staticmethod
    def attr(prop: str) -> tuple[str, list[str]]:
        """Return the Python attribute for ``prop`` and the ``alias`` argument it needs, if any."""
        if keyword.iskeyword(prop) or not prop.isidentifier() or prop in RESERVED:
            return re.sub(r"\W", "_", prop) + "_", [f"alias={prop!r}"]
        return prop, []

    def field(
        self, prop: str, schema: dict[str, Any], type_name: str, *, strict: bool, required: bool, query: bool = False
    ) -> str:
        """Return one class attribute line for property ``prop``."""
        attr, args = self.attr(prop)
        if self.v2 and strict and required and "default" in schema:
            required = False  # v2's "required with a default": the server applies the default
        annotation = self.annotation(schema, type_name, strict=strict, query=query)
        if not strict:
            if prop == "id" and required:
                return f"{attr}: {annotation}"
            optional = annotation if annotation.endswith("| None") else f"{annotation} | None"
            return f"{attr}: {optional} = " + (f"Field(None, {', '.join(args)})" if args else "None")
        args = self.limits(schema) + args
        if required:
            return f"{attr}: Annotated[{annotation}, Field({', '.join(args)})]" if args else f"{attr}: {annotation}"
        default = schema.get("default")
        if default:  # a non-empty object default: the API applies it; leave the field unset
            default = None if isinstance(default, dict) else default
        if isinstance(default, (dict, list)):
            args.insert(0, f"default_factory={type(default).__name__}")
            return f"{attr}: {annotation} = Field({', '.join(args)})"
        if default is None and not annotation.endswith("| None"):
            if (self.v2 or not query) and not self.nullable(schema):
                # Absent is fine, an explicit null is not: the default is not validated, the input is.
                # (In Annotated: mypy would refuse a None default on a non-optional annotation.)
                return f"{attr}: Annotated[{annotation}, Field({', '.join(['None', *args])})]"
            annotation += " | None"
        elif annotation == "bool" and isinstance(default, str):
            default = default == "true"
        value = json.dumps(default) if isinstance(default, str) else repr(default)
        return f"{attr}: {annotation} = " + (f"Field({value}, {', '.join(args)})" if args else value)

    @staticmethod
    def nullable(schema: dict[str, Any]) -> bool:
        """Whether the spec allows ``null`` for this schema."""
        types = schema.get("type")
        arms = schema.get("anyOf", schema.get("oneOf", []))
        return (
            types == "null"
            or (isinstance(types, list) and "null" in types)
            or any(Emitter.nullable(arm) for arm in arms)
            or schema.get("const", 0) is None
        )

    def query_model(self, params: list[dict[str, Any]], name: str) -> str | None:
        props = {p["name"]: p["schema"] for p in params if p["in"] == "query"}
        if not props:
            return None
        required = [p["name"] for p in params if p["in"] == "query" and p.get("required")]
        lines = [f"class {name}(Request):"]
        for prop, schema in props.items():
            lines.append(
                "    "
                + self.field(prop, schema, name + pascal(prop), strict=True, required=prop in required, query=True)
            )
        if sent := self.sent_defaults(props, set(required), strict=True):
            lines.append(self.sent_line(sent))
        self.classes[name] = "\n".join(lines)
        self.order.append(name)
        return name


V2_REQUEST = """
    # v2 fields the spec marks required but gives a default: sent even when the caller leaves them out.
    _sent_defaults: ClassVar[frozenset[str]] = frozenset()

    def model_post_init(self, context: Any, /) -> None:
        self.__pydantic_fields_set__.update(self._sent_defaults)
"""


def generate(spec_path: Path) -> str:
    """Return the source of the models module for the spec at ``spec_path``."""
    spec = json.loads(spec_path.read_text())
    v2 = str(spec["info"]["version"]).startswith("2")
    emitter = Emitter(spec, v2=v2)
    for comp, schema in spec["components"]["schemas"].items():
        emitter.preferred.setdefault(json.dumps([False, schema], sort_keys=True), comp)
    unions: list[str] = []
    for comp, schema in spec["components"]["schemas"].items():
        if "properties" in schema:
            emitter.model(schema, comp, strict=False)
        elif v2 and ("anyOf" in schema or "oneOf" in schema):
            unions.append(f"{comp} = {emitter.annotation(schema, comp, strict=False)}")
    aliases: list[str] = []
    for methods in spec["paths"].values():
        for op in methods.values():
            name = op_name(op["operationId"])
            emitter.query_model(op.get("parameters", []), f"{name}Query")
            body = None
            content = op.get("requestBody", {}).get("content", {}).get("application/json")
            if content:
                body = emitter.annotation(content["schema"], f"{name}Body", strict=True)
            success = next(code for code in op["responses"] if code.startswith("2"))
            response = op["responses"][success].get("content", {})
            schema = response.get("application/json", {}).get("schema")
            resp = emitter.annotation(schema, f"{name}Response", strict=False) if schema else None
            if resp and "|" in resp:
                aliases.append(f"{name}Response = {resp}")
            if body and "|" in body and not body.startswith("Annotated"):
                aliases.append(f'{name}Body = Annotated[{body}, Field(discriminator="type")]')
    relative = spec_path.resolve().relative_to(ROOT).as_posix()
    header = HEADER.format(
        version="v2" if v2 else "v1",
        spec=relative,
        typing_extra="ClassVar, " if v2 else "",
        request_extra=V2_REQUEST if v2 else "",
    )
    src = [header]
    for name in emitter.order:
        src.append("\n\n" + emitter.classes[name])
    aliases = unions + aliases
    if aliases:
        src.append("\n\n" + "\n".join(aliases))
    return "\n".join(src).rstrip() + "\n"


def main(check: bool = False, spec: Path = SPEC, out: Path = OUT) -> int:
    """Write (or with ``check``, compare) the models module ``out`` generated from ``spec``."""
    text = generate(spec)
    if check:
        return 0 if out.exists() and out.read_text() == text else 1
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text)
    return 0


if __name__ == "__main__":
    paths = [Path(arg).resolve() for arg in sys.argv[1:] if arg != "--check"]
    if len(paths) not in (0, 2):
        sys.exit(__doc__)
    sys.exit(main("--check" in sys.argv, *paths))
