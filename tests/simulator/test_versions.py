"""Versions: edit, delete files, restore, fork and download behave as the spec says."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import httpx

from .conftest import check_body, check_error, new_chat


def _files(version: dict[str, Any]) -> dict[str, str]:
    return {f["name"]: f["content"] for f in version["files"]}


async def test_update_version_edits_files_in_place(client: httpx.AsyncClient) -> None:
    chat = await new_chat(client)
    vid = chat["latestVersion"]["id"]
    body = {
        "files": [
            {"name": "app/page.tsx", "content": "export default function Page() { return null }\n", "locked": True},
            {"name": "lib/util.ts", "content": "export const one = 1\n"},
        ]
    }
    updated = check_body("chats.updateVersion", await client.patch(f"/chats/{chat['id']}/versions/{vid}", json=body))
    assert updated["id"] == vid
    files = {f["name"]: f for f in updated["files"]}
    assert files["app/page.tsx"]["locked"] is True and files["lib/util.ts"]["locked"] is False
    assert "components/hero.tsx" in files  # untouched files stay
    again = (await client.get(f"/chats/{chat['id']}/versions/{vid}")).json()
    assert _files(again)["lib/util.ts"] == "export const one = 1\n"


async def test_locked_files_survive_the_next_generation(client: httpx.AsyncClient) -> None:
    chat = await new_chat(client)
    vid = chat["latestVersion"]["id"]
    mine = "export default function Page() { return <p>mine</p> }\n"
    await client.patch(
        f"/chats/{chat['id']}/versions/{vid}",
        json={"files": [{"name": "app/page.tsx", "content": mine, "locked": True}]},
    )
    sent = (await client.post(f"/chats/{chat['id']}/messages", json={"message": "Add a gallery"})).json()
    files = _files(sent["latestVersion"])
    assert files["app/page.tsx"] == mine and "components/add-a-gallery.tsx" in files


async def test_delete_version_files_creates_a_new_version(client: httpx.AsyncClient) -> None:
    chat = await new_chat(client)
    vid = chat["latestVersion"]["id"]
    response = await client.post(
        f"/chats/{chat['id']}/versions/{vid}/files/delete", json={"filePaths": ["app/globals.css"]}
    )
    created = check_body("chats.deleteVersionFiles", response)
    assert created["id"] != vid and "app/globals.css" not in _files(created)
    assert "app/globals.css" in _files((await client.get(f"/chats/{chat['id']}/versions/{vid}")).json())
    listed = (await client.get(f"/chats/{chat['id']}/versions")).json()
    assert [v["id"] for v in listed["data"]] == [created["id"], vid] and listed["meta"]["totalCount"] == 2
    assert (await client.get(f"/chats/{chat['id']}")).json()["latestVersion"]["id"] == created["id"]
    missing = await client.post(f"/chats/{chat['id']}/versions/{vid}/files/delete", json={"filePaths": ["nope.ts"]})
    check_error("chats.deleteVersionFiles", missing, 404)


async def test_restore_makes_an_old_version_the_latest(client: httpx.AsyncClient) -> None:
    chat = await new_chat(client)
    first = chat["latestVersion"]["id"]
    await client.post(f"/chats/{chat['id']}/messages", json={"message": "Add a footer"})
    restored = check_body("chats.restore", await client.post(f"/chats/{chat['id']}/versions/{first}/restore"))
    assert restored["id"] == first
    assert (await client.get(f"/chats/{chat['id']}")).json()["latestVersion"]["id"] == first


async def test_fork_copies_history_up_to_the_version(client: httpx.AsyncClient) -> None:
    chat = await new_chat(client, metadata={"team": "web"})
    first = chat["latestVersion"]["id"]
    await client.post(f"/chats/{chat['id']}/messages", json={"message": "Add a footer"})
    fork = check_body(
        "chats.fork", await client.post(f"/chats/{chat['id']}/fork", json={"versionId": first, "privacy": "unlisted"})
    )
    assert fork["id"] != chat["id"] and fork["privacy"] == "unlisted" and fork["shareable"] is True
    assert len(fork["messages"]) == 2 and fork["metadata"] == {"team": "web"}
    assert fork["messages"][1]["parentId"] == fork["messages"][0]["id"]
    assert fork["latestVersion"]["id"] != first
    assert _files(fork["latestVersion"]) == _files(chat["latestVersion"])


async def test_edits_of_a_pending_version_answer_409(client: httpx.AsyncClient) -> None:
    chat = await new_chat(client, responseMode="async")
    vid = chat["latestVersion"]["id"]
    check_error("chats.restore", await client.post(f"/chats/{chat['id']}/versions/{vid}/restore"), 409)
    check_error("chats.downloadVersion", await client.get(f"/chats/{chat['id']}/versions/{vid}/download"), 409)


async def test_download_is_a_real_archive_of_the_files(client: httpx.AsyncClient) -> None:
    chat = await new_chat(client)
    vid = chat["latestVersion"]["id"]
    plain = await client.get(f"/chats/{chat['id']}/versions/{vid}/download")
    full = await client.get(f"/chats/{chat['id']}/versions/{vid}/download", params={"includeDefaultFiles": "true"})
    names = zipfile.ZipFile(io.BytesIO(plain.content)).namelist()
    assert set(names) == set(_files(chat["latestVersion"]))
    with zipfile.ZipFile(io.BytesIO(full.content)) as archive:
        assert '"next"' in archive.read("package.json").decode()
    assert plain.headers["content-disposition"] == f'attachment; filename="{chat["id"]}-{vid}.zip"'
    assert (await client.get(f"/chats/{chat['id']}/versions/{vid}/download")).content == plain.content
