"""End to end on API v2 (the default): the real ``v0-mcp --demo`` process, over stdio and streamable HTTP.

The demo serves v2 on its simulator with Vercel beside it, so the whole agent flow runs
without a key: create an app, read and edit its files, see its preview, deploy it and
follow the build to READY, read the build logs; a build that fails comes back with its
error; a generation that stops to ask is answered with ``resolve_task``.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any, TextIO, cast

import anyio
import pytest
from mcp import Client
from mcp.types import CallToolResult, TextContent, TextResourceContents

from tests._processes import free_port
from tests.e2e.conftest import read_log, server_env, spawn
from tests.transports.conftest import Running, stop, wait_healthy
from tests.transports.conftest import spawn as spawn_http
from v0_mcp.resources import chat_file_uri
from v0_mcp.tools._results import MAX_RESULT_CHARS

pytestmark = pytest.mark.e2e

DEMO_DELAY = "0.5"  # seconds a demo generation takes
NOTE = "export const note = 'edited by hand'\n"
FLOW = ("create_chat", "get_chat_files", "update_chat_files", "get_preview", "create_deployment", "get_deployment_logs")


def default_env() -> dict[str, str]:
    """The environment of a server left to its defaults: no key, no API version (v2), quick demo generations."""
    env = server_env(V0_MCP_DEMO_DELAY=DEMO_DELAY)
    env.pop("V0_API_VERSION")
    return env


def text_of(result: CallToolResult) -> str:
    return "\n".join(block.text for block in result.content if isinstance(block, TextContent))


class Agent:
    """Calls tools on one client and keeps what each call cost: the result's size on the wire."""

    def __init__(self, client: Client) -> None:
        self.client = client
        self.calls: list[tuple[str, int]] = []

    async def call(self, tool: str, arguments: dict[str, Any]) -> CallToolResult:
        result = await self.client.call_tool(tool, arguments)
        size = len(json.dumps(result.model_dump(mode="json", by_alias=True, exclude_none=True)))
        self.calls.append((tool, size))
        return result

    async def ok(self, tool: str, arguments: dict[str, Any]) -> dict[str, Any]:
        result = await self.call(tool, arguments)
        assert not result.is_error, f"{tool}: {text_of(result)}"
        assert result.structured_content is not None
        return cast(dict[str, Any], result.structured_content)


@asynccontextmanager
async def over_stdio(tmp_path: Path) -> AsyncIterator[Client]:
    with (tmp_path / "stderr.log").open("w+") as log:
        async with spawn(["--demo"], default_env(), log) as client:
            yield client
        assert "demo mode" in read_log(cast(TextIO, log))


@asynccontextmanager
async def over_http(tmp_path: Path) -> AsyncIterator[Client]:
    port = free_port()
    log = tmp_path / "http-stderr.log"
    running = Running(spawn_http(["--demo", "--transport", "http", "--port", str(port)], default_env(), log), port, log)
    try:
        wait_healthy(running)
        async with Client(f"{running.base}/mcp") as client:
            yield client
    finally:
        stop(running.process)


TRANSPORTS: dict[str, Callable[[Path], AbstractAsyncContextManager[Client]]] = {
    "stdio": over_stdio,
    "http": over_http,
}


@pytest.mark.parametrize("transport", TRANSPORTS)
async def test_build_edit_preview_deploy_and_read_the_logs(transport: str, tmp_path: Path) -> None:
    with anyio.fail_after(120):
        async with TRANSPORTS[transport](tmp_path) as client:
            agent = Agent(client)
            tools = {tool.name for tool in (await client.list_tools()).tools}
            chat = await agent.ok("create_chat", {"message": "Build a pricing page", "waitSeconds": 30})
            cid = chat["chatId"]
            listed = await agent.ok("get_chat_files", {"chatId": cid})
            edited = await agent.ok(
                "update_chat_files", {"chatId": cid, "files": [{"path": "lib/note.ts", "content": NOTE}]}
            )
            preview = await agent.ok("get_preview", {"chatId": cid})
            deployment = await agent.ok("create_deployment", {"chatId": cid, "waitSeconds": 90})
            logs = await agent.ok("get_deployment_logs", {"deploymentId": deployment["deploymentId"]})
            note = (await client.read_resource(chat_file_uri(cid, "lib/note.ts"))).contents[0]

    assert set(FLOW) <= tools  # the default (builder) profile serves the whole flow
    assert chat["status"] == "completed" and "app/page.tsx" in chat["filesEdited"]
    assert {"path": "app/page.tsx", "encoding": "utf8"}.items() <= next(
        f for f in listed["files"] if f["path"] == "app/page.tsx"
    ).items()
    assert "contents" not in listed  # paths and sizes only, unless asked for
    assert edited["written"] == ["lib/note.ts"]
    assert isinstance(note, TextResourceContents) and note.text == NOTE  # the edit is what the resource reads
    assert preview["status"] == "running" and preview["url"].startswith("http")
    assert deployment["readyState"] == "READY" and deployment["url"].startswith("https://")
    assert any('Running "npm run build"' in line["text"] for line in logs["lines"])
    text_files = [f for f in listed["files"] if f["encoding"] == "utf8"]
    assert any(f"{len(text_files) + 1} files" in line["text"] for line in logs["lines"])  # the edit deployed
    assert [tool for tool, _ in agent.calls] == list(FLOW)  # six calls, one per step
    assert all(size < MAX_RESULT_CHARS for _, size in agent.calls)


async def test_a_build_that_fails_comes_back_with_its_error(tmp_path: Path) -> None:
    broken = "export default function Page() {\n  const count: number = 'three'\n  return <p>{count}</p>\n}\n"
    with anyio.fail_after(120):
        async with over_stdio(tmp_path) as client:
            agent = Agent(client)
            chat = await agent.ok("create_chat", {"message": "Build a counter", "waitSeconds": 30})
            files = [{"path": "app/page.tsx", "content": broken}]
            await agent.ok("update_chat_files", {"chatId": chat["chatId"], "files": files})
            deployment = await agent.ok("create_deployment", {"chatId": chat["chatId"], "waitSeconds": 90})
            logs = await agent.ok("get_deployment_logs", {"deploymentId": deployment["deploymentId"]})

    assert deployment["readyState"] == "ERROR"
    assert deployment["errorStep"] == "buildStep"
    assert "app/page.tsx" in deployment["errorMessage"]
    assert any("Type error" in line for line in deployment["errorLines"])
    assert "update_chat_files" in deployment["note"]  # what to do next
    assert any(line["level"] == "error" for line in logs["lines"])


async def test_a_generation_that_stops_to_ask_is_answered_with_resolve_task(tmp_path: Path) -> None:
    with anyio.fail_after(90):
        async with over_http(tmp_path) as client:
            agent = Agent(client)
            asked = await agent.ok(
                "create_chat", {"message": "Build a todo app NEEDS_TASK:plan-exit-response", "waitSeconds": 30}
            )
            call = asked["needsInput"]["resolve"]
            arguments = {**call["arguments"], "waitSeconds": 30}
            arguments["task"] = {**arguments["task"], "status": "approved", "content": "Looks good, go ahead."}
            answered = await agent.ok(call["tool"], arguments)
            failed = await agent.call("send_message", {"chatId": asked["chatId"], "message": "GENERATION_ERROR"})

    assert asked["status"] == "needs-input"
    assert asked["needsInput"]["task"] == "plan-exit-response" and asked["needsInput"]["details"]["plan"]
    assert call["tool"] == "resolve_task" and call["arguments"]["chatId"] == asked["chatId"]
    assert answered["status"] == "completed" and answered["chatId"] == asked["chatId"]
    assert "needsInput" not in answered
    assert failed.is_error and "finishReason 'error'" in text_of(failed)
    assert "send_message" in text_of(failed)  # what to do next
