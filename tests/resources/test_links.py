"""Tool results link to resources; following a link gives what the result left out."""

from __future__ import annotations

import json
from typing import Any

from mcp import Client
from mcp.types import CallToolResult, ResourceLink, TextResourceContents

from tests.resources.conftest import Seeded, connect
from v0_mcp.server import V0MCPServer


def _links(result: CallToolResult) -> dict[str, ResourceLink]:
    assert not result.is_error, result.content
    return {block.uri: block for block in result.content if isinstance(block, ResourceLink)}


async def _follow(client: Client, link: ResourceLink) -> TextResourceContents:
    content = (await client.read_resource(link.uri)).contents[0]
    assert isinstance(content, TextResourceContents)
    assert content.mime_type == link.mime_type
    return content


async def test_get_chat_links_to_the_chat_and_its_whole_thread(server: V0MCPServer, era: str, seeded: Seeded) -> None:
    async with connect(server, era) as client:
        links = _links(await client.call_tool("get_chat", {"chatId": seeded.chat_id}))
        chat = json.loads((await _follow(client, links[f"v0://chats/{seeded.chat_id}"])).text)
        thread = (await _follow(client, links[f"v0://chats/{seeded.chat_id}/messages"])).text
    assert chat["id"] == seeded.chat_id
    assert thread.startswith(f"Chat {seeded.chat_id}: {chat['messageCount']} messages")


async def test_get_version_file_links_give_each_file_in_full(server: V0MCPServer, era: str, seeded: Seeded) -> None:
    async with connect(server, era) as client:
        result = await client.call_tool("get_version", {"chatId": seeded.chat_id, "versionId": seeded.version_id})
        sizes: dict[str, Any] = {file["name"]: file["size"] for file in result.structured_content["version"]["files"]}
        files = {link.name: link for link in _links(result).values() if "/files/" in link.uri}
        contents = {name: (await _follow(client, link)).text for name, link in files.items()}
    assert set(contents) == set(seeded.files)
    assert {name: len(text.encode()) for name, text in contents.items()} == sizes


async def test_create_deployment_links_to_its_logs(server: V0MCPServer, era: str, seeded: Seeded) -> None:
    async with connect(server, era) as client:
        result = await client.call_tool("create_deployment", {"chatId": seeded.chat_id, "versionId": seeded.version_id})
        deployment_id = result.structured_content["id"]
        logs = (await _follow(client, _links(result)[f"v0://deployments/{deployment_id}/logs"])).text
    assert logs.startswith(f"Deployment {deployment_id}:")


async def test_create_chat_links_resolve_to_the_new_chat_version_and_files(server: V0MCPServer, era: str) -> None:
    async with connect(server, era) as client:
        result = await client.call_tool("create_chat", {"message": "A todo list app", "waitSeconds": 10})
        assert result.structured_content["status"] == "completed"
        chat_id, version_id = result.structured_content["chatId"], result.structured_content["versionId"]
        links = _links(result)
        version = json.loads((await _follow(client, links[f"v0://chats/{chat_id}/versions/{version_id}"])).text)
        first_file = next(link for link in links.values() if "/files/" in link.uri)
        text = (await _follow(client, first_file)).text
    assert version["status"] == "completed"
    assert first_file.name in [file["name"] for file in version["files"]]
    assert len(text.encode()) == first_file.size
