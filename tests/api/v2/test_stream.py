"""v2 streams: the wire format, the delta algorithm and the folding, replayed from spec/v2/examples."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SPEC_DIR
from v0_mcp.api import V0StreamError
from v0_mcp.api._sse import StreamEvent
from v0_mcp.api.v2._delta import DeltaError, apply_delta
from v0_mcp.api.v2._sse import SSEDecoder, parse_events
from v0_mcp.api.v2._stream import StreamState, fold

EXAMPLES = SPEC_DIR / "v2" / "examples"
TRANSCRIPTS = sorted(EXAMPLES.glob("*.sse.txt"))
CASES = json.loads((EXAMPLES / "stream" / "delta-cases.json").read_text())["cases"]


def compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def example_of(transcript: Path) -> Any:
    return json.loads(transcript.with_name(transcript.name.removesuffix(".sse.txt") + ".json").read_text())


def chunked(data: bytes, size: int) -> list[bytes]:
    return [data[i : i + size] for i in range(0, len(data), size)]


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_delta_vectors(case):
    before = copy.deepcopy(case["before"])
    if case["name"] == "sdk-ignores-failing-delta":  # the SDK keeps the state; we say so
        with pytest.raises(DeltaError):
            apply_delta(before, case["delta"])
    else:
        assert compact(apply_delta(before, case["delta"])) == compact(case["after"])
    assert before == case["before"], "the input must not change"


def test_a_failing_delta_keeps_the_parts_and_marks_the_state_out_of_sync():
    case = next(case for case in CASES if case["name"] == "sdk-ignores-failing-delta")
    state = StreamState(parts=copy.deepcopy(case["before"]))
    state.apply(StreamEvent.from_data({"object": "message.parts.chunk", "id": "m", "delta": case["delta"]}))
    assert state.parts == case["after"] and state.out_of_sync


@pytest.mark.parametrize("transcript", TRANSCRIPTS, ids=[path.name for path in TRANSCRIPTS])
@pytest.mark.parametrize("size", [1, 7, 64, 1 << 20])
def test_transcripts_decode_to_their_events_in_any_chunking(transcript, size):
    events = list(parse_events(chunked(transcript.read_bytes(), size)))
    assert [event.data for event in events] == example_of(transcript)["events"]


@pytest.mark.parametrize("transcript", TRANSCRIPTS, ids=[path.name for path in TRANSCRIPTS])
def test_transcripts_rebuild_the_reassembled_message_byte_for_byte(transcript):
    example = example_of(transcript)
    expected = example["expected"]
    events = list(parse_events([transcript.read_bytes()]))
    if "error" in expected:
        state = StreamState()
        with pytest.raises(V0StreamError) as info:
            for event in events:
                state.apply(event)
        assert (info.value.message, info.value.code, info.value.id) == (
            expected["error"]["message"],
            expected["error"]["code"],
            expected["error"]["id"],
        )
        assert compact(state.parts) == compact(expected["partsAtError"])
        return
    state = StreamState()
    for event in events[:-1] if "partsBeforeClosingSnapshot" in expected else events:
        state.apply(event)
    if "partsBeforeClosingSnapshot" in expected:  # send/resolve: the deltas must rebuild the closing snapshot
        assert compact(state.parts) == compact(expected["partsBeforeClosingSnapshot"])
        state.apply(events[-1])
    else:
        assert compact(state.chat) == compact(expected["chat"])
        assert state.title == expected["title"]
        assert compact(state.parts) == compact(expected["parts"])
    state.end()
    assert not state.out_of_sync
    assert state.message_id == expected["assistantMessageId"]
    assert compact(state.usage) == compact(expected["usage"])
    assert compact(state.message) == compact(expected["messageSnapshot"])
    if "finalMessage" in example:  # the create stream has no snapshot: its parts are the message read afterwards
        assert compact(state.parts) == compact(example["finalMessage"]["parts"])


def test_every_transcript_is_replayed():
    names = {path.name for path in TRANSCRIPTS}
    assert {"chats.createStream.200.sse.txt", "messages.sendStream.200.sse.txt", "chats.resume.200.sse.txt"} <= names
    assert len(names) == 6


def test_data_split_over_lines_is_joined_and_other_lines_are_ignored():
    decoder = SSEDecoder()
    events = decoder.feed(
        ': keep-alive\r\n\r\nevent: update\r\nid: 7\r\ndata: {"object":\r\ndata: "chat", "id": "c"}\r\n\r\n'
    )
    assert [event.data for event in events] == [{"object": "chat", "id": "c"}]


def test_data_that_is_not_a_json_object_is_skipped():
    events = list(parse_events([b'data: [DONE]\n\ndata: "text"\n\ndata: {"object":"chat","id":"c"}\n\n']))
    assert [event.object for event in events] == ["chat"]


def test_an_unterminated_last_block_is_dropped():
    events = list(parse_events([b'data: {"object":"chat","id":"a"}\n\ndata: {"object":"chat","id":"b"}\n']))
    assert [event.id for event in events] == ["a"]


def test_a_character_split_between_chunks_survives():
    data = 'data: {"object":"chat.title","id":"c","delta":"Café ☕"}\n\n'.encode()
    events = list(parse_events(chunked(data, 1)))
    assert events[0].delta == "Café ☕"


def test_a_stream_without_events_is_an_error():
    with pytest.raises(V0StreamError, match="before sending an event"):
        fold([])


def test_unknown_event_kinds_are_ignored():
    state = fold([StreamEvent.from_data({"object": "message.reaction", "id": "m"})])
    assert state.parts == [] and state.events == 1


def test_titles_replace_rather_than_append():
    state = fold(
        [
            StreamEvent.from_data({"object": "chat", "id": "c"}),
            StreamEvent.from_data({"object": "chat.title", "id": "c", "delta": "A"}),
            StreamEvent.from_data({"object": "chat.title", "id": "c", "delta": "A page"}),
        ]
    )
    assert state.title == "A page" and state.chat == {"id": "c", "title": "A page"} and state.chat_id == "c"
