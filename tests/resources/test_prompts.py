"""Prompts: one markdown file each, listed with their arguments, rendered, and checked against the tools."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Literal

import pytest
from mcp import MCPError
from mcp.types import INVALID_PARAMS, GetPromptResult, TextContent

from tests.conftest import ROOT, SPEC_DIR
from tests.resources.conftest import connect
from v0_mcp.prompts import (
    PromptFileError,
    PromptSpec,
    default_prompts_folder,
    load_prompts,
    parse_prompt,
    prompts_for,
    register_prompts,
    tools_named,
)
from v0_mcp.server import V0MCPServer, build_server
from v0_mcp.settings import Settings

PROMPTS = ROOT / "prompts"
PROMPT_FILES = sorted(path for path in PROMPTS.glob("*.md") if path.name != "README.md")
VERSIONS = ("v1", "v2")


def _vocabulary(version: str) -> list[dict[str, Any]]:
    name = "tool-vocabulary.json" if version == "v1" else "tool-vocabulary-v2.json"
    data = json.loads((SPEC_DIR / name).read_text())
    return [*data["operations"], *data["workflow_tools"]]


VOCABULARIES = {version: _vocabulary(version) for version in VERSIONS}
TOOL_NAMES = {version: frozenset(entry["tool"] for entry in entries) for version, entries in VOCABULARIES.items()}
ANY_TOOL = re.compile(r"\b(" + "|".join(sorted(TOOL_NAMES["v1"] | TOOL_NAMES["v2"], key=len, reverse=True)) + r")\b")


def served(version: str, profile: str, *, read_only: bool = False) -> frozenset[str]:
    """The tools a server of ``version`` serves with ``--toolsets profile`` (as its vocabulary declares them)."""
    return frozenset(
        entry["tool"]
        for entry in VOCABULARIES[version]
        if (profile == "all" or entry["toolset"] == profile or (profile == "builder" and entry["builder"]))
        and not (read_only and entry["kind"] != "read")
    )


def profiles(version: str) -> list[tuple[str, bool]]:
    toolsets = sorted({entry["toolset"] for entry in VOCABULARIES[version]})
    return [(profile, read_only) for profile in ["builder", *toolsets, "all"] for read_only in (False, True)]


MATRIX = [(version, profile, read_only) for version in VERSIONS for profile, read_only in profiles(version)]

# The tools each flow must name on each version, in the order it calls them first (with every tool served).
FLOWS = {
    "v1": {
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
    },
    "v2": {
        "build_app": [
            "create_chat",
            "wait_for_generation",
            "resolve_task",
            "get_chat_files",
            "get_preview",
            "send_message",
            "update_chat_files",
            "create_deployment",
        ],
        "iterate": ["get_chat", "wait_for_generation", "send_message", "resolve_task", "get_chat_files"],
        "deploy_and_verify": ["get_chat", "create_deployment", "get_deployment", "get_deployment_logs", "send_message"],
        "debug_deployment": [
            "get_deployment",
            "get_deployment_errors",
            "get_deployment_logs",
            "get_chat_files",
            "update_chat_files",
            "send_message",
            "create_deployment",
        ],
        "import_repo": ["init_chat", "get_chat_files", "send_message", "wait_for_generation"],
    },
}


def _spec(version: str, name: str) -> PromptSpec:
    return next(spec for spec in load_prompts() if spec.name == name and spec.serves(version))


def _all_text(spec: PromptSpec, tools: frozenset[str]) -> str:
    """Everything a client sees of a prompt: its resolved text, title, descriptions and argument defaults."""
    described = [spec.title, spec.description, *(a.description for a in spec.arguments), *spec.defaults.values()]
    return "\n".join([spec.text_for(tools), *(text for text in described if text)])


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
    assert set(FLOWS["v1"]) == set(listed)
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
    assert "chat_id (The id of the chat to change" in caught.value.error.message
    assert "change (What to change" not in caught.value.error.message


async def test_a_blank_required_argument_counts_as_missing(server: V0MCPServer, era: str) -> None:
    async with connect(server, era) as client:
        with pytest.raises(MCPError) as caught:
            await client.get_prompt("build_app", {"idea": "   "})
    assert "idea" in caught.value.error.message


@pytest.mark.parametrize(("version", "profile", "read_only"), MATRIX)
def test_a_served_prompt_names_only_tools_the_server_serves(version: str, profile: str, read_only: bool) -> None:
    """Every prompt against every profile (builder, each toolset, all; each also --read-only) on both versions."""
    tools = served(version, profile, read_only=read_only)
    specs = {spec.name: spec for spec in load_prompts() if spec.serves(version)}
    for prompt in prompts_for(load_prompts(), version, tools):
        text = _all_text(specs[prompt.name], tools)
        named = set(ANY_TOOL.findall(text))
        assert named <= tools, f"{version} {profile} {read_only}: {prompt.name} names {sorted(named - tools)}"
        assert "<!--" not in text


@pytest.mark.parametrize(
    ("version", "profile", "read_only", "expected"),
    [
        ("v1", "all", False, ["build_app", "debug_deployment", "deploy_and_verify", "import_repo", "iterate"]),
        ("v2", "all", False, ["build_app", "debug_deployment", "deploy_and_verify", "import_repo", "iterate"]),
        ("v1", "builder", False, ["build_app", "debug_deployment", "deploy_and_verify", "iterate"]),
        ("v2", "builder", False, ["build_app", "debug_deployment", "deploy_and_verify", "iterate"]),
        ("v1", "builder", True, ["debug_deployment"]),
        ("v2", "all", True, ["debug_deployment"]),
        ("v2", "files", False, []),
        ("v2", "deployments", False, ["debug_deployment", "deploy_and_verify"]),
        ("v1", "chats", False, ["build_app", "import_repo", "iterate"]),
    ],
)
def test_a_prompt_is_served_only_where_its_essential_tools_are(
    version: str, profile: str, read_only: bool, expected: list[str]
) -> None:
    tools = served(version, profile, read_only=read_only)
    assert [prompt.name for prompt in prompts_for(load_prompts(), version, tools)] == expected


def test_a_read_only_server_offers_a_diagnosis_without_fix_or_deploy_steps() -> None:
    tools = served("v2", "builder", read_only=True)
    text = _spec("v2", "debug_deployment").text_for(tools)
    assert tools_named(text) == ["get_deployment", "get_deployment_logs", "get_chat_files"]
    assert "this server cannot deploy" in text
    assert [line.split(".")[0] for line in text.splitlines() if line[:1].isdigit()] == ["1", "2", "3", "4", "5"]


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("path", PROMPT_FILES, ids=lambda path: path.name)
def test_every_backticked_tool_name_exists(version: str, path: Path) -> None:
    spec = parse_prompt(path.read_text(), source=path.name)
    if not spec.serves(version):
        return
    mentioned = set(tools_named(spec.body))
    unknown = mentioned - TOOL_NAMES[version]
    assert not unknown, f"{path.name} names unknown {version} tools: {sorted(unknown)}"


@pytest.mark.parametrize(("version", "name"), [(v, n) for v in VERSIONS for n in FLOWS[v]])
def test_each_flow_names_its_tools_in_order(version: str, name: str) -> None:
    tools = FLOWS[version][name]
    body = _spec(version, name).text_for(TOOL_NAMES[version])
    firsts = [body.find(f"`{tool}`") for tool in tools]
    assert all(index >= 0 for index in firsts), dict(zip(tools, firsts, strict=True))
    assert firsts == sorted(firsts)


def test_the_bundled_prompts_come_from_the_source_tree() -> None:
    assert default_prompts_folder() == PROMPTS
    for version in VERSIONS:
        assert sorted(spec.name for spec in load_prompts() if spec.serves(version)) == sorted(FLOWS[version])


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize(("toolsets", "read_only"), [({"builder"}, False), ({"all"}, False), ({"all"}, True)])
async def test_a_built_server_lists_the_prompts_its_tools_allow(
    version: Literal["v1", "v2"], toolsets: set[str], read_only: bool
) -> None:
    server = build_server(Settings(api_version=version, toolsets=frozenset(toolsets), read_only=read_only, demo=True))
    tools = {tool.name for tool in await server.list_tools()}
    listed = [prompt.name for prompt in await server.list_prompts()]
    assert sorted(listed) == [prompt.name for prompt in prompts_for(load_prompts(), version, tools)]
    for name in listed:
        rendered = await server.get_prompt(
            name,
            {"idea": "x", "chat_id": "c", "change": "y", "deployment_id": "d", "repo_url": "https://github.com/a/b"},
        )
        assert isinstance(rendered, GetPromptResult)
        text = "\n".join(str(getattr(message.content, "text", "")) for message in rendered.messages)
        assert set(ANY_TOOL.findall(text)) <= tools, name


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


def test_conditions_keep_steps_whose_tools_are_served_and_renumber_them() -> None:
    spec = parse_prompt(
        "---\nname: flow\n---\nSteps:\n\n"
        "1. `make_app` first.\n"
        "<!-- if check_app -->\n2. `check_app` it.\n   (and look closely)\n"
        "<!-- else -->\n2. Look at it.\n<!-- end -->\n"
        "<!-- if ship_app -->\n3. `ship_app` it.\n<!-- end -->\n"
        "4. Report.\n"
    )
    assert spec.text_for({"make_app", "check_app", "ship_app"}) == (
        "Steps:\n\n1. `make_app` first.\n2. `check_app` it.\n   (and look closely)\n3. `ship_app` it.\n4. Report.\n"
    )
    assert spec.text_for({"make_app"}) == "Steps:\n\n1. `make_app` first.\n2. Look at it.\n3. Report.\n"
    assert spec.missing_for({"make_app"}) == []
    assert spec.missing_for({"check_app"}) == ["make_app"]  # outside any block: essential
    assert prompts_for([spec], "v1", {"check_app"}) == []


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
        ("---\nname: x\napi: v3\n---\nHi\n", "'api' is one of v1, v2"),
        ("---\nname: x\n---\n<!-- if a_b -->\n<!-- if c_d -->\n<!-- end -->\n", "line 5: an 'if' block cannot hold"),
        ("---\nname: x\n---\nHi\n<!-- else -->\n", "line 5: <!-- else --> belongs inside"),
        ("---\nname: x\n---\nHi\n<!-- end -->\n", "line 5: <!-- end --> without"),
        ("---\nname: x\n---\n<!-- if a_b -->\nHi\n", "block of line 4 is not closed"),
        ("---\nname: x\n---\n<!-- if -->\nHi\n<!-- end -->\n", "line 4: write <!-- if TOOL"),
    ],
)
def test_a_malformed_file_is_refused_saying_where(text: str, problem: str) -> None:
    with pytest.raises(PromptFileError, match=re.escape(problem)) as caught:
        parse_prompt(text, source="broken.md")
    assert str(caught.value).startswith("broken.md")
