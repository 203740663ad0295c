"""Startup builds nothing it can load: each deferral that keeps cold start near a bare server is checked here.

Each check runs in a fresh interpreter, since a module loaded by another test
would hide a regression. What is deferred, and what it costs when it is not:
the toolset modules, their result shapes and the version's adapter (a server
declares its tools from their stored declarations: about a third of what v0-mcp
adds to a start), the API models of every version,
the Vercel catalogue and models (a v2 server makes its Vercel client at startup
and may never call Vercel), and httpx (loaded by the first request or preview: about
a tenth of a start, which is what keeps ``--demo`` within 1.10x of a bare server).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import IO, Any

import anyio
import httpx
import pytest
from mcp import Client

from tests._processes import server_env
from tests.conftest import ROOT
from v0_mcp.server import build_server
from v0_mcp.settings import Settings


def _modules_after(code: str) -> set[str]:
    """Run ``code`` in a fresh interpreter; return the v0_mcp and httpx modules loaded by its end."""
    probe = code + "\nimport sys\nprint(' '.join(m for m in sys.modules if m.startswith(('v0_mcp', 'httpx'))))\n"
    done = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True)
    return set(done.stdout.split())


SERVE_AND_LIST = """
import asyncio
from mcp import Client
from v0_mcp.server import build_server
from v0_mcp.settings import Settings

async def main() -> None:
    server = build_server(Settings(demo=True, api_version={version!r}, toolsets=frozenset({{"all"}})))
    async with Client(server) as client:  # runs the lifespan, as a real start does
        assert (await client.list_tools()).tools
asyncio.run(main())
"""


# What only a call needs: each version's toolset modules and models, the machinery they declare with, and
# the API clients (a run makes its runtime, and so its clients, on the first request that needs one).
TOOLSETS_AND_MODELS = ("v0_mcp.tools.v1", "v0_mcp.tools.v2", "v0_mcp.api.")
SHAPES = {
    f"v0_mcp.tools.{name}" for name in ("_adapter", "_shapes", "_spec", "_vocabulary", "_endpoint", "_generation")
}
API_AT_START = {"v0_mcp.api._errors"}  # what handlers catch: the errors load with the package, nothing else


@pytest.mark.slow  # a fresh interpreter each
@pytest.mark.parametrize("version", ["v1", "v2"])
def test_a_running_server_lists_its_tools_without_loading_toolsets_shapes_models_or_clients(version: str) -> None:
    loaded = _modules_after(SERVE_AND_LIST.format(version=version))
    assert "v0_mcp.server" in loaded  # the probe did build and run the server (it asserts the tools it lists)
    deferred = [name for name in loaded if name.startswith(TOOLSETS_AND_MODELS) and name not in API_AT_START]
    deferred += [name for name in loaded if name in SHAPES]
    assert deferred == [], deferred


@pytest.mark.slow  # a fresh interpreter
def test_the_first_call_loads_the_version_s_toolsets() -> None:
    """The probe above sees what a start loads: one call later, v2's toolsets and its adapter are there."""
    called = SERVE_AND_LIST.format(version="v2").replace(
        "assert (await client.list_tools()).tools", "assert not (await client.call_tool('list_chats', {})).is_error"
    )
    loaded = _modules_after(called)
    assert {"v0_mcp.tools.v2", "v0_mcp.tools.v2.chats", "v0_mcp.tools.v2._adapter", "v0_mcp.api._client"} <= loaded
    assert not any(name.startswith("v0_mcp.tools.v1") for name in loaded)  # (the demo's simulator serves v1 too)


@pytest.mark.slow  # fresh interpreters
def test_the_vercel_client_loads_its_catalogue_and_models_on_first_use() -> None:
    made = "from v0_mcp.api.vercel import VercelClient\nVercelClient('token', team_id='')\n"
    assert "v0_mcp.api.vercel._client" in _modules_after(made)
    assert not {"v0_mcp.api.vercel._catalogue", "v0_mcp.api.vercel._models"} & _modules_after(made)
    asked = made + "from v0_mcp.api.vercel import CATALOGUE\nassert len(CATALOGUE) > 10\n"
    assert {"v0_mcp.api.vercel._catalogue", "v0_mcp.api.vercel._models"} <= _modules_after(asked)


CLIENTS = """
from v0_mcp.api import build_client
from v0_mcp.api.vercel import VercelClient
v0 = build_client({version!r}, "key")
view = v0.with_api_key("another key")
vercel = VercelClient("token", team_id="team")
"""


@pytest.mark.slow  # a fresh interpreter each
@pytest.mark.parametrize("version", ["v1", "v2"])
def test_building_clients_loads_no_httpx_until_a_request(version: str) -> None:
    loaded = _modules_after(CLIENTS.format(version=version))
    assert "v0_mcp.api._client" in loaded
    assert not any(name == "httpx" or name.startswith("httpx.") for name in loaded)


async def test_a_client_closed_before_its_first_request_refuses_to_send() -> None:
    from v0_mcp.api import build_client

    v0 = build_client("v2", "key", "http://127.0.0.1/api")
    await v0.aclose()
    with pytest.raises(RuntimeError, match="closed"):
        await v0.call("chats.list")


async def test_a_transport_can_be_made_when_the_first_request_is_sent() -> None:
    """A caller (the demo's in-process simulator) can build a client without importing httpx itself."""
    import httpx

    from v0_mcp.api import build_client

    made: list[httpx.MockTransport] = []

    def make() -> httpx.MockTransport:
        made.append(httpx.MockTransport(lambda request: httpx.Response(200, json={"data": [], "object": "list"})))
        return made[0]

    async with build_client("v1", "key", "http://127.0.0.1/v1", transport=make) as v0:
        assert made == []
        await v0.call("chats.find")
        await v0.with_api_key("other").call("chats.find")
    assert len(made) == 1


# The real command line over stdio; the modules loaded are written to a file when the process exits.
STDIO_PROBE = """
import atexit, sys
out = sys.argv.pop(1)
def dump():
    with open(out, "w") as f:
        f.write(" ".join(m for m in sys.modules if m.startswith(("v0_mcp", "httpx"))))
atexit.register(dump)
from v0_mcp.cli import main
main()
"""


def _ask(stdin: IO[str], stdout: IO[str], request_id: int, method: str, params: dict[str, Any]) -> dict[str, Any]:
    """Send one JSON-RPC request over stdio and return its answer (notifications before it are skipped)."""
    stdin.write(json.dumps({"jsonrpc": "2.0", "id": request_id, "method": method, "params": params}) + "\n")
    stdin.flush()
    while True:
        line = stdout.readline()
        assert line, "the server closed stdout before answering"
        message: dict[str, Any] = json.loads(line)
        if message.get("id") == request_id:
            return message


def _stdio_modules(tmp_path: Path, version: str, *, call: str | None = None) -> tuple[set[str], list[str]]:
    """Start ``v0-mcp --demo`` over stdio, list its tools (then call ``call``), end it: (modules loaded, tools)."""
    out = tmp_path / "modules.txt"
    argv = [sys.executable, "-c", STDIO_PROBE, str(out), "--demo", "--api-version", version]
    with subprocess.Popen(
        argv,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=server_env(api_version=version),
        cwd=ROOT,
    ) as server:
        assert server.stdin is not None and server.stdout is not None
        hello = {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "probe", "version": "1"}}
        assert "result" in _ask(server.stdin, server.stdout, 1, "initialize", hello)
        server.stdin.write(json.dumps({"jsonrpc": "2.0", "method": "notifications/initialized"}) + "\n")
        listed = _ask(server.stdin, server.stdout, 2, "tools/list", {})
        if call is not None:
            called = _ask(server.stdin, server.stdout, 3, "tools/call", {"name": call, "arguments": {}})
            assert called["result"]["isError"] is False, called
        server.stdin.close()  # end of input ends the server
        assert server.wait() == 0
    return set(out.read_text().split()), [tool["name"] for tool in listed["result"]["tools"]]


def _has_httpx(modules: set[str]) -> bool:
    return any(name == "httpx" or name.startswith("httpx.") for name in modules)


@pytest.mark.e2e  # the real v0-mcp process
@pytest.mark.parametrize("version", ["v1", "v2"])
def test_a_real_demo_start_lists_its_tools_without_loading_httpx(version: str, tmp_path: Path) -> None:
    loaded, tools = _stdio_modules(tmp_path, version)
    assert "create_chat" in tools and "v0_mcp.server" in loaded
    assert not _has_httpx(loaded) and f"v0_mcp.tools.{version}" not in loaded and "v0_mcp.api._client" not in loaded
    assert "v0_mcp.simulator" not in loaded  # the demo's simulator is built by the first request too


@pytest.mark.e2e  # the real v0-mcp process
def test_the_first_request_of_a_demo_loads_httpx_and_the_simulator(tmp_path: Path) -> None:
    """The probe above sees what a start loads: one request later, httpx and the simulator are there."""
    loaded, _ = _stdio_modules(tmp_path, "v2", call="list_chats")
    assert _has_httpx(loaded) and "v0_mcp.simulator" in loaded and "v0_mcp.tools.v2" in loaded


@pytest.mark.slow  # waits in real time for the demo's preview to start
async def test_the_demo_client_and_preview_proxy_share_one_simulator_made_on_first_use() -> None:
    """A preview opened in a browser shows the chat the server's client just made (one simulator, not two)."""
    server = build_server(Settings(demo=True, api_version="v2", generation_delay=0.05))
    with anyio.fail_after(60):  # a guard against a hang, not a measure
        async with Client(server) as client:
            made = await client.call_tool("create_chat", {"message": "A todo app", "waitSeconds": 30})
            chat_id = (made.structured_content or {})["chatId"]
            preview: dict[str, Any] = {"status": "starting"}
            while preview["status"] == "starting":
                await anyio.sleep(0.2)
                preview = (await client.call_tool("get_preview", {"chatId": chat_id})).structured_content or {}
            async with httpx.AsyncClient(trust_env=False) as browser:
                page = await browser.get(preview["url"])
    assert preview["status"] == "running", preview
    assert page.status_code == 200 and "<title>Todo app</title>" in page.text
