"""The simulator over a real socket, its CLI flags and its public surface."""

from __future__ import annotations

import argparse

import httpx
import pytest

import v0_mcp.simulator as simulator
from v0_mcp.simulator import Simulator, SimulatorConfig, add_arguments, config_from_args, serving

from .conftest import sse_events


async def test_uvicorn_on_an_ephemeral_loopback_port_answers() -> None:
    sim = Simulator(SimulatorConfig(api_key="k", generation_delay=0.1))
    async with (
        serving(sim) as base_url,
        httpx.AsyncClient(base_url=base_url, headers={"Authorization": "Bearer k"}) as client,
    ):
        assert base_url.startswith("http://127.0.0.1:") and base_url.endswith("/v1")
        assert (await client.get("/user")).status_code == 200
        stream = await client.post("/chats", json={"message": "A clock", "responseMode": "experimental_stream"})
        assert sse_events(stream.text)[-1] == "[DONE]"
        sim.faults.drop_next = 1
        with pytest.raises(httpx.RemoteProtocolError):
            await client.get("/user")
        assert (await client.get("/user")).status_code == 200
        assert (await client.get("/user", headers={"Authorization": "Bearer wrong"})).status_code == 401


async def test_a_public_bind_needs_an_api_key() -> None:
    with pytest.raises(ValueError, match="API key"):
        async with serving(Simulator(), host="0.0.0.0"):
            pass


def test_flags_build_the_configuration() -> None:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    ns = parser.parse_args(
        [
            "--port",
            "9000",
            "--api-key",
            "k",
            "--seed",
            "3",
            "--generation-delay",
            "0.5",
            "--latency",
            "0.2",
            "--error-rate",
            "0.1",
            "--rate-limit",
            "10",
            "--drop-rate",
            "0.05",
            "--demo-workspace",
            "--generation-jitter",
            "0.3",
            "--quiet-stretch",
            "30:90",
            "--quiet-stretch",
            "200:60",
            "--log-interval",
            "2",
            "--webhooks-any-host",
        ]
    )
    config = config_from_args(ns)
    assert config.generation_jitter == 0.3 and config.quiet_stretches == ((30.0, 90.0), (200.0, 60.0))
    assert config.log_interval == 2.0 and config.webhook_any_host is True
    assert (ns.host, ns.port) == ("127.0.0.1", 9000)
    assert (config.api_key, config.seed, config.generation_delay, config.rate_limit) == ("k", 3, 0.5, 10)
    assert config.seed_workspace is True and config.faults is not None
    assert (config.faults.latency, config.faults.error_rate, config.faults.drop_rate) == (0.2, 0.1, 0.05)
    assert Simulator(config).faults is config.faults


@pytest.mark.parametrize("bad", ["30", "a:b", "-1:5", "5:-1"])
def test_a_malformed_quiet_stretch_is_refused_naming_the_flag(bad: str, capsys: pytest.CaptureFixture[str]) -> None:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    with pytest.raises(SystemExit):
        parser.parse_args(["--quiet-stretch", bad])
    assert "--quiet-stretch" in capsys.readouterr().err


def test_public_names_are_sorted_and_exported() -> None:
    assert simulator.__all__ == sorted(simulator.__all__)
    assert all(hasattr(simulator, name) for name in simulator.__all__)


def test_run_cli_serves_until_sigterm_and_exits_cleanly() -> None:
    import signal
    import socket
    import subprocess
    import sys
    import time

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    code = f"from v0_mcp.simulator import run_cli; raise SystemExit(run_cli(['--port', '{port}', '--demo-workspace']))"
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/v1/chats", headers={"Authorization": "Bearer k"})
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline and process.poll() is None, process.stderr.read()  # type: ignore[union-attr]
                time.sleep(0.05)
        assert len(response.json()["data"]) == 2
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate()


def test_run_cli_refuses_a_public_bind_without_a_key(capsys: pytest.CaptureFixture[str]) -> None:
    from v0_mcp.simulator import run_cli

    with pytest.raises(SystemExit) as exited:
        run_cli(["--host", "0.0.0.0"])
    assert exited.value.code == 2 and "--api-key" in capsys.readouterr().err
