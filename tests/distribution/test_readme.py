"""The README's install steps work: every host snippet parses and starts the server it names.

Each snippet runs ``uvx --from <GitHub or a clone> v0-mcp`` (or ``dev.py demo``). When ``uvx``
is on PATH the test runs exactly that, from this checkout; when it is not (as on CI), it runs
the equivalent command, the ``v0-mcp`` that this environment installed from the same checkout,
and checks the snippet's structure (source, package, command) on its own. Either way the
server gets the snippet's environment, ``--demo`` (no key, no network) and an ``initialize``.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import anyio
import pytest
from mcp import Client, StdioServerParameters
from mcp.client.stdio import stdio_client

from tests._processes import server_env
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text()
GITHUB = "git+https://github.com/v0-mcp/v0-mcp"
FROM_GITHUB = ["--from", GITHUB, "v0-mcp"]
HOSTS = ("Claude Desktop", "Claude Code", "Cursor", "VS Code", "Windsurf", "Zed", "Codex CLI", "Goose")
PLACEHOLDERS = re.compile(r"<your key>|\$\{input:[^}]+\}")


@dataclass(frozen=True)
class Snippet:
    """One server entry of the README: where it was found and what it runs."""

    where: str
    command: str
    args: tuple[str, ...]
    env: tuple[tuple[str, str], ...]


def blocks(language: str) -> list[str]:
    """The README's fenced code blocks in ``language``."""
    return re.findall(rf"```{language}\n(.*?)```", README, re.S)


def _entries(document: Any) -> dict[str, Any]:
    """The server table of a host's JSON config; other JSON blocks (examples of results...) have none."""
    for key in ("mcpServers", "servers", "context_servers"):
        if isinstance(document, dict) and key in document:
            return dict(document[key])
    return {}


def snippets() -> list[Snippet]:
    found: list[Snippet] = []
    for index, text in enumerate(blocks("json")):
        for name, entry in _entries(json.loads(text)).items():
            env = tuple(sorted(entry.get("env", {}).items()))
            found.append(Snippet(f"json #{index + 1} ({name})", entry["command"], tuple(entry["args"]), env))
    for text in blocks("toml"):
        if "mcp_servers" not in text:
            continue
        entry = tomllib.loads(text)["mcp_servers"]["v0"]
        found.append(Snippet("toml (Codex CLI)", entry["command"], tuple(entry["args"]), tuple(entry["env"].items())))
    for text in blocks("yaml"):
        if "cmd:" not in text:
            continue
        command = re.search(r"^\s*cmd: (\S+)$", text, re.M)
        args = re.search(r"^\s*args: (\[.*\])$", text, re.M)
        envs = re.search(r"^\s*envs: (\{.*\})$", text, re.M)
        assert command and args and envs, text
        env = tuple(json.loads(envs.group(1)).items())
        found.append(Snippet("yaml (Goose)", command.group(1), tuple(json.loads(args.group(1))), env))
    for text in blocks("bash"):
        for line in text.splitlines():
            if line.startswith("claude mcp add"):
                _, _, run = line.partition(" -- ")
                key = re.search(r"-e (V0_API_KEY)=(<your key>)", line)
                assert key, line
                program, *rest = shlex.split(run)
                found.append(Snippet("bash (Claude Code)", program, tuple(rest), ((key.group(1), key.group(2)),)))
    return found


SNIPPETS = snippets()


def runnable(snippet: Snippet) -> tuple[str, list[str]]:
    """The command that starts what ``snippet`` names, from this checkout; ``--demo`` added."""
    if snippet.command == "python3":
        script, task = snippet.args
        assert script == "/absolute/path/to/v0-mcp/dev.py" and task == "demo"
        return sys.executable, [str(ROOT / "dev.py"), "demo"]
    assert snippet.command == "uvx", snippet
    assert list(snippet.args[:3]) == FROM_GITHUB, "from GitHub until v0-mcp is on PyPI"
    rest = list(snippet.args[3:])
    uvx = shutil.which("uvx")
    if uvx is not None:  # the real thing, from this checkout instead of GitHub
        return uvx, ["--from", str(ROOT), "v0-mcp", *rest, "--demo"]
    # No uvx here: the same package, installed from this checkout into this environment.
    return str(Path(sys.executable).parent / "v0-mcp"), [*rest, "--demo"]


def test_every_host_has_a_snippet() -> None:
    for host in HOSTS:
        assert f"**{host}**" in README, host
    assert len(SNIPPETS) >= 9  # the demo, seven JSON/TOML/YAML host files and the Claude Code command


def test_every_snippet_passes_the_key_and_only_the_key() -> None:
    for snippet in SNIPPETS:
        if snippet.command == "python3":
            assert snippet.env == ()  # the demo needs no key
            continue
        assert [name for name, _ in snippet.env] == ["V0_API_KEY"], snippet
        assert all(PLACEHOLDERS.fullmatch(value) for _, value in snippet.env), snippet


def test_vs_code_asks_for_the_key_as_a_password() -> None:
    (vscode,) = [json.loads(text) for text in blocks("json") if '"servers"' in text]
    (prompt,) = vscode["inputs"]

    assert prompt["password"] is True
    assert vscode["servers"]["v0"]["env"]["V0_API_KEY"] == "${input:" + prompt["id"] + "}"


def test_the_pypi_form_is_documented_next_to_the_github_one() -> None:
    assert '`"args": ["v0-mcp"]`' in README
    assert f'`"args": {json.dumps(FROM_GITHUB)}`' in README
    assert "uv tool install " + GITHUB in README and "pipx install " + GITHUB in README


def test_readme_has_no_relative_links() -> None:
    """PyPI renders the README away from the repository: every link must be absolute."""
    targets = re.findall(r"\]\(([^)]+)\)", README) + re.findall(r"<(?:img|a) [^>]*(?:src|href)=\"([^\"]+)\"", README)

    assert targets, "the README links somewhere"
    assert [t for t in targets if not t.startswith(("https://", "http://", "mailto:"))] == []


@pytest.mark.e2e
@pytest.mark.parametrize("snippet", SNIPPETS, ids=lambda snippet: snippet.where)
async def test_the_snippet_starts_the_server_it_names(snippet: Snippet, tmp_path: Path) -> None:
    command, args = runnable(snippet)
    env = server_env(**{name: PLACEHOLDERS.sub("demo-key", value) for name, value in snippet.env})
    params = StdioServerParameters(command=command, args=args, env=env, cwd=tmp_path)
    with (tmp_path / "stderr.log").open("w+") as errlog, anyio.fail_after(120):
        async with Client(stdio_client(params, errlog=errlog), mode="legacy") as client:
            assert client.server_info is not None and client.server_info.name == "v0-mcp"
            assert (await client.list_tools()).tools
