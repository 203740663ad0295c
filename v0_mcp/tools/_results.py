"""Compact results: the shapes agents get back, and how they are put on the wire.

Results carry ids, status, names, URLs, file names and sizes, and reply text —
never whole files or message ASTs. Full content is a ``resource_link`` away.
No result exceeds :data:`MAX_RESULT_CHARS` (about 20,000 tokens): long text in
any field is clipped, then the longest lists are cut, and ``note`` says what
was cut. Rendering never fails: a call that made something on v0 must hand back
its ids (a retry would make it twice), so what cannot be fitted any other way
is cut down to the ids and status (:func:`made_anyway` covers a result that
could not be built at all).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from typing import Any, Final, Literal

from mcp.types import CallToolResult, ResourceLink, TextContent
from pydantic import BaseModel, ConfigDict

from ..uris import (
    chat_file_uri,
    chat_uri,
    deployment_logs_uri,
    file_uri,
    message_uri,
    messages_uri,
    project_uri,
    version_uri,
)

__all__ = [
    "MAX_RESULT_CHARS",
    "MAX_TEXT_CHARS",
    "Result",
    "chat_file_link",
    "chat_link",
    "clip",
    "deployment_logs_link",
    "file_link",
    "made_anyway",
    "message_link",
    "messages_link",
    "project_link",
    "render",
    "version_link",
]

MAX_RESULT_CHARS: Final = 80_000  # ~20,000 tokens at 4 characters a token
MAX_TEXT_CHARS: Final = 4_000  # a reply longer than this is cut; the thread resource has it all
_TIGHTER: Final = (1_000, 200)  # what long text is cut to when cutting lists was not enough

logger = logging.getLogger(__name__)


class Result(BaseModel):
    """Base of every tool result: ``note`` tells the agent what was cut or what to do next."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    note: str | None = None


def clip(text: str | None, limit: int = MAX_TEXT_CHARS) -> str | None:
    """Cut ``text`` to ``limit`` characters, saying so at the end."""
    if text is None or len(text) <= limit:
        return text
    return text[:limit] + f"… [cut: {len(text) - limit} more characters]"


def render(result: Result, links: Sequence[ResourceLink] = ()) -> CallToolResult:
    """Return the wire result: structured content, its JSON as text, and resource links."""
    data = result.model_dump(mode="json", by_alias=True, exclude_none=True)
    data = _fit(data)
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    return CallToolResult(content=[TextContent(type="text", text=text), *links], structured_content=data)


def _size(data: Any) -> int:
    return len(json.dumps(data, separators=(",", ":"), ensure_ascii=False))


def _fit(data: dict[str, Any]) -> dict[str, Any]:
    """Cut long text (at any depth), then the longest lists, until the JSON fits the budget; never fail."""
    if _size(data) <= MAX_RESULT_CHARS:
        return data
    notes: list[str] = []
    data, clipped = _clip_strings(data, MAX_TEXT_CHARS)
    if clipped:
        notes.append(f"{clipped} long text field(s) cut to {MAX_TEXT_CHARS} characters")
    cut: set[tuple[str, ...]] = set()
    while _size(data) > MAX_RESULT_CHARS:
        lists = [(path, items) for path, items in _lists(data) if len(items) > 1 and path not in cut]
        if not lists:
            break
        path, items = max(lists, key=lambda found: _size(found[1]))
        cut.add(path)
        total = len(items)
        keep = total
        while keep > 1:
            keep = max(1, keep // 2)
            if _size(_with(data, path, items[:keep])) <= MAX_RESULT_CHARS - 300:
                break
        data = _with(data, path, items[:keep])
        notes.append(
            f"{'.'.join(path)} cut to {keep} of {total} items to fit the context budget; "
            "page or read the linked resource"
        )
    for limit in _TIGHTER:
        if _size(data) <= MAX_RESULT_CHARS:
            break
        data, clipped = _clip_strings(data, limit)
        notes.append(f"{clipped} text field(s) cut to {limit} characters")
    if _size(data) > MAX_RESULT_CHARS:  # only the ids and the status are sure to fit
        data = {key: value for key, value in data.items() if _is_scalar(value) and _size(value) <= 200}
        notes.append("the result was cut down to its ids and status to fit the context budget")
    previous = data.get("note")
    note = "; ".join(notes) + "."
    return {**data, "note": f"{previous} {note}" if previous else note}


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def _clip_strings(node: Any, limit: int) -> tuple[Any, int]:
    """Return ``node`` with every string longer than ``limit`` clipped (``note`` aside), and how many were."""
    if isinstance(node, str):
        return (clip(node, limit), 1) if len(node) > limit else (node, 0)
    if isinstance(node, list):
        items = [_clip_strings(item, limit) for item in node]
        return [item for item, _ in items], sum(count for _, count in items)
    if isinstance(node, dict):
        out: dict[str, Any] = {}
        total = 0
        for key, value in node.items():
            if key == "note":
                out[key] = value
                continue
            out[key], count = _clip_strings(value, limit)
            total += count
        return out, total
    return node, 0


def made_anyway(tool: str, response: Any, exc: BaseException) -> CallToolResult:
    """Say that ``tool`` was carried out on v0 though its result could not be built, with every id v0 sent.

    An error result (so clients do not hold it to the output schema) whose text
    tells the agent not to call again: the ids are what it needs to go on.
    """
    logger.warning("%s: the result could not be built (%s); answering with its ids", tool, type(exc).__name__)
    ids = _ids(_plain(response))
    listed = ", ".join(f"{key}={value!r}" for key, value in ids.items()) or "none in v0's answer"
    text = (
        f"{tool} was carried out on v0, but its result could not be built ({type(exc).__name__}). "
        f"Ids: {listed}. Do not call {tool} again (that would do it twice): read what it made with the matching "
        "get_* or list_* tool."
    )
    return CallToolResult(content=[TextContent(type="text", text=text)], is_error=True)


def _plain(response: Any) -> Any:
    if isinstance(response, BaseModel):
        try:
            return response.model_dump(mode="json", by_alias=True)
        except Exception:  # the model is what failed: read its fields as they are
            return {key: getattr(response, key, None) for key in type(response).model_fields}
    return response


def _ids(data: Any, prefix: str = "", depth: int = 0) -> dict[str, str]:
    """Return the id fields of ``data`` (``id``, ``chatId``, ... one level into objects), clipped."""
    found: dict[str, str] = {}
    if not isinstance(data, dict) or depth > 1:
        return found
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, str) and (key == "id" or key.endswith("Id")):
            found[name] = value[:200]
        elif isinstance(value, dict):
            found.update(_ids(value, f"{name}.", depth + 1))
    return found


def _lists(data: dict[str, Any]) -> list[tuple[tuple[str, ...], list[Any]]]:
    found: list[tuple[tuple[str, ...], list[Any]]] = []
    for key, value in data.items():
        if isinstance(value, list) and value:
            found.append(((key,), value))
        elif isinstance(value, dict):
            found += [((key, inner), item) for inner, item in value.items() if isinstance(item, list) and item]
    return found


def _with(data: dict[str, Any], path: tuple[str, ...], items: list[Any]) -> dict[str, Any]:
    if len(path) == 1:
        return {**data, path[0]: items}
    return {**data, path[0]: {**data[path[0]], path[1]: items}}


def _link(uri: str, name: str, description: str, mime: str, *, size: int | None = None) -> ResourceLink:
    return ResourceLink(type="resource_link", uri=uri, name=name, description=description, mime_type=mime, size=size)


def chat_link(chat_id: str) -> ResourceLink:
    return _link(
        chat_uri(chat_id), f"chat {chat_id}", "The chat: name, privacy, latest version, URLs", "application/json"
    )


def messages_link(chat_id: str) -> ResourceLink:
    return _link(messages_uri(chat_id), f"messages of chat {chat_id}", "The whole thread as text", "text/plain")


def message_link(chat_id: str, message_id: str) -> ResourceLink:
    return _link(
        message_uri(chat_id, message_id), f"message {message_id}", "The message in full, as text", "text/plain"
    )


def chat_file_link(chat_id: str, path: str, *, size: int | None = None) -> ResourceLink:
    return _link(chat_file_uri(chat_id, path), path, f"{path} of chat {chat_id}", mime_type_for(path), size=size)


def version_link(chat_id: str, version_id: str) -> ResourceLink:
    return _link(
        version_uri(chat_id, version_id),
        f"version {version_id}",
        "Status, demo URL, files",
        "application/json",
    )


def file_link(chat_id: str, version_id: str, path: str, *, size: int | None = None) -> ResourceLink:
    return _link(
        file_uri(chat_id, version_id, path), path, f"{path} in version {version_id}", mime_type_for(path), size=size
    )


def deployment_logs_link(deployment_id: str) -> ResourceLink:
    return _link(deployment_logs_uri(deployment_id), f"logs of {deployment_id}", "Build and runtime logs", "text/plain")


def project_link(project_id: str) -> ResourceLink:
    return _link(project_uri(project_id), f"project {project_id}", "The project and its chats", "application/json")


_MIME: Final[dict[str, str]] = {
    "tsx": "text/tsx",
    "ts": "text/typescript",
    "jsx": "text/jsx",
    "js": "text/javascript",
    "mjs": "text/javascript",
    "json": "application/json",
    "css": "text/css",
    "html": "text/html",
    "md": "text/markdown",
    "mdx": "text/markdown",
    "svg": "image/svg+xml",
    "txt": "text/plain",
    "yml": "text/yaml",
    "yaml": "text/yaml",
    "py": "text/x-python",
}


def mime_type_for(path: str) -> str:
    """Return a mime type for a file name by its extension."""
    extension = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    return _MIME.get(extension, "text/plain")


Status = Literal["pending", "completed", "failed"]
