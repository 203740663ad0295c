"""The simulator refuses what v0 refuses: nulls, non-URIs, off-pattern dates, loose booleans, placeholder keys."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from v0_mcp.simulator import Simulator, SimulatorConfig, serving
from v0_mcp.simulator._strict import allows_null, extract_rules, is_uri, rules

from .conftest import check_body, check_error, new_chat, spec, sse_events, url


def test_the_shipped_rules_are_the_specs() -> None:
    # After changing spec/openapi.json, regenerate v0_mcp/simulator/_request_rules.json with extract_rules.
    assert rules() == extract_rules(spec())


def _operations() -> dict[str, tuple[str, str, dict[str, Any]]]:
    """Every operation of the spec: operationId -> (method, path with its parameters filled, entry)."""
    found = {}
    for path, item in spec()["paths"].items():
        for method, entry in item.items():
            if isinstance(entry, dict) and "operationId" in entry:
                found[entry["operationId"]] = (method.upper(), re.sub(r"{\w+}", "x1", path), entry)
    return found


def _optional_non_nullable() -> list[tuple[str, str]]:
    """Every (operationId, top-level body field) that is optional and not nullable in the spec."""
    found = []
    for operation_id, (_, _, entry) in sorted(_operations().items()):
        if "requestBody" not in entry:
            continue
        schema = entry["requestBody"]["content"]["application/json"]["schema"]
        variants = schema.get("anyOf") or schema.get("oneOf") or [schema]
        required = set.intersection(*(set(v.get("required", [])) for v in variants))
        names = {name for v in variants for name in v.get("properties", {})}
        for name in sorted(names - required):
            schemas = [v["properties"][name] for v in variants if name in v.get("properties", {})]
            if not any(allows_null(s) for s in schemas):
                found.append((operation_id, name))
    return found


OPTIONAL = _optional_non_nullable()


def test_the_spec_has_the_optional_fields_the_issue_counts() -> None:
    assert len(OPTIONAL) >= 40
    assert ("chats.create", "projectId") in OPTIONAL and ("chats.create", "designSystemId") not in OPTIONAL


@pytest.mark.parametrize(("operation_id", "field"), OPTIONAL, ids=[f"{o}.{f}" for o, f in OPTIONAL])
async def test_null_in_an_optional_field_answers_422_naming_it(
    client: httpx.AsyncClient, operation_id: str, field: str
) -> None:
    method, path, _ = _operations()[operation_id]
    response = await client.request(method, path, json={field: None})
    message = check_error(operation_id, response, 422)
    assert f"{field}: null is not allowed" in message, message


async def test_null_is_refused_deep_inside_a_body(client: httpx.AsyncClient) -> None:
    chat = await new_chat(client)
    permission = {"type": "ALLOW_DYNAMIC_TOOL_STRICT", "toolName": None, "input": None, "taskNameActive": None}
    body = {"task": {"type": "confirmed-permissions", "permissions": [permission]}}
    response = await client.post(f"/chats/{chat['id']}/tasks/resolve", json=body)
    message = check_error("chats.resolveTask", response, 422)
    assert message == (
        "Invalid request body: task.permissions[0].toolName: null is not allowed here; leave the field out instead"
    )
    create: dict[str, Any] = {"message": "hi", "modelConfiguration": {"modelId": None}}
    assert "modelConfiguration.modelId" in check_error("chats.create", await client.post("/chats", json=create), 422)


async def test_nulls_the_spec_allows_are_accepted(client: httpx.AsyncClient) -> None:
    chat = check_body("chats.create", await client.post("/chats", json={"message": "hi", "designSystemId": None}))
    await client.patch(f"/chats/{chat['id']}", json={"metadata": {"team": "a", "stage": "b"}})
    cleared = await client.patch(f"/chats/{chat['id']}", json={"metadata": {"team": None}})
    assert check_body("chats.update", cleared)["metadata"] == {"stage": "b"}
    assert check_body("chats.update", await client.patch(f"/chats/{chat['id']}", json={"metadata": None}))


@pytest.mark.parametrize("bad", ["not a url", "example.com/hook", "https://", "http:///x", "https://exa mple.com", ""])
async def test_a_uri_field_that_is_not_a_uri_answers_422(client: httpx.AsyncClient, bad: str) -> None:
    response = await client.post("/hooks", json={"name": "h", "events": ["chat.created"], "url": bad})
    assert "url:" in check_error("hooks.create", response, 422)
    response = await client.post("/mcp-servers", json={"name": "m", "url": bad})
    assert "url:" in check_error("mcpServers.create", response, 422)


@pytest.mark.parametrize(
    "good", ["https://example.com/hook", "http://127.0.0.1:9/x?y=1", "data:image/png;base64,AAAA", "mailto:a@b.c"]
)
def test_absolute_uris_are_uris(good: str) -> None:
    assert is_uri(good)


async def test_uris_in_union_variants_are_checked(client: httpx.AsyncClient) -> None:
    response = await client.post("/chats/init", json={"type": "zip", "zip": {"url": "shop.zip"}})
    assert "zip.url: 'shop.zip' is not a valid URI" in check_error("chats.init", response, 422)
    body = {"type": "zip", "zip": {"url": "https://example.com/shop.zip"}}
    assert check_body("chats.init", await client.post("/chats/init", json=body))


@pytest.mark.parametrize(
    ("operation_id", "param", "bad"),
    [
        ("reports.getUsage", "startDate", "2026-01-28"),
        ("reports.getUsage", "endDate", "2026-02-30T00:00:00Z"),
        ("reports.getUsage", "startDate", "2026-01-28T15:00:00+01:00"),
        ("reports.getUserActivity", "startDate", "yesterday"),
        ("reports.getAIUsage", "end", "2026-01-28 15:00:00"),
    ],
)
async def test_report_dates_outside_the_spec_pattern_answer_422(
    client: httpx.AsyncClient, operation_id: str, param: str, bad: str
) -> None:
    method, path = url(operation_id)
    response = await client.request(method, path, params={param: bad})
    assert f"{param}: {bad!r} does not match" in check_error(operation_id, response, 422)


async def test_report_dates_inside_the_pattern_are_accepted(client: httpx.AsyncClient) -> None:
    response = await client.get("/reports/usage", params={"startDate": "2026-01-01T00:00:00.000Z"})
    check_body("reports.getUsage", response)
    response = await client.get("/reports/usage/ai", params={"start": "2026-01-01T00:00:00+02:00"})
    check_body("reports.getAIUsage", response)


@pytest.mark.parametrize("bad", ["1", "yes", "True", "on", ""])
async def test_query_booleans_are_only_true_or_false(client: httpx.AsyncClient, bad: str) -> None:
    message = check_error("chats.find", await client.get("/chats", params={"isFavorite": bad}), 422)
    assert message == f'Invalid request query: isFavorite: must be "true" or "false", not {bad!r}'
    chat = await new_chat(client)
    response = await client.get(
        f"/chats/{chat['id']}/versions/{chat['latestVersion']['id']}", params={"includeDefaultFiles": bad}
    )
    check_error("chats.getVersion", response, 422)
    for good in ("true", "false"):
        assert (await client.get("/chats", params={"isFavorite": good})).status_code == 200


@pytest.mark.parametrize("key", ["undefined", "null", "None", "NULL", "a key", "\u00a0", "k\x7f"])
async def test_placeholder_and_malformed_keys_answer_401(sim: Simulator, key: str) -> None:
    async with sim.client(None) as anonymous:
        response = await anonymous.get("/user", headers={b"Authorization": f"Bearer {key}".encode("latin-1")})
    message = check_error("user.get", response, 401)
    assert message.startswith(("Invalid API key", "Missing API key"))


@pytest.mark.parametrize("header", ["Bearer ", "Bearer    ", "Bearer\t", ""])
async def test_empty_and_whitespace_keys_answer_401(sim: Simulator, header: str) -> None:
    async with sim.client(None) as anonymous:
        response = await anonymous.get("/user", headers={"Authorization": header} if header else {})
    assert check_error("user.get", response, 401).startswith("Missing API key")


def _rules_of(operation_id: str) -> dict[str, Any]:
    return rules()[operation_id]


def test_rules_keep_only_what_is_checked() -> None:
    hooks = _rules_of("hooks.create")["body"]
    assert hooks["properties"]["url"] == {"type": "string", "format": "uri"}
    assert "description" not in hooks["properties"]["name"]


async def test_links_point_at_the_simulator_itself(client: httpx.AsyncClient) -> None:
    chat = await new_chat(client)
    for n in range(3):
        await client.post(f"/chats/{chat['id']}/messages", json={"message": f"Add section {n}"})
    listed = check_body("chats.findMessages", await client.get(f"/chats/{chat['id']}/messages", params={"limit": 2}))
    next_url = listed["pagination"]["nextUrl"]
    assert next_url.startswith(f"http://v0.sim/v1/chats/{chat['id']}/messages?cursor=")
    assert chat["apiUrl"] == f"http://v0.sim/v1/chats/{chat['id']}"
    assert all(m["apiUrl"].startswith("http://v0.sim/v1/") for m in chat["messages"])
    followed = check_body("chats.findMessages", await client.get(next_url))
    assert followed["data"][0]["id"] not in {m["id"] for m in listed["data"]}


async def test_links_follow_the_address_the_simulator_is_served_on() -> None:
    sim = Simulator(SimulatorConfig(generation_delay=0.05))  # the stream's links matter here, not its pace
    async with serving(sim) as base, httpx.AsyncClient(headers={"Authorization": "Bearer k"}) as client:
        created = await client.post(f"{base}/chats", json={"message": "hi", "responseMode": "experimental_stream"})
        first, *_, final, last = sse_events(created.text)
        assert last == "[DONE]"
        assert first["apiUrl"] == final["apiUrl"] == f"{base}/chats/{first['id']}"
        assert "api.v0.dev" not in created.text
        listed = (await client.get(f"{base}/chats/{first['id']}/versions")).json()
        assert listed["data"] and "api.v0.dev" not in str(listed)
