"""Every tool of the chats and files toolsets, called against the simulator in both protocol eras.

Each successful result is validated against the tool's outputSchema (``Agent.ok``),
and the run ends by checking that no tool of the two toolsets was left out.
"""

from __future__ import annotations

import base64
import io
import zipfile

from tests.tools.conftest import open_agent
from tests.tools.v2.conftest import ENTRIES_V2
from v0_mcp.server import V0MCPServer

TOOLSETS_HERE = ("chats", "files")


async def test_every_chats_and_files_tool_answers_within_its_schema(server: V0MCPServer, era: str) -> None:
    async with open_agent(server, era) as agent:
        created = await agent.ok("create_chat", {"message": "Build a landing page for a bakery", "waitSeconds": 30})
        chat_id = created["chatId"]
        assert created["status"] == "completed"
        assert "app/page.tsx" in created["filesEdited"]

        listed = await agent.ok("list_chats", {})
        assert chat_id in [chat["id"] for chat in listed["chats"]]
        chat = await agent.ok("get_chat", {"chatId": chat_id})
        assert chat["id"] == chat_id
        renamed = await agent.ok("update_chat", {"chatId": chat_id, "title": "Bakery"})
        assert renamed["title"] == "Bakery"

        files = await agent.ok("get_chat_files", {"chatId": chat_id})
        paths = [file["path"] for file in files["files"]]
        assert "app/page.tsx" in paths and "contents" not in files
        read = await agent.ok("get_chat_files", {"chatId": chat_id, "paths": ["app/page.tsx", "nope.ts"]})
        assert read["contents"][0]["path"] == "app/page.tsx" and read["contents"][0]["content"]
        assert read["missing"] == ["nope.ts"]

        preview = await agent.ok("get_preview", {"chatId": chat_id})
        assert preview["status"] in ("starting", "running")
        written = await agent.ok(
            "update_chat_files",
            {"chatId": chat_id, "files": [{"path": "lib/hours.ts", "content": "export const open = 7\n"}]},
        )
        assert written["written"] == ["lib/hours.ts"]
        after = await agent.ok("get_chat_files", {"chatId": chat_id, "paths": ["lib/hours.ts"]})
        assert after["contents"][0]["content"] == "export const open = 7\n"  # the cache was dropped by the edit

        sent = await agent.ok("send_message", {"chatId": chat_id, "message": "Add an opening hours section"})
        assert sent["status"] == "completed" and sent["messageId"]
        messages = await agent.ok("list_messages", {"chatId": chat_id})
        assert messages["messages"][0]["id"] == sent["messageId"]
        message = await agent.ok("get_message", {"chatId": chat_id, "messageId": sent["messageId"]})
        assert message["role"] == "assistant" and message["finishReason"] == "stop"
        waited = await agent.ok("wait_for_generation", {"chatId": chat_id, "messageId": sent["messageId"]})
        assert waited["status"] == "completed" and waited["messageId"] == sent["messageId"]
        resumed = await agent.ok("resume_chat", {"chatId": chat_id, "waitSeconds": 10})
        assert resumed["status"] == "completed"

        restored = await agent.ok("restore_message", {"chatId": chat_id, "messageId": created["messageId"]})
        assert restored["messageId"] == created["messageId"]
        back = await agent.ok("get_chat_files", {"chatId": chat_id})
        assert "lib/hours.ts" not in [file["path"] for file in back["files"]]  # the restore dropped the cache too

        download = await agent.call("download_chat_files", {"chatId": chat_id})
        assert not download.is_error
        data = download.structured_content
        assert data is not None and data["embedded"] and "app/page.tsx" in data["files"]
        blob = next(block for block in download.content if block.type == "resource")
        with zipfile.ZipFile(io.BytesIO(base64.b64decode(blob.resource.blob))) as archive:  # type: ignore[union-attr]
            assert "app/page.tsx" in archive.namelist()
        agent.called.discard("download_chat_files")
        await agent.ok("download_chat_files", {"chatId": chat_id})

        started = await agent.ok("create_chat", {"message": "Build a clock", "waitSeconds": 0})
        assert started["status"] == "pending" and "wait_for_generation" in started["note"]
        stopped = await agent.ok("stop_message", {"chatId": started["chatId"], "messageId": started["messageId"]})
        assert stopped["messageId"] == started["messageId"]

        copy = await agent.ok("duplicate_chat", {"chatId": chat_id})
        assert copy["id"] != chat_id
        imported = await agent.ok(
            "init_chat", {"files": [{"name": "app/page.tsx", "content": "export default () => null\n"}]}
        )
        imported_files = await agent.ok("get_chat_files", {"chatId": imported["id"]})
        assert [file["path"] for file in imported_files["files"]] == ["app/page.tsx"]
        both = await agent.fail(
            "init_chat", {"files": [{"name": "a.ts", "content": ""}], "url": "https://x.test/a.zip"}
        )
        assert "exactly one source" in both

        blocked = await agent.ok(
            "send_message", {"chatId": chat_id, "message": "Set up the integration NEEDS_TASK:vercel-connect-setup"}
        )
        assert blocked["status"] == "needs-input" and blocked["needsInput"]["task"] == "vercel-connect-setup"
        request_id = blocked["needsInput"]["details"]["requestId"]
        status = await agent.ok("get_connect_status", {"chatId": chat_id, "requestId": request_id})
        assert status["data"]["status"] == "ready"
        resolve = blocked["needsInput"]["resolve"]
        assert resolve["tool"] == "resolve_task"
        answered = await agent.ok("resolve_task", resolve["arguments"])
        assert answered["status"] == "completed" and answered["messageId"] != blocked["messageId"]

        deleted = await agent.ok("delete_chat", {"chatId": copy["id"], "confirm": True})
        assert deleted["chatId"] == copy["id"]

    expected = {tool for tool, entry in ENTRIES_V2.items() if entry["toolset"] in TOOLSETS_HERE}
    assert expected <= agent.called, f"never called: {sorted(expected - agent.called)}"
