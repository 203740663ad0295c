"""v2 files: listed by default, contents on request, cached per chat and caller, edits across a stopped preview."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest

from tests.conftest import no_sleep
from tests.tools.conftest import API_KEY, open_agent, text_of
from tests.tools.v2.conftest import ALL_V2, V2_URL, make_v2_server
from v0_mcp.api import RetryPolicy, build_client
from v0_mcp.server import V0MCPServer
from v0_mcp.simulator import Simulator
from v0_mcp.tools import Runtime
from v0_mcp.tools._results import MAX_RESULT_CHARS


class Counting(httpx.AsyncBaseTransport):
    """The simulator's transport, counting the requests for a chat's files."""

    def __init__(self, sim: Simulator) -> None:
        self._inner = httpx.ASGITransport(app=sim.app)
        self.file_reads = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "GET" and request.url.path.endswith("/files"):
            self.file_reads += 1
        return await self._inner.handle_async_request(request)


@contextmanager
def counted(sim: Simulator) -> Iterator[tuple[Counting, V0MCPServer]]:
    transport = Counting(sim)
    client = build_client("v2", API_KEY, V2_URL, transport=transport, retry=RetryPolicy(sleep=no_sleep))
    yield transport, make_v2_server(ALL_V2, client=client)


async def test_files_are_read_once_until_something_changes_them(sim: Simulator) -> None:
    with counted(sim) as (transport, server):
        async with open_agent(server, "auto") as agent:
            chat = await agent.ok("create_chat", {"message": "Build a recipe site", "waitSeconds": 30})
            chat_id = chat["chatId"]
            first = await agent.ok("get_chat_files", {"chatId": chat_id})
            await agent.ok("get_chat_files", {"chatId": chat_id, "paths": ["app/page.tsx"]})
            assert transport.file_reads == 1
            await agent.ok("send_message", {"chatId": chat_id, "message": "Add a search box", "waitSeconds": 30})
            second = await agent.ok("get_chat_files", {"chatId": chat_id})
            assert transport.file_reads == 2
    assert len(second["files"]) > len(first["files"])


def test_a_callers_cached_files_are_not_served_to_another_key() -> None:
    mine = build_client("v2", API_KEY, V2_URL)
    theirs = mine.with_api_key("another-callers-key")
    runtime = Runtime(client=mine)
    runtime.cache_files(mine, "chat1", ["mine"])
    assert runtime.cached_files(theirs, "chat1") is None
    assert runtime.cached_files(mine, "chat1") == ["mine"]
    runtime.forget_files("chat1")
    assert runtime.cached_files(mine, "chat1") is None


async def test_contents_are_given_only_for_the_paths_asked(server: V0MCPServer) -> None:
    async with open_agent(server, "auto") as agent:
        chat = await agent.ok("create_chat", {"message": "Build a gallery", "waitSeconds": 30})
        listed = await agent.call("get_chat_files", {"chatId": chat["chatId"]})
        read = await agent.ok("get_chat_files", {"chatId": chat["chatId"], "paths": ["app/layout.tsx"]})
    data = listed.structured_content or {}
    assert all(set(file) == {"path", "size", "encoding"} for file in data["files"])
    links = [block.uri for block in listed.content if block.type == "resource_link"]
    assert f"v0://chats/{chat['chatId']}/files/app/page.tsx" in [str(link) for link in links]
    assert [c["path"] for c in read["contents"]] == ["app/layout.tsx"]
    icon = next(file for file in data["files"] if file["path"] == "public/icon.png")
    assert icon["encoding"] == "base64" and icon["size"] > 0


async def test_an_edit_starts_the_stopped_preview_and_then_writes(server: V0MCPServer, era: str) -> None:
    async with open_agent(server, era) as agent:
        chat = await agent.ok("create_chat", {"message": "Build a shop", "waitSeconds": 30})
        chat_id = chat["chatId"]
        edit = {"chatId": chat_id, "files": [{"path": "app/page.tsx", "content": "export default () => 'shop'\n"}]}
        written = await agent.ok("update_chat_files", edit)
        assert written["previewStarted"] is True and written["written"] == ["app/page.tsx"]
        deleted = await agent.ok(
            "update_chat_files", {"chatId": chat_id, "files": [{"path": "app/page.tsx", "content": None}]}
        )
        files = await agent.ok("get_chat_files", {"chatId": chat_id})
    assert deleted["deleted"] == ["app/page.tsx"] and "previewStarted" not in deleted  # it was running already
    assert "app/page.tsx" not in [file["path"] for file in files["files"]]


@pytest.mark.parametrize("wait", [0, 1])
async def test_an_edit_says_what_to_call_when_the_preview_does_not_start_in_time(
    server: V0MCPServer, sim: Simulator, wait: int
) -> None:
    sim.v2.settings.preview_delay = 3600
    async with open_agent(server, "auto") as agent:
        chat = await agent.ok("create_chat", {"message": "Build a forum", "waitSeconds": 30})
        edit = {"chatId": chat["chatId"], "files": [{"path": "a.ts", "content": "x"}], "waitSeconds": wait}
        error = await agent.fail("update_chat_files", edit)
        files = await agent.ok("get_chat_files", {"chatId": chat["chatId"]})
    assert f'get_preview(chatId="{chat["chatId"]}")' in error and "nothing was written" in error
    assert "a.ts" not in [file["path"] for file in files["files"]]


async def test_get_preview_says_starting_then_running(server: V0MCPServer, sim: Simulator) -> None:
    sim.v2.settings.preview_delay = 3600
    async with open_agent(server, "auto") as agent:
        chat = await agent.ok("create_chat", {"message": "Build a wiki", "waitSeconds": 30})
        starting = await agent.ok("get_preview", {"chatId": chat["chatId"]})
        sim.v2.settings.preview_delay = 0
        running = await agent.ok("get_preview", {"chatId": chat["chatId"]})
    assert starting["status"] == "starting" and "url" not in starting
    assert running["status"] == "running" and running["url"].startswith("http")


async def test_contents_asked_for_stay_inside_the_result_cap(server: V0MCPServer) -> None:
    big = "x" * 40_000
    async with open_agent(server, "auto") as agent:
        chat = await agent.ok("create_chat", {"message": "Build a docs site", "waitSeconds": 30})
        files = [{"path": f"docs/part{i}.md", "content": big} for i in range(3)]
        await agent.ok("update_chat_files", {"chatId": chat["chatId"], "files": files})
        paths = [file["path"] for file in files]
        result = await agent.call("get_chat_files", {"chatId": chat["chatId"], "paths": paths})
    data = result.structured_content or {}
    assert len(text_of(result)) <= MAX_RESULT_CHARS
    assert [c["path"] for c in data["contents"]] == paths  # every path answered, the later ones cut
    assert data["contents"][0]["content"] == big and data["contents"][-1]["cut"] is True
    assert "resource" in data["note"]
