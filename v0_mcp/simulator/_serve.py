"""Running the simulator over HTTP with uvicorn, and the flags the CLI exposes for it."""

from __future__ import annotations

import argparse
import functools
import ipaddress
import logging
import signal
import socket
import sys
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

import anyio
import uvicorn

from ._app import Simulator
from ._config import SimulatorConfig
from ._faults import Faults

__all__ = ["add_arguments", "config_from_args", "run_cli", "serve", "serving"]

log = logging.getLogger(__name__)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class _Server(uvicorn.Server):
    """A uvicorn server that says when it is listening."""

    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self.ready = anyio.Event()

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=sockets)
        if self.started:  # only once the port is bound: a failed bind has already said why
            host, port = self.servers[0].sockets[0].getsockname()[:2]
            log.info("v0 simulator on http://%s:%d (API v1 under /v1, v2 under /v2, Vercel under /vercel)", host, port)
        self.ready.set()


def _server(sim: Simulator, host: str, port: int) -> _Server:
    if not _is_loopback(host) and sim.config.api_key is None:
        raise ValueError(f"refusing to serve on {host}: a non-loopback bind needs an API key (--api-key)")
    config = uvicorn.Config(sim.app, host=host, port=port, log_level="warning", lifespan="off", access_log=False)
    return _Server(config)


async def serve(
    host: str = "127.0.0.1",
    port: int = 8787,
    config: SimulatorConfig | None = None,
    *,
    simulator: Simulator | None = None,
) -> None:
    """Serve the simulator with uvicorn until cancelled; the API is under ``http://host:port/v1``."""
    sim = simulator or Simulator(config)
    await _server(sim, host, port).serve()


@asynccontextmanager
async def serving(simulator: Simulator | None = None, *, host: str = "127.0.0.1", port: int = 0) -> AsyncIterator[str]:
    """Run the simulator in the background (port 0: an ephemeral one) and yield its base URL, ``.../v1``."""
    sim = simulator or Simulator()
    server = _server(sim, host, port)
    async with anyio.create_task_group() as tg:
        tg.start_soon(server.serve)
        await server.ready.wait()
        bound = server.servers[0].sockets[0].getsockname()[1]
        try:
            yield f"http://{host}:{bound}/v1"
        finally:
            server.should_exit = True


def add_arguments(parser: argparse.ArgumentParser, *, address: bool = True) -> None:
    """Add the simulator's flags to ``parser`` (``--host``/``--port`` only when ``address``)."""
    group = parser.add_argument_group("simulator")
    if address:
        group.add_argument("--host", default="127.0.0.1", help="interface to bind (default: %(default)s)")
        group.add_argument("--port", type=int, default=8787, help="port to bind (default: %(default)s)")
    group.add_argument("--api-key", default=None, help="accept only this bearer key (default: any non-empty key)")
    group.add_argument("--seed", type=int, default=0, help="seed of ids, generated files and faults")
    group.add_argument("--generation-delay", type=float, default=2.0, help="seconds a generation takes (any mode)")
    group.add_argument(
        "--generation-jitter", type=float, default=0.0, help="spread of generation times, as a fraction of the delay"
    )
    group.add_argument(
        "--quiet-stretch",
        action="append",
        default=[],
        metavar="OFFSET:LENGTH",
        type=_stretch,
        help="seconds after a generation starts, and for how long, it writes nothing (repeatable)",
    )
    group.add_argument("--log-interval", type=float, default=0.5, help="pace of deployment builds, in seconds")
    group.add_argument(
        "--webhooks-any-host", action="store_true", help="deliver webhooks to any URL, not only loopback ones"
    )
    group.add_argument("--latency", type=float, default=0.0, help="seconds added to every request")
    group.add_argument("--error-rate", type=float, default=0.0, help="fraction of requests answering 500")
    group.add_argument("--rate-limit", type=int, default=600, help="requests per key per minute before 429")
    group.add_argument("--drop-rate", type=float, default=0.0, help="fraction of requests whose connection drops")
    group.add_argument("--demo-workspace", action="store_true", help="start every key with the demo workspace")


def _stretch(text: str) -> tuple[float, float]:
    """Parse ``OFFSET:LENGTH`` (seconds) for ``--quiet-stretch``."""
    offset, sep, length = text.partition(":")
    try:
        pair = (float(offset), float(length))
    except ValueError:
        pair = (-1.0, -1.0)
    if not sep or min(pair) < 0:
        raise argparse.ArgumentTypeError(f"expected OFFSET:LENGTH in seconds, e.g. 30:90, not {text!r}")
    return pair


def config_from_args(ns: argparse.Namespace) -> SimulatorConfig:
    """Build the configuration the flags of :func:`add_arguments` describe."""
    faults = Faults(latency=ns.latency, error_rate=ns.error_rate, drop_rate=ns.drop_rate, seed=ns.seed)
    return SimulatorConfig(
        api_key=ns.api_key or None,
        seed=ns.seed,
        generation_delay=ns.generation_delay,
        generation_jitter=ns.generation_jitter,
        quiet_stretches=tuple(ns.quiet_stretch),
        log_interval=ns.log_interval,
        webhook_any_host=ns.webhooks_any_host,
        rate_limit=ns.rate_limit,
        seed_workspace=ns.demo_workspace,
        faults=faults,
    )


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run_cli(argv: Sequence[str] | None = None) -> int:
    """Run ``v0-mcp simulator``: serve until SIGINT or SIGTERM, then return the exit status."""
    parser = argparse.ArgumentParser(
        prog="v0-mcp simulator",
        description="A local, stateful v0 Platform API for testing clients and agents without spending credits. "
        "API v1 is served under http://HOST:PORT/v1, API v2 under /v2 and the Vercel REST subset under /vercel "
        "(the v0 key is also the Vercel token); any non-empty bearer key is its own workspace.",
    )
    add_arguments(parser)
    ns = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    config = config_from_args(ns)
    if not _is_loopback(ns.host) and config.api_key is None:
        parser.error(f"a non-loopback --host ({ns.host}) needs --api-key")
    previous = signal.signal(signal.SIGTERM, _interrupt)  # uvicorn re-raises it after a graceful shutdown
    try:
        anyio.run(functools.partial(serve, ns.host, ns.port, config))
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
    return 0
