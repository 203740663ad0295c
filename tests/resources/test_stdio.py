"""The real server over stdio (``v0-mcp --demo``): resources, links, completions and prompts end to end.

Each test starts a process, so there are few of them and each walks a whole flow.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
from mcp import Client, StdioServerParameters
from mcp.types import ResourceLink, ResourceTemplateReference, TextContent, TextResourceContents

from v0_mcp.resources import CHAT, TEMPLATES

pytestmark = pytest.mark.e2e


@asynccontextmanager
async def demo_server(era: str) -> AsyncIterator[Client]:
    """Start ``python -m v0_mcp --demo`` and connect to it in protocol era ``era``."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("V0_API", "V0_MCP"))}
    env["V0_MCP_DEMO_DELAY"] = "0.3"
    env["V0_API_VERSION"] = "v1"
    parameters = StdioServerParameters(command=sys.executable, args=["-m", "v0_mcp", "--demo"], env=env)
    async with Client(parameters, mode=era) as client:
        yield client


async def test_resources_are_listed_read_and_linked_from_tool_results() -> None:
    async with demo_server("legacy") as client:
        templates = {t.uri_template for t in (await client.list_resource_templates()).resource_templates}
        chat_uri = (await client.list_resources()).resources[0].uri
        chat = (await client.read_resource(chat_uri)).contents[0]
        assert isinstance(chat, TextResourceContents)
        chat_id, version_id = json.loads(chat.text)["id"], json.loads(chat.text)["latestVersion"]["id"]
        version = await client.call_tool("get_version", {"chatId": chat_id, "versionId": version_id})
        link = next(b for b in version.content if isinstance(b, ResourceLink) and "/files/" in b.uri)
        content = (await client.read_resource(link.uri)).contents[0]
    assert set(TEMPLATES) <= templates
    assert chat_uri == f"v0://chats/{chat_id}"
    assert isinstance(content, TextResourceContents)
    assert content.mime_type == link.mime_type
    assert len(content.text.encode()) == link.size


async def test_prompts_render_with_a_completed_chat_id() -> None:
    chat_ref = ResourceTemplateReference(type="ref/resource", uri=CHAT)
    async with demo_server("auto") as client:
        names = {prompt.name for prompt in (await client.list_prompts()).prompts}
        chat_ids = (await client.complete(chat_ref, {"name": "chatId", "value": ""})).completion.values
        rendered = await client.get_prompt("deploy_and_verify", {"chat_id": chat_ids[0]})
    assert {"build_app", "iterate", "deploy_and_verify", "debug_deployment", "import_repo"} <= names
    assert len(chat_ids) == 2
    message = rendered.messages[0].content
    assert isinstance(message, TextContent)
    assert f'chatId="{chat_ids[0]}"' in message.text
