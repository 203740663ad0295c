"""The delta encoder reproduces jsondiffpatch 0.7, checked against the spec's test vectors and the transcripts."""

from __future__ import annotations

import json
from typing import Any

import pytest

from v0_mcp.simulator.v2 import diff

from ._reference import apply_delta, sse_events
from .conftest import EXAMPLES

# Hand-made vectors of the decoder (not produced by jsondiffpatch's diff): v0's string-append
# form, deltas the SDK rejects, and the no-op delta.
_DECODER_ONLY = {
    "v0-string-append-top-level",
    "v0-string-append-nested",
    "sdk-ignores-failing-delta",
    "v0-string-append-cannot-reach-object-property",
    "empty-object-delta-is-a-no-op",
}
CASES = json.loads((EXAMPLES / "stream" / "delta-cases.json").read_text())["cases"]


@pytest.mark.parametrize("case", [c for c in CASES if c["name"] not in _DECODER_ONLY], ids=lambda c: c["name"])
def test_diff_matches_jsondiffpatch_byte_for_byte(case: dict[str, Any]) -> None:
    delta = diff(case["before"], case["after"])
    assert json.dumps(delta, separators=(",", ":")) == json.dumps(case["delta"], separators=(",", ":"))
    assert apply_delta(case["before"], delta) == case["after"]


@pytest.mark.parametrize(
    "transcript",
    ["chats.createStream.200.sse.txt", "messages.sendStream.200.sse.txt", "messages.resolveStream.200.sse.txt"],
)
def test_diff_of_consecutive_snapshots_reproduces_the_transcripts(transcript: str) -> None:
    """Rebuild each snapshot from the transcript's deltas, diff it again: the same bytes come out."""
    parts: list[Any] = []
    for event in sse_events((EXAMPLES / transcript).read_text()):
        if event["object"] != "message.parts.chunk":
            continue
        after = apply_delta(parts, event["delta"])
        assert json.dumps(diff(parts, after), ensure_ascii=False) == json.dumps(event["delta"], ensure_ascii=False)
        parts = after


def test_equal_values_give_no_delta_and_types_are_not_confused() -> None:
    assert diff([{"a": 1}], [{"a": 1}]) is None
    assert diff({"a": True}, {"a": 1}) == {"a": [True, 1]}
    assert diff([], [1, 2]) == {"0": [1], "1": [2], "_t": "a"}
