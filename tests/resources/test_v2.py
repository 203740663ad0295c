"""Resources, completions and listing on API v2: chats, messages, current files, Vercel logs and projects."""

from __future__ import annotations

import json

import anyio
import pytest
from mcp import MCPError
from mcp.types import PromptReference, ResourceTemplateReference, TextResourceContents

from tests.resources.conftest import CountingTransport, SeededV2, connect, make_v2_server
from v0_mcp.api import V0Client
from v0_mcp.resources import (
    CHAT,
    CHAT_FILE,
    DEPLOYMENT_LOGS,
    MESSAGE,
    MESSAGES,
    PROJECT,
    RESOURCE_NOT_FOUND,
    chat_file_uri,
)
from v0_mcp.server import V0MCPServer

V2_TEMPLATES = {CHAT, MESSAGES, MESSAGE, CHAT_FILE, DEPLOYMENT_LOGS, PROJECT}


async def _read(server: V0MCPServer, era: str, uri: str) -> TextResourceContents:
    async with connect(server, era) as client:
        result = await client.read_resource(uri)
    assert len(result.contents) == 1
    content = result.contents[0]
    assert isinstance(content, TextResourceContents)
    assert content.uri == uri
    return content


async def _read_error(server: V0MCPServer, era: str, uri: str) -> MCPError:
    async with connect(server, era) as client:
        with pytest.raises(MCPError) as caught:
            await client.read_resource(uri)
    return caught.value


async def test_v2_serves_its_templates_and_no_version_ones(server_v2: V0MCPServer, era: str) -> None:
    async with connect(server_v2, era) as client:
        listed = {t.uri_template: t for t in (await client.list_resource_templates()).resource_templates}
    assert set(listed) == V2_TEMPLATES
    assert all(template.title and template.description for template in listed.values())


async def test_a_chat_reads_with_its_latest_message_and_links(
    server_v2: V0MCPServer, era: str, seeded_v2: SeededV2
) -> None:
    content = await _read(server_v2, era, f"v0://chats/{seeded_v2.chat_id}")
    chat = json.loads(content.text)
    assert content.mime_type == "application/json"
    assert chat["id"] == seeded_v2.chat_id
    assert chat["title"] == seeded_v2.title
    assert chat["vercelProjectId"] == seeded_v2.project_id
    assert chat["latestMessage"]["id"] == seeded_v2.message_id
    assert chat["latestMessage"]["role"] == "assistant"
    assert chat["resources"] == {
        "messages": f"v0://chats/{seeded_v2.chat_id}/messages",
        "latestMessage": f"v0://chats/{seeded_v2.chat_id}/messages/{seeded_v2.message_id}",
        "file": f"v0://chats/{seeded_v2.chat_id}/files/{{+path}}",
        "project": f"v0://projects/{seeded_v2.project_id}",
    }


async def test_the_thread_reads_oldest_first_and_one_message_in_full(
    server_v2: V0MCPServer, era: str, v0_v2: V0Client, seeded_v2: SeededV2
) -> None:
    thread = (await _read(server_v2, era, f"v0://chats/{seeded_v2.chat_id}/messages")).text
    assert thread.startswith(f"Chat {seeded_v2.chat_id}: 2 messages, oldest first.")
    blocks = thread.strip().split("\n\n")[1:]
    assert [block.split(" · ")[0] for block in blocks[:1]] == ["[1] user"]
    assert "coffee shop" in blocks[0]
    stored = await v0_v2.call("messages.get", chatId=seeded_v2.chat_id, messageId=seeded_v2.message_id)
    one = await _read(server_v2, era, f"v0://chats/{seeded_v2.chat_id}/messages/{seeded_v2.message_id}")
    assert one.mime_type == "text/plain"
    assert f"id {seeded_v2.message_id}" in one.text
    assert stored.content.strip()[:200] in one.text


async def test_a_chat_file_reads_in_full_typed_by_its_extension(
    server_v2: V0MCPServer, era: str, v0_v2: V0Client, seeded_v2: SeededV2
) -> None:
    path = next(name for name in seeded_v2.files if name.endswith(".tsx"))
    files = (await v0_v2.call("chats.getFiles", chatId=seeded_v2.chat_id)).files
    expected = next(file.content for file in files if file.path == path)
    content = await _read(server_v2, era, chat_file_uri(seeded_v2.chat_id, path))
    assert content.text == expected
    assert content.mime_type == "text/tsx"


async def test_reading_files_of_a_chat_asks_v0_once(
    server_v2: V0MCPServer, transport: CountingTransport, seeded_v2: SeededV2
) -> None:
    transport.requests.clear()
    async with connect(server_v2, "auto") as client:
        for path in seeded_v2.files[:3]:
            await client.read_resource(chat_file_uri(seeded_v2.chat_id, path))
    assert transport.requests.count(f"GET /v2/chats/{seeded_v2.chat_id}/files") == 1


async def test_an_unknown_chat_file_lists_the_files_the_chat_has(
    server_v2: V0MCPServer, era: str, seeded_v2: SeededV2
) -> None:
    error = await _read_error(server_v2, era, chat_file_uri(seeded_v2.chat_id, "app/missing.tsx"))
    assert error.error.code == RESOURCE_NOT_FOUND
    assert "'app/missing.tsx'" in error.error.message
    assert seeded_v2.files[0] in error.error.message


async def test_deployment_logs_come_from_vercel_build_and_runtime(
    server_v2: V0MCPServer, era: str, seeded_v2: SeededV2
) -> None:
    content = await _read(server_v2, era, f"v0://deployments/{seeded_v2.deployment_id}/logs")
    header, *lines = content.text.strip().splitlines()
    assert header.startswith(f"Deployment {seeded_v2.deployment_id}: {len(lines)} log lines, oldest first.")
    assert any("npm run build" in line or "Running build" in line for line in lines)
    assert all(" [" in line for line in lines)
    assert any("GET /" in line for line in lines)  # the deployment serves: runtime lines follow the build


async def test_without_a_vercel_token_logs_and_projects_say_what_to_set(
    v0_v2: V0Client, era: str, seeded_v2: SeededV2
) -> None:
    server = make_v2_server(v0_v2, None)
    for uri in (f"v0://deployments/{seeded_v2.deployment_id}/logs", f"v0://projects/{seeded_v2.project_id}"):
        error = await _read_error(server, era, uri)
        assert "VERCEL_TOKEN" in error.error.message and "VERCEL_TEAM_ID" in error.error.message
    chat = json.loads((await _read(server, era, f"v0://chats/{seeded_v2.chat_id}")).text)
    assert chat["id"] == seeded_v2.chat_id  # everything else still works


async def test_a_project_is_the_vercel_project_with_its_chats(
    server_v2: V0MCPServer, era: str, seeded_v2: SeededV2
) -> None:
    project = json.loads((await _read(server_v2, era, f"v0://projects/{seeded_v2.project_id}")).text)
    assert project["id"] == seeded_v2.project_id
    assert project["name"]
    assert {"id": seeded_v2.chat_id, "uri": f"v0://chats/{seeded_v2.chat_id}"}.items() <= project["chats"][0].items()


@pytest.mark.parametrize(
    ("uri", "names"),
    [
        ("v0://chats/nochat", ["'nochat'", "list_chats"]),
        ("v0://chats/nochat/messages/nomessage", ["'nomessage'", "'nochat'"]),
        ("v0://chats/nochat/files/app/page.tsx", ["'nochat'", "list_chats"]),
        ("v0://deployments/nodeployment/logs", ["'nodeployment'", "list_deployments"]),
        ("v0://projects/noproject", ["'noproject'", "list_vercel_projects"]),
        ("v0://chats/nochat/versions/v1", ["v0://chats/nochat/versions/v1"]),  # no versions on v2
    ],
)
async def test_an_unknown_id_is_a_resource_not_found_error_naming_it(
    server_v2: V0MCPServer, era: str, uri: str, names: list[str]
) -> None:
    error = await _read_error(server_v2, era, uri)
    assert error.error.code == RESOURCE_NOT_FOUND
    assert error.error.data == {"uri": uri}
    for name in names:
        assert name in error.error.message


async def test_resources_list_shows_the_recent_v2_chats(server_v2: V0MCPServer, era: str, seeded_v2: SeededV2) -> None:
    async with connect(server_v2, era) as client:
        listed = (await client.list_resources()).resources
    uris = [resource.uri for resource in listed]
    assert f"v0://chats/{seeded_v2.chat_id}" in uris and f"v0://chats/{seeded_v2.other_chat_id}" in uris
    assert next(r for r in listed if r.uri == f"v0://chats/{seeded_v2.chat_id}").title == seeded_v2.title


def _template(uri: str) -> ResourceTemplateReference:
    return ResourceTemplateReference(type="ref/resource", uri=uri)


async def _complete(
    server: V0MCPServer,
    ref: ResourceTemplateReference | PromptReference,
    name: str,
    value: str = "",
    context: dict[str, str] | None = None,
) -> list[str]:
    async with connect(server, "auto") as client:
        return (await client.complete(ref, {"name": name, "value": value}, context)).completion.values


async def test_ids_and_paths_complete_from_the_v2_account(server_v2: V0MCPServer, seeded_v2: SeededV2) -> None:
    chat = {"chatId": seeded_v2.chat_id}
    assert set(await _complete(server_v2, _template(CHAT), "chatId")) == {seeded_v2.chat_id, seeded_v2.other_chat_id}
    assert seeded_v2.message_id in await _complete(server_v2, _template(MESSAGE), "messageId", context=chat)
    assert await _complete(server_v2, _template(CHAT_FILE), "path", "app/", chat) == [
        path for path in seeded_v2.files if path.startswith("app/")
    ]
    assert await _complete(server_v2, _template(DEPLOYMENT_LOGS), "deploymentId", context=chat) == [
        seeded_v2.deployment_id
    ]
    assert seeded_v2.project_id in await _complete(server_v2, _template(PROJECT), "projectId")
    prompt = PromptReference(type="ref/prompt", name="debug_deployment")
    assert seeded_v2.deployment_id in await _complete(server_v2, prompt, "deployment_id")


async def test_without_a_vercel_token_deployments_complete_to_nothing(v0_v2: V0Client, seeded_v2: SeededV2) -> None:
    server = make_v2_server(v0_v2, None)
    chat = {"chatId": seeded_v2.chat_id}
    assert await _complete(server, _template(DEPLOYMENT_LOGS), "deploymentId", context=chat) == []
    assert await _complete(server, _template(PROJECT), "projectId") == []


@pytest.mark.filterwarnings("ignore::mcp.MCPDeprecationWarning")
async def test_a_subscribed_v2_chat_announces_a_new_generation(
    server_v2: V0MCPServer, v0_v2: V0Client, seeded_v2: SeededV2
) -> None:
    uri = f"v0://chats/{seeded_v2.chat_id}/messages"
    updated: list[str] = []
    arrived = anyio.Event()

    async def on_message(message: object) -> None:
        params = getattr(getattr(message, "params", None), "uri", None)
        if params is not None:
            updated.append(str(params))
            arrived.set()

    async with connect(server_v2, "legacy", message_handler=on_message) as client:
        await client.subscribe_resource(uri)
        await v0_v2.call("messages.sendAsync", chatId=seeded_v2.chat_id, message="Make it blue")
        with anyio.fail_after(10):
            await arrived.wait()
    assert set(updated) == {uri}


@pytest.mark.filterwarnings("ignore::mcp.MCPDeprecationWarning")
async def test_subscribed_deployment_logs_announce_the_build_as_it_runs(
    server_v2: V0MCPServer, v0_v2: V0Client, seeded_v2: SeededV2
) -> None:
    deployment = await v0_v2.call("chats.deploy", chatId=seeded_v2.chat_id)
    uri = f"v0://deployments/{deployment.deploymentId}/logs"
    updated: list[str] = []
    arrived = anyio.Event()

    async def on_message(message: object) -> None:
        params = getattr(getattr(message, "params", None), "uri", None)
        if params is not None:
            updated.append(str(params))
            arrived.set()

    async with connect(server_v2, "legacy", message_handler=on_message) as client:
        await client.subscribe_resource(uri)
        with anyio.fail_after(10):
            await arrived.wait()
        logs = (await client.read_resource(uri)).contents[0]
    assert set(updated) == {uri}
    assert isinstance(logs, TextResourceContents) and "log lines" in logs.text
