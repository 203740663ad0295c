"""The SSE reader, the content reassembly (jsondiffpatch and v0's append form) and plain text."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from tests.api.conftest import EXAMPLES, example
from v0_mcp.api import ContentAccumulator, SSEDecoder, StreamEvent, V0ResponseError, content_text, iter_sse, parse_sse

TRANSCRIPT = (EXAMPLES / "chats.create.experimental_stream.sse.txt").read_bytes()
DECODED = example("chats.create.experimental_stream.events.json")


def test_transcript_decodes_to_the_documented_events():
    events = list(parse_sse([TRANSCRIPT]))
    assert [event.data for event in events] == DECODED["events"]
    assert [event.object for event in events] == [
        "chat",
        "chat.title",
        "chat.title",
        "chat.name",
        *["message.experimental_content.chunk"] * 3,
        "chat",
    ]


def test_transcript_reassembles_the_documented_content():
    content = ContentAccumulator()
    for event in parse_sse([TRANSCRIPT]):
        content.feed(event)
    assert content.content == DECODED["reassembled_experimental_content"]
    assert content.text == "I created a simple landing page."


async def test_live_stream_split_anywhere_gives_the_same_events():
    async def chunks() -> AsyncIterator[bytes]:
        for start in range(0, len(TRANSCRIPT), 7):  # splits lines and multi-byte characters alike
            yield TRANSCRIPT[start : start + 7]

    events = [event async for event in iter_sse(chunks())]
    assert [event.data for event in events] == DECODED["events"]


def test_event_fields_are_lifted_from_the_data():
    [event] = parse_sse(['data: {"object":"chat.title","id":"c1","delta":"Hi"}\n'])
    assert event == StreamEvent(
        object="chat.title", id="c1", delta="Hi", data={"object": "chat.title", "id": "c1", "delta": "Hi"}, error=None
    )


def test_error_field_is_exposed():
    [event] = parse_sse(['data: {"id":"c1","error":"generation failed"}\n'])
    assert event.error == "generation failed"


def test_reader_stops_at_done():
    text = 'data: {"object":"chat","id":"a"}\n\ndata: [DONE]\n\ndata: {"object":"chat","id":"b"}\n'
    assert [event.id for event in parse_sse([text])] == ["a"]


def test_reader_skips_comments_ids_retries_events_and_blank_lines():
    text = ': keep-alive\nid: 7\nretry: 100\nevent: message\n\r\n{"raw":"json"}\ndata: {"id":"x"}\r\n'
    assert [event.id for event in parse_sse([text])] == ["x"]


def test_reader_decodes_a_final_line_without_newline():
    assert [event.id for event in parse_sse(['data: {"id":"x"}'])] == ["x"]


def test_reader_ignores_connected_and_stops_at_type_done():
    text = 'data: {"type":"connected"}\ndata: {"id":"x"}\ndata: {"type":"done"}\ndata: {"id":"y"}\n'
    assert [event.id for event in parse_sse([text])] == ["x"]


def test_reader_rejects_data_that_is_not_json():
    with pytest.raises(V0ResponseError, match="not JSON"):
        SSEDecoder().feed("data: {oops\n")


# -- jsondiffpatch ---------------------------------------------------------------------------------------------------


def applied(start: Any, *deltas: Any) -> Any:
    content = ContentAccumulator(start)
    for delta in deltas:
        content.apply(delta)
    return content.content


def test_array_insert():
    assert applied(["a", "c"], {"_t": "a", "1": ["b"]}) == ["a", "b", "c"]


def test_array_delete():
    assert applied(["a", "b", "c"], {"_t": "a", "_1": ["b", 0, 0]}) == ["a", "c"]


def test_array_delete_and_insert_use_old_then_new_indices():
    assert applied(["a", "b", "c"], {"_t": "a", "_0": ["a", 0, 0], "_2": ["c", 0, 0], "1": ["x"]}) == ["b", "x"]


def test_array_move():
    assert applied(["a", "b", "c"], {"_t": "a", "_0": ["", 2, 3]}) == ["b", "c", "a"]


def test_array_item_modified_and_nested():
    start = [[0, [["p", {}, "old"]]], [1, {"k": 1}]]
    delta = {
        "_t": "a",
        "0": {"_t": "a", "1": {"_t": "a", "0": {"_t": "a", "2": ["old", "new"]}}},
        "1": {"_t": "a", "1": {"k": [1, 2], "added": ["v"]}},
    }
    assert applied(start, delta) == [[0, [["p", {}, "new"]]], [1, {"k": 2, "added": "v"}]]


def test_object_key_deleted():
    assert applied([[1, {"a": 1, "b": 2}]], {"_t": "a", "0": {"_t": "a", "1": {"a": [1, 0, 0]}}}) == [[1, {"b": 2}]]


def test_append_form_appends_at_the_first_string_on_the_path():
    start = [[0, [["p", {}, ["text", {}, "Hel"]]]]]
    assert applied(start, [[0, 1, 0, 2, 2, "lo"], 9, 9]) == [[0, [["p", {}, ["text", {}, "Hello"]]]]]


def test_append_form_stops_early_at_a_string():
    start = [[0, ["Hel"]]]
    assert applied(start, [[0, 1, 0, 5, 5, "lo"], 9, 9]) == [[0, ["Hello"]]]


def test_append_form_without_string_is_rejected():
    with pytest.raises(V0ResponseError, match="no string"):
        applied([[0, []]], [[0, 1, "x"], 9, 9])


def test_text_diff_is_rejected_clearly():
    with pytest.raises(V0ResponseError, match="text diffs are not supported"):
        applied([[0, ["abc"]]], {"_t": "a", "0": {"_t": "a", "1": {"_t": "a", "0": ["@@ -1,3 +1,3 @@", 0, 2]}}})


def test_feed_ignores_other_events():
    content = ContentAccumulator()
    assert not content.feed(StreamEvent("chat.title", "c", "Title", {}))
    assert content.content == []


def test_accumulator_copies_its_start():
    start = [[0, ["a"]]]
    ContentAccumulator(start).apply([[0, 1, 0, "b"], 9, 9])
    assert start == [[0, ["a"]]]


# -- plain text ------------------------------------------------------------------------------------------------------


def test_content_text_keeps_paragraphs_and_code():
    content = example("chats.getMessage.200.json")["body"]["experimental_content"]
    assert content_text(content) == (
        "I created a simple landing page.\n\n"
        '```tsx\nexport default function Page() {\n  return <main className="p-8">Hello world</main>\n}\n```'
    )


def test_content_text_renders_lists_headings_and_inline_code():
    nodes = [
        ["h2", {}, "Steps"],
        ["ul", {}, ["li", {}, "Run ", ["code", {}, "npm i"]], ["li", {}, "Deploy"]],
        ["AssistantMessageContentPart", {"part": {"type": "thinking"}}],
        "bare text",
    ]
    assert content_text([[0, nodes], [1, {"meta": True}]]) == "## Steps\n\n- Run `npm i`\n- Deploy\n\nbare text"


def test_content_text_of_nothing_is_empty():
    assert content_text([]) == ""
    assert content_text(None) == ""
