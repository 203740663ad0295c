"""The v2 catalogue and spec/v2/openapi.json describe the same 44 operations, field for field."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.api._spec import fields, models_of, operations_of
from tests.conftest import SPEC_DIR
from v0_mcp.api.v2._catalogue import CATALOGUE

SPEC = json.loads((SPEC_DIR / "v2" / "openapi.json").read_text())
EXAMPLES = SPEC_DIR / "v2" / "examples"
SPEC_OPS = operations_of(SPEC)
IDS = sorted(SPEC_OPS)


def required_without_default(schema: dict[str, Any], required: list[str]) -> set[str]:
    """The spec's required fields, less those it gives a default (the server applies it)."""
    return {name for name in required if "default" not in schema.get(name, {})}


def success(op_id: str) -> tuple[int, dict[str, Any]]:
    responses = SPEC_OPS[op_id][2]["responses"]
    code = next(code for code in responses if code.startswith("2"))
    return int(code), responses[code]


def test_same_operations_as_the_spec():
    assert len(CATALOGUE) == 44
    catalogue = {(op.method, op.path, op.id) for op in CATALOGUE}
    assert catalogue == {(method, path, op_id) for op_id, (method, path, _) in SPEC_OPS.items()}


@pytest.mark.parametrize("op_id", IDS)
def test_path_parameters_match(op_id):
    spec = [p["name"] for p in SPEC_OPS[op_id][2].get("parameters", []) if p["in"] == "path"]
    assert set(CATALOGUE[op_id].path_params) == set(spec)


@pytest.mark.parametrize("op_id", IDS)
def test_query_parameters_match(op_id):
    op = CATALOGUE[op_id]
    spec = [p for p in SPEC_OPS[op_id][2].get("parameters", []) if p["in"] == "query"]
    if op.query is None:
        assert spec == []
        return
    names, required = fields(op.query)
    assert names == {p["name"] for p in spec}
    schemas = {p["name"]: p["schema"] for p in spec}
    assert required == required_without_default(schemas, [p["name"] for p in spec if p.get("required")])


@pytest.mark.parametrize("op_id", IDS)
def test_body_fields_match(op_id):
    op, request = CATALOGUE[op_id], SPEC_OPS[op_id][2].get("requestBody")
    if request is None:
        assert op.body is None
        return
    schema = request["content"]["application/json"]["schema"]
    (model,) = models_of(op.body)
    expected = required_without_default(schema["properties"], schema.get("required", []))
    assert fields(model) == (set(schema["properties"]), expected)


@pytest.mark.parametrize("op_id", IDS)
def test_success_status_and_content_kind_match(op_id):
    op = CATALOGUE[op_id]
    status, response = success(op_id)
    assert op.status == status
    media = set(response.get("content", {}))
    if op_id == "chats.downloadFiles":  # declared JSON with an empty schema; the body is a ZIP
        assert op.content == "binary"
    else:
        assert op.content == ("sse" if media == {"text/event-stream"} else "json")
    assert (op.response is None) == (op.content != "json")


@pytest.mark.parametrize("op_id", IDS)
def test_response_modes_are_told_apart(op_id):
    op = CATALOGUE[op_id]
    generating = op_id.startswith(("chats.create", "messages.send", "messages.resolve")) or op_id == "chats.resume"
    generating = generating and op_id not in ("chats.createFromFiles", "chats.createFromZip", "chats.createFromRepo")
    generating = generating and op_id != "chats.createVercelProject"
    assert op.generation == generating
    if not generating:
        assert op.mode is None
    elif op.content == "sse":
        assert op.mode == "stream"
    elif op.status == 202:
        assert op.mode == "async" and op.path.endswith("/async")
    else:
        assert op.mode == "sync"


@pytest.mark.parametrize("op_id", IDS)
def test_flattened_argument_names_are_unambiguous(op_id):
    op = CATALOGUE[op_id]
    query = fields(op.query)[0] if op.query else set()
    body = {name for model in models_of(op.body) for name in fields(model)[0]} if op.body is not None else set()
    path = set(op.path_params)
    assert not (path & query or path & body or query & body)


@pytest.mark.parametrize("op_id", [op_id for op_id in IDS if CATALOGUE[op_id].content == "json"])
def test_response_models_read_the_examples(op_id):
    op = CATALOGUE[op_id]
    examples = sorted(EXAMPLES.glob(f"{op_id}.{op.status}*.json"))
    assert examples, f"no example for {op_id}"
    for path in examples:
        body = json.loads(path.read_text())["body"]
        parsed = op.response_adapter().validate_python(body)
        dumped = op.response_adapter().dump_python(parsed, mode="json", exclude_unset=True, by_alias=True)
        assert dumped == body, path.name


@pytest.mark.parametrize("op_id", [op.id for op in CATALOGUE if op.pagination])
def test_paginated_operations_name_their_items(op_id):
    op = CATALOGUE[op_id]
    schema = success(op_id)[1]["content"]["application/json"]["schema"]
    schema = SPEC["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]] if "$ref" in schema else schema
    assert op.items in schema["properties"]
    assert schema["properties"][op.items]["type"] == "array"


def test_unknown_operations_are_refused_by_name():
    with pytest.raises(KeyError, match="unknown v2 operation"):
        CATALOGUE["chats.find"]
