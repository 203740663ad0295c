"""The files toolset of API v2: read and edit a chat's files, restore a message's files, see the preview.

v0 answers ``chats.getFiles`` with every file in full, so the files are kept per
chat in the runtime and dropped on any change (a generation, an edit, a restore).
Results list paths, sizes and encodings; contents only for the paths asked for
(a whole file is a resource read: ``v0://chats/{chatId}/files/{+path}``).
"""

from __future__ import annotations

import base64
import io
import zipfile
from dataclasses import replace
from typing import Annotated, Any, Final

import anyio
from mcp.server.mcpserver import Context
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import BlobResourceContents, CallToolResult, EmbeddedResource, ResourceLink
from pydantic import Field
from pydantic.fields import FieldInfo

from ...api import Conflict, V0Client
from ...uris import chat_file_uri
from .._endpoint import DOCS
from .._errors import agent_errors
from .._generation import WAIT_FIELD
from .._results import Result, chat_link, mime_type_for, render
from .._runtime import Runtime, runtime_of
from .._schema import FieldSpec, argument_fields
from .._shapes import Shape
from .._spec import Declared, ToolSpec
from ._declare import endpoint
from ._shapes import ChatFileInfo, file_infos
from ._vocabulary import VOCABULARY

MAX_EMBEDDED_BYTES: Final = 40_000  # a bigger archive is listed, not embedded (base64 grows it by a third)
MAX_CONTENT_CHARS: Final = 60_000  # contents asked for beyond this are cut: read the file's resource instead


class FileContent(Shape):
    path: str
    encoding: str = "utf8"
    content: str | None = None
    cut: bool | None = None


class ChatFiles(Result):
    chatId: str
    files: list[ChatFileInfo]
    contents: list[FileContent] | None = None
    missing: list[str] | None = None


class FilesUpdated(Result):
    chatId: str
    written: list[str]
    deleted: list[str]
    messageIds: list[str] | None = None
    previewStarted: bool | None = None


class Restored(Result):
    chatId: str
    messageId: str
    messageIds: list[str] | None = None


class PreviewState(Result):
    chatId: str
    status: str  # running, starting
    url: str | None = None
    expiresAt: str | None = None
    previewUrl: str | None = None  # what a plain browser opens: the preview proxy (also while it starts)


def _file_link(chat_id: str, info: ChatFileInfo) -> ResourceLink:
    return ResourceLink(
        type="resource_link",
        uri=chat_file_uri(chat_id, info.path),
        name=info.path,
        description=f"{info.path} ({info.encoding})",
        mime_type=mime_type_for(info.path),
        size=info.size,
    )


async def chat_files(v0: V0Client, runtime: Runtime, chat_id: str) -> list[Any]:
    """Return the chat's files (``{path, content, encoding}`` models), from the runtime's cache when it has them."""
    cached = runtime.cached_files(v0, chat_id)
    if cached is None:
        cached = list((await v0.call("chats.getFiles", chatId=chat_id)).files or [])
        runtime.cache_files(v0, chat_id, cached)
    files: list[Any] = cached
    return files


async def _get_files(ctx: Context[Any, Any], args: dict[str, Any]) -> CallToolResult:
    runtime = runtime_of(ctx)
    v0 = runtime.client_for(ctx)
    chat_id = args["chatId"]
    with agent_errors(args):
        files = await chat_files(v0, runtime, chat_id)
    infos = file_infos(files)
    result = ChatFiles(chatId=chat_id, files=infos)
    if args.get("paths"):
        by_path = {file.path: file for file in files}
        budget, contents = MAX_CONTENT_CHARS, []
        for path in args["paths"]:
            found = by_path.get(path)
            if found is None:
                continue
            content = found.content or ""
            cut = len(content) > budget
            contents.append(
                FileContent(path=path, encoding=found.encoding or "utf8", content=content[:budget], cut=cut or None)
            )
            budget = max(0, budget - len(content))
        result.contents = contents
        result.missing = [path for path in args["paths"] if path not in by_path] or None
        if any(c.cut for c in contents):
            result.note = "Some contents were cut to fit: read the whole file from its resource link."
        elif result.missing:
            result.note = "Some paths are not files of this chat: see files for the valid paths."
    return render(result, [chat_link(chat_id), *(_file_link(chat_id, info) for info in infos[:50])])


def _files_tool() -> ToolSpec:
    exposure = VOCABULARY["get_chat_files"]
    fields: dict[str, FieldSpec] = {
        "chatId": (str, FieldInfo(min_length=1)),
        "paths": (
            Annotated[list[Annotated[str, Field(min_length=1)]], Field(max_length=50)] | None,
            FieldInfo(default=None, description="Files whose contents to return; others are listed only"),
        ),
    }
    return ToolSpec.for_operation(
        exposure,
        title="List chat files",
        description=(
            "List a chat's files (paths, sizes, encodings). Pass paths for their contents; a whole file is "
            "also the resource v0://chats/{chatId}/files/{path}."
        ),
        declare=lambda: Declared(fields, ChatFiles, VOCABULARY.operation("get_chat_files")),
        handler=_get_files,
        docs=DOCS,
    )


async def _await_preview(v0: V0Client, runtime: Runtime, chat_id: str, budget: float) -> bool:
    """Start the chat's preview (``chats.getPreview``) and poll it until it runs or ``budget`` seconds pass."""
    from ...api.v2 import preview_of

    clock = runtime.clock
    start = clock.now()
    interval = runtime.poll_interval
    while True:
        if preview_of(await v0.call("chats.getPreview", chatId=chat_id)) is not None:
            return True
        left = budget - (clock.now() - start)
        if left <= 0:
            return False
        await clock.sleep(min(interval, left))
        interval = min(interval * 1.5, runtime.max_poll_interval)


async def _update_files(ctx: Context[Any, Any], args: dict[str, Any]) -> CallToolResult:
    runtime = runtime_of(ctx)
    v0 = runtime.client_for(ctx)
    chat_id, budget = args["chatId"], args.pop("waitSeconds", 0)
    op = VOCABULARY.operation("update_chat_files")
    exposure = VOCABULARY["update_chat_files"]
    started = False
    with agent_errors(args, tool=exposure, op=op):
        try:
            response = await v0.call(op, **args)
        except Conflict as exc:
            if "preview" not in str(exc).lower():
                raise
            # v0 edits files only while the chat's preview runs: start it, wait for it, then write.
            await ctx.report_progress(0.0, budget or None, "starting the chat's preview (v0 edits files only then)")
            with anyio.move_on_after(budget):
                started = await _await_preview(v0, runtime, chat_id, budget)
            if not started:
                raise ToolError(
                    f"v0 edits files only while the chat's preview runs, and it did not start within {budget} s. "
                    f'Call get_preview(chatId="{chat_id}") until its status is running, then call '
                    "update_chat_files again (nothing was written)."
                ) from None
            response = await v0.call(op, **args)
        finally:
            runtime.forget_files(chat_id)
    files = args.get("files") or []
    written = [f["path"] for f in files if f.get("content") is not None]
    deleted = [f["path"] for f in files if f.get("content") is None]
    result = FilesUpdated(
        chatId=chat_id,
        written=written,
        deleted=deleted,
        messageIds=[m.id for m in response.messages or []] or None,
        previewStarted=started or None,
    )
    return render(result, [chat_link(chat_id)])


def _update_tool() -> ToolSpec:
    exposure = VOCABULARY["update_chat_files"]

    def declare() -> Declared:
        op = VOCABULARY.operation("update_chat_files")
        fields = argument_fields(op)
        fields["waitSeconds"] = (
            WAIT_FIELD[0],
            FieldInfo(default=60, ge=0, le=600, description="Max seconds to wait for the preview v0 needs to edit"),
        )
        return Declared(fields, FilesUpdated, op, frozenset({"waitSeconds"}))

    return ToolSpec.for_operation(
        exposure,
        title="Write or delete chat files",
        description=(
            "Write files of a chat ({path, content}) or delete them (content null). Starts the chat's preview "
            "when v0 needs it running to edit."
        ),
        declare=declare,
        handler=_update_files,
        docs={**DOCS, "files": "Each {path, content}; content null deletes the file"},
    )


def _preview_state(response: Any, args: Any) -> PreviewState:
    from ...api.v2 import preview_of

    preview = preview_of(response)
    if preview is None:
        return PreviewState(
            chatId=args["chatId"], status="starting", note="The preview is starting: call get_preview again shortly."
        )
    return PreviewState(chatId=args["chatId"], status="running", url=preview.url, expiresAt=preview.expiresAt)


async def _preview(ctx: Context[Any, Any], args: dict[str, Any]) -> CallToolResult:
    runtime = runtime_of(ctx)
    v0 = runtime.client_for(ctx)
    with agent_errors(args):
        response = await v0.call("chats.getPreview", chatId=args["chatId"])
    result = _preview_state(response, args)
    local = runtime.preview_url(args["chatId"], v0, answer=response)
    result.previewUrl = local
    if local is not None and result.status == "running":
        result.url = local  # the loopback proxy: no token in the URL an agent passes around
    return render(result, [chat_link(args["chatId"])])


async def _restore(ctx: Context[Any, Any], args: dict[str, Any]) -> CallToolResult:
    runtime = runtime_of(ctx)
    v0 = runtime.client_for(ctx)
    op = VOCABULARY.operation("restore_message")
    with agent_errors(args, tool=VOCABULARY["restore_message"], op=op):
        try:
            response = await v0.call(op, **args)
        finally:
            runtime.forget_files(args["chatId"])
    ids = [m.id for m in response.messages or []] or None
    result = Restored(chatId=args["chatId"], messageId=args["messageId"], messageIds=ids)
    return render(result, [chat_link(args["chatId"])])


class Download(Result):
    chatId: str
    sizeBytes: int
    files: list[str]
    embedded: bool


def archive_names(data: bytes) -> list[str]:
    """List the files inside a zip archive ([] when it is not one)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return [name for name in archive.namelist() if not name.endswith("/")]
    except zipfile.BadZipFile:
        return []


async def _download(ctx: Context[Any, Any], args: dict[str, Any]) -> CallToolResult:
    v0 = runtime_of(ctx).client_for(ctx)
    chat_id = args["chatId"]
    with agent_errors(args):
        data: bytes = await v0.call(VOCABULARY.operation("download_chat_files"), **args)
    embedded = len(data) <= MAX_EMBEDDED_BYTES
    result = Download(chatId=chat_id, sizeBytes=len(data), files=archive_names(data)[:500], embedded=embedded)
    links: list[Any] = [chat_link(chat_id)]
    if embedded:
        blob = BlobResourceContents(
            uri=f"v0://chats/{chat_id}/files.zip", blob=base64.b64encode(data).decode(), mime_type="application/zip"
        )
        links.append(EmbeddedResource(type="resource", resource=blob))
    else:
        result.note = "The archive is too large to embed: read files one by one with get_chat_files(paths=[...])."
    return render(result, links)


TOOLS = (
    _files_tool(),
    _update_tool(),
    replace(
        endpoint(
            "get_preview",
            title="Get preview",
            description="Start or read a chat's live preview: status running with its URL, or starting.",
            output=PreviewState,
            shape=_preview_state,
        ),
        handler=_preview,
    ),
    replace(
        endpoint(
            "download_chat_files",
            title="Download chat files",
            description="Download a chat's files as a zip (embedded when small).",
            output=Download,
            shape=lambda r, _: r,
        ),
        handler=_download,
    ),
    replace(
        endpoint(
            "restore_message",
            title="Restore files of a message",
            description="Make a finished message's files the chat's files again (recorded as a new message).",
            output=Restored,
            shape=lambda r, args: Restored(chatId=args["chatId"], messageId=args["messageId"]),
        ),
        handler=_restore,
    ),
)
