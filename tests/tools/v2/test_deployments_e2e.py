"""End to end on API v2: the real ``v0-mcp --demo`` process deploys a chat, follows the build and reads its logs.

The demo serves v2 and Vercel from one in-process simulator, so the deployment
tools work without a key or a Vercel token; a build that fails is reported with
the compiler's lines, after the agent broke a file with ``update_chat_files``.
Over stdio and over Streamable HTTP.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

import anyio
import pytest
from mcp import Client

from tests.e2e.conftest import read_log, server_env, spawn
from tests.tools.conftest import text_of
from tests.transports.conftest import running_server

pytestmark = pytest.mark.e2e


async def ok(client: Client, tool: str, arguments: dict[str, Any], **options: Any) -> dict[str, Any]:
    result = await client.call_tool(tool, arguments, **options)
    assert not result.is_error, f"{tool}: {text_of(result)}"
    assert result.structured_content is not None
    return cast(dict[str, Any], result.structured_content)


async def deploy_break_and_redeploy(client: Client) -> None:
    """Deploy a new chat to READY with progress, read its logs, break a file, deploy again: ERROR with its lines."""
    progress: list[str] = []

    async def on_progress(value: float, total: float | None, message: str | None) -> None:
        progress.append(message or "")

    chat = await ok(client, "create_chat", {"message": "Build a pricing page", "waitSeconds": 30})
    chat_id = chat["chatId"]
    live = await ok(client, "create_deployment", {"chatId": chat_id, "waitSeconds": 90}, progress_callback=on_progress)
    logs = await ok(client, "get_deployment_logs", {"deploymentId": live["deploymentId"]})
    broken = {"path": "app/page.tsx", "content": 'import { Plans } from "./plans"\nexport default Plans\n'}
    await ok(client, "update_chat_files", {"chatId": chat_id, "files": [broken], "waitSeconds": 30})
    failed = await ok(client, "create_deployment", {"chatId": chat_id, "waitSeconds": 90})
    errors = await ok(client, "get_deployment_errors", {"deploymentId": failed["deploymentId"]})
    listed = await ok(client, "list_deployments", {"chatId": chat_id})

    assert live["status"] == "ready" and live["url"].startswith("https://"), live
    assert any(message.startswith("build: ") for message in progress) and progress[-1] == "Vercel: ready"
    assert any("Compiled successfully" in line["text"] for line in logs["lines"])
    assert failed["status"] == "error" and failed["errorStep"] == "buildStep"
    assert any("Can't resolve './plans'" in line for line in failed["errorLines"])
    assert errors["hasErrors"] and errors["errorLines"] == failed["errorLines"]
    assert [d["deploymentId"] for d in listed["deployments"]][:2] == [failed["deploymentId"], live["deploymentId"]]


async def test_deploy_follow_break_and_read_the_errors_over_stdio(tmp_path: Path) -> None:
    env = server_env(api_version="v2", V0_MCP_DEMO_DELAY="1")
    with (tmp_path / "stderr.log").open("w+") as stderr_log, anyio.fail_after(110):  # a hang guard
        async with spawn(["--demo", "--toolsets", "all"], env, stderr_log) as client:
            await deploy_break_and_redeploy(client)
        assert "Traceback" not in read_log(stderr_log)


async def test_deploy_follow_break_and_read_the_errors_over_http(tmp_path: Path) -> None:
    flags = ("--transport", "http", "--toolsets", "all")
    with running_server(tmp_path, *flags, V0_API_VERSION="v2") as running, anyio.fail_after(110):  # a hang guard
        async with Client(f"{running.base}/mcp") as client:
            await deploy_break_and_redeploy(client)
        assert "Traceback" not in running.stderr()
