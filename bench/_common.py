"""What every benchmark shares: figures, statistics, the machine, and the processes it spawns."""

from __future__ import annotations

import asyncio
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Final

import httpx

__all__ = [
    "BENCH_DIR",
    "SIM_KEY",
    "Figure",
    "Section",
    "child_env",
    "free_port",
    "machine",
    "median",
    "ms",
    "percentile",
    "proc_status_kib",
    "simulator",
    "wait_http",
]

BENCH_DIR: Final = Path(__file__).resolve().parent
SIM_KEY: Final = "bench-key"


@dataclass
class Figure:
    """One measured figure and the baseline it is a ratio against (both measured in the same run)."""

    metric: str
    value: float
    unit: str
    baseline: str
    baseline_value: float
    target: str | None = None  # e.g. "<= 1.25x", "<= 1 ms"
    met: bool | None = None
    note: str | None = None

    @property
    def ratio(self) -> float:
        return self.value / self.baseline_value if self.baseline_value else float("nan")

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "ratio": round(self.ratio, 3)}


@dataclass
class Section:
    """The figures of one benchmark, and the raw details behind them."""

    name: str
    title: str
    figures: list[Figure] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "seconds": round(self.seconds, 1),
            "figures": [figure.to_json() for figure in self.figures],
            "details": self.details,
        }


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def percentile(values: Sequence[float], fraction: float) -> float:
    """Return the ``fraction`` quantile (nearest rank) of ``values``."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[rank]


def ms(seconds: float) -> float:
    return round(seconds * 1000, 3)


def machine() -> dict[str, Any]:
    """Describe the machine a run came from: CPU, cores, memory, OS and Python (no paths, no names)."""
    cpu = platform.processor() or platform.machine()
    memory_gib: float | None = None
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_gib = round(int(line.split()[1]) / 1024 / 1024, 1)
                break
    except OSError:
        pass
    from importlib.metadata import version

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": memory_gib,
        "os": platform.system(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "mcp": version("mcp"),
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def child_env(**extra: str) -> dict[str, str]:
    """This process's environment without any v0 key or v0-mcp setting, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("V0_API", "V0_MCP"))}
    return {**env, **extra}


def proc_status_kib(pid: int) -> dict[str, int]:
    """Return the ``Vm*`` fields of ``/proc/<pid>/status`` in KiB (Linux)."""
    fields: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, rest = line.partition(":")
        if name.startswith("Vm") and rest.strip().endswith("kB"):
            fields[name] = int(rest.split()[0])
    return fields


@contextmanager
def simulator(*flags: str, port: int | None = None) -> Iterator[str]:
    """Run ``v0-mcp simulator`` on loopback with no rate limit of its own; yield its API URL."""
    port = port or free_port()
    command = [sys.executable, "-m", "v0_mcp", "simulator", "--host", "127.0.0.1", "--port", str(port)]
    command += ["--api-key", SIM_KEY, "--demo-workspace", "--rate-limit", "1000000000", *flags]
    process = subprocess.Popen(
        command, env=child_env(), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the simulator exited with {process.returncode}")
            try:
                if httpx.get(f"{url}/user", headers={"Authorization": f"Bearer {SIM_KEY}"}, timeout=1).is_success:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the simulator did not start")
            time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


async def wait_http(url: str, within: float = 30.0) -> None:
    """Wait (at most ``within`` seconds) until ``url`` answers 200."""
    deadline = time.monotonic() + within
    async with httpx.AsyncClient(timeout=1) as http:
        while True:
            try:
                if (await http.get(url)).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{url} did not answer")
            await asyncio.sleep(0.05)
