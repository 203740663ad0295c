"""A faithful, stateful, local v0 Platform API v1: what ``--demo`` runs and every test drives.

```python
from v0_mcp.simulator import Simulator, SimulatorConfig

sim = Simulator(SimulatorConfig(generation_delay=0.5, seed_workspace=True))
transport = httpx.ASGITransport(app=sim.app)   # base URL http://<anything>/v1
```

All 59 operations of the catalogue, state in memory per API key, responses valid
against ``openapi.json``, v0's error envelope, ``responseMode`` sync/async/stream,
deployments whose logs appear over time, a rate limit and fault knobs. It is as strict
as v0: nulls, non-URIs, off-pattern dates and loose query booleans the spec does not
allow answer 422, placeholder keys (``undefined``, ``null``) 401 (:mod:`._strict`).
Time-dependent state is computed from an injectable clock (:class:`ManualClock` in
tests): generations take ``generation_delay`` in every mode, with jitter and quiet
stretches (:mod:`._timing`); builds print with long silences (:mod:`._builds`).
Webhooks are POSTed to loopback receivers (:mod:`._webhooks`); links in answers
(``apiUrl``, ``nextUrl``) point at the simulator itself.

To script failures for an agent under test: a prompt containing ``BUILD_ERROR`` yields a
version whose deployment fails, and so do files :func:`check_build` rejects (a missing
module or export, a type error, unbalanced brackets); a prompt containing
``NEEDS_TASK:<type>`` ends waiting on that ``chats.resolveTask`` task; and
:class:`Faults` (``sim.faults``) adds latency, errors, 429s and dropped connections.
"""

from contextlib import suppress

from ._app import Simulator
from ._build_check import check_build
from ._clock import ManualClock
from ._config import SimulatorConfig
from ._errors import ERROR_TYPES
from ._faults import Faults
from ._generate import BUILD_ERROR_MARKER, find_build_error
from ._serve import add_arguments, config_from_args, run_cli, serve, serving
from ._state import Workspace

__all__ = [
    "BUILD_ERROR_MARKER",
    "ERROR_TYPES",
    "Faults",
    "ManualClock",
    "Simulator",
    "SimulatorConfig",
    "Workspace",
    "add_arguments",
    "check_build",
    "config_from_args",
    "find_build_error",
    "run_cli",
    "serve",
    "serving",
]

for _name in __all__:
    _obj = globals()[_name]
    if isinstance(_obj, type) or callable(_obj):
        with suppress(AttributeError, TypeError):
            _obj.__module__ = __name__
