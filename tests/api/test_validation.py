"""Arguments are checked against the catalogue before anything is sent."""

from __future__ import annotations

import httpx
import pytest

from tests.api.conftest import Script, body
from v0_mcp.api import V0Error, V0RequestError


@pytest.fixture
def script() -> Script:
    return Script(httpx.Response(200, json=body("chats.create")))


async def refused(make_client, script: Script, operation_id: str, **arguments) -> V0RequestError:
    async with make_client(script) as v0:
        with pytest.raises(V0RequestError) as caught:
            await v0.call(operation_id, **arguments)
    assert script.requests == []
    return caught.value


async def test_unknown_argument_is_refused(make_client, script):
    error = await refused(make_client, script, "chats.create", message="m", colour="blue")
    assert error.fields == ("colour",)
    assert "colour" in str(error) and "accepted:" in str(error)


async def test_bad_enum_value_is_refused(make_client, script):
    error = await refused(make_client, script, "chats.create", message="m", chatPrivacy="secret")
    assert error.fields == ("chatPrivacy",)
    assert "'private'" in str(error)


async def test_missing_required_body_field_is_refused(make_client, script):
    error = await refused(make_client, script, "chats.create", system="be brief")
    assert error.fields == ("message",)
    assert "message: missing (required)" in str(error)


async def test_missing_path_parameter_is_refused(make_client, script):
    error = await refused(make_client, script, "chats.getById")
    assert error.fields == ("chatId",)


async def test_empty_path_parameter_is_refused(make_client, script):
    error = await refused(make_client, script, "chats.getById", chatId="")
    assert error.fields == ("chatId",)


async def test_query_over_limit_is_refused(make_client, script):
    error = await refused(make_client, script, "chats.find", limit=61)
    assert error.fields == ("limit",)
    assert "60" in str(error)


async def test_body_string_over_limit_is_refused(make_client, script):
    error = await refused(make_client, script, "projects.create", name="x" * 256)
    assert error.fields == ("name",)


async def test_nested_union_field_is_named_without_its_tag(make_client, script):
    error = await refused(make_client, script, "chats.resolveTask", chatId="c", task={"type": "answered-questions"})
    assert error.fields == ("task.answers",)


async def test_init_without_type_blames_type(make_client, script):
    error = await refused(make_client, script, "chats.init", name="x")
    assert error.fields == ("type",)


async def test_every_problem_is_reported_at_once(make_client, script):
    error = await refused(make_client, script, "chats.sendMessage", responseMode="fast", extra=1)
    assert error.fields == ("chatId", "extra", "message", "responseMode")


async def test_refused_values_are_not_echoed(make_client, script):
    secret = "bearer-token-that-must-not-leak" * 40
    error = await refused(
        make_client, script, "mcpServers.create", name="n", url="u", auth={"type": "bearer", "token": secret}
    )
    assert error.fields == ("auth.token",)
    assert secret not in str(error) and secret not in repr(error)


async def test_request_error_is_a_v0_error(make_client, script):
    error = await refused(make_client, script, "user.get", scope="x")
    assert isinstance(error, V0Error)
    assert error.operation == "user.get"


async def test_relative_path_segment_is_refused(make_client, script):
    error = await refused(make_client, script, "chats.updateVersion", chatId="c", versionId="..", files=[])
    assert error.fields == ("versionId",)
