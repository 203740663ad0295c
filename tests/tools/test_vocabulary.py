"""Each tool's exposure is declared once per API version, and matches the version's spec vocabulary."""

from __future__ import annotations

import json

import pytest

from tests.conftest import SPEC_DIR
from v0_mcp.api.v1 import CATALOGUE
from v0_mcp.tools import TOOLSETS
from v0_mcp.tools.v1 import ALL_TOOLS, VOCABULARY

SPEC = json.loads((SPEC_DIR / "tool-vocabulary.json").read_text())


def test_v1_vocabulary_matches_the_spec_vocabulary():
    expected = {
        entry["tool"]: (entry["toolset"], entry["kind"], entry["builder"], (entry["operationId"],))
        for entry in SPEC["operations"]
    } | {entry["tool"]: (entry["toolset"], entry["kind"], entry["builder"], ()) for entry in SPEC["workflow_tools"]}
    assert {e.tool: (e.toolset, e.kind, e.builder, e.operations) for e in VOCABULARY} == expected


def test_every_v1_operation_backs_exactly_one_tool():
    backed = [op_id for exposure in VOCABULARY for op_id in exposure.operations]
    assert sorted(backed) == sorted(op.id for op in CATALOGUE)


def test_every_declared_tool_is_served_with_its_vocabulary_entry():
    assert {spec.name for spec in ALL_TOOLS} == {exposure.tool for exposure in VOCABULARY}
    for spec in ALL_TOOLS:
        exposure = VOCABULARY[spec.name]
        assert (spec.toolset, spec.kind, spec.builder) == (exposure.toolset, exposure.kind, exposure.builder)
        assert spec.toolset in TOOLSETS
        if exposure.operations:
            assert spec.operation is CATALOGUE[exposure.operations[0]]


def test_tools_are_found_by_name_and_operations_by_tool():
    assert VOCABULARY.operation("create_chat") is CATALOGUE["chats.create"]
    assert VOCABULARY.exposing("chats.create") is VOCABULARY["create_chat"]
    with pytest.raises(KeyError, match="no v1 tool named"):
        VOCABULARY["chats.create"]
    with pytest.raises(KeyError, match="not backed by an operation"):
        VOCABULARY.operation("wait_for_generation")
