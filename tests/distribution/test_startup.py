"""Startup builds nothing it can load: each deferral that keeps cold start near a bare server is checked here.

Each check runs in a fresh interpreter, since a module loaded by another test
would hide a regression. What is deferred, and what it costs when it is not:
the API models of every version (a server lists its tools from stored schemas),
the Vercel catalogue and models (a v2 server makes its Vercel client at startup
and may never call Vercel), and httpx (loaded by the first request).
"""

from __future__ import annotations

import subprocess
import sys

import pytest


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


@pytest.mark.parametrize("version", ["v1", "v2"])
def test_a_running_server_lists_its_tools_without_any_api_model(version: str) -> None:
    loaded = _modules_after(SERVE_AND_LIST.format(version=version))
    assert f"v0_mcp.tools.{version}" in loaded  # the probe did build and run that version's server
    other = "v1" if version == "v2" else "v2"
    models = {"v0_mcp.api.v1._models", "v0_mcp.api.v2._models", "v0_mcp.api.vercel._models"}
    assert loaded & models == set()
    assert not any(name.startswith((f"v0_mcp.api.{other}", f"v0_mcp.tools.{other}")) for name in loaded)


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
