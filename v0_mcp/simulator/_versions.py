"""Handlers of versions: list, read, edit files, delete files, restore and download.

``updateVersion`` edits the files of a completed version in place (named files are
replaced or added; ``locked`` is kept unless given). ``deleteVersionFiles`` creates a new
version without the files and makes it the latest. ``restore`` makes an earlier
completed version the chat's latest again and answers that version. Versions still
pending (or failed) answer 409 to every edit and to downloads.
"""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from ._archive import tarball, zip_archive
from ._errors import ApiError
from ._generation import add_version
from ._paging import page
from ._registry import Call, handles
from ._shapes import api_base, version_detail, version_files, version_summary
from ._state import Chat, FileEntry, Version

__all__: list[str] = []

JSON = dict[str, Any]


def _version(call: Call, *, completed: bool = False) -> tuple[Chat, Version]:
    chat = call.ws.chat(call.params["chatId"])
    version = call.ws.version(chat, call.params["versionId"])
    if completed and version.status != "completed":
        raise ApiError(409, f"Version {version.id} is {version.status}; wait until it has completed")
    return chat, version


@handles("chats.findVersions")
def find_versions(call: Call) -> JSON:
    chat = call.ws.chat(call.params["chatId"])
    newest_first = [call.ws.versions[v] for v in reversed(chat.version_ids)]
    items, pagination = page(
        newest_first, cursor=call.query.cursor, limit=call.query.limit, url=f"{api_base()}/chats/{chat.id}/versions"
    )
    return {
        "object": "list",
        "data": [version_summary(v) for v in items],
        "pagination": pagination,
        "meta": {"totalCount": len(newest_first)},
    }


@handles("chats.getVersion")
def get_version(call: Call) -> JSON:
    chat, version = _version(call)
    return version_detail(version, chat_name=chat.name, include_default=bool(call.query.includeDefaultFiles))


@handles("chats.updateVersion")
def update_version(call: Call) -> JSON:
    chat, version = _version(call, completed=True)
    for item in call.body.files:
        current = version.files.get(item.name)
        locked = item.locked if item.locked is not None else (current.locked if current else False)
        version.files[item.name] = FileEntry(item.content, locked)
    version.updated_at = chat.updated_at = call.now
    return version_detail(version, chat_name=chat.name)


@handles("chats.deleteVersionFiles")
def delete_version_files(call: Call) -> JSON:
    chat, version = _version(call, completed=True)
    missing = [p for p in call.body.filePaths if p not in version.files]
    if missing:
        raise ApiError(404, f"File not found in version {version.id}: {', '.join(missing)}")
    doomed = set(call.body.filePaths)
    files = {n: FileEntry(e.content, e.locked) for n, e in version.files.items() if n not in doomed}
    created = add_version(call.ws, chat, files, now=call.now, status="completed")
    return version_detail(created, chat_name=chat.name)


@handles("chats.restore")
def restore(call: Call) -> JSON:
    chat, version = _version(call, completed=True)
    chat.latest_version_id = version.id
    version.updated_at = chat.updated_at = call.now
    return version_detail(version, chat_name=chat.name)


@handles("chats.downloadVersion")
def download_version(call: Call) -> Response:
    chat, version = _version(call, completed=True)
    shown = version_files(version, chat_name=chat.name, include_default=bool(call.query.includeDefaultFiles))
    files = {name: content for name, (content, _) in shown.items()}
    if call.query.format == "tarball":
        body, media, suffix = tarball(files, mtime=version.updated_at), "application/gzip", "tar.gz"
    else:
        body, media, suffix = zip_archive(files, mtime=version.updated_at), "application/zip", "zip"
    disposition = f'attachment; filename="{chat.id}-{version.id}.{suffix}"'
    return Response(body, media_type=media, headers={"Content-Disposition": disposition})
