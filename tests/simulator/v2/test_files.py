"""Chat files, edits, the ZIP, restore and duplicate, and the preview lifecycle and site."""

from __future__ import annotations

import base64
import io
import zipfile

import httpx

from v0_mcp.simulator import ManualClock, Simulator

from .conftest import check, check_error, new_chat, running_preview


async def _files(v2: httpx.AsyncClient, chat_id: str) -> dict[str, str]:
    body = check("chats.getFiles", await v2.get(f"/chats/{chat_id}/files"))
    return {f["path"]: f["content"] for f in body["files"]}


async def test_files_are_whole_and_binary_files_are_base64(v2: httpx.AsyncClient, clock: ManualClock) -> None:
    chat_id, message = await new_chat(v2, clock, "Build a pricing page")
    files = await _files(v2, chat_id)
    assert "Build a pricing page" in files["app/page.tsx"]
    assert base64.b64decode(files["public/icon.png"]).startswith(b"\x89PNG")
    edited = {p["path"] for p in message["parts"] if p["type"] == "file-edit"}
    assert edited == set(files)
    response = await v2.get(f"/chats/{chat_id}/files/download")
    assert response.status_code == 200 and response.headers["content-type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert archive.read("app/page.tsx").decode() == files["app/page.tsx"]
    assert archive.read("public/icon.png") == base64.b64decode(files["public/icon.png"])


async def test_files_answer_409_while_the_first_generation_runs(v2: httpx.AsyncClient) -> None:
    ids = check("chats.createAsync", await v2.post("/chats/async", json={"message": "Build a blog"}), 202)
    check_error("chats.getFiles", await v2.get(f"/chats/{ids['chatId']}/files"), 409)
    check_error("chats.downloadFiles", await v2.get(f"/chats/{ids['chatId']}/files/download"), 409)


async def test_update_files_needs_the_preview_and_null_deletes(v2: httpx.AsyncClient, clock: ManualClock) -> None:
    chat_id, _ = await new_chat(v2, clock)
    edit: dict[str, list[dict[str, str | None]]] = {
        "files": [{"path": "app/about/page.tsx", "content": "export default function About() {}\n"}]
    }
    message = check_error("chats.updateFiles", await v2.patch(f"/chats/{chat_id}/files", json=edit), 409)
    assert "getPreview" in message
    await running_preview(v2, clock, chat_id)
    edit["files"].append({"path": "app/globals.css", "content": None})
    recorded = check("chats.updateFiles", await v2.patch(f"/chats/{chat_id}/files", json=edit))["messages"]
    assert [m["role"] for m in recorded] == ["user", "assistant"]
    assert [(p["operation"], p["path"]) for p in recorded[1]["parts"]] == [
        ("create", "app/about/page.tsx"),
        ("delete", "app/globals.css"),
    ]
    files = await _files(v2, chat_id)
    assert "app/about/page.tsx" in files and "app/globals.css" not in files
    missing = {"files": [{"path": "nope.txt", "content": None}]}
    body = check("chats.updateFiles", await v2.patch(f"/chats/{chat_id}/files", json=missing), 422)
    assert body["issues"] == [{"path": "files.0.path", "error": "No such file to delete: nope.txt"}]
    wrong = {"files": [{"path": "a.txt", "content": 5}]}
    check_error("chats.updateFiles", await v2.patch(f"/chats/{chat_id}/files", json=wrong), 422)


async def test_restore_brings_back_older_files_once(v2: httpx.AsyncClient, clock: ManualClock) -> None:
    chat_id, first = await new_chat(v2, clock)
    before = await _files(v2, chat_id)
    sent = check("messages.sendAsync", await v2.post(f"/chats/{chat_id}/messages/async", json={"message": "Add FAQ"}))
    clock.advance(60)
    assert await _files(v2, chat_id) != before
    latest = check("messages.get", await v2.get(f"/chats/{chat_id}/messages/{sent['messageId']}"))
    assert latest["restorable"] is False
    old = check("messages.get", await v2.get(f"/chats/{chat_id}/messages/{first['id']}"))
    assert old["restorable"] is True
    body = {"messageId": first["id"]}
    check("chats.restoreMessage", await v2.post(f"/chats/{chat_id}/restore-message", json=body))
    assert await _files(v2, chat_id) == before
    check_error("chats.restoreMessage", await v2.post(f"/chats/{chat_id}/restore-message", json=body), 409)


async def test_duplicate_copies_messages_and_files_under_a_new_title(v2: httpx.AsyncClient, clock: ManualClock) -> None:
    chat_id, _ = await new_chat(v2, clock)
    original = check("chats.get", await v2.get(f"/chats/{chat_id}"))
    copy = check("chats.duplicate", await v2.post(f"/chats/{chat_id}/duplicate"), 201)
    assert copy["id"] != chat_id and copy["title"] == f"{original['title']} (2)" and copy["privacy"] == "private"
    assert await _files(v2, copy["id"]) == await _files(v2, chat_id)
    messages = check("messages.list", await v2.get(f"/chats/{copy['id']}/messages", params={"limit": 10}))
    assert len(messages["messages"]) == 2
    check_error("chats.duplicate", await v2.post(f"/chats/{chat_id}/duplicate", json={"privacy": "x"}), 422)


async def test_the_preview_starts_then_serves_the_chat_with_its_token(
    v2: httpx.AsyncClient, raw: httpx.AsyncClient, clock: ManualClock, sim: Simulator
) -> None:
    chat_id, _ = await new_chat(v2, clock, "Build a landing page for Bean & Bloom")
    preview = await running_preview(v2, clock, chat_id)
    url = preview["url"]
    assert url == f"http://v0.sim/v2-preview/{chat_id}/"
    assert (await raw.get(url)).status_code == 401
    assert (await raw.get(url, headers={"x-v0-preview-token": "pvt_wrong"})).status_code == 403
    token = {"x-v0-preview-token": preview["token"]}
    page = await raw.get(url, headers=token)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "Bean &amp; Bloom" in page.text and "x-v0-preview-refresh" not in page.headers
    css = await raw.get(url + "_v0/styles.css", headers=token)
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert (await raw.get(url + "_v0/styles.css")).status_code == 401
    icon = await raw.get(url + "public/icon.png", headers=token)
    assert icon.headers["content-type"] == "image/png" and icon.content.startswith(b"\x89PNG")
    sim.v2.settings.preview_refresh = True
    assert (await raw.get(url, headers=token)).headers["x-v0-preview-refresh"] == "1"


async def test_an_expired_preview_token_is_refused_and_replaced(
    v2: httpx.AsyncClient, raw: httpx.AsyncClient, clock: ManualClock, sim: Simulator
) -> None:
    sim.v2.settings.preview_ttl = 100
    chat_id, _ = await new_chat(v2, clock)
    preview = await running_preview(v2, clock, chat_id)
    clock.advance(101)
    stale = await raw.get(preview["url"], headers={"x-v0-preview-token": preview["token"]})
    assert stale.status_code == 403 and stale.headers["x-v0-preview-refresh"] == "1"
    edit = {"files": [{"path": "a.md", "content": "x"}]}
    check_error("chats.updateFiles", await v2.patch(f"/chats/{chat_id}/files", json=edit), 409)
    fresh = check("chats.getPreview", await v2.get(f"/chats/{chat_id}/preview"))
    assert fresh["token"] != preview["token"]
    assert (await raw.get(fresh["url"], headers={"x-v0-preview-token": fresh["token"]})).status_code == 200


async def test_a_refresh_file_in_the_chat_asks_for_a_refresh(
    v2: httpx.AsyncClient, raw: httpx.AsyncClient, clock: ManualClock
) -> None:
    chat_id, _ = await new_chat(v2, clock)
    preview = await running_preview(v2, clock, chat_id)
    edit = {"files": [{"path": ".v0-preview-refresh", "content": "1"}]}
    check("chats.updateFiles", await v2.patch(f"/chats/{chat_id}/files", json=edit))
    page = await raw.get(preview["url"], headers={"x-v0-preview-token": preview["token"]})
    assert page.status_code == 200 and page.headers["x-v0-preview-refresh"] == "1"
