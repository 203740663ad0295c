"""The generated models are current and request models are strict."""

from __future__ import annotations

import importlib.util
import sys

import pytest
from pydantic import ValidationError

from tests.conftest import ROOT
from v0_mcp.api.v1 import models


def test_generated_models_are_up_to_date(monkeypatch):
    spec = importlib.util.spec_from_file_location("generate_models", ROOT / "scripts" / "generate_models.py")
    assert spec is not None and spec.loader is not None
    generator = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, generator)  # its dataclasses look themselves up there
    spec.loader.exec_module(generator)
    # v1's models live in their version's package; the generator may still default to the old path.
    monkeypatch.setattr(generator, "OUT", ROOT / "v0_mcp" / "api" / "v1" / "_models.py")
    assert generator.main(check=True) == 0, "run: python scripts/generate_models.py"


def test_request_models_refuse_unknown_fields():
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        models.ChatsCreateBody.model_validate({"message": "m", "colour": "blue"})


def test_nested_request_models_refuse_unknown_fields():
    with pytest.raises(ValidationError):
        models.ChatsCreateBody.model_validate({"message": "m", "modelConfiguration": {"modelId": "v0-pro", "x": 1}})


def test_query_models_refuse_unknown_fields():
    with pytest.raises(ValidationError):
        models.ChatsFindQuery.model_validate({"page": 2})


def test_response_models_keep_unknown_fields():
    chat = models.ChatDetail.model_validate({"id": "c", "surprise": True})
    assert chat.model_extra == {"surprise": True}
