"""The catalogue and spec/openapi.json describe the same 59 operations, field for field."""

from __future__ import annotations

import json
import typing
from typing import Any

import pytest

from tests.api._spec import fields, models_of, operations_of
from tests.conftest import SPEC_DIR
from v0_mcp.api import Operation
from v0_mcp.api.v1 import CATALOGUE

SPEC = json.loads((SPEC_DIR / "openapi.json").read_text())
SPEC_OPS = operations_of(SPEC)
IDS = sorted(SPEC_OPS)


def params(op_id: str, where: str) -> dict[str, bool]:
    return {p["name"]: bool(p.get("required")) for p in SPEC_OPS[op_id][2].get("parameters", []) if p["in"] == where}


def body_schema(op_id: str) -> dict[str, Any] | None:
    request = SPEC_OPS[op_id][2].get("requestBody")
    return request["content"]["application/json"]["schema"] if request else None


def test_same_operations_as_the_spec():
    catalogue = {(op.method, op.path, op.id) for op in CATALOGUE}
    assert len(CATALOGUE) == 59
    assert catalogue == {(method, path, op_id) for op_id, (method, path, _) in SPEC_OPS.items()}


@pytest.mark.parametrize("op_id", IDS)
def test_path_parameters_match(op_id):
    assert set(CATALOGUE[op_id].path_params) == set(params(op_id, "path"))


@pytest.mark.parametrize("op_id", IDS)
def test_query_parameters_match(op_id):
    op = CATALOGUE[op_id]
    spec = params(op_id, "query")
    if op.query is None:
        assert spec == {}
        return
    names, required = fields(op.query)
    assert names == set(spec)
    assert required == {name for name, needed in spec.items() if needed}


@pytest.mark.parametrize("op_id", IDS)
def test_body_fields_match(op_id):
    op, schema = CATALOGUE[op_id], body_schema(op_id)
    if schema is None:
        assert op.body is None
        return
    arms = models_of(op.body)
    if "allOf" in schema:  # chats.init: common fields plus one variant's
        common = next(part for part in schema["allOf"] if "properties" in part)
        variants = [arm for part in schema["allOf"] for arm in part.get("anyOf", [])]
        expected = {
            arm["properties"]["type"]["const"]: (
                {*common["properties"], *arm["properties"]},
                {*common.get("required", []), *arm.get("required", [])},
            )
            for arm in variants
        }
        actual = {typing.get_args(model.model_fields["type"].annotation)[0]: fields(model) for model in arms}
        assert actual == expected
    else:
        assert len(arms) == 1
        assert fields(arms[0]) == (set(schema["properties"]), set(schema.get("required", [])))


@pytest.mark.parametrize("op_id", IDS)
def test_content_kind_matches_the_declared_media_type(op_id):
    op = CATALOGUE[op_id]
    media = set(SPEC_OPS[op_id][2]["responses"]["200"]["content"])
    expected = {"application/json": "json", "text/event-stream": "sse"}.get(media.pop(), "binary") if media else None
    assert op.content == expected
    assert (op.response is None) == (op.content != "json")


@pytest.mark.parametrize("op_id", IDS)
def test_flattened_argument_names_are_unambiguous(op_id):
    op = CATALOGUE[op_id]
    query = fields(op.query)[0] if op.query else set()
    body = {name for model in models_of(op.body) for name in fields(model)[0]} if op.body is not None else set()
    path = set(op.path_params)
    assert not (path & query or path & body or query & body)


@pytest.mark.parametrize("op_id", IDS)
def test_generation_flag_follows_response_mode(op_id):
    op = CATALOGUE[op_id]
    schema = json.dumps(body_schema(op_id) or {})
    assert op.generation == ('"responseMode"' in schema or op_id == "chats.init")


def test_operations_are_found_by_id_within_their_version():
    op: Operation = CATALOGUE["chats.create"]
    assert op.method == "POST"
    assert "create_chat" not in CATALOGUE  # tool names belong to the tools side
    with pytest.raises(KeyError, match="unknown v1 operation"):
        CATALOGUE["chats.nope"]
