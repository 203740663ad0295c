"""Apply one ``message.parts.chunk`` delta exactly as v0's official SDK does.

v2 streams send each change to an assistant message's ``parts`` as a
jsondiffpatch delta (jsondiffpatch 0.7, no text-diff plugin), plus v0's own
string-append form ``[[i0, i1, ..., "text"], 9, 9]``. :func:`apply_delta`
follows the SDK's ``patch()`` step for step, including JavaScript's quirks
(a falsy delta changes nothing; a deleted array item leaves ``null``; an index
past the end pads with ``null``). Where the SDK would throw it raises
:class:`DeltaError` instead, so the caller can mark the message out of sync
and read it again, rather than keep a wrong state silently as the SDK does.
"""

from __future__ import annotations

import copy
from typing import Any, Final

__all__ = ["DeltaError", "apply_delta"]

_UNSAFE_KEYS: Final = frozenset({"__proto__", "constructor", "prototype"})


class DeltaError(ValueError):
    """The delta cannot be applied (jsondiffpatch would throw)."""


class _Undefined:
    """JavaScript's ``undefined``: a missing value, or what a deletion delta leaves."""


_UNDEFINED: Final = _Undefined()


def apply_delta(value: Any, delta: Any) -> Any:
    """Return ``value`` with ``delta`` applied; ``value`` itself is never changed."""
    if _falsy(delta):
        return value
    work = copy.deepcopy(value)
    try:
        if _is_string_append(delta):
            return _string_append(work, delta[0])
        result = _patch(work, delta)
    except (IndexError, KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, DeltaError):
            raise
        raise DeltaError(f"cannot apply the delta: {exc}") from None
    return None if result is _UNDEFINED else result


def _falsy(value: Any) -> bool:
    """JavaScript's ``!value`` for a JSON value (``{}`` and ``[]`` are truthy)."""
    return value is None or value is False or value == "" or (_is_number(value) and value == 0)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_int(value: Any) -> bool:
    return _is_number(value) and float(value).is_integer()


def _is_string_append(delta: Any) -> bool:
    if not isinstance(delta, list) or len(delta) < 3 or delta[1] != 9 or delta[2] != 9:
        return False
    path = delta[0]
    return isinstance(path, list) and bool(path) and isinstance(path[-1], str) and all(map(_is_int, path[:-1]))


def _string_append(value: Any, path: list[Any]) -> Any:
    """Append ``path[-1]`` to the first string met walking ``path[:-1]`` (v0's own delta form)."""
    text, indexes = path[-1], [int(index) for index in path[:-1]]
    if not indexes:
        return value + text if isinstance(value, str) else value
    current = value
    for index in indexes:
        if isinstance(current, list):
            following = current[index] if 0 <= index < len(current) else _UNDEFINED
            key: int | str = index
        elif isinstance(current, dict):
            key = str(index)
            following = current.get(key, _UNDEFINED)
        else:
            return value
        if isinstance(following, str):
            current[key] = following + text
            return value  # the remaining indexes are ignored, as in the SDK
        current = following
    return value


def _patch(left: Any, delta: Any) -> Any:
    if isinstance(delta, list):
        if len(delta) == 1:  # [new]: added or replaced
            return delta[0]
        if len(delta) == 2:  # [old, new]: modified
            return delta[1]
        if len(delta) == 3 and delta[2] == 0:  # [old, 0, 0]: deleted
            return _UNDEFINED
        if len(delta) == 3 and delta[2] == 2:
            raise DeltaError("a text diff needs diff-match-patch, which the SDK does not load")
        raise DeltaError(f"unknown delta form of length {len(delta)}")
    if not isinstance(delta, dict):
        raise DeltaError(f"a delta cannot be a {type(delta).__name__}")
    if delta.get("_t") == "a":
        return _patch_array(left, delta)
    results = [(key, _patch(_get(left, key), sub)) for key, sub in delta.items() if key not in _UNSAFE_KEYS]
    if not isinstance(left, (dict, list)):
        return left  # jsondiffpatch leaves anything but an object or array unchanged
    for key, result in results:
        _set(left, key, result)
    return left


def _get(container: Any, key: str) -> Any:
    if isinstance(container, dict):
        return container.get(key, _UNDEFINED)
    if isinstance(container, list) and key.isdigit() and int(key) < len(container):
        return container[int(key)]
    return _UNDEFINED


def _set(container: dict[str, Any] | list[Any], key: str, value: Any) -> None:
    if isinstance(container, dict):
        if value is _UNDEFINED:
            container.pop(key, None)
        else:
            container[key] = value
    elif key.isdigit():
        _set_index(container, int(key), value)


def _set_index(array: list[Any], index: int, value: Any) -> None:
    array.extend([None] * (index + 1 - len(array)))  # JavaScript leaves holes; JSON has null
    array[index] = None if value is _UNDEFINED else value


def _patch_array(array: Any, delta: dict[str, Any]) -> Any:
    if not isinstance(array, list):
        raise DeltaError("an array delta applies to an array only")
    removals: list[int] = []
    insertions: list[tuple[int, Any]] = []
    changes: list[tuple[int, Any]] = []
    for key, sub in delta.items():
        if key == "_t":
            continue
        if key.startswith("_"):
            if not (isinstance(sub, list) and len(sub) == 3 and sub[2] in (0, 3)):
                raise DeltaError("only a removal or a move may refer to an original index")
            removals.append(int(key[1:]))
        elif isinstance(sub, list) and len(sub) == 1:
            insertions.append((int(key), sub[0]))
        else:
            changes.append((int(key), sub))
    for index in sorted(removals, reverse=True):
        sub = delta[f"_{index}"]
        removed = array.pop(index) if index < len(array) else _UNDEFINED
        if sub[2] == 3:  # ["", to, 3]: a move
            insertions.append((int(sub[1]), removed))
    for index, item in sorted(insertions, key=lambda pair: pair[0]):
        array.insert(index, None if item is _UNDEFINED else item)
    for index, sub in changes:
        current = array[index] if index < len(array) else _UNDEFINED
        _set_index(array, index, _patch(current, sub))
    return array
