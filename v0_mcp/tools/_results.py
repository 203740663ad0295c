"""Compact results: the shapes agents get back, and how they are put on the wire.

Results carry ids, status, names, URLs, file names and sizes, and reply text —
never whole files or message ASTs. Full content is a ``resource_link`` away.
No result exceeds :data:`MAX_RESULT_CHARS` (about 20,000 tokens): the longest
list is cut and ``note`` says how to get the rest.
"""

from __future__ import annotations

import json
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
    "message_link",
    "messages_link",
    "project_link",
    "render",
    "version_link",
]

MAX_RESULT_CHARS: Final = 80_000  # ~20,000 tokens at 4 characters a token
MAX_TEXT_CHARS: Final = 4_000  # a reply longer than this is cut; the thread resource has it all


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


def _fit(data: dict[str, Any]) -> dict[str, Any]:
    """Cut the longest list (top level, or one level down as in ``data.data``) until the JSON fits the budget."""
    size = len(json.dumps(data, separators=(",", ":"), ensure_ascii=False))
    if size <= MAX_RESULT_CHARS:
        return data
    lists = _lists(data)
    if not lists:
        raise ValueError("result too large and nothing to cut")
    path, items = max(lists, key=lambda found: len(json.dumps(found[1])))
    total = len(items)
    keep = total
    while keep > 1:
        keep = max(1, keep // 2)
        trial = _with(data, path, items[:keep])
        if len(json.dumps(trial, separators=(",", ":"), ensure_ascii=False)) <= MAX_RESULT_CHARS - 300:
            break
    name = ".".join(path)
    note = f"{name} cut to {keep} of {total} items to fit the context budget; page or read the linked resource."
    previous = data.get("note")
    return {**_with(data, path, items[:keep]), "note": f"{previous} {note}" if previous else note}


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
