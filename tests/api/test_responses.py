"""Every example response parses with its operation's response model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.api.conftest import EXAMPLES
from v0_mcp.api.v1 import CATALOGUE, models

OK_EXAMPLES = sorted(EXAMPLES.glob("*.200.json"))


def test_there_is_an_example_for_every_json_operation():
    covered = {json.loads(path.read_text())["_operation"] for path in OK_EXAMPLES}
    assert covered == {op.id for op in CATALOGUE if op.content == "json"}


@pytest.mark.parametrize("path", OK_EXAMPLES, ids=lambda path: path.name)
def test_example_parses_with_response_model(path: Path):
    example = json.loads(path.read_text())
    op = CATALOGUE[example["_operation"]]
    parsed = op.response_adapter().validate_python(example["body"])
    assert parsed.model_dump(mode="json", exclude_unset=True) == example["body"]


def test_observed_response_without_metadata_parses():
    example = json.loads((EXAMPLES / "observed" / "chats.init.observed.json").read_text())
    chat = CATALOGUE[example["_operation"]].response_adapter().validate_python(example["body"])
    assert isinstance(chat, models.ChatDetail)
    assert chat.metadata is None
    assert chat.latestVersion is not None and chat.latestVersion.demoUrl


def test_unknown_response_fields_are_kept():
    chat = CATALOGUE["chats.getById"].response_adapter().validate_python({"id": "c", "newField": 1})
    assert chat.model_extra == {"newField": 1}
