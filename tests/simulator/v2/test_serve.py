"""Over a real socket: one server answers v1, v2 and Vercel, streams arrive as SSE, unknown paths in each envelope."""

from __future__ import annotations

import httpx

from v0_mcp.simulator import Simulator, SimulatorConfig, serving

from ._reference import fold, sse_events
from .conftest import check, check_error, check_vercel


async def test_one_server_serves_the_three_apis() -> None:
    sim = Simulator(SimulatorConfig(generation_delay=0.05, log_interval=0.01))
    sim.v2.settings.preview_delay = 0
    sim.v2.settings.queue_delay = 0.05
    async with serving(sim) as v1_url:
        root = v1_url.removesuffix("/v1")
        auth = {"Authorization": "Bearer key-serve"}
        async with httpx.AsyncClient(base_url=root, headers=auth, timeout=30) as client:
            assert (await client.get("/v1/chats")).json()["object"] == "list"
            response = await client.post("/v2/chats/stream", json={"message": "Build a blog"})
            events = sse_events(response.text)
            chat_id = events[0]["id"]
            state = fold(events)
            message = check("messages.get", await client.get(f"/v2/chats/{chat_id}/messages/{state['id']}"))
            assert state["parts"] == message["parts"]
            preview = check("chats.getPreview", await client.get(f"/v2/chats/{chat_id}/preview"))
            assert preview["url"] == f"{root}/v2-preview/{chat_id}/"
            page = await client.get(preview["url"], headers={"x-v0-preview-token": preview["token"]})
            assert page.status_code == 200 and "<h1>" in page.text
            check_error("chats.get", await client.get("/v2/no-such-path"), 404)
            assert (await client.get("/vercel/v99/nothing")).json()["error"]["code"] == "not_found"
            assert (await client.get("/v1/no-such-path")).json()["error"]["type"] == "not_found_error"
            deployed = check("chats.deploy", await client.post(f"/v2/chats/{chat_id}/deploy"))
            follow = await client.get(f"/vercel/v3/deployments/{deployed['deploymentId']}/events", params={"follow": 1})
            assert follow.text.splitlines()[-1].find('"readyState":"READY"') > 0
            dep = await client.get(f"/vercel/v13/deployments/{deployed['deploymentId']}")
            assert check_vercel("getDeployment", dep, 200)["readyState"] == "READY"
