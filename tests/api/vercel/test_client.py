"""The Vercel REST subset client, against httpx.MockTransport and spec/v2/vercel-openapi.json."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from typing import Any

import anyio
import httpx
import pytest

from tests.api.conftest import Script, Sleeps
from tests.conftest import SPEC_DIR
from v0_mcp.api import (
    Forbidden,
    MissingAPIKey,
    MissingVercelToken,
    NotFound,
    RateLimited,
    RetryPolicy,
    V0RequestError,
    VercelClient,
)
from v0_mcp.api.vercel import CATALOGUE, FINAL_STATES

SPEC = json.loads((SPEC_DIR / "v2" / "vercel-openapi.json").read_text())
EXAMPLES = SPEC_DIR / "v2" / "examples" / "vercel"
TOKEN = "vercel-test-token-9c1d2e3f"
TEAM = "team_8Zt4qW1mRk7Yp3Lx9Vb2Nc6D"
DEPLOYMENT = "dpl_4GkQw8nZr2TfY6pLm1VxC9bHs3Jd"
PROJECT = "prj_7Hq2LrXk9PzYw3NcVb5TaQe1Ms4D"


def example(name: str) -> Any:
    return json.loads((EXAMPLES / name).read_text())["body"]


def vercel_error(status: int) -> httpx.Response:
    return httpx.Response(status, json=json.loads((EXAMPLES / "errors.json").read_text())["errors"][str(status)])


@pytest.fixture
def make_vercel(sleeps: Sleeps):
    def make(script: Script, *, token: str | None = TOKEN, team_id: str | None = TEAM) -> VercelClient:
        return VercelClient(
            token, team_id=team_id, transport=httpx.MockTransport(script), retry=RetryPolicy(sleep=sleeps)
        )

    return make


class Lines(httpx.AsyncByteStream):
    """A line stream that sends ``lines`` and then stays open (as a followed log does) unless told to end."""

    def __init__(self, lines: list[bytes], *, end: bool = False) -> None:
        self.lines, self.end = lines, end

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for line in self.lines:
            yield line
        if not self.end:
            await anyio.sleep_forever()


def stream_json(lines: list[bytes], *, end: bool = False) -> httpx.Response:
    return httpx.Response(200, headers={"content-type": "application/stream+json"}, stream=Lines(lines, end=end))


# -- the catalogue ----------------------------------------------------------------------------------------------------


def spec_operations() -> dict[str, tuple[str, str, dict[str, Any]]]:
    return {
        op["operationId"]: (method.upper(), path, op)
        for path, methods in SPEC["paths"].items()
        for method, op in methods.items()
        if method != "parameters"
    }


def test_the_catalogue_has_the_specs_operations():
    spec = spec_operations()
    assert {(op.method, op.path, op.id) for op in CATALOGUE} == {(m, p, i) for i, (m, p, _) in spec.items()}
    assert len({(op.method, op.path) for op in CATALOGUE if op.id != "getDeploymentsV6"}) == 13


@pytest.mark.parametrize("op", list(CATALOGUE), ids=[op.id for op in CATALOGUE])
def test_each_operation_matches_the_spec(op):
    spec = spec_operations()[op.id][2]
    status = next(code for code in spec["responses"] if code.startswith("2"))
    assert op.status == int(status)
    assert set(op.path_params) == {p["name"] for p in spec.get("parameters", []) if p.get("in") == "path"}
    named = [p for p in spec.get("parameters", []) if "name" in p and p["in"] == "query"]
    referenced = [
        SPEC["components"]["parameters"][p["$ref"].rsplit("/", 1)[1]] for p in spec.get("parameters", []) if "$ref" in p
    ]
    query = {p["name"] for p in named + referenced} - {"teamId", "slug"}  # the client sends teamId itself
    fields = {info.alias or name for name, info in op.query.model_fields.items()} if op.query else set()
    assert fields == query
    assert (op.body is None) == ("requestBody" not in spec)


@pytest.mark.parametrize(
    ("op_id", "name"),
    [
        ("getDeployment", "getDeployment.200.READY.json"),
        ("getDeployment", "getDeployment.200.ERROR.json"),
        ("getDeployments", "getDeployments.200.json"),
        ("deleteDeployment", "deleteDeployment.200.json"),
        ("cancelDeployment", "cancelDeployment.200.json"),
        ("getDeploymentEvents", "getDeploymentEvents.200.failed-build.json"),
        ("getProject", "getProject.200.json"),
        ("getProjects", "getProjects.200.json"),
        ("filterProjectEnvs", "filterProjectEnvs.200.json"),
        ("createProjectEnv", "createProjectEnv.201.json"),
        ("getProjectEnv", "getProjectEnv.200.json"),
        ("editProjectEnv", "editProjectEnv.200.json"),
        ("batchRemoveProjectEnv", "batchRemoveProjectEnv.200.json"),
    ],
)
def test_response_models_keep_every_field_of_the_examples(op_id, name):
    adapter = CATALOGUE[op_id].response_adapter()
    body = example(name)
    assert adapter.dump_python(adapter.validate_python(body), mode="json", exclude_unset=True, by_alias=True) == body


# -- calls ------------------------------------------------------------------------------------------------------------


async def test_every_call_carries_the_token_and_the_team(make_vercel):
    script = Script(httpx.Response(200, json=example("getDeployment.200.READY.json")))
    async with make_vercel(script) as vercel:
        deployment = await vercel.get_deployment(DEPLOYMENT)
    assert deployment.readyState == "READY" and deployment.readyState in FINAL_STATES
    request = script.last
    assert str(request.url) == f"https://api.vercel.com/v13/deployments/{DEPLOYMENT}?teamId={TEAM}"
    assert request.headers["authorization"] == f"Bearer {TOKEN}"


async def test_settings_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("VERCEL_TOKEN", TOKEN)
    monkeypatch.setenv("VERCEL_TEAM_ID", TEAM)
    monkeypatch.setenv("VERCEL_API_URL", "http://127.0.0.1:9/vercel/")
    vercel = VercelClient()
    assert vercel.has_token and vercel.team_id == TEAM and vercel.base_url == "http://127.0.0.1:9/vercel"
    assert TOKEN not in repr(vercel)
    await vercel.aclose()


async def test_without_a_token_nothing_is_sent_and_the_error_says_what_to_set(make_vercel):
    script = Script(httpx.Response(200, json={}))
    async with make_vercel(script, token=None) as vercel:
        with pytest.raises(MissingVercelToken) as info:
            await vercel.list_deployments(projectId=PROJECT)
    assert "VERCEL_TOKEN" in info.value.message and "VERCEL_TEAM_ID" in info.value.message
    assert isinstance(info.value, MissingAPIKey) and script.requests == []


@pytest.mark.parametrize(("status", "cls", "code"), [(403, Forbidden, "forbidden"), (404, NotFound, "not_found")])
async def test_the_vercel_envelope_maps_into_the_error_tree(make_vercel, status, cls, code):
    async with make_vercel(Script(vercel_error(status))) as vercel:
        with pytest.raises(cls) as info:
            await vercel.get_project(PROJECT)
    assert (info.value.status, info.value.type) == (status, code)
    assert (
        info.value.message
        == json.loads((EXAMPLES / "errors.json").read_text())["errors"][str(status)]["error"]["message"]
    )


async def test_a_rate_limited_read_is_retried(make_vercel, sleeps):
    limited = httpx.Response(
        429, json={"error": {"code": "rate_limited", "message": "slow"}}, headers={"retry-after": "3"}
    )
    script = Script(limited, httpx.Response(200, json=example("getProject.200.json")))
    async with make_vercel(script) as vercel:
        project = await vercel.get_project(PROJECT)
    assert project.id and sleeps == [3.0]


async def test_a_rate_limited_create_is_not_retried(make_vercel):
    script = Script(httpx.Response(429, json={"error": {"code": "rate_limited", "message": "slow"}}))
    async with make_vercel(script) as vercel:
        with pytest.raises(RateLimited):
            await vercel.create_env_vars(PROJECT, [{"key": "A", "value": "1", "type": "plain", "target": ["preview"]}])
    assert len(script.requests) == 1


async def test_the_token_never_appears_in_an_error(make_vercel, caplog):
    caplog.set_level(logging.DEBUG)
    echo = httpx.Response(403, json={"error": {"code": "forbidden", "message": f"token {TOKEN} is not valid"}})
    async with make_vercel(Script(echo)) as vercel:
        with pytest.raises(Forbidden) as info:
            await vercel.get_deployment(DEPLOYMENT)
    assert TOKEN not in str(info.value) and TOKEN not in repr(info.value) and TOKEN not in caplog.text


async def test_env_vars_are_created_as_one_array_with_partial_failures_read(make_vercel):
    script = Script(httpx.Response(201, json=example("createProjectEnv.201.json")))
    variables = [
        {"key": "NEWSLETTER_LIST_ID", "value": "aud_123", "type": "encrypted", "target": ["production", "preview"]},
        {"key": "RESEND_API_KEY", "value": "re_x", "type": "encrypted", "target": ["production"]},
    ]
    async with make_vercel(script) as vercel:
        result = await vercel.create_env_vars(PROJECT, variables, upsert=True)
    assert json.loads(script.last.content) == variables
    assert script.last.url.params["upsert"] == "true" and script.last.url.params["teamId"] == TEAM
    assert result.failed and result.created


async def test_an_env_var_without_a_target_is_refused_before_sending(make_vercel):
    script = Script(httpx.Response(201, json={}))
    async with make_vercel(script) as vercel:
        with pytest.raises(V0RequestError) as info:
            await vercel.create_env_vars(PROJECT, [{"key": "A", "value": "1", "type": "plain"}])
    assert "target" in info.value.message and info.value.fields == ("body.0",)
    assert script.requests == []


async def test_env_vars_are_deleted_with_a_json_body_on_delete(make_vercel):
    script = Script(httpx.Response(200, json=example("batchRemoveProjectEnv.200.json")))
    async with make_vercel(script) as vercel:
        result = await vercel.delete_env_vars(PROJECT, ["env_1", "env_2"])
    assert script.last.method == "DELETE" and json.loads(script.last.content) == {"ids": ["env_1", "env_2"]}
    assert result.ids


async def test_build_events_leave_out_nulls(make_vercel):
    events = example("getDeploymentEvents.200.failed-build.json")
    script = Script(httpx.Response(200, json=[None, *events]))
    async with make_vercel(script) as vercel:
        got = await vercel.build_events(DEPLOYMENT, direction="backward", limit=100)
    assert got == events
    assert dict(script.last.url.params) == {"teamId": TEAM, "direction": "backward", "limit": "100"}


async def test_runtime_logs_are_read_until_the_stream_ends(make_vercel):
    lines = (EXAMPLES / "getRuntimeLogs.200.ndjson").read_bytes().splitlines(keepends=True)
    script = Script(stream_json([*lines, b"not json\n", b"\n"], end=True))
    async with make_vercel(script) as vercel:
        read = await vercel.runtime_logs(PROJECT, DEPLOYMENT, deadline=30)
    assert read.ended and not read.timed_out and not read.truncated
    assert [line.rowId for line in read.items] == [json.loads(line)["rowId"] for line in lines if line.strip()]
    assert script.last.headers["accept"] == "application/stream+json"


async def test_a_stream_that_stays_open_is_read_until_the_deadline(make_vercel):
    lines = (EXAMPLES / "getRuntimeLogs.200.ndjson").read_bytes().splitlines(keepends=True)
    async with make_vercel(Script(stream_json(lines))) as vercel:
        read = await vercel.runtime_logs(PROJECT, DEPLOYMENT, deadline=0.2)
    assert read.timed_out and not read.ended and len(read.items) == len([line for line in lines if line.strip()])


async def test_a_stream_is_cut_at_its_line_cap(make_vercel):
    lines = [json.dumps({"type": "stdout", "text": str(i)}).encode() + b"\n" for i in range(10)]
    async with make_vercel(Script(stream_json(lines))) as vercel:
        read = await vercel.follow_build_events(DEPLOYMENT, deadline=30, max_events=3)
    assert read.truncated and [item["text"] for item in read.items] == ["0", "1", "2"]
