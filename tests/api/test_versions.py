"""Choosing the API version: the setting, the flag, and the client each builds."""

from __future__ import annotations

import pytest

from v0_mcp.api import V1, V2, VERCEL, api_version, build_client
from v0_mcp.cli import parse_settings
from v0_mcp.settings import Settings


def test_v2_is_the_default():
    assert Settings.from_env({}).api_version == "v2"
    assert parse_settings([], env={}).api_version == "v2"


def test_the_environment_and_the_flag_choose_the_version():
    assert Settings.from_env({"V0_API_VERSION": "V1 "}).api_version == "v1"
    assert parse_settings(["--api-version", "v1"], env={}).api_version == "v1"
    assert parse_settings(["--api-version", "v2"], env={"V0_API_VERSION": "v1"}).api_version == "v2"


def test_an_unknown_version_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="V0_API_VERSION must be one of v2, v1"):
        Settings.from_env({"V0_API_VERSION": "v3"})
    with pytest.raises(ValueError, match="--api-version must be one of v2, v1"):
        parse_settings(["--api-version", "v3"], env={})


def test_vercel_settings_are_read_and_the_token_is_never_shown():
    settings = Settings.from_env(
        {"VERCEL_TOKEN": " tok-secret ", "VERCEL_TEAM_ID": "team_1", "VERCEL_API_URL": "http://127.0.0.1:9/vercel"}
    )
    assert (settings.vercel_token, settings.vercel_team_id) == ("tok-secret", "team_1")
    assert settings.vercel_api_url == "http://127.0.0.1:9/vercel"
    assert "tok-secret" not in repr(settings)
    assert Settings.from_env({}).vercel_token is None


def test_each_version_has_its_default_base_url():
    assert (V1.default_base_url, V2.default_base_url) == ("https://api.v0.dev/v1", "https://api.v0.dev/v2")
    assert VERCEL.default_base_url == "https://api.vercel.com"
    assert api_version("v2") is V2


def test_the_settings_build_the_client_of_their_version():
    settings = parse_settings(["--api-version", "v1"], env={"V0_API_KEY": "k"})
    client = build_client(settings.api_version, settings.api_key, settings.api_url)
    assert client.api is V1 and client.base_url == "https://api.v0.dev/v1" and client.has_api_key
