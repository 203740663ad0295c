"""Client-side reference algorithms of api-notes.md §6, to check what the simulator sends.

``apply_delta`` is the SDK's ``patch()`` (jsondiffpatch 0.7 without a text-diff library,
plus v0's string-append form); ``sse_events`` parses a stream as the SDK's reader does.
They are written from the notes, independently of the simulator's encoder.
"""

from __future__ import annotations

import copy
import json
from typing import Any

_DELETED = object()


def apply_delta(value: Any, delta: Any) -> Any:
    if not delta and delta != {}:
        return value
    work = copy.deepcopy(value)
    if _is_append(delta):
        return _append(work, delta[0])
    result = _patch(work, delta)
    return None if result is _DELETED else result


def _is_append(delta: Any) -> bool:
    return (
        isinstance(delta, list)
        and len(delta) == 3
        and delta[1] == 9
        and delta[2] == 9
        and isinstance(delta[0], list)
        and bool(delta[0])
        and isinstance(delta[0][-1], str)
        and all(isinstance(i, int) for i in delta[0][:-1])
    )


def _append(value: Any, path: list[Any]) -> Any:
    *indexes, text = path
    if not indexes:
        return value + text if isinstance(value, str) else value
    current = value
    for index in indexes:
        if isinstance(current, list):
            nxt = current[index]
        elif isinstance(current, dict):
            nxt = current.get(str(index))
        else:
            return value
        if isinstance(nxt, str):
            current[index if isinstance(current, list) else str(index)] = nxt + text
            return value
        current = nxt
    return value


def _patch(left: Any, delta: Any) -> Any:
    if isinstance(delta, list):
        if len(delta) == 1:
            return delta[0]
        if len(delta) == 2:
            return delta[1]
        if len(delta) == 3 and delta[1:] == [0, 0]:
            return _DELETED
        raise ValueError(f"unsupported delta {delta!r}")
    assert isinstance(delta, dict)
    if delta.get("_t") == "a":
        assert isinstance(left, list)
        removals = sorted((int(k[1:]), v) for k, v in delta.items() if k.startswith("_") and k != "_t")
        inserts = []
        modifies = []
        for key, val in delta.items():
            if key.startswith("_"):
                continue
            if isinstance(val, list) and len(val) == 1:
                inserts.append((int(key), val[0]))
            else:
                modifies.append((int(key), val))
        for index, val in reversed(removals):
            if val[1:] == [0, 0]:
                if index < len(left):
                    left.pop(index)
            elif val[2] == 3:
                item = left.pop(index)
                inserts.append((val[1], item))
            else:
                raise ValueError(f"bad removal {val!r}")
        for index, item in sorted(inserts, key=lambda pair: pair[0]):
            left.insert(index, item)
        for index, val in modifies:
            result = _patch(left[index], val)
            left[index] = None if result is _DELETED else result
        return left
    if not isinstance(left, dict):
        return left
    for key, val in delta.items():
        result = _patch(left.get(key), val)
        if result is _DELETED:
            left.pop(key, None)
        else:
            left[key] = result
    return left


def sse_events(text: str) -> list[Any]:
    """Parse ``data:`` events; assert the exact wire format (no other lines, blank-line separated)."""
    assert text.endswith("\n\n"), text[-80:]
    events: list[Any] = []
    for block in text[:-2].split("\n\n"):
        assert block.startswith("data: ") and "\n" not in block, block
        events.append(json.loads(block.removeprefix("data: ")))
    return events


def fold(events: list[Any]) -> dict[str, Any]:
    """Fold stream events as the SDK's applyStreamEvent does (api-notes.md §6.4)."""
    state: dict[str, Any] = {"chat": None, "title": None, "message": None, "parts": [], "usage": None, "id": None}
    for ev in events:
        kind = ev["object"]
        body = {k: v for k, v in ev.items() if k != "object"}
        if kind == "chat":
            state["chat"] = body
        elif kind == "chat.title":
            state["title"] = ev["delta"]
        elif kind == "message":
            state["message"] = body
            state["parts"] = copy.deepcopy(body["parts"])
            state["usage"] = body["usage"]
        elif kind == "message.parts.chunk":
            state["id"] = ev["id"]
            state["parts"] = apply_delta(state["parts"], ev["delta"])
        elif kind == "message.usage":
            state["usage"] = ev["usage"]
        else:
            raise AssertionError(f"unexpected event {ev!r}")
    return state
