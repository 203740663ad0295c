"""Secrets: the v0 API key and env-var values never leak.

A sentinel API key (the server's, and a caller's own over HTTP) and a sentinel env-var
value are set for every test here. Neither appears in a tool result, a resource, a
prompt, an error, a log line or an HTTP response, with one deliberate exception: an
env-var value is shown to whoever asks for it with ``decrypted: true``, as v0 does. So
the value may appear in the result of exactly those calls, and nowhere else: not in
default (encrypted) results, not when it is written, not in errors, not in logs.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any, Final

import anyio
import anyio.abc
import httpx
import pytest
from mcp import Client, MCPError
from mcp.types import Tool

from tests._processes import free_port
from tests.reliability.conftest import ID_ARGUMENTS, Sleeps, connect, fast_simulator, in_process_client, serve, text_of
from v0_mcp.api import RetryPolicy, V0Client
from v0_mcp.server import V0MCPServer
from v0_mcp.simulator import Simulator, serving

SENTINEL_KEY: Final = "sk-SENTINEL-5e0c1f7d9a3b4e21"
CALLER_KEY: Final = "sk-SENTINEL-CALLER-8b2f60a4"
SENTINEL_VALUE: Final = "SENTINEL-ENV-VALUE-93c4a1d7e5"
SENTINELS: Final = (SENTINEL_KEY, CALLER_KEY, SENTINEL_VALUE)
MCP_HEADERS: Final = {"Accept": "application/json, text/event-stream", "Content-Type": "application/json"}


def leaks(text: str) -> list[str]:
    """Return the sentinels that appear in ``text``."""
    return [sentinel for sentinel in SENTINELS if sentinel in text]


def example(schema: dict[str, Any]) -> Any:
    """Return a small value ``schema`` accepts (its required parts only)."""
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return schema["enum"][0]
    for union in ("oneOf", "anyOf"):
        if union in schema:
            return example(schema[union][0])
    kind = schema.get("type", "object")
    if kind == "object":
        properties = schema.get("properties", {})
        return {name: example(properties[name]) for name in schema.get("required", ())}
    if kind == "string":
        return "2026-01-01T00:00:00Z" if schema.get("format") == "date-time" else "example"
    return {"integer": max(1, schema.get("minimum", 1)), "number": 1, "boolean": False, "array": []}.get(kind)


def arguments_for(tool: Tool, ids: dict[str, str]) -> dict[str, Any]:
    """Return arguments that get ``tool`` past validation, with ids of the workspace."""
    schema = tool.input_schema
    arguments: dict[str, Any] = example(schema)
    for name in schema.get("properties", {}):
        if name in ids:
            arguments[name] = ids[name]
    if "waitSeconds" in schema.get("properties", {}):
        arguments["waitSeconds"] = 0
    return arguments


@pytest.fixture
def sim() -> Simulator:
    """A simulator that accepts only the sentinel key."""
    return fast_simulator(api_key=SENTINEL_KEY)


@pytest.fixture
async def v0(sim: Simulator) -> AsyncIterator[V0Client]:
    async with in_process_client(sim, api_key=SENTINEL_KEY) as client:
        yield client


@pytest.fixture
async def ids(sim: Simulator, v0: V0Client) -> dict[str, str]:
    """Put the sentinel value in a project's env vars; return one id of each kind (that project's)."""
    ws = sim.workspace(SENTINEL_KEY)
    project_id = sorted(ws.projects)[0]
    secret = [{"key": "SECRET", "value": SENTINEL_VALUE}]
    created = await v0.call("projects.createEnvVars", projectId=project_id, environmentVariables=secret)
    found = {name: sorted(getattr(ws, table))[0] for name, table in ID_ARGUMENTS.items() if getattr(ws, table)}
    return {**found, "projectId": project_id, "environmentVariableId": created.data[0].id}


@pytest.fixture
def server(v0: V0Client) -> V0MCPServer:
    return serve(v0)


async def call_every_tool(client: Client, ids: dict[str, str]) -> list[tuple[str, dict[str, Any], str]]:
    """Call every tool once with working arguments and once with none; return (tool, arguments, wire text)."""
    seen = []
    for tool in (await client.list_tools()).tools:
        for arguments in (arguments_for(tool, ids), {}):
            result = await client.call_tool(tool.name, arguments)
            seen.append((tool.name, arguments, result.model_dump_json(by_alias=True)))
    return seen


# -- in process ------------------------------------------------------------------------------------------------------


async def test_no_tool_result_or_tool_error_shows_the_key_or_an_undecrypted_value(
    server: V0MCPServer, ids: dict[str, str], era: str
) -> None:
    async with connect(server, era) as client:
        seen = await call_every_tool(client, ids)

    leaked = [(tool, args, leaks(wire)) for tool, args, wire in seen if leaks(wire) and not args.get("decrypted")]
    assert len(seen) == 120
    assert leaked == []


async def test_errors_never_show_the_key_when_v0_refuses_it(era: str) -> None:
    sim = fast_simulator(api_key="another-key")
    async with in_process_client(sim, api_key=SENTINEL_KEY) as v0, connect(serve(v0), era) as client:
        seen = await call_every_tool(client, {})

    assert any("401" in wire for _, _, wire in seen)
    assert [(tool, leaks(wire)) for tool, _, wire in seen if leaks(wire)] == []


async def test_errors_never_show_the_key_when_v0_cannot_be_reached(era: str) -> None:
    unreachable = f"http://127.0.0.1:{free_port()}/v1"
    no_waits = RetryPolicy(sleep=Sleeps())
    async with V0Client(SENTINEL_KEY, base_url=unreachable, retry=no_waits) as v0, connect(serve(v0), era) as client:
        result = await client.call_tool("list_chats", {})

    assert result.is_error
    assert "Could not reach v0" in text_of(result)
    assert leaks(result.model_dump_json()) == []


async def test_writing_an_env_var_does_not_echo_its_value(server: V0MCPServer, ids: dict[str, str], era: str) -> None:
    project_id = ids["projectId"]
    variables = [{"key": "ANOTHER_SECRET", "value": SENTINEL_VALUE}]

    async with connect(server, era) as client:
        created = await client.call_tool(
            "create_env_vars", {"projectId": project_id, "environmentVariables": variables}
        )

    assert not created.is_error, text_of(created)
    assert leaks(created.model_dump_json()) == []


async def test_env_var_value_is_shown_only_to_a_call_that_asks_for_it_decrypted(
    server: V0MCPServer, ids: dict[str, str], era: str
) -> None:
    one = {"projectId": ids["projectId"], "environmentVariableId": ids["environmentVariableId"]}

    async with connect(server, era) as client:
        listed = await client.call_tool("list_env_vars", {"projectId": ids["projectId"]})
        got = await client.call_tool("get_env_var", one)
        decrypted = await client.call_tool("get_env_var", {**one, "decrypted": True})

    assert not listed.is_error and not got.is_error and not decrypted.is_error
    assert leaks(listed.model_dump_json()) == []
    assert leaks(got.model_dump_json()) == []
    assert SENTINEL_VALUE in decrypted.model_dump_json()


async def test_no_resource_or_prompt_shows_the_key_or_an_env_var_value(
    server: V0MCPServer, ids: dict[str, str], era: str
) -> None:
    texts: list[str] = []
    async with connect(server, era) as client:
        for template in (await client.list_resource_templates()).resource_templates:
            texts.append(await _read(client, fill(template.uri_template, ids)))
        for resource in (await client.list_resources()).resources:
            texts.append(await _read(client, str(resource.uri)))
        for prompt in (await client.list_prompts()).prompts:
            arguments = {arg.name: ids.get(_camel(arg.name), "example") for arg in prompt.arguments or []}
            texts.append((await client.get_prompt(prompt.name, arguments)).model_dump_json())

    assert [leaks(text) for text in texts if leaks(text)] == []


async def test_server_logs_never_show_the_key_or_an_env_var_value(
    server: V0MCPServer, ids: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with connect(server, "legacy") as client:
        await call_every_tool(client, ids)

    assert caplog.records
    assert [record.getMessage() for record in caplog.records if leaks(record.getMessage())] == []


# -- a spawned server over HTTP ----------------------------------------------------------------------------------------


@pytest.fixture
def stderr_path(tmp_path: Path) -> Path:
    return tmp_path / "stderr.log"


@pytest.mark.e2e
async def test_spawned_server_never_logs_or_answers_with_a_key_or_an_env_var_value(
    sim: Simulator, ids: dict[str, str], stderr_path: Path
) -> None:
    answers: list[str] = []
    async with serving(sim) as api_url:
        port = free_port()
        env = {"V0_API_KEY": SENTINEL_KEY, "V0_API_URL": api_url, "V0_MCP_LOG_LEVEL": "DEBUG"}
        command = [sys.executable, "-m", "v0_mcp", "--transport", "http", "--port", str(port), "--toolsets", "all"]
        with stderr_path.open("wb") as stderr:
            process = await anyio.open_process(
                command, env=spawn_env(env), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=stderr
            )
            try:
                async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10) as http:
                    await wait_healthy(http, process)
                    answers += await http_exchanges(http, ids)
            finally:
                await stop(process)
    log = await anyio.Path(stderr_path).read_text(errors="replace")

    assert len(answers) > 10
    assert any("401" in answer for answer in answers)  # the caller's own key was refused, and said so
    assert [leaks(answer) for answer in answers if leaks(answer)] == []
    assert "HTTP Request: GET" in log  # the log did record the traffic
    assert leaks(log) == []


async def http_exchanges(http: httpx.AsyncClient, ids: dict[str, str]) -> list[str]:
    """Talk MCP over raw HTTP: handshake, tools (with the server's key and a caller's own), errors."""
    answers: list[str] = []

    async def post(payload: Any, **headers: str) -> httpx.Response:
        response = await http.post("/mcp", content=json.dumps(payload), headers={**MCP_HEADERS, **headers})
        answers.append(f"{response.status_code} {dict(response.headers)} {response.text}")
        return response

    init = {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "probe", "version": "0"}}
    opened = await post({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": init})
    session = {"mcp-session-id": opened.headers["mcp-session-id"], "mcp-protocol-version": "2025-11-25"}
    await post({"jsonrpc": "2.0", "method": "notifications/initialized"}, **session)
    calls = [
        ("list_env_vars", {"projectId": ids["projectId"]}),
        ("get_env_var", {"projectId": ids["projectId"], "environmentVariableId": ids["environmentVariableId"]}),
        ("list_chats", {}),
        ("get_chat", {"chatId": "no-such-chat"}),
        ("get_chat", {"chatId": 7}),
        ("create_env_vars", {"projectId": ids["projectId"], "environmentVariables": [{"key": "K", "value": "v"}]}),
        ("get_user", {}),
    ]
    for number, (tool, arguments) in enumerate(calls, start=2):
        params = {"name": tool, "arguments": arguments}
        request = {"jsonrpc": "2.0", "id": number, "method": "tools/call", "params": params}
        await post(request, **session)
        await post(request, **session, **{"x-v0-api-key": CALLER_KEY})
    await post({"jsonrpc": "2.0", "id": 99, "method": "no/such/method"}, **session)
    await post({"not": "json-rpc"}, **session)
    for path in ("/healthz", "/no-such-path"):
        response = await http.get(path, headers={"x-v0-api-key": CALLER_KEY})
        answers.append(f"{response.status_code} {dict(response.headers)} {response.text}")
    return answers


async def wait_healthy(http: httpx.AsyncClient, process: anyio.abc.Process) -> None:
    with anyio.fail_after(30):
        while True:
            assert process.returncode is None, f"the server exited with {process.returncode}"
            try:
                if (await http.get("/healthz")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await anyio.sleep(0.1)


async def stop(process: anyio.abc.Process) -> None:
    """Terminate the server and wait for it; kill it if it will not go."""
    if process.returncode is None:
        process.terminate()
        with anyio.move_on_after(10):
            await process.wait()
    if process.returncode is None:
        process.kill()
        await process.wait()


def spawn_env(extra: dict[str, str]) -> dict[str, str]:
    """The environment of a spawned server serving API v1 (whose env var tools these tests drive)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("V0_API", "V0_MCP"))}
    return {**env, "V0_API_VERSION": "v1", **extra}


# -- helpers -----------------------------------------------------------------------------------------------------------


def fill(template: str, ids: dict[str, str]) -> str:
    """Fill a URI template's variables (``{chatId}``, ``{+path}``) with ids of the workspace."""
    out = template
    for name in ("chatId", "versionId", "deploymentId", "projectId"):
        out = out.replace("{" + name + "}", ids.get(name, "example"))
    return out.replace("{+path}", "app/page.tsx")


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


async def _read(client: Client, uri: str) -> str:
    try:
        return (await client.read_resource(uri)).model_dump_json()
    except MCPError as exc:  # an unknown id: the error must not leak either
        return str(exc)


# -- every log line of the real process, at DEBUG, over both HTTP transports -----------------------------------------

TOKEN_SENTINEL: Final = "SENTINEL-MCP-SERVER-TOKEN-4f1a9c"
HEADER_SENTINEL: Final = "SENTINEL-SESSION-TOKEN-77d2e0"
COOKIE_SENTINEL: Final = "SENTINEL-COOKIE-b81c3e"
BODY_SENTINEL: Final = "SENTINEL-MALFORMED-BODY-0a6f"
LOG_SENTINELS: Final = (*SENTINELS, TOKEN_SENTINEL, HEADER_SENTINEL, COOKIE_SENTINEL, BODY_SENTINEL)


class SecretHeaders:
    """ASGI middleware: v0 answers with a session token and a cookie, as the real one may."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        async def with_secrets(message: Any) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [
                    *message.get("headers", []),
                    (b"x-session-token", HEADER_SENTINEL.encode()),
                    (b"set-cookie", f"sid={COOKIE_SENTINEL}; Path=/; HttpOnly".encode()),
                ]
            await send(message)

        await self.app(scope, receive, with_secrets)


@pytest.mark.e2e
@pytest.mark.parametrize("transport", ["http", "sse"])
async def test_no_log_line_at_debug_shows_a_secret_sent_or_received(
    sim: Simulator, ids: dict[str, str], tmp_path: Path, transport: str
) -> None:
    sim.app = SecretHeaders(sim.app)  # type: ignore[assignment]
    stderr_path = tmp_path / "stderr.log"
    port = free_port()
    async with serving(sim) as api_url:
        env = {"V0_API_KEY": SENTINEL_KEY, "V0_API_URL": api_url, "V0_MCP_LOG_LEVEL": "DEBUG"}
        command = [sys.executable, "-m", "v0_mcp", "--transport", transport, "--port", str(port), "--toolsets", "all"]
        with stderr_path.open("wb") as stderr:
            process = await anyio.open_process(
                command, env=spawn_env(env), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=stderr
            )
            try:
                async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10) as http:
                    await wait_healthy(http, process)
                    decrypted = await secret_traffic(f"http://127.0.0.1:{port}", transport, ids)
                    await send_malformed_body(http, transport)
            finally:
                await stop(process)
    log = await anyio.Path(stderr_path).read_text(errors="replace")

    assert SENTINEL_VALUE in decrypted, "the value was read back decrypted, so it did travel through the server"
    assert "HTTP Request: POST" in log and "receive_response_headers" in log, "the log did record the traffic"
    assert [sentinel for sentinel in LOG_SENTINELS if sentinel in log] == []


async def secret_traffic(base: str, transport: str, ids: dict[str, str]) -> str:
    """Write an env var and an MCP-server token, read the value back decrypted; return that result."""
    from mcp.client.sse import sse_client

    client = Client(sse_client(f"{base}/sse")) if transport == "sse" else Client(f"{base}/mcp")
    project = ids["projectId"]
    async with client:
        created = await client.call_tool(
            "create_env_vars",
            {"projectId": project, "environmentVariables": [{"key": "LOGGED", "value": SENTINEL_VALUE}]},
        )
        assert not created.is_error, text_of(created)
        variable = (created.structured_content or {})["envVars"][0]["id"]
        decrypted = await client.call_tool(
            "get_env_var", {"projectId": project, "environmentVariableId": variable, "decrypted": True}
        )
        server = await client.call_tool(
            "create_mcp_server",
            {
                "name": "tools",
                "url": "https://mcp.example.com/mcp",
                "auth": {"type": "bearer", "token": TOKEN_SENTINEL},
            },
        )
        assert not server.is_error, text_of(server)
    return decrypted.model_dump_json()


async def send_malformed_body(http: httpx.AsyncClient, transport: str) -> None:
    """Post a body that is not JSON-RPC, with a secret in its tail, to a live session."""
    body = '{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"token":"' + BODY_SENTINEL + '"'
    if transport == "http":
        init = {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "probe", "version": "0"}}
        opened = await http.post(
            "/mcp", json={"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": init}, headers=MCP_HEADERS
        )
        headers = {**MCP_HEADERS, "mcp-session-id": opened.headers["mcp-session-id"]}
        answer = await http.post("/mcp", content=body, headers=headers)
        assert answer.status_code >= 400
        return
    async with http.stream("GET", "/sse") as stream:
        async for line in stream.aiter_lines():
            if line.startswith("data:") and "session_id=" in line:
                answer = await http.post(line[5:].strip(), content=body, headers=MCP_HEADERS)
                assert answer.status_code >= 400
                return
