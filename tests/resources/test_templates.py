"""The v0:// resource templates: listed with titles, descriptions and mime types, matching the tools' links."""

from __future__ import annotations

import pytest
from mcp.shared.uri_template import UriTemplate

from tests.resources.conftest import connect
from v0_mcp.resources import CHAT, CHAT_FILE, DEPLOYMENT_LOGS, FILE, MESSAGE, MESSAGES, PROJECT, TEMPLATES, VERSION
from v0_mcp.server import V0MCPServer
from v0_mcp.tools._results import (
    chat_file_link,
    chat_link,
    deployment_logs_link,
    file_link,
    message_link,
    messages_link,
    project_link,
    version_link,
)

EXPECTED_MIME = {
    CHAT: "application/json",
    MESSAGES: "text/plain",
    MESSAGE: "text/plain",
    CHAT_FILE: "text/plain",
    VERSION: "application/json",
    FILE: "text/plain",
    DEPLOYMENT_LOGS: "text/plain",
    PROJECT: "application/json",
}


async def test_every_template_is_listed_with_title_description_and_mime_type(server: V0MCPServer, era: str) -> None:
    async with connect(server, era) as client:
        listed = {
            template.uri_template: template for template in (await client.list_resource_templates()).resource_templates
        }
    assert set(listed) == set(TEMPLATES)
    for uri, template in listed.items():
        assert template.title, uri
        assert template.description, uri
        assert template.mime_type == EXPECTED_MIME[uri]


async def test_resources_and_subscriptions_are_advertised(server: V0MCPServer, era: str) -> None:
    async with connect(server, era) as client:
        capabilities = client.server_capabilities
    assert capabilities.resources is not None
    assert capabilities.resources.subscribe is True


@pytest.mark.parametrize(
    ("link", "template", "variables"),
    [
        (chat_link("c1"), CHAT, {"chatId": "c1"}),
        (messages_link("c1"), MESSAGES, {"chatId": "c1"}),
        (message_link("c1", "m1"), MESSAGE, {"chatId": "c1", "messageId": "m1"}),
        (chat_file_link("c1", "app/a b.tsx"), CHAT_FILE, {"chatId": "c1", "path": "app/a b.tsx"}),
        (version_link("c1", "v1"), VERSION, {"chatId": "c1", "versionId": "v1"}),
        (file_link("c1", "v1", "app/page.tsx"), FILE, {"chatId": "c1", "versionId": "v1", "path": "app/page.tsx"}),
        (deployment_logs_link("d1"), DEPLOYMENT_LOGS, {"deploymentId": "d1"}),
        (project_link("p1"), PROJECT, {"projectId": "p1"}),
    ],
)
def test_every_link_a_tool_returns_matches_its_template(link: object, template: str, variables: dict[str, str]) -> None:
    assert UriTemplate.parse(template).match(str(link.uri)) == variables  # type: ignore[attr-defined]


def test_a_file_path_keeps_its_slashes_and_loses_its_escapes() -> None:
    link = file_link("c1", "v1", "app/about us/page 100%.tsx")
    assert UriTemplate.parse(FILE).match(link.uri) == {
        "chatId": "c1",
        "versionId": "v1",
        "path": "app/about us/page 100%.tsx",
    }


def test_a_chat_template_does_not_swallow_its_sub_resources() -> None:
    assert UriTemplate.parse(CHAT).match("v0://chats/c1/messages") is None
    assert UriTemplate.parse(MESSAGES).match("v0://chats/c1/messages/m1") is None
    assert UriTemplate.parse(CHAT_FILE).match("v0://chats/c1/versions/v1/files/a.tsx") is None
