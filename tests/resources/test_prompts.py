"""Prompts: one markdown file each, listed with their arguments, rendered, and checked against the tools."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mcp import MCPError
from mcp.types import INVALID_PARAMS, TextContent

from tests.conftest import ROOT
from tests.resources.conftest import TOOL_NAMES, connect
from v0_mcp.prompts import (
    PromptFileError,
    default_prompts_folder,
    load_prompts,
    parse_prompt,
    register_prompts,
)
from v0_mcp.server import V0MCPServer

PROMPTS = ROOT / "prompts"
PROMPT_FILES = sorted(path for path in PROMPTS.glob("*.md") if path.name != "README.md")
TOOL_MENTION = re.compile(r"`([a-z]+(?:_[a-z]+)+)`")

# The tools each flow must name, in the order it calls them first.
FLOWS = {
    "build_app": ["create_chat", "wait_for_generation", "get_version", "send_message", "create_deployment"],
    "iterate": ["get_chat", "wait_for_generation", "send_message", "get_version", "update_version_files"],
    "deploy_and_verify": [
        "get_chat",
        "create_deployment",
        "get_deployment_logs",
        "get_deployment_errors",
        "send_message",
    ],
    "debug_deployment": [
        "get_deployment",
        "get_deployment_errors",
        "get_deployment_logs",
        "get_version",
        "send_message",
        "create_deployment",
    ],
    "import_repo": ["init_chat", "wait_for_generation", "get_version", "send_message"],
}


async def _render(server: V0MCPServer, era: str, name: str, arguments: dict[str, str]) -> str:
    async with connect(server, era) as client:
        result = await client.get_prompt(name, arguments)
    assert len(result.messages) == 1
    message = result.messages[0]
    assert message.role == "user"
    assert isinstance(message.content, TextContent)
    return message.content.text


async def test_every_flow_is_listed_with_its_arguments(server: V0MCPServer, era: str) -> None:
    async with connect(server, era) as client:
        listed = {p.name: p for p in (await client.list_prompts()).prompts}
    assert set(FLOWS) <= set(listed)
    required = {name: [a.name for a in p.arguments or [] if a.required] for name, p in listed.items()}
    assert required["build_app"] == ["idea"]
    assert required["iterate"] == ["chat_id", "change"]
    assert required["deploy_and_verify"] == ["chat_id"]
    assert required["debug_deployment"] == ["deployment_id"]
    assert required["import_repo"] == ["repo_url"]
    assert all(p.title and p.description for p in listed.values())
    assert all(a.description for p in listed.values() for a in p.arguments or [])


async def test_a_prompt_renders_its_arguments(server: V0MCPServer, era: str) -> None:
    text = await _render(server, era, "iterate", {"chat_id": "chat123", "change": "Make the header sticky"})
    assert 'chatId="chat123"' in text
    assert "Make the header sticky" in text
    assert "{{" not in text


async def test_an_omitted_optional_argument_falls_back_to_its_default(server: V0MCPServer, era: str) -> None:
    text = await _render(server, era, "import_repo", {"repo_url": "https://github.com/acme/shop"})
    assert '{"url": "https://github.com/acme/shop"}' in text
    assert "branch: the repository's default branch" in text
    assert "{{" not in text


async def test_a_missing_required_argument_is_an_error_naming_it(server: V0MCPServer, era: str) -> None:
    async with connect(server, era) as client:
        with pytest.raises(MCPError) as caught:
            await client.get_prompt("iterate", {"change": "Make it blue"})
    assert caught.value.error.code == INVALID_PARAMS
    assert "'iterate'" in caught.value.error.message
    assert "chat_id (The chat to change" in caught.value.error.message
    assert "change (What to change" not in caught.value.error.message


async def test_a_blank_required_argument_counts_as_missing(server: V0MCPServer, era: str) -> None:
    async with connect(server, era) as client:
        with pytest.raises(MCPError) as caught:
            await client.get_prompt("build_app", {"idea": "   "})
    assert "idea" in caught.value.error.message


@pytest.mark.parametrize("path", PROMPT_FILES, ids=lambda path: path.name)
def test_every_backticked_tool_name_exists(path: Path) -> None:
    mentioned = set(TOOL_MENTION.findall(path.read_text()))
    assert mentioned <= TOOL_NAMES, f"{path.name} names unknown tools: {sorted(mentioned - TOOL_NAMES)}"


@pytest.mark.parametrize(("name", "tools"), FLOWS.items())
def test_each_flow_names_its_tools_in_order(name: str, tools: list[str]) -> None:
    body = parse_prompt((PROMPTS / f"{name}.md").read_text()).body
    firsts = [body.find(f"`{tool}`") for tool in tools]
    assert all(index >= 0 for index in firsts), dict(zip(tools, firsts, strict=True))
    assert firsts == sorted(firsts)


def test_the_bundled_prompts_come_from_the_source_tree() -> None:
    assert default_prompts_folder() == PROMPTS
    assert [prompt.name for prompt in load_prompts()] == sorted(FLOWS)


async def test_a_new_file_adds_a_prompt_without_code(server: V0MCPServer, tmp_path: Path, era: str) -> None:
    (tmp_path / "rename_chat.md").write_text(
        "---\nname: rename_chat\ntitle: Rename a chat\ndescription: Give a chat a better name.\n"
        "arguments:\n  - name: chat_id\n    description: The chat\n    required: true\n---\n"
        'Call `update_chat` with chatId="{{chat_id}}" and a short, descriptive name.\n'
    )
    register_prompts(server, tmp_path)
    text = await _render(server, era, "rename_chat", {"chat_id": "c9"})
    assert text == 'Call `update_chat` with chatId="c9" and a short, descriptive name.\n'


def test_the_readme_is_not_a_prompt(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# Prompts\n")
    assert load_prompts(tmp_path) == []


def test_two_files_may_not_define_one_name(tmp_path: Path) -> None:
    for file in ("a.md", "b.md"):
        (tmp_path / file).write_text("---\nname: same\n---\nHello\n")
    with pytest.raises(PromptFileError, match=re.escape("b.md: prompt 'same' is already defined by a.md")):
        load_prompts(tmp_path)


def test_front_matter_is_parsed() -> None:
    spec = parse_prompt(
        "---\n"
        "name: greet\n"
        "title: 'Say hello'\n"
        'description: "Greets someone: politely"\n'
        "# a comment\n"
        "arguments:\n"
        "  - name: who\n"
        "    description: Who to greet\n"
        "    required: true\n"
        "  - name: tone\n"
        "    default: warm\n"
        "---\n"
        "Greet {{ who }} in a {{tone}} tone.\n"
    )
    assert (spec.name, spec.title, spec.description) == ("greet", "Say hello", "Greets someone: politely")
    assert [(a.name, a.description, a.required) for a in spec.arguments] == [
        ("who", "Who to greet", True),
        ("tone", None, False),
    ]
    assert spec.defaults == {"tone": "warm"}
    assert spec.body == "Greet {{ who }} in a {{tone}} tone.\n"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Hello\n", "starts with a '---' front matter block"),
        ("---\nname: x\n", "not closed"),
        ("---\nname: Bad-Name\n---\nHi\n", "'name' must be lowercase"),
        ("---\ntitle: no name\n---\nHi\n", "'name' must be lowercase"),
        ("---\nname: x\nauthor: me\n---\nHi\n", "line 3: front matter keys are"),
        ("---\nname: x\nname: y\n---\nHi\n", "line 3: 'name' given twice"),
        ("---\nname: x\n---\n\n", "no text after its front matter"),
        ("---\nname: x\n---\nHi {{who}}\n", "undeclared arguments: who"),
        ("---\nname: x\narguments:\n  - name: a\n  - name: a\n---\nHi\n", "'a' is declared twice"),
        ("---\nname: x\narguments:\n  - name: a\n    type: str\n---\nHi\n", "line 5: argument keys are"),
        ("---\nname: x\narguments:\n  - name: a\n    required: maybe\n---\nHi\n", "must be true or false"),
        ("---\nname: x\narguments:\n  - name: a\n    required: true\n    default: z\n---\nHi\n", "takes no default"),
        ("---\nname: x\narguments: [a]\n---\nHi\n", "on the lines below"),
        ("---\nname: x\n  indented: y\n---\nHi\n", "unexpected indentation"),
    ],
)
def test_a_malformed_file_is_refused_saying_where(text: str, problem: str) -> None:
    with pytest.raises(PromptFileError, match=re.escape(problem)) as caught:
        parse_prompt(text, source="broken.md")
    assert str(caught.value).startswith("broken.md")
