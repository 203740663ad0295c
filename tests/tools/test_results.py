"""Compact results: nothing over ~20,000 tokens (80,000 characters); what is cut is said, with how to get the rest."""

from __future__ import annotations

import dataclasses
import json

from tests.tools.conftest import API_KEY, open_agent, text_of
from v0_mcp.server import V0MCPServer
from v0_mcp.simulator import Simulator
from v0_mcp.tools._results import MAX_RESULT_CHARS, MAX_TEXT_CHARS, Result, clip, render


class Rows(Result):
    rows: list[str]
    total: int


class Wrapped(Result):
    data: dict[str, list[dict[str, str]]]


def size_of(data: object) -> int:
    return len(json.dumps(data, separators=(",", ":"), ensure_ascii=False))


def test_a_small_result_is_sent_whole() -> None:
    result = render(Rows(rows=["a", "b"], total=2))

    assert result.structured_content == {"rows": ["a", "b"], "total": 2}
    assert "note" not in result.structured_content


def test_an_oversized_list_is_cut_to_fit_with_a_note() -> None:
    rows = [f"row {n:05d} " + "x" * 490 for n in range(1_000)]  # ~500 KB

    result = render(Rows(rows=rows, total=1_000))

    data = result.structured_content
    assert data is not None
    assert size_of(data) <= MAX_RESULT_CHARS
    assert 0 < len(data["rows"]) < 1_000
    assert data["rows"] == rows[: len(data["rows"])]
    assert data["total"] == 1_000
    assert f"rows cut to {len(data['rows'])} of 1000 items" in data["note"]
    assert "page" in data["note"]


def test_the_text_block_carries_the_cut_result_too() -> None:
    result = render(Rows(rows=["y" * 1_000] * 500, total=500))

    assert len(text_of(result)) <= MAX_RESULT_CHARS
    assert json.loads(text_of(result)) == result.structured_content


def test_a_note_already_there_is_kept_when_cutting() -> None:
    result = render(Rows(rows=["z" * 1_000] * 500, total=500, note="Poll again later."))

    assert result.structured_content is not None
    assert result.structured_content["note"].startswith("Poll again later. rows cut to")


def test_an_oversized_list_inside_a_wrapped_response_is_cut() -> None:
    items = [{"id": f"ev_{n}", "detail": "d" * 400} for n in range(1_000)]

    result = render(Wrapped(data={"data": items}))

    data = result.structured_content
    assert data is not None
    assert size_of(data) <= MAX_RESULT_CHARS
    assert 0 < len(data["data"]["data"]) < 1_000
    assert "data.data cut to" in data["note"]


def test_long_text_is_clipped_saying_how_much_was_cut() -> None:
    text = "w" * (MAX_TEXT_CHARS + 123)

    clipped = clip(text)

    assert clipped is not None
    assert clipped.startswith("w" * MAX_TEXT_CHARS)
    assert clipped.endswith("[cut: 123 more characters]")


async def test_a_huge_usage_report_is_cut_and_says_how_to_page(server: V0MCPServer, sim: Simulator, era: str) -> None:
    async with open_agent(server, era) as agent:
        await agent.ok("create_chat", {"message": "Build a todo app", "waitSeconds": 30})
        workspace = sim.workspace(API_KEY)
        event = workspace.usage[0]
        workspace.usage.extend(dataclasses.replace(event, id=f"ue_copy_{n}") for n in range(600))
        result = await agent.call("get_ai_usage_report", {"limit": 1_000})

    assert not result.is_error, text_of(result)
    data = result.structured_content
    assert data is not None
    assert size_of(data) <= MAX_RESULT_CHARS
    assert len(text_of(result)) <= MAX_RESULT_CHARS
    assert 0 < len(data["data"]["data"]) < 601
    assert "cut to" in data["note"]


async def test_version_results_list_file_sizes_not_contents(server: V0MCPServer, era: str) -> None:
    big = "// filler\n" * 20_000  # 200 KB of source
    async with open_agent(server, era) as agent:
        chat = await agent.ok("create_chat", {"message": "Build a todo app", "waitSeconds": 30})
        edited = await agent.call(
            "update_version_files",
            {
                "chatId": chat["chatId"],
                "versionId": chat["versionId"],
                "files": [{"name": "lib/big.ts", "content": big}],
            },
        )
        version = await agent.ok("get_version", {"chatId": chat["chatId"], "versionId": chat["versionId"]})

    assert len(text_of(edited)) < 5_000
    assert {"name": "lib/big.ts", "size": len(big), "locked": False} in version["version"]["files"]
    assert "filler" not in json.dumps(version)
