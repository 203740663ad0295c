"""Stream deltas: the jsondiffpatch delta between two ``parts`` snapshots (api-notes.md §6.5).

v0 sends each ``message.parts.chunk`` as the delta jsondiffpatch 0.7 computes with no
options and no text-diff library, so :func:`diff` reproduces that algorithm exactly:
objects compared key by key; arrays trimmed of their common head and tail, items of an
object type matched by position, the rest by a longest common subsequence with moves
detected; a changed string sent whole as ``[old, new]``. Keys come out in JavaScript's
order (integer keys ascending, then the others as inserted), so the bytes on the wire
match what the official service would send.
"""

from __future__ import annotations

from typing import Any, Final

__all__ = ["diff"]

_MISSING: Final = object()
_ARRAY_MOVE: Final = 3


def diff(left: Any, right: Any) -> Any:
    """Return the delta that turns ``left`` into ``right``, or ``None`` when they are equal."""
    return _diff(left, right)


def _same(a: Any, b: Any) -> bool:
    """Deep JSON equality that does not confuse ``True`` with ``1``."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if type(a) is not type(b) and not (_is_number(a) and _is_number(b)):
        return False
    return bool(a == b)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_object(value: Any) -> bool:
    """``typeof value === "object"`` in JavaScript: dicts, lists and null."""
    return value is None or isinstance(value, dict | list)


def _diff(left: Any, right: Any) -> Any:
    if left is _MISSING:
        return [right]
    if right is _MISSING:
        return [left, 0, 0]
    if _same(left, right):
        return None
    if isinstance(left, dict) and isinstance(right, dict):
        return _diff_objects(left, right)
    if isinstance(left, list) and isinstance(right, list):
        return _diff_arrays(left, right)
    return [left, right]


def _diff_objects(left: dict[str, Any], right: dict[str, Any]) -> Any:
    result: dict[str, Any] = {}
    for key, value in left.items():
        child = _diff(value, right.get(key, _MISSING))
        if child is not None:
            result[key] = child
    for key, value in right.items():
        if key not in left:
            result[key] = [value]
    return _js_order(result) if result else None


def _matches(a: list[Any], b: list[Any], i: int, j: int) -> bool:
    """jsondiffpatch's matchItems without an objectHash: objects match by position only."""
    x, y = a[i], b[j]
    if not _is_object(x) or not _is_object(y):
        return _same(x, y)
    if x is None or y is None:
        return x is None and y is None
    return i == j


def _diff_arrays(left: list[Any], right: list[Any]) -> Any:
    len1, len2 = len(left), len(right)
    children: dict[int, Any] = {}
    head = 0
    while head < len1 and head < len2 and _matches(left, right, head, head):
        children[head] = _diff(left[head], right[head])
        head += 1
    tail = 0
    while tail + head < len1 and tail + head < len2 and _matches(left, right, len1 - 1 - tail, len2 - 1 - tail):
        children[len2 - 1 - tail] = _diff(left[len1 - 1 - tail], right[len2 - 1 - tail])
        tail += 1
    result: dict[str, Any] | None = None
    if head + tail == len1:
        if len1 != len2:
            result = {"_t": "a"}
            for index in range(head, len2 - tail):
                result[str(index)] = [right[index]]
    elif head + tail == len2:
        result = {"_t": "a"}
        for index in range(head, len1 - tail):
            result[f"_{index}"] = [left[index], 0, 0]
    else:
        result = {"_t": "a"}
        trimmed1, trimmed2 = left[head : len1 - tail], right[head : len2 - tail]
        indices1, indices2 = _lcs(trimmed1, trimmed2)
        removed: list[int] = []
        for index in range(head, len1 - tail):
            if index - head not in indices1:
                result[f"_{index}"] = [left[index], 0, 0]
                removed.append(index)
        for index in range(head, len2 - tail):
            if index - head in indices2:
                at = indices2.index(index - head)
                children[index] = _diff(left[indices1[at] + head], right[index])
                continue
            for position, index1 in enumerate(removed):
                if _matches(trimmed1, trimmed2, index1 - head, index - head):
                    result[f"_{index1}"] = ["", index, _ARRAY_MOVE]
                    children[index] = _diff(left[index1], right[index])
                    del removed[position]
                    break
            else:
                result[str(index)] = [right[index]]
    for index, child in children.items():
        if child is not None:
            result = result if result is not None else {}
            result[str(index)] = child
    if result is None:
        return None
    result.setdefault("_t", "a")
    return _js_order(result)


def _lcs(a: list[Any], b: list[Any]) -> tuple[list[int], list[int]]:
    """Return the matched indices of ``a`` and ``b``, backtracked as jsondiffpatch's lcs.js does."""
    matrix = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for x in range(1, len(a) + 1):
        for y in range(1, len(b) + 1):
            if _matches(a, b, x - 1, y - 1):
                matrix[x][y] = matrix[x - 1][y - 1] + 1
            else:
                matrix[x][y] = max(matrix[x - 1][y], matrix[x][y - 1])
    indices1: list[int] = []
    indices2: list[int] = []
    x, y = len(a), len(b)
    while x and y:
        if _matches(a, b, x - 1, y - 1):
            indices1.insert(0, x - 1)
            indices2.insert(0, y - 1)
            x, y = x - 1, y - 1
        elif matrix[x][y - 1] > matrix[x - 1][y]:
            y -= 1
        else:
            x -= 1
    return indices1, indices2


def _js_order(result: dict[str, Any]) -> dict[str, Any]:
    """Order keys as ``JSON.stringify`` would: integer keys ascending, then the rest as inserted."""
    numeric = sorted((k for k in result if k.isdigit()), key=int)
    return {**{k: result[k] for k in numeric}, **{k: v for k, v in result.items() if not k.isdigit()}}
