"""completion/complete: ids and file paths from the account, filtered by what was typed, for templates and prompts."""

from __future__ import annotations

from mcp.types import PromptReference, ResourceTemplateReference

from tests.resources.conftest import CountingTransport, Seeded, connect, make_server
from v0_mcp.api import V0Client
from v0_mcp.completions import MAX_VALUES
from v0_mcp.resources import CHAT, DEPLOYMENT_LOGS, FILE, PROJECT, VERSION
from v0_mcp.server import V0MCPServer


def template(uri: str) -> ResourceTemplateReference:
    return ResourceTemplateReference(type="ref/resource", uri=uri)


def prompt(name: str) -> PromptReference:
    return PromptReference(type="ref/prompt", name=name)


async def _complete(
    server: V0MCPServer,
    era: str,
    ref: ResourceTemplateReference | PromptReference,
    name: str,
    value: str = "",
    context: dict[str, str] | None = None,
) -> list[str]:
    async with connect(server, era) as client:
        result = await client.complete(ref, {"name": name, "value": value}, context)
    assert len(result.completion.values) <= MAX_VALUES
    return result.completion.values


async def test_completions_are_advertised(server: V0MCPServer, era: str) -> None:
    async with connect(server, era) as client:
        assert client.server_capabilities.completions is not None


async def test_chat_ids_come_from_the_account_newest_first(server: V0MCPServer, era: str, seeded: Seeded) -> None:
    assert await _complete(server, era, template(CHAT), "chatId") == [seeded.other_chat_id, seeded.chat_id]


async def test_chat_ids_are_filtered_by_the_typed_prefix(server: V0MCPServer, era: str, seeded: Seeded) -> None:
    assert await _complete(server, era, template(CHAT), "chatId", seeded.chat_id[:6]) == [seeded.chat_id]


async def test_typing_part_of_a_chat_name_finds_its_id(server: V0MCPServer, era: str, seeded: Seeded) -> None:
    assert await _complete(server, era, template(CHAT), "chatId", "coffee") == [seeded.chat_id]


async def test_version_ids_come_from_the_chat_already_chosen(
    server: V0MCPServer, era: str, v0: V0Client, seeded: Seeded
) -> None:
    versions = [v.id for v in (await v0.call("chats.findVersions", chatId=seeded.other_chat_id)).data]
    completed = await _complete(server, era, template(VERSION), "versionId", "", {"chatId": seeded.other_chat_id})
    assert completed == versions
    assert len(completed) == 2


async def test_version_ids_need_a_chat_first(server: V0MCPServer, era: str, seeded: Seeded) -> None:
    assert await _complete(server, era, template(VERSION), "versionId") == []


async def test_file_paths_come_from_the_version_already_chosen(server: V0MCPServer, era: str, seeded: Seeded) -> None:
    context = {"chatId": seeded.chat_id, "versionId": seeded.version_id}
    completed = await _complete(server, era, template(FILE), "path", "app/", context)
    assert completed == [name for name in seeded.files if name.startswith("app/")]
    assert completed


async def test_deployment_ids_come_from_recent_chats(server: V0MCPServer, era: str, seeded: Seeded) -> None:
    assert await _complete(server, era, template(DEPLOYMENT_LOGS), "deploymentId") == [seeded.deployment_id]


async def test_project_ids_come_from_the_account(server: V0MCPServer, era: str, seeded: Seeded) -> None:
    assert await _complete(server, era, template(PROJECT), "projectId") == [seeded.project_id]


async def test_a_prompts_chat_id_is_completed(server: V0MCPServer, era: str, seeded: Seeded) -> None:
    assert await _complete(server, era, prompt("iterate"), "chat_id", seeded.chat_id[:4]) == [seeded.chat_id]


async def test_a_prompts_deployment_id_is_completed(server: V0MCPServer, era: str, seeded: Seeded) -> None:
    assert await _complete(server, era, prompt("debug_deployment"), "deployment_id") == [seeded.deployment_id]


async def test_free_text_arguments_get_no_suggestions(
    server: V0MCPServer, era: str, transport: CountingTransport
) -> None:
    before = len(transport.requests)
    assert await _complete(server, era, prompt("build_app"), "idea", "a blog") == []
    assert transport.requests[before:] == []


async def test_one_chat_id_completion_costs_one_api_call(
    server: V0MCPServer, era: str, seeded: Seeded, transport: CountingTransport
) -> None:
    before = len(transport.requests)
    await _complete(server, era, template(CHAT), "chatId", "x")
    assert transport.requests[before:] == ["GET /v1/chats"]


async def test_a_failing_account_gives_no_suggestions_rather_than_an_error(era: str, v0: V0Client) -> None:
    server = make_server(v0.with_api_key(""))
    assert await _complete(server, era, template(CHAT), "chatId") == []
