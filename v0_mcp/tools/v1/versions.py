"""The versions toolset: read and edit the files of a generated app."""

from __future__ import annotations

import base64
import io
import tarfile
import zipfile
from collections.abc import Mapping
from dataclasses import replace
from typing import Any, Final

from mcp.server.mcpserver import Context
from mcp.types import BlobResourceContents, CallToolResult, EmbeddedResource

from .._errors import agent_errors
from .._results import Result, file_link, render, version_link
from .._runtime import runtime_of
from .._schema import with_defaults
from .._shapes import VersionInfo
from ._declare import endpoint
from ._shapes import version_of
from ._vocabulary import VOCABULARY

MAX_EMBEDDED_BYTES: Final = 48_000  # base64 of this stays well inside the result budget


class Version(Result):
    chatId: str
    version: VersionInfo


class VersionList(Result):
    versions: list[VersionInfo]
    totalCount: int | None = None
    hasMore: bool = False
    nextCursor: str | None = None


class Download(Result):
    format: str
    sizeBytes: int
    files: list[str]
    embedded: bool


def _version(response: Any, args: Mapping[str, Any]) -> Version:
    return Version(chatId=args["chatId"], version=version_of(response))


def _version_links(response: Any, args: Mapping[str, Any]) -> list[Any]:
    chat_id = args["chatId"]
    files = response.files or []
    return [version_link(chat_id, response.id)] + [
        file_link(chat_id, response.id, f.name, size=len((f.content or "").encode())) for f in files[:50]
    ]


def _version_list(response: Any, _: Mapping[str, Any]) -> VersionList:
    page, meta = response.pagination, response.meta
    return VersionList(
        versions=[version_of(v, with_files=False) for v in response.data or []],
        totalCount=meta.totalCount if meta else None,
        hasMore=bool(page and page.hasMore),
        nextCursor=page.nextCursor if page else None,
    )


def archive_names(data: bytes) -> list[str]:
    """List the files inside a zip or gzip'd tarball."""
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return [n for n in archive.namelist() if not n.endswith("/")]
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:*") as archive:
        return [m.name for m in archive.getmembers() if m.isfile()]


async def _download(ctx: Context[Any, Any], args: dict[str, Any]) -> CallToolResult:
    v0 = runtime_of(ctx).client_for(ctx)
    with agent_errors(args):
        data: bytes = await v0.call(VOCABULARY.operation("download_version"), **args)
    fmt = with_defaults(VOCABULARY.operation("download_version"), args)["format"]
    try:
        names = archive_names(data)
    except (zipfile.BadZipFile, tarfile.TarError):
        names = []
    embedded = len(data) <= MAX_EMBEDDED_BYTES
    result = Download(format=fmt, sizeBytes=len(data), files=names[:500], embedded=embedded)
    if not embedded:
        result.note = "Archive too large to embed; read files one by one from the version's file resources."
    links: list[Any] = [version_link(args["chatId"], args["versionId"])]
    if embedded:
        mime = "application/zip" if fmt == "zip" else "application/gzip"
        ext = "zip" if fmt == "zip" else "tar.gz"
        blob = BlobResourceContents(
            uri=f"v0://chats/{args['chatId']}/versions/{args['versionId']}/download.{ext}",
            blob=base64.b64encode(data).decode(),
            mime_type=mime,
        )
        links.append(EmbeddedResource(type="resource", resource=blob))
    return render(result, links)


TOOLS = (
    endpoint(
        "get_version",
        title="Get version",
        description=(
            "Get a version: status, demo URL and its files (names and sizes). "
            "Read a file's content from the linked v0://.../files/{path} resource."
        ),
        output=Version,
        shape=_version,
        links=_version_links,
    ),
    endpoint(
        "update_version_files",
        title="Edit files",
        description=(
            "Write files into a version by hand (each {name, content, locked?}); creates no generation. "
            "Next: create_deployment."
        ),
        output=Version,
        shape=_version,
        links=_version_links,
    ),
    endpoint(
        "list_versions",
        title="List versions",
        description="List a chat's versions, newest first.",
        output=VersionList,
        shape=_version_list,
    ),
    endpoint(
        "delete_version_files",
        title="Delete files",
        description="Delete files from a version; v0 makes a new version without them.",
        output=Version,
        shape=_version,
        links=_version_links,
    ),
    endpoint(
        "restore_version",
        title="Restore version",
        description="Make an earlier version the chat's latest again.",
        output=Version,
        shape=_version,
        links=_version_links,
    ),
    replace(
        endpoint(
            "download_version",
            title="Download version",
            description="Download a version's files as a zip or tarball (embedded when small).",
            output=Download,
            shape=lambda r, _: r,
        ),
        handler=_download,
    ),
)
