"""The v0 Platform API v2 simulator, mounted at ``/v2`` (and its preview site at ``/v2-preview``).

```python
sim = Simulator(SimulatorConfig(generation_delay=0.2))
async with httpx.AsyncClient(transport=httpx.ASGITransport(app=sim.app), base_url="http://sim/v2",
                             headers={"Authorization": "Bearer any-key"}) as client:
    ids = (await client.post("/chats/async", json={"message": "A todo app"})).json()
```

All 44 operations with v2's strict request validation and flat error envelope; messages
whose parts grow over (simulated) time; sync, stream and async modes; blocked
generations (a prompt containing ``NEEDS_TASK:<type>``); files, preview, restore,
duplicate; deploys that build on the Vercel part (``/vercel``); webhooks. Knobs are on
``sim.v2.settings`` (:class:`V2Settings`).
"""

from ._api import V2Api
from ._delta import diff
from ._settings import V2Settings
from ._state import V2Workspace

__all__ = ["V2Api", "V2Settings", "V2Workspace", "diff"]
