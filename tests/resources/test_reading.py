"""Reading each resource against the simulator, and what an unknown id reads as."""

from __future__ import annotations

import json

import pytest
from mcp import MCPError
from mcp.types import TextResourceContents

from tests.resources.conftest import Seeded, connect
from v0_mcp.api import V0Client
from v0_mcp.resources import RESOURCE_NOT_FOUND, chat_file_uri, file_uri
from v0_mcp.server import V0MCPServer


async def _read(server: V0MCPServer, era: str, uri: str) -> TextResourceContents:
    async with connect(server, era) as client:
        result = await client.read_resource(uri)
    assert len(result.contents) == 1
    content = result.contents[0]
    assert isinstance(content, TextResourceContents)
    assert content.uri == uri
    return content


async def test_a_chat_reads_as_compact_json(server: V0MCPServer, era: str, seeded: Seeded) -> None:
    content = await _read(server, era, f"v0://chats/{seeded.chat_id}")
    chat = json.loads(content.text)
    assert content.mime_type == "application/json"
    assert chat["id"] == seeded.chat_id
    assert chat["name"] == seeded.chat_name
    assert chat["privacy"] == "private"
    assert chat["latestVersion"]["id"] == seeded.version_id
    assert chat["messageCount"] >= 2
    assert chat["webUrl"].startswith("https://")
    assert chat["demoUrl"].startswith("https://")
    assert "content" not in json.dumps(chat["latestVersion"]["files"])


async def test_a_chat_points_to_its_thread_latest_version_and_project(
    server: V0MCPServer, era: str, seeded: Seeded
) -> None:
    chat = json.loads((await _read(server, era, f"v0://chats/{seeded.chat_id}")).text)
    assert chat["resources"] == {
        "messages": f"v0://chats/{seeded.chat_id}/messages",
        "latestVersion": f"v0://chats/{seeded.chat_id}/versions/{seeded.version_id}",
        "file": f"v0://chats/{seeded.chat_id}/files/{{+path}}",
        "project": f"v0://projects/{seeded.project_id}",
    }


async def test_a_message_and_a_current_file_read_on_v1_too(
    server: V0MCPServer, era: str, v0: V0Client, seeded: Seeded
) -> None:
    newest = (await v0.call("chats.findMessages", chatId=seeded.chat_id, limit=1)).data[0]
    message = (await _read(server, era, f"v0://chats/{seeded.chat_id}/messages/{newest.id}")).text
    assert message.startswith(f"Chat {seeded.chat_id}, message {newest.id}.")
    assert f"id {newest.id}" in message
    path = next(name for name in seeded.files if name.endswith(".tsx"))
    version = await v0.call("chats.getVersion", chatId=seeded.chat_id, versionId=seeded.version_id)
    expected = next(file.content for file in version.files if file.name == path)
    current = await _read(server, era, chat_file_uri(seeded.chat_id, path))
    assert (current.text, current.mime_type) == (expected, "text/tsx")


async def test_the_thread_reads_as_text_oldest_first(server: V0MCPServer, era: str, seeded: Seeded) -> None:
    content = await _read(server, era, f"v0://chats/{seeded.other_chat_id}/messages")
    text = content.text
    assert content.mime_type == "text/plain"
    assert text.startswith(f"Chat {seeded.other_chat_id}: 4 messages, oldest first.")
    blocks = text.strip().split("\n\n")[1:]
    assert [block.split(" · ")[0] for block in blocks] == ["[1] user", "[2] assistant", "[3] user", "[4] assistant"]
    assert "Add a newsletter signup form" in blocks[2]


async def test_each_message_shows_role_time_and_id(server: V0MCPServer, era: str, v0: V0Client, seeded: Seeded) -> None:
    newest = (await v0.call("chats.findMessages", chatId=seeded.chat_id, limit=1)).data[0]
    text = (await _read(server, era, f"v0://chats/{seeded.chat_id}/messages")).text
    assert f"{newest.role} · {newest.createdAt} · id {newest.id}" in text


async def test_a_version_lists_its_files_with_their_uris(server: V0MCPServer, era: str, seeded: Seeded) -> None:
    content = await _read(server, era, f"v0://chats/{seeded.chat_id}/versions/{seeded.version_id}")
    version = json.loads(content.text)
    assert content.mime_type == "application/json"
    assert version["chatId"] == seeded.chat_id
    assert version["id"] == seeded.version_id
    assert version["status"] == "completed"
    assert version["demoUrl"].startswith("https://")
    assert [file["name"] for file in version["files"]] == list(seeded.files)
    assert all(file["uri"] == file_uri(seeded.chat_id, seeded.version_id, file["name"]) for file in version["files"])
    assert all(file["size"] > 0 for file in version["files"])


@pytest.mark.parametrize(("suffix", "mime"), [(".tsx", "text/tsx"), (".css", "text/css")])
async def test_a_file_reads_in_full_typed_by_its_extension(
    server: V0MCPServer, era: str, v0: V0Client, seeded: Seeded, suffix: str, mime: str
) -> None:
    path = next(name for name in seeded.files if name.endswith(suffix))
    version = await v0.call("chats.getVersion", chatId=seeded.chat_id, versionId=seeded.version_id)
    expected = next(file.content for file in version.files if file.name == path)
    content = await _read(server, era, file_uri(seeded.chat_id, seeded.version_id, path))
    assert content.text == expected
    assert content.mime_type == mime


async def test_a_file_whose_path_needs_escaping_reads_back(
    server: V0MCPServer, era: str, v0: V0Client, seeded: Seeded
) -> None:
    path = "app/about us/notes 100%.md"
    edited = await v0.call(
        "chats.updateVersion",
        chatId=seeded.chat_id,
        versionId=seeded.version_id,
        files=[{"name": path, "content": "# Notes\n"}],
    )
    content = await _read(server, era, file_uri(seeded.chat_id, edited.id, path))
    assert content.text == "# Notes\n"
    assert content.mime_type == "text/markdown"


async def test_deployment_logs_read_oldest_first_with_levels(server: V0MCPServer, era: str, seeded: Seeded) -> None:
    content = await _read(server, era, f"v0://deployments/{seeded.deployment_id}/logs")
    header, *lines = content.text.strip().splitlines()
    assert content.mime_type == "text/plain"
    assert header.startswith(f"Deployment {seeded.deployment_id}: {len(lines)} log lines, oldest first.")
    assert len(lines) > 3
    assert all(" [info] " in line or " [warning] " in line or " [error] " in line for line in lines)
    times = [line.split(" ", 1)[0] for line in lines]
    assert times == sorted(times)


async def test_a_project_reads_with_its_chats(server: V0MCPServer, era: str, seeded: Seeded) -> None:
    content = await _read(server, era, f"v0://projects/{seeded.project_id}")
    project = json.loads(content.text)
    assert content.mime_type == "application/json"
    assert project["id"] == seeded.project_id
    assert project["name"]
    assert {"id": seeded.chat_id, "uri": f"v0://chats/{seeded.chat_id}"}.items() <= next(
        chat for chat in project["chats"] if chat["id"] == seeded.chat_id
    ).items()


@pytest.mark.parametrize(
    ("uri", "names"),
    [
        ("v0://chats/nochat", ["'nochat'", "list_chats"]),
        ("v0://chats/nochat/messages", ["'nochat'", "list_chats"]),
        ("v0://chats/nochat/versions/noversion", ["'noversion'", "'nochat'", "list_versions"]),
        ("v0://chats/nochat/versions/noversion/files/app/page.tsx", ["'noversion'", "list_versions"]),
        ("v0://deployments/nodeployment/logs", ["'nodeployment'", "list_deployments"]),
        ("v0://projects/noproject", ["'noproject'", "list_projects"]),
    ],
)
async def test_an_unknown_id_is_a_resource_not_found_error_naming_it_and_the_lister(
    server: V0MCPServer, era: str, uri: str, names: list[str]
) -> None:
    async with connect(server, era) as client:
        with pytest.raises(MCPError) as caught:
            await client.read_resource(uri)
    assert caught.value.error.code == RESOURCE_NOT_FOUND
    assert caught.value.error.data == {"uri": uri}
    for name in names:
        assert name in caught.value.error.message


async def test_an_unknown_file_lists_the_files_the_version_has(server: V0MCPServer, era: str, seeded: Seeded) -> None:
    async with connect(server, era) as client:
        with pytest.raises(MCPError) as caught:
            await client.read_resource(file_uri(seeded.chat_id, seeded.version_id, "app/missing.tsx"))
    message = caught.value.error.message
    assert caught.value.error.code == RESOURCE_NOT_FOUND
    assert "'app/missing.tsx'" in message
    assert seeded.files[0] in message


async def test_a_uri_outside_the_templates_is_unknown(server: V0MCPServer, era: str) -> None:
    async with connect(server, era) as client:
        with pytest.raises(MCPError) as caught:
            await client.read_resource("v0://hooks/h1")
    assert caught.value.error.code == RESOURCE_NOT_FOUND
