"""server.json is what the MCP registry publishes: it must validate and match the package."""

from __future__ import annotations

import json
import tomllib
from typing import Any

import jsonschema

import v0_mcp
from tests.conftest import ROOT, SPEC_DIR
from v0_mcp.settings import VARIABLES


def _server_json() -> dict[str, Any]:
    document: dict[str, Any] = json.loads((ROOT / "server.json").read_text())
    return document


def test_server_json_is_valid_against_the_registry_schema() -> None:
    schema = json.loads((SPEC_DIR / "server.schema.json").read_text())
    validator = jsonschema.validators.validator_for(schema)
    validator.check_schema(schema)
    errors = list(validator(schema, format_checker=validator.FORMAT_CHECKER).iter_errors(_server_json()))
    assert errors == [], [e.message for e in errors]


def test_server_json_version_is_the_package_version() -> None:
    doc = _server_json()
    assert doc["version"] == v0_mcp.__version__
    assert {package["version"] for package in doc["packages"]} == {v0_mcp.__version__}


def test_server_json_runs_the_pypi_package_with_uvx() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    (package,) = _server_json()["packages"]
    assert package["registryType"] == "pypi"
    assert package["identifier"] == project["name"]
    assert package["runtimeHint"] == "uvx"
    assert "v0-mcp" in project["scripts"]


def test_api_key_is_declared_secret() -> None:
    (package,) = _server_json()["packages"]
    variables = {v["name"]: v for v in package["environmentVariables"]}
    assert variables["V0_API_KEY"]["isSecret"] is True


def test_readme_carries_the_registry_name() -> None:
    assert f"mcp-name: {_server_json()['name']}" in (ROOT / "README.md").read_text()


def test_registry_description_fits_the_limit() -> None:
    assert len(_server_json()["description"]) <= 100


def test_every_environment_variable_is_described_and_secrets_are_marked() -> None:
    (package,) = _server_json()["packages"]
    described = {v["name"]: v for v in package["environmentVariables"]}

    assert list(described) == [var.env for var in VARIABLES]
    for var in VARIABLES:
        entry = described[var.env]
        assert entry["isSecret"] is var.secret, var.env
        assert entry["description"], var.env
        assert entry.get("choices", []) == list(var.choices), var.env
        expected_format = {"bool": "boolean", "int": "number", "float": "number"}.get(var.kind, "string")
        assert entry["format"] == expected_format, var.env
        default = var.default_text()
        if var.kind == "bool":
            default = {"on": "true", "off": "false"}[default]
        assert entry.get("default", "") == default, var.env
    assert {name for name, v in described.items() if v["isRequired"]} == {"V0_API_KEY"}
