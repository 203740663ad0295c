"""Server-sent events from v0 generations, and the message content they build.

v0 streams ``data: <JSON>`` lines ending with ``data: [DONE]``. The reader
follows the SDK's ``parseStreamingResponse``: split on newlines (keeping a
partial line for the next chunk), skip blank lines, ``event:``, ``id:``,
``retry:`` and ``:`` comment lines, never join multi-line data.

``message.experimental_content.chunk`` events carry deltas to the message's
``experimental_content``: standard jsondiffpatch deltas plus v0's own append
form ``[[i0, i1, ..., "text"], 9, 9]``. :class:`ContentAccumulator` applies
them; :func:`content_text` turns the result into plain text for agents.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import AsyncIterable, AsyncIterator, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Final

from ._errors import V0ResponseError

__all__ = ["ContentAccumulator", "SSEDecoder", "StreamEvent", "content_text", "iter_sse", "parse_sse"]

CHUNK_EVENT: Final = "message.experimental_content.chunk"
_DONE: Final = "[DONE]"


@dataclass(frozen=True, slots=True)
class StreamEvent:
    """One decoded event: ``data`` is the whole JSON object, the rest are its common fields."""

    object: str | None
    id: str | None
    delta: Any
    data: dict[str, Any]
    error: str | None = None

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> StreamEvent:
        """Build an event from a decoded ``data:`` payload."""
        obj, ident, error = data.get("object"), data.get("id"), data.get("error")
        if obj == "error" and error is None:  # v2's in-band failure: {"object": "error", "message", "code"?}
            error = data.get("message") if isinstance(data.get("message"), str) else "the generation failed"
        return cls(
            object=obj if isinstance(obj, str) else None,
            id=ident if isinstance(ident, str) else None,
            delta=data.get("delta"),
            data=data,
            error=error if isinstance(error, str) or error is None else json.dumps(error),
        )


class SSEDecoder:
    """Incrementally turn stream text into events; ``done`` is set at ``[DONE]``."""

    def __init__(self) -> None:
        self._buffer = ""
        self._utf8 = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self.done = False

    def feed(self, chunk: str | bytes) -> list[StreamEvent]:
        """Consume a chunk (split anywhere) and return the events it completes."""
        if self.done:
            return []
        text = self._utf8.decode(chunk) if isinstance(chunk, bytes) else chunk
        lines = (self._buffer + text).split("\n")
        self._buffer = lines.pop()
        return self._decode(lines)

    def flush(self) -> list[StreamEvent]:
        """Decode whatever partial line is left once the stream has ended."""
        if self.done:
            return []
        rest, self._buffer = self._buffer + self._utf8.decode(b"", final=True), ""
        return self._decode([rest])

    def _decode(self, lines: list[str]) -> list[StreamEvent]:
        events: list[StreamEvent] = []
        for raw in lines:
            line = raw.rstrip("\r")
            if not line.startswith("data:"):
                continue  # blank, event:, id:, retry: and comment lines carry nothing v0 uses
            payload = line[6:] if line.startswith("data: ") else line[5:]
            if payload == _DONE:
                self.done = True
                break
            # The errors say how long the line was, never what it said: it may carry generated secrets.
            try:
                data = json.loads(payload)
            except ValueError:
                raise V0ResponseError(f"stream sent a data line that is not JSON ({len(payload)} chars)") from None
            if not isinstance(data, dict):
                raise V0ResponseError(f"stream sent a data line that is not a JSON object ({type(data).__name__})")
            if data.get("type") == "connected":
                continue
            if data.get("type") == "done":
                self.done = True
                break
            events.append(StreamEvent.from_data(data))
        return events


def parse_sse(chunks: Iterable[str | bytes]) -> Iterator[StreamEvent]:
    """Yield the events of an already received stream, given as text or byte chunks."""
    decoder = SSEDecoder()
    for chunk in chunks:
        yield from decoder.feed(chunk)
        if decoder.done:
            return
    yield from decoder.flush()


async def iter_sse(chunks: AsyncIterable[str | bytes]) -> AsyncIterator[StreamEvent]:
    """Yield events as the chunks of a live stream arrive, stopping at ``[DONE]``."""
    decoder = SSEDecoder()
    async for chunk in chunks:
        for event in decoder.feed(chunk):
            yield event
        if decoder.done:
            return
    for event in decoder.flush():
        yield event


# -- jsondiffpatch ---------------------------------------------------------------------------------------------------


class _Deleted:
    """Marks a value a delta removed."""


_DELETED: Final = _Deleted()
_MISSING: Final = object()


def _bad(delta: Any, why: str) -> V0ResponseError:
    return V0ResponseError(f"cannot apply content delta ({why}): {json.dumps(delta)[:200]}")


def _kind(value: Any) -> str:
    return "a missing value" if value is _MISSING else type(value).__name__


def _patch(left: Any, delta: Any) -> Any:
    """Return ``left`` with ``delta`` applied (containers are changed in place)."""
    if isinstance(delta, dict):
        if delta.get("_t") == "a":
            return _patch_array(left, delta)
        return _patch_object(left, delta)
    if isinstance(delta, list):
        if len(delta) == 1:
            return delta[0]
        if len(delta) == 2:
            return delta[1]
        if len(delta) == 3 and delta[1] == 0 and delta[2] == 0:
            return _DELETED
        if len(delta) == 3 and delta[2] == 2:
            raise _bad(delta, "text diffs are not supported")
        if len(delta) == 3 and delta[2] == 3:
            raise _bad(delta, "an array move outside an array delta")
    raise _bad(delta, "unknown delta form")


def _patch_object(left: Any, delta: dict[str, Any]) -> Any:
    if not isinstance(left, dict):
        raise _bad(delta, f"object delta on {_kind(left)}")
    for key, sub in delta.items():
        if key == "_t":
            continue
        result = _patch(left.get(key, _MISSING), sub)
        if result is _DELETED:
            left.pop(key, None)
        else:
            left[key] = result
    return left


def _index(key: str, delta: Any) -> int:
    try:
        return int(key)
    except ValueError:
        raise _bad(delta, f"array key {key!r} is not an index") from None


def _patch_array(left: Any, delta: dict[str, Any]) -> Any:
    if not isinstance(left, list):
        raise _bad(delta, f"array delta on {_kind(left)}")
    removals: list[tuple[int, int | None]] = []  # (old index, destination when moved)
    inserts: list[tuple[int, Any]] = []
    changes: list[tuple[int, Any]] = []
    for key, sub in delta.items():
        if key == "_t":
            continue
        if key.startswith("_"):
            index = _index(key[1:], delta)
            if isinstance(sub, list) and len(sub) == 3 and sub[1] == 0 and sub[2] == 0:
                removals.append((index, None))
            elif isinstance(sub, list) and len(sub) == 3 and sub[2] == 3 and isinstance(sub[1], int):
                removals.append((index, sub[1]))
            else:
                raise _bad(delta, f"unknown array entry {key!r}")
        elif isinstance(sub, list) and len(sub) == 1:
            inserts.append((_index(key, delta), sub[0]))
        else:
            changes.append((_index(key, delta), sub))
    for index, destination in sorted(removals, key=lambda r: r[0], reverse=True):
        if not 0 <= index < len(left):
            raise _bad(delta, f"index {index} is out of range")
        removed = left.pop(index)
        if destination is not None:
            inserts.append((destination, removed))
    for index, value in sorted(inserts, key=lambda i: i[0]):
        left.insert(index, value)
    for index, sub in changes:
        if not 0 <= index < len(left):
            raise _bad(delta, f"index {index} is out of range")
        result = _patch(left[index], sub)
        if result is _DELETED:
            raise _bad(delta, "a deletion must use the '_index' form")
        left[index] = result
    return left


def _append(content: Any, delta: list[Any]) -> None:
    """Apply v0's ``[[i0, ..., "text"], 9, 9]``: append at the first string along the path."""
    steps = delta[0]
    if not isinstance(steps, list) or not steps or not isinstance(steps[-1], str):
        raise _bad(delta, "the append path must end with the text")
    text, node = steps[-1], content
    for step in steps[:-1]:
        try:
            child = node[step]
        except (KeyError, IndexError, TypeError):
            raise _bad(delta, f"the path step {step!r} does not exist") from None
        if isinstance(child, str):
            node[step] = child + text
            return
        node = child
    raise _bad(delta, "the path reaches no string")


def _is_append(delta: Any) -> bool:
    return isinstance(delta, list) and len(delta) == 3 and delta[1] == 9 and delta[2] == 9


class ContentAccumulator:
    """Rebuild a message's ``experimental_content`` from streamed deltas, starting from ``[]``.

    ```python
    content = ContentAccumulator()
    async with client.stream("chats.create", message="A todo app") as events:
        async for event in events:
            content.feed(event)
    reply = content.text  # the assistant's answer as plain text
    ```

    Deltas are applied in place. After an error the content is undefined:
    take the final ``chat`` event (or re-read the message) instead.
    """

    def __init__(self, content: list[Any] | None = None) -> None:
        self._content: list[Any] = json.loads(json.dumps(content)) if content else []

    @property
    def content(self) -> list[Any]:
        """The content so far (do not mutate it)."""
        return self._content

    @property
    def text(self) -> str:
        """The content so far as plain text."""
        return content_text(self._content)

    def apply(self, delta: Any) -> list[Any]:
        """Apply one delta and return the new content."""
        if _is_append(delta):
            _append(self._content, delta)
            return self._content
        result = _patch(self._content, delta)
        self._content = result if isinstance(result, list) else []
        return self._content

    def feed(self, event: StreamEvent) -> bool:
        """Apply the delta of a content-chunk event; return whether ``event`` was one."""
        if event.object != CHUNK_EVENT or event.delta is None:
            return False
        self.apply(event.delta)
        return True


# -- plain text ------------------------------------------------------------------------------------------------------

_SKIPPED: Final = frozenset({"AssistantMessageContentPart", "Thinking", "thinking", "img", "svg"})
_HEADINGS: Final = {f"h{level}": "#" * level + " " for level in range(1, 7)}


def _children(node: list[Any]) -> tuple[str, dict[str, Any], list[Any]]:
    tag = node[0]
    if len(node) > 1 and isinstance(node[1], dict):
        return tag, node[1], node[2:]
    return tag, {}, node[1:]


def _render(node: Any) -> str:
    if isinstance(node, str):
        return node
    if not isinstance(node, list) or not node or not isinstance(node[0], str):
        return ""
    tag, props, children = _children(node)
    if tag in _SKIPPED:
        return ""
    if tag == "Codeblock":
        code = "".join(child for child in children if isinstance(child, str)).rstrip("\n")
        lang = props.get("lang")
        return f"```{lang if isinstance(lang, str) else ''}\n{code}\n```"
    if tag == "br":
        return "\n"
    if tag in ("ul", "ol"):
        return "\n".join(text for text in (_render(child) for child in children) if text.strip())
    inner = "".join(_render(child) for child in children)
    if tag == "li":
        return "- " + inner.strip()
    if tag == "code":
        return f"`{inner}`"
    if tag in _HEADINGS:
        return _HEADINGS[tag] + inner.strip()
    if tag == "blockquote":
        return "\n".join("> " + line for line in inner.strip().splitlines())
    return inner


def content_text(content: Any) -> str:
    """Return the readable text of an ``experimental_content`` value (its ``[0, nodes]`` entries)."""
    blocks: list[str] = []
    for entry in content if isinstance(content, list) else ():
        if isinstance(entry, list) and len(entry) >= 2 and entry[0] == 0 and isinstance(entry[1], list):
            blocks.extend(_render(node).strip("\n") for node in entry[1])
    return "\n\n".join(block for block in blocks if block.strip())
