"""The agent's build flow on each API version: how many tool calls it takes and what each result costs.

On v2 (the default): create_chat -> get_chat_files -> update_chat_files -> get_preview ->
create_deployment (followed to READY) -> get_deployment_logs. On v1, the same steps with
its own tools: create_chat -> get_version -> update_version_files -> (the demo URL is in
the result: no preview call) -> create_deployment -> get_deployment_logs, polled until the
build has finished. Each result is measured as it reaches the client (the JSON of the
whole ``CallToolResult``: text, ``structuredContent`` and links), in characters and in
tokens (characters / 4), against the ~20K-token cap every result stays under. The server
runs in process over the simulator, its builds paced quickly, so the figures are sizes and
counts, not times.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any, Final

import httpx
from mcp import Client

from ._common import Figure, Section

__all__ = ["run"]

CAP_TOKENS: Final = 20_000
NOTE: Final = "export const note = 'edited by hand'\n"


class _Agent:
    def __init__(self, client: Client) -> None:
        self.client = client
        self.calls: list[tuple[str, int]] = []

    async def ok(self, tool: str, arguments: dict[str, Any]) -> dict[str, Any]:
        result = await self.client.call_tool(tool, arguments)
        size = len(json.dumps(result.model_dump(mode="json", by_alias=True, exclude_none=True)))
        self.calls.append((tool, size))
        if result.is_error or result.structured_content is None:
            raise RuntimeError(f"{tool} failed: {result.content}")
        data: dict[str, Any] = result.structured_content
        return data


async def _v2_flow(agent: _Agent) -> None:
    chat = await agent.ok("create_chat", {"message": "Build a pricing page", "waitSeconds": 60})
    cid = chat["chatId"]
    await agent.ok("get_chat_files", {"chatId": cid})
    await agent.ok("update_chat_files", {"chatId": cid, "files": [{"path": "lib/note.ts", "content": NOTE}]})
    await agent.ok("get_preview", {"chatId": cid})
    deployment = await agent.ok("create_deployment", {"chatId": cid, "waitSeconds": 60})
    await agent.ok("get_deployment_logs", {"deploymentId": deployment["deploymentId"]})


async def _v1_flow(agent: _Agent) -> None:
    import anyio

    chat = await agent.ok("create_chat", {"message": "Build a pricing page", "waitSeconds": 60})
    cid, vid = chat["chatId"], chat["versionId"]
    await agent.ok("get_version", {"chatId": cid, "versionId": vid})
    files = [{"name": "lib/note.ts", "content": NOTE}]
    edited = await agent.ok("update_version_files", {"chatId": cid, "versionId": vid, "files": files})
    deployment = await agent.ok("create_deployment", {"chatId": cid, "versionId": edited["version"]["id"]})
    since: float | None = None
    while True:  # v1 does not follow the build: poll its logs until it has finished
        page = await agent.ok(
            "get_deployment_logs", {"deploymentId": deployment["id"], **({"since": since} if since else {})}
        )
        since = page.get("nextSince", since)
        if any("ready" in line["text"].lower() or line.get("level") == "error" for line in page["logs"]):
            return
        await anyio.sleep(0.05)


async def _measure(version: str, flow: Callable[[_Agent], Awaitable[None]]) -> list[tuple[str, int]]:
    from v0_mcp.api import VercelClient, build_client
    from v0_mcp.server import build_server
    from v0_mcp.settings import Settings
    from v0_mcp.simulator import Simulator, SimulatorConfig
    from v0_mcp.tools import Runtime

    simulator = Simulator(SimulatorConfig(generation_delay=0.2, log_interval=0.01))
    simulator.v2.settings.queue_delay = 0.05
    transport = httpx.ASGITransport(app=simulator.app)
    async with (
        build_client(version, "bench-key", f"http://127.0.0.1/{version}", transport=transport) as v0,
        VercelClient("bench-key", team_id="", base_url="http://127.0.0.1/vercel", transport=transport) as vercel,
    ):
        runtime = Runtime(client=v0, vercel=vercel, poll_interval=0.05, max_poll_interval=0.2)
        server = build_server(Settings(api_version=version), runtime=runtime)  # type: ignore[arg-type]
        async with Client(server) as client:
            agent = _Agent(client)
            await flow(agent)
    return agent.calls


async def run(*, quick: bool) -> Section:
    section = Section("build_flow", "The build flow: tool calls and result sizes (tokens = chars / 4)")
    flows = {"v2": await _measure("v2", _v2_flow), "v1": await _measure("v1", _v1_flow)}
    totals = {version: sum(size for _, size in calls) // 4 for version, calls in flows.items()}
    for version, calls in flows.items():
        for step, (tool, size) in enumerate(calls, start=1):
            section.figures.append(
                Figure(
                    f"{version} call {step}: {tool}",
                    size // 4,
                    "tokens",
                    "result cap",
                    CAP_TOKENS,
                    target=f"<= {CAP_TOKENS} tokens",
                    met=size // 4 <= CAP_TOKENS,
                    note=f"{size:,} chars",
                )
            )
        section.figures.append(
            Figure(
                f"{version} whole flow: {len(calls)} calls",
                totals[version],
                "tokens",
                "v1 whole flow",
                totals["v1"],
            )
        )
    section.details = {
        version: [{"tool": tool, "chars": size} for tool, size in calls] for version, calls in flows.items()
    }
    return section
