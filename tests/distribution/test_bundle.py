"""The one-click MCP Bundle for Claude Desktop: a valid manifest that asks for the right settings, and a
``.mcpb`` whose entry point serves the bundled sources."""

from __future__ import annotations

import json
import re
import sys
import zipfile
from pathlib import Path
from typing import Any

import anyio
import jsonschema
import pytest
from mcp import Client, StdioServerParameters
from mcp.client.stdio import stdio_client

import v0_mcp
from scripts.build_bundle import build
from tests._processes import server_env
from tests.conftest import ROOT, SPEC_DIR
from v0_mcp.settings import VARIABLES

MANIFEST: dict[str, Any] = json.loads((ROOT / "manifest.json").read_text())
PLACEHOLDER = re.compile(r"^\$\{user_config\.(\w+)\}$")
BY_ENV = {var.env: var for var in VARIABLES}


def test_manifest_is_valid_against_the_mcpb_schema() -> None:
    schema = json.loads((SPEC_DIR / "mcpb-manifest-v0.4.schema.json").read_text())
    validator = jsonschema.validators.validator_for(schema)
    validator.check_schema(schema)

    errors = list(validator(schema, format_checker=validator.FORMAT_CHECKER).iter_errors(MANIFEST))

    assert errors == [], [e.message for e in errors]


def test_manifest_version_is_the_package_version() -> None:
    assert MANIFEST["version"] == v0_mcp.__version__


def test_manifest_passes_each_answer_on_as_the_variable_it_fills() -> None:
    env: dict[str, str] = MANIFEST["server"]["mcp_config"]["env"]
    asked: dict[str, Any] = MANIFEST["user_config"]
    used = set()
    for name, value in env.items():
        assert name in BY_ENV, f"{name} is not a v0-mcp setting"
        match = PLACEHOLDER.match(value)
        assert match and match.group(1) in asked, value
        field = asked[match.group(1)]
        assert field.get("sensitive", False) is BY_ENV[name].secret, name
        used.add(match.group(1))

    assert used == set(asked), "every question fills a variable"
    assert {"V0_API_KEY", "VERCEL_TOKEN", "VERCEL_TEAM_ID", "V0_API_VERSION"} <= set(env)
    assert [key for key, field in asked.items() if field.get("required")] == ["v0_api_key"]


def test_manifest_offers_the_api_versions_the_server_accepts() -> None:
    (version_question,) = [v for v in MANIFEST["user_config"].values() if v["title"] == "v0 API version"]

    assert version_question["default"] == BY_ENV["V0_API_VERSION"].default
    for choice in BY_ENV["V0_API_VERSION"].choices:
        assert choice in version_question["description"]


def test_bundle_builds_reproducibly_with_manifest_and_entry_point(tmp_path: Path) -> None:
    first = build(tmp_path / "one")
    second = build(tmp_path / "two")

    assert first.name == f"v0-mcp-{v0_mcp.__version__}.mcpb"
    assert first.read_bytes() == second.read_bytes()
    names = zipfile.ZipFile(first).namelist()
    assert {"manifest.json", "pyproject.toml", "LICENSE", MANIFEST["server"]["entry_point"]} <= set(names)
    assert "v0_mcp/cli.py" in names and "prompts/build_app.md" in names
    assert not [name for name in names if name.startswith(("tests/", ".venv/")) or "__pycache__" in name]


@pytest.mark.e2e
async def test_the_built_bundle_serves_its_own_sources(tmp_path: Path) -> None:
    unpacked = tmp_path / "bundle"
    with zipfile.ZipFile(build(tmp_path)) as archive:
        archive.extractall(unpacked)
    # Mark the bundled copy, so the answer proves which sources ran (not the installed package).
    init = unpacked / "v0_mcp" / "__init__.py"
    init.write_text(init.read_text().replace(f'"{v0_mcp.__version__}"', '"0.0.0+bundled"'))
    # Claude Desktop runs the entry point with uv in the bundle folder; this environment already has the
    # dependencies, so its Python runs the same entry point. Optional answers left empty arrive verbatim.
    env = server_env(V0_API_KEY="demo-key", VERCEL_TOKEN="${user_config.vercel_token}")
    entry = unpacked / MANIFEST["server"]["entry_point"]
    params = StdioServerParameters(command=sys.executable, args=[str(entry), "--demo"], env=env, cwd=unpacked)

    with (tmp_path / "stderr.log").open("w+") as errlog, anyio.fail_after(60):
        async with Client(stdio_client(params, errlog=errlog), mode="legacy") as client:
            assert client.server_info is not None
            assert (client.server_info.name, client.server_info.version) == ("v0-mcp", "0.0.0+bundled")
            listed = await client.call_tool("list_chats", {})
            assert not listed.is_error
