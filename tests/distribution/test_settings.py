"""Help, environment and docs agree: every setting is declared once and shows up everywhere it should."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest

from tests._processes import server_env
from tests.conftest import ROOT
from v0_mcp.cli import parse_settings
from v0_mcp.settings import VARIABLES, Settings, SettingsError, Variable

BOOLEANS = [var for var in VARIABLES if var.kind == "bool"]


def help_text(capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as stopped:
        parse_settings(["--help"], env={})
    assert stopped.value.code == 0
    return capsys.readouterr().out


def test_every_setting_has_exactly_one_variable() -> None:
    fields = [field.name for field in dataclasses.fields(Settings)]

    assert sorted(var.field for var in VARIABLES) == sorted(fields)
    assert len({var.env for var in VARIABLES}) == len(VARIABLES)
    flags = [var.flag for var in VARIABLES if var.flag]
    assert len(set(flags)) == len(flags)


def test_help_lists_every_environment_variable_and_flag(capsys: pytest.CaptureFixture[str]) -> None:
    text = help_text(capsys)

    missing = [var.env for var in VARIABLES if var.env not in text]
    assert missing == [], f"--help does not mention {missing}"
    assert "V0_MCP_AUTH_TOKEN" in text and "V0_MCP_DEMO_DELAY" in text
    for var in BOOLEANS:
        assert f"--no-{var.flag.removeprefix('--')}" in text  # type: ignore[union-attr]


def test_readme_documents_every_environment_variable() -> None:
    readme = (ROOT / "README.md").read_text()

    missing = [var.env for var in VARIABLES if f"`{var.env}`" not in readme]
    assert missing == [], f"README.md does not document {missing}"


def test_an_empty_environment_gives_the_defaults() -> None:
    assert Settings.from_env({}) == Settings()
    assert Settings.from_env({var.env: "  " for var in VARIABLES if not var.refuse_blank}) == Settings()


def test_environment_values_are_read_and_typed() -> None:
    settings = Settings.from_env(
        {
            "V0_API_KEY": "k",
            "V0_API_VERSION": "V1",
            "V0_MCP_PORT": "9001",
            "V0_MCP_DEMO_DELAY": "0.5",
            "V0_MCP_READ_ONLY": "yes",
            "V0_MCP_TOOLSETS": "chats, versions",
            "V0_MCP_ALLOWED_HOSTS": "b.example,a.example",
            "V0_MCP_LOG_LEVEL": "debug",
            "V0_MCP_TRANSPORT": "HTTP",
        }
    )

    assert settings.api_key == "k"
    assert settings.api_version == "v1"
    assert settings.port == 9001
    assert settings.generation_delay == 0.5
    assert settings.read_only is True
    assert settings.toolsets == {"chats", "versions"}
    assert settings.allowed_hosts == ("a.example", "b.example")
    assert settings.log_level == "DEBUG"
    assert settings.transport == "http"


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("V0_MCP_LOG_LEVEL", "verbose", "one of DEBUG, INFO, WARNING, ERROR, CRITICAL"),
        ("V0_MCP_PORT", "eighty", "an integer from 0 to 65535"),
        ("V0_MCP_PORT", "70000", "an integer from 0 to 65535"),
        ("V0_MCP_DEMO_DELAY", "-1", "a number of at least 0"),
        ("V0_MCP_DEMO_DELAY", "nan", "a number of at least 0"),
        ("V0_MCP_READ_ONLY", "maybe", "true or false (also 1/0, yes/no, on/off)"),
        ("V0_MCP_TRANSPORT", "websocket", "one of stdio, http, sse"),
        ("V0_API_VERSION", "v3", "one of v2, v1"),
    ],
)
def test_a_bad_environment_value_names_the_variable(name: str, value: str, expected: str) -> None:
    with pytest.raises(SettingsError) as error:
        Settings.from_env({name: value})

    assert str(error.value) == f"{name} must be {expected}, not {value!r}"


def test_a_bad_flag_value_names_the_flag() -> None:
    with pytest.raises(SettingsError, match=r"^--port must be an integer"):
        parse_settings(["--port", "http"], env={})


@pytest.mark.parametrize("var", BOOLEANS, ids=lambda var: var.env)
def test_every_boolean_variable_can_be_switched_off_by_a_flag(var: Variable) -> None:
    assert var.flag
    env = {var.env: "true"}
    switched_off = "--no-" + var.flag.removeprefix("--")

    assert getattr(parse_settings([], env=env), var.field) is True
    assert getattr(parse_settings([switched_off], env=env), var.field) is False
    assert getattr(parse_settings([var.flag], env={}), var.field) is True


def test_a_flag_wins_over_its_variable() -> None:
    env = {"V0_MCP_PORT": "9000", "V0_MCP_TOOLSETS": "chats", "V0_MCP_LOG_LEVEL": "ERROR"}

    settings = parse_settings(["--port", "9001", "--toolsets", "all", "--log-level", "debug"], env=env)

    assert (settings.port, settings.toolsets, settings.log_level) == (9001, frozenset({"all"}), "DEBUG")


def test_secrets_stay_out_of_the_repr() -> None:
    settings = Settings.from_env({"V0_API_KEY": "v0-secret", "VERCEL_TOKEN": "vc-secret", "V0_MCP_AUTH_TOKEN": "tok"})

    assert not {"v0-secret", "vc-secret", "tok"} & set(repr(settings).replace("'", " ").split())
    assert all(var.secret for var in VARIABLES if var.field in ("api_key", "vercel_token", "auth_token"))


@pytest.mark.e2e
@pytest.mark.parametrize(("name", "value"), [("V0_MCP_LOG_LEVEL", "verbose"), ("V0_MCP_PORT", "eighty")])
def test_the_server_refuses_a_bad_value_in_one_line_with_status_2(name: str, value: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "v0_mcp"],
        env=server_env(**{name: value}),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith(f"v0-mcp: {name} must be ")
    assert done.stderr.count("\n") == 1, done.stderr
