"""The generated v2 models are current, requests strict, responses tolerant, as v2's spec needs."""

from __future__ import annotations

import importlib.util
import json
import sys
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from tests.conftest import ROOT
from v0_mcp.api.v2 import _models as models
from v0_mcp.api.v2 import pending_task

EXAMPLES = ROOT / "spec" / "v2" / "examples"


def _example(name: str) -> Any:
    return json.loads((EXAMPLES / name).read_text())


def test_generated_models_are_up_to_date(monkeypatch):
    spec = importlib.util.spec_from_file_location("generate_models", ROOT / "scripts" / "generate_models.py")
    assert spec is not None and spec.loader is not None
    generator = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, generator)  # its dataclasses look themselves up there
    spec.loader.exec_module(generator)
    out = ROOT / "v0_mcp" / "api" / "v2" / "_models.py"
    assert generator.main(True, ROOT / "spec" / "v2" / "openapi.json", out) == 0, (
        "run: python scripts/generate_models.py spec/v2/openapi.json v0_mcp/api/v2/_models.py"
    )


def test_request_models_refuse_unknown_fields():
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        models.ChatsCreateBody.model_validate({"message": "m", "responseMode": "sync"})


def test_null_is_refused_where_the_spec_does_not_allow_it():
    with pytest.raises(ValidationError) as info:
        models.ChatsCreateBody.model_validate({"message": "m", "title": None})
    assert info.value.errors()[0]["loc"] == ("title",)


def test_null_is_accepted_where_the_spec_allows_it():
    body = models.ChatsUpdateBody.model_validate({"metadata": {"stale": None}})
    assert body.model_dump(exclude_unset=True) == {"metadata": {"stale": None}}
    files = models.ChatsUpdateFilesBody.model_validate({"files": [{"path": "old.ts", "content": None}]})
    assert files.files[0].content is None


def test_required_fields_with_a_default_are_optional_and_still_sent():
    body = models.ChatsCreateBody.model_validate({"message": "m", "modelConfiguration": {}})
    assert body.model_dump(mode="json", exclude_unset=True) == {
        "message": "m",
        "modelConfiguration": {"modelId": "v0-pro", "imageGenerations": False},
    }
    assert models.MessagesListQuery.model_validate({}).model_dump(exclude_unset=True) == {"limit": 20}
    assert models.ChatsDuplicateBody.model_validate({}).model_dump(exclude_unset=True) == {"privacy": "private"}


def test_optional_fields_without_a_default_are_not_sent():
    body = models.ChatsCreateBody.model_validate({"message": "m"})
    assert body.model_dump(exclude_unset=True) == {"message": "m"}


def test_resolve_tasks_are_told_apart_by_their_type():
    body = models.MessagesResolveBody.model_validate({"task": {"type": "vercel-connect-setup"}})
    assert isinstance(body.task, models.MessagesResolveBodyTaskVercelConnectSetup)
    with pytest.raises(ValidationError):
        models.MessagesResolveBody.model_validate({"task": {"type": "vercel-connect-authorization"}})


@pytest.mark.parametrize("path", sorted(p.name for p in (EXAMPLES / "blocked").glob("*.json")))
def test_every_blocked_example_parses_and_its_resolve_body_validates(path):
    example = _example(f"blocked/{path}")
    message = models.Message.model_validate(example["message"])
    assert message.id == example["message"]["id"]
    if example.get("resolve") is not None:
        models.MessagesResolveBody.model_validate(example["resolve"])


def test_responses_keep_fields_the_spec_does_not_know():
    part = {"type": "tool-call", "name": "x", "status": "ok", "toolDisplayName": "X"}
    message = models.Message.model_validate({"id": "m", "parts": [part], "usage": {"model": "v0-pro"}})
    assert message.parts is not None and isinstance(message.parts[0], models.MessagePartsItemToolCall)
    assert message.parts[0].model_extra == {"toolDisplayName": "X"}
    assert message.usage is not None and message.usage.model_extra == {"model": "v0-pro"}


def test_unknown_part_types_and_stream_events_pass_through():
    message = models.Message.model_validate({"id": "m", "parts": [{"type": "hologram", "depth": 3}]})
    assert message.parts == [{"type": "hologram", "depth": 3}]
    event = TypeAdapter(models.MessageStreamEvent).validate_python({"object": "message.reaction", "id": "m"})
    assert event == {"object": "message.reaction", "id": "m"}


def test_known_parts_become_their_models():
    message = models.Message.model_validate(_example("messages.get.200.json")["body"])
    assert message.parts and all(not isinstance(part, dict) for part in message.parts)


@pytest.mark.parametrize("path", sorted(p.name for p in (EXAMPLES / "blocked").glob("*.json")))
def test_the_task_a_blocked_message_waits_on_is_found(path):
    example = _example(f"blocked/{path}")
    for message in (example["message"], models.Message.model_validate(example["message"])):
        task = pending_task(message)
        if example["detect"] is None:
            assert task is None
        else:
            assert task is not None
            assert (task.type, task.part_index) == (example["detect"]["taskType"], example["detect"]["partIndex"])
            assert task.part["type"] == example["detect"]["partType"]
            assert task.part["name"] == example["detect"]["name"]
            assert task.type == example["resolve"]["task"]["type"]


def test_a_user_message_waits_on_nothing():
    message = _example("blocked/answered-questions.json")["message"]
    assert pending_task({**message, "role": "user"}) is None
