"""The ids are never lost: a call that made something answers with its ids, however large or broken the rest."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.tools.conftest import API_KEY, open_agent, text_of
from v0_mcp.server import V0MCPServer
from v0_mcp.simulator import Simulator
from v0_mcp.tools import _generation
from v0_mcp.tools._results import MAX_RESULT_CHARS, MAX_TEXT_CHARS, Result, made_anyway, render


class Nested(Result):
    id: str
    title: str
    detail: dict[str, Any]
    tags: list[str]


async def test_send_message_after_a_huge_chat_name_returns_the_new_message_id(
    server: V0MCPServer, sim: Simulator, era: str
) -> None:
    async with open_agent(server, era) as agent:
        chat = await agent.ok("create_chat", {"message": "Build a todo app", "waitSeconds": 30})
        await agent.ok("update_chat", {"chatId": chat["chatId"], "name": "n" * 81_000})
        sent = await agent.ok("send_message", {"chatId": chat["chatId"], "message": "Add a footer", "waitSeconds": 30})

    assert sent["chatId"] == chat["chatId"]
    assert sent["messageId"] in sim.workspace(API_KEY).messages  # the message v0 made is the one named
    assert sent["status"] == "completed"
    assert len(sent["name"]) < MAX_TEXT_CHARS + 100 and sent["name"].startswith("nnn")
    assert "cut" in sent["note"]


def test_long_text_in_nested_fields_is_clipped_so_the_result_fits() -> None:
    result = Nested(id="x1", title="t" * 90_000, detail={"inner": {"text": "d" * 90_000}}, tags=["a"])
    rendered = render(result)

    data = rendered.structured_content
    assert data is not None
    assert len(json.dumps(data)) <= MAX_RESULT_CHARS
    assert data["id"] == "x1"
    assert data["title"].startswith("ttt") and "[cut: " in data["title"]
    assert data["detail"]["inner"]["text"].startswith("ddd") and "[cut: " in data["detail"]["inner"]["text"]
    assert "2 long text field(s) cut" in data["note"]


def test_a_result_with_nothing_left_to_cut_keeps_its_ids() -> None:
    many = Nested(id="x2", title="t", detail={f"k{i}": "v" * 3_000 for i in range(200)}, tags=["a"] * 2)
    data = render(many).structured_content

    assert data is not None
    assert len(json.dumps(data)) <= MAX_RESULT_CHARS
    assert data["id"] == "x2"
    assert "cut" in data["note"]


def test_a_result_that_cannot_be_built_still_names_what_v0_made() -> None:
    answer = made_anyway("create_hook", {"id": "hook_1", "chat": {"id": "c1"}, "name": "x" * 10}, KeyError("url"))

    assert answer.is_error
    text = text_of(answer)
    assert "id='hook_1'" in text and "chat.id='c1'" in text
    assert "carried out on v0" in text and "Do not call create_hook again" in text


async def test_create_chat_answers_with_the_chat_id_when_its_result_cannot_be_built(
    server: V0MCPServer, sim: Simulator, era: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: Any, **__: Any) -> Any:
        raise RuntimeError("shaping failed")

    monkeypatch.setattr(_generation, "_result", broken)
    async with open_agent(server, era) as agent:
        result = await agent.call("create_chat", {"message": "Build a todo app", "waitSeconds": 30})

    chats = sim.workspace(API_KEY).chats
    assert len(chats) == 1
    (chat_id,) = chats
    text = text_of(result)
    assert chat_id in text and "Do not call create_chat again" in text
    assert "Error executing tool" not in text
