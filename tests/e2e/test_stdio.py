"""End to end: the real ``v0-mcp`` process over stdio, on its demo simulator and without a key."""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO, cast

import anyio
import pytest
from anyio.streams.text import TextReceiveStream
from mcp import Client
from mcp.types import CallToolResult, TextContent

from tests.conftest import ROOT
from tests.e2e.conftest import read_log, server_env, spawn

pytestmark = pytest.mark.e2e

SENTINEL_KEY = "v0-E2E-SENTINEL-51c0a9d7e3"


def text_of(result: CallToolResult) -> str:
    return "\n".join(block.text for block in result.content if isinstance(block, TextContent))


async def ok(client: Client, tool: str, arguments: dict[str, Any], **options: Any) -> dict[str, Any]:
    result = await client.call_tool(tool, arguments, **options)
    assert not result.is_error, f"{tool}: {text_of(result)}"
    assert result.structured_content is not None
    return cast(dict[str, Any], result.structured_content)


async def test_build_iterate_edit_deploy_and_read_logs(stderr_log: TextIO) -> None:
    progress: list[str | None] = []
    problems: list[Exception] = []

    async def on_progress(value: float, total: float | None, message: str | None) -> None:
        progress.append(message)

    async def on_message(message: Any) -> None:
        if isinstance(message, Exception):  # e.g. a stdout line that is not JSON-RPC
            problems.append(message)

    env = server_env(V0_MCP_DEMO_DELAY="1")
    with anyio.fail_after(40):
        async with spawn(["--demo"], env, stderr_log, message_handler=on_message) as client:
            chat = await ok(
                client,
                "create_chat",
                {"message": "Build a pricing page", "waitSeconds": 30},
                progress_callback=on_progress,
            )
            cid = chat["chatId"]
            sent = await ok(client, "send_message", {"chatId": cid, "message": "Add a FAQ section", "waitSeconds": 30})
            vid = sent["versionId"]
            version = await ok(client, "get_version", {"chatId": cid, "versionId": vid})
            note = "export const note = 'edited by hand'\n"
            edited = await ok(
                client,
                "update_version_files",
                {"chatId": cid, "versionId": vid, "files": [{"name": "lib/note.ts", "content": note}]},
            )
            deployment = await ok(client, "create_deployment", {"chatId": cid, "versionId": vid})
            logs: list[dict[str, Any]] = []
            since: float | None = None
            while not any("deployment files" in line["text"] for line in logs):  # the build's second line
                await anyio.sleep(0.2)
                page = await ok(
                    client,
                    "get_deployment_logs",
                    {"deploymentId": deployment["id"], **({"since": since} if since else {})},
                )
                logs += page["logs"]
                since = page.get("nextSince", since)

    assert chat["status"] == "completed" and chat["demoUrl"].startswith("https://")
    assert sent["status"] == "completed" and vid != chat["versionId"]
    assert "Faq" in sent["reply"] or "FAQ" in sent["reply"]
    files = {f["name"] for f in version["version"]["files"]}
    assert "app/page.tsx" in files
    assert {"name": "lib/note.ts", "size": len(note), "locked": False} in edited["version"]["files"]
    assert deployment["versionId"] == vid and deployment["inspectorUrl"].startswith("https://")
    assert any(f"{len(files) + 1} files" in line["text"] for line in logs)
    assert progress[0] == f"v0 started: chat {cid}"
    assert progress[-1] == "v0 finished: completed"
    assert problems == []
    assert "demo mode" in read_log(stderr_log)


async def test_a_cancelled_generation_is_stopped_in_v0(stderr_log: TextIO) -> None:
    env = server_env(V0_MCP_DEMO_DELAY="3")  # the generation would complete 3 s after it starts
    with anyio.fail_after(30):
        async with spawn(["--demo", "--tools", "list_messages"], env, stderr_log) as client:
            with anyio.move_on_after(0.8) as waiting:
                await client.call_tool("create_chat", {"message": "Build a cancellable widget", "waitSeconds": 60})
            assert waiting.cancelled_caught
            chats = await ok(client, "list_chats", {})
            chat_id = next(c["id"] for c in chats["chats"] if c["name"] == "Cancellable widget")
            chat = await ok(client, "get_chat", {"chatId": chat_id})
            while chat["latestVersion"]["status"] == "pending":  # the stop arrives in the server's own time
                await anyio.sleep(0.1)
                chat = await ok(client, "get_chat", {"chatId": chat_id})
            thread = await ok(client, "list_messages", {"chatId": chat_id})
            after = await ok(client, "wait_for_generation", {"chatId": chat_id, "waitSeconds": 5})

    reply = thread["messages"][0]
    assert reply["role"] == "assistant"
    assert reply["finishReason"] == "stop"
    assert chat["latestVersion"]["status"] == "failed"  # a completed generation would say "completed"
    assert after["status"] == "failed"
    assert after["waitedSeconds"] < 1
    assert "stopped generation" in read_log(stderr_log)


async def test_without_a_key_the_server_starts_says_so_on_stderr_and_each_call_explains(stderr_log: TextIO) -> None:
    env = server_env(V0_API_URL="http://127.0.0.1:9/v1")
    with anyio.fail_after(20):
        async with spawn([], env, stderr_log) as client:
            tools = (await client.list_tools()).tools
            result = await client.call_tool("list_chats", {})

    assert len(tools) == 10
    assert result.is_error
    assert "V0_API_KEY" in text_of(result)
    assert "v0-mcp --demo" in text_of(result)
    assert "V0_API_KEY is not set" in read_log(stderr_log)


async def test_stdout_carries_only_json_rpc_and_logs_go_to_stderr() -> None:
    requests = [
        {
            "jsonrpc": "2.0",
            "id": 1,
            "method": "initialize",
            "params": {
                "protocolVersion": "2025-11-25",
                "capabilities": {},
                "clientInfo": {"name": "t", "version": "0"},
            },
        },
        {"jsonrpc": "2.0", "method": "notifications/initialized"},
        {"jsonrpc": "2.0", "id": 2, "method": "tools/list"},
        {
            "jsonrpc": "2.0",
            "id": 3,
            "method": "tools/call",
            "params": {"name": "create_chat", "arguments": {"message": "Build a todo app", "waitSeconds": 0}},
        },
        {"jsonrpc": "2.0", "id": 4, "method": "tools/call", "params": {"name": "list_chats", "arguments": {}}},
    ]
    env = server_env(V0_MCP_LOG_LEVEL="DEBUG", V0_API_KEY=SENTINEL_KEY)
    lines: list[str] = []
    with anyio.fail_after(30):
        async with await anyio.open_process([sys.executable, "-m", "v0_mcp", "--demo"], env=env, cwd=ROOT) as process:
            assert process.stdin is not None and process.stdout is not None and process.stderr is not None
            for request in requests:
                await process.stdin.send((json.dumps(request) + "\n").encode())
            buffer = ""
            async for chunk in TextReceiveStream(process.stdout):
                buffer += chunk
                *complete, buffer = buffer.split("\n")
                lines += complete
                if sum(1 for line in lines if '"id":4' in line.replace(" ", "")) == 1:
                    break
            await process.stdin.aclose()
            stderr = (await _read_all(process.stderr)).decode()
            await process.wait()

    messages = [json.loads(line) for line in lines]
    assert all(message["jsonrpc"] == "2.0" for message in messages)
    answered = {message["id"] for message in messages if "id" in message}
    assert answered == {1, 2, 3, 4}
    assert "demo mode" in stderr
    assert "DEBUG" in stderr or "INFO" in stderr
    assert SENTINEL_KEY not in stderr
    assert all(SENTINEL_KEY not in line for line in lines)


async def _read_all(stream: Any) -> bytes:
    chunks = []
    async for chunk in stream:
        chunks.append(chunk)
    return b"".join(chunks)
