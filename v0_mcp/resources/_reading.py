"""Reading ``v0://`` resources: one function per template, each through the API version's adapter.

An unknown id reads as an error that names it and the tool that lists valid
ones, answered with ``-32002`` (resource not found) and the URI.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from mcp.server.context import ServerRequestContext
from mcp.server.mcpserver import Context
from mcp.server.mcpserver.exceptions import ResourceError, ResourceNotFoundError, ToolError
from mcp.shared.exceptions import MCPError
from mcp.shared.uri_template import UriTemplate
from mcp.types import INVALID_PARAMS, ReadResourceRequestParams, ReadResourceResult

from ..api import MissingVercelToken, NotFound, V0Error
from ..tools._errors import agent_errors
from ..tools._results import mime_type_for
from ..tools._runtime import Runtime, runtime_of
from ..uris import (
    CHAT,
    CHAT_FILE,
    DEPLOYMENT_LOGS,
    FILE,
    MESSAGE,
    MESSAGES,
    PROJECT,
    VERSION,
    chat_uri,
    file_uri,
    message_uri,
    messages_uri,
    project_uri,
    version_uri,
)

if TYPE_CHECKING:
    from ..api import V0Client
    from ..tools._adapter import Adapter, MessageView

__all__ = ["MAX_LOG_LINES", "MAX_MESSAGES", "RESOURCE_NOT_FOUND", "TEMPLATE_READERS", "Template"]

MAX_MESSAGES: Final = 1_000  # newest messages a thread shows
MAX_LOG_LINES: Final = 5_000
RESOURCE_NOT_FOUND: Final = -32002  # JSON-RPC code MCP clients expect for a resource that does not exist

_FILE_TEMPLATES: Final = (UriTemplate.parse(FILE), UriTemplate.parse(CHAT_FILE))

# -- unknown ids ------------------------------------------------------------------------------------------------------


def missing_chat(chat_id: str) -> str:
    return f"No chat {chat_id!r} in this v0 account. List chat ids with the list_chats tool or resources/list."


def missing_version(chat_id: str, version_id: str) -> str:
    return (
        f"No version {version_id!r} in chat {chat_id!r} (or no such chat). List versions with "
        f"list_versions(chatId={chat_id!r}) or read {chat_uri(chat_id)}; list chats with list_chats."
    )


def missing_message(chat_id: str, message_id: str) -> str:
    return (
        f"No message {message_id!r} in chat {chat_id!r} (or no such chat). "
        f"Read {messages_uri(chat_id)} for the thread and its message ids; list chats with list_chats."
    )


def missing_deployment(deployment_id: str) -> str:
    return (
        f"No deployment {deployment_id!r} in this account. List deployments with list_deployments; "
        "create_deployment returns the id of a new one."
    )


def missing_project(project_id: str) -> str:
    return (
        f"No project {project_id!r} in this account. List project ids with list_projects (API v1) "
        "or list_vercel_projects (API v2)."
    )


def describe(exc: V0Error) -> str:
    """Say what went wrong in the words tools use (one seam for every v0 error message)."""
    if isinstance(exc, MissingVercelToken):  # names VERCEL_TOKEN and VERCEL_TEAM_ID, not the v0 key
        return str(exc)
    try:
        with agent_errors():
            raise exc
    except ToolError as translated:
        return str(translated)
    return str(exc)  # pragma: no cover - agent_errors translates every V0Error


@contextmanager
def reading(missing: str) -> Iterator[None]:
    """Turn v0 client errors into resource errors; a 404 names the id and where valid ones are listed."""
    try:
        yield
    except NotFound:
        raise ResourceNotFoundError(missing) from None
    except V0Error as exc:
        raise ResourceError(describe(exc)) from None


def not_found(read: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    """Answer a resource that does not exist with ``-32002`` and its URI, as MCP clients expect.

    The SDK answers ``ResourceNotFoundError`` (an unknown id, or a URI no template
    matches) with ``-32602``; every other error passes through unchanged.
    """

    async def read_resource(rctx: ServerRequestContext[Any, Any], params: ReadResourceRequestParams) -> Any:
        try:
            return await read(rctx, params)
        except MCPError as exc:
            uri = str(params.uri)
            if exc.error.code != INVALID_PARAMS or exc.error.data != {"uri": uri}:
                raise
            raise MCPError(code=RESOURCE_NOT_FOUND, message=exc.error.message, data={"uri": uri}) from None

    return read_resource


def _seam(ctx: Context[Any, Any]) -> tuple[Adapter, V0Client, Runtime]:
    runtime = runtime_of(ctx)
    return runtime.adapter, runtime.client_for(ctx), runtime


def _json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


# -- reading ----------------------------------------------------------------------------------------------------------


async def read_chat(chatId: str, ctx: Context[Any, Any]) -> str:
    """Return the chat: name, privacy, latest version with its files, message count, URLs."""
    adapter, v0, _runtime = _seam(ctx)
    with reading(missing_chat(chatId)):
        chat = await adapter.chat_document(v0, chatId)
    data = chat.data
    links = {"messages": messages_uri(chatId)}
    if chat.latest_version_id is not None and VERSION in adapter.templates:
        links["latestVersion"] = version_uri(chatId, chat.latest_version_id)
    if chat.latest_message_id is not None:
        links["latestMessage"] = message_uri(chatId, chat.latest_message_id)
    if CHAT_FILE in adapter.templates:
        links["file"] = CHAT_FILE.replace("{chatId}", chatId)  # a template: fill in the path
    if chat.project_id:
        links["project"] = project_uri(chat.project_id)
    data["resources"] = links
    return _json(data)


def _message_block(number: int, message: MessageView) -> str:
    head = [f"[{number}] {message.role or 'message'}"]
    if message.created_at:
        head.append(message.created_at)
    head.append(f"id {message.id}")
    if message.type and message.type != "message":
        head.append(message.type)
    if message.role == "assistant" and message.finish_reason is None:
        head.append("still generating")
    elif message.finish_reason not in (None, "stop"):
        head.append(f"finished: {message.finish_reason}")
    lines = [" · ".join(head)]
    lines.extend(f"attachment: {name}" for name in message.attachments)
    lines.append(message.text or "(no text)")
    return "\n".join(lines)


async def read_messages(chatId: str, ctx: Context[Any, Any]) -> str:
    """Return the thread as text: each message's role, time and plain text, oldest first."""
    adapter, v0, _runtime = _seam(ctx)
    with reading(missing_chat(chatId)):
        newest_first = await adapter.messages(v0, chatId, MAX_MESSAGES + 1)
    cut = len(newest_first) > MAX_MESSAGES
    # Reversed first so that messages with the same timestamp keep their order in the thread.
    messages = sorted(reversed(newest_first[:MAX_MESSAGES]), key=lambda m: m.created_at or "")
    header = f"Chat {chatId}: {len(messages)} messages, oldest first."
    if cut:
        header += f" Only the newest {MAX_MESSAGES} are shown; list_messages pages through older ones."
    blocks = [_message_block(number, message) for number, message in enumerate(messages, start=1)]
    return "\n\n".join([header, *blocks]) + "\n"


async def read_message(chatId: str, messageId: str, ctx: Context[Any, Any]) -> str:
    """Return one message in full: its role, time, how it finished, attachments and whole text."""
    adapter, v0, _runtime = _seam(ctx)
    with reading(missing_message(chatId, messageId)):
        message = await adapter.message(v0, chatId, messageId)
    return f"Chat {chatId}, message {messageId}.\n\n{_message_block(1, message)}\n"


async def read_version(chatId: str, versionId: str, ctx: Context[Any, Any]) -> str:
    """Return a version: status, demo URL and its files (names, sizes and resource URIs)."""
    adapter, v0, _runtime = _seam(ctx)
    with reading(missing_version(chatId, versionId)):
        version = await adapter.version_document(v0, chatId, versionId)
    data = {"chatId": chatId, **version}
    data["files"] = [{**file, "uri": file_uri(chatId, versionId, file["name"])} for file in data.get("files", [])]
    return _json(data)


async def read_file(chatId: str, versionId: str, path: str, ctx: Context[Any, Any]) -> str:
    """Return one file of a version (v0's default files too, when the version does not list it)."""
    adapter, v0, _runtime = _seam(ctx)
    with reading(missing_version(chatId, versionId)):
        content, names = await adapter.file(v0, chatId, versionId, path)
    if content is None:
        listing = ", ".join(names[:30]) + (f" and {len(names) - 30} more" if len(names) > 30 else "")
        raise ResourceNotFoundError(
            f"Version {versionId!r} of chat {chatId!r} has no file {path!r}. "
            f"Its files: {listing or 'none'} (see {version_uri(chatId, versionId)})."
        )
    return content


async def read_chat_file(chatId: str, path: str, ctx: Context[Any, Any]) -> str | bytes:
    """Return one of the chat's current files, in full (bytes for a binary file)."""
    adapter, v0, runtime = _seam(ctx)
    with reading(missing_chat(chatId)):
        content, names = await adapter.chat_file(runtime, v0, chatId, path)
    if content is None:
        listing = ", ".join(names[:30]) + (f" and {len(names) - 30} more" if len(names) > 30 else "")
        raise ResourceNotFoundError(f"Chat {chatId!r} has no file {path!r}. Its files: {listing or 'none'}.")
    return content


async def read_deployment_logs(deploymentId: str, ctx: Context[Any, Any]) -> str:
    """Return a deployment's log lines, oldest first, each with its time and level."""
    adapter, v0, runtime = _seam(ctx)
    with reading(missing_deployment(deploymentId)):
        logs = await adapter.all_logs(runtime, v0, deploymentId, MAX_LOG_LINES)
    header = f"Deployment {deploymentId}: {len(logs)} log lines, oldest first."
    if len(logs) >= MAX_LOG_LINES:
        header += f" Cut at {MAX_LOG_LINES}; get_deployment_logs pages on."
    if not logs:
        header += " No lines yet: the build may not have started; read again shortly."
    lines = [f"{log.created_at or '-'} [{log.level or 'info'}] {log.text or ''}".rstrip() for log in logs]
    return "\n".join([header, *lines]) + "\n"


async def read_project(projectId: str, ctx: Context[Any, Any]) -> str:
    """Return a project and its chats."""
    adapter, v0, runtime = _seam(ctx)
    with reading(missing_project(projectId)):
        data = await adapter.project_document(runtime, v0, projectId)
    for chat in data.get("chats", []):
        chat["uri"] = chat_uri(chat["id"])
    return _json(data)


class Template(NamedTuple):
    """A ``v0://`` template and the function that reads it."""

    uri: str
    name: str
    title: str
    description: str
    mime_type: str
    read: Callable[..., Awaitable[str | bytes]]


TEMPLATE_READERS: Final = (
    Template(
        CHAT,
        "chat",
        "v0 chat",
        "A chat: name, privacy, latest version (status, demo URL, files), message count, last reply and URLs.",
        "application/json",
        read_chat,
    ),
    Template(
        MESSAGES,
        "chat_messages",
        "v0 chat thread",
        "The whole thread as text, oldest first: each message's role, time and plain text.",
        "text/plain",
        read_messages,
    ),
    Template(
        MESSAGE,
        "chat_message",
        "v0 message",
        "One message in full, as text: role, time, how it finished, attachments and its whole text.",
        "text/plain",
        read_message,
    ),
    Template(
        VERSION,
        "version",
        "v0 version",
        "A generated version: status, demo URL and its files (names, sizes and the URI of each).",
        "application/json",
        read_version,
    ),
    Template(
        FILE,
        "version_file",
        "File of a v0 version",
        "One file of a version, in full; its mime type follows the file's extension. Paths keep their '/'.",
        "text/plain",
        read_file,
    ),
    Template(
        CHAT_FILE,
        "chat_file",
        "File of a v0 chat",
        "One of the chat's current files, in full; its mime type follows the file's extension. Paths keep their '/'.",
        "text/plain",
        read_chat_file,
    ),
    Template(
        DEPLOYMENT_LOGS,
        "deployment_logs",
        "v0 deployment logs",
        "A deployment's build logs (and, once it serves, its runtime logs) as text, oldest first, with levels.",
        "text/plain",
        read_deployment_logs,
    ),
    Template(
        PROJECT,
        "project",
        "v0 project",
        "A project (on API v2 the Vercel project) and its chats.",
        "application/json",
        read_project,
    ),
)


def typed_files(read: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    """Wrap ``resources/read`` so a file's contents carry the mime type of its extension."""

    async def read_resource(rctx: ServerRequestContext[Any, Any], params: ReadResourceRequestParams) -> Any:
        result = await read(rctx, params)
        found = next((f for t in _FILE_TEMPLATES if (f := t.match(str(params.uri))) is not None), None)
        if found is None or not isinstance(result, ReadResourceResult):
            return result
        mime = mime_type_for(str(found["path"]))
        contents = [content.model_copy(update={"mime_type": mime}) for content in result.contents]
        return result.model_copy(update={"contents": contents})

    return read_resource
