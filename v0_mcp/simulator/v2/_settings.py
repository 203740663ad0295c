"""Timing and behaviour knobs of the v2 simulator and its Vercel part.

They live on ``sim.v2.settings`` and may be changed while serving (tests set them
directly). Generation time comes from ``SimulatorConfig.generation_delay`` and the
build pace from ``SimulatorConfig.log_interval``, as on v1, so one flag drives both.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["V2Settings"]


@dataclass
class V2Settings:
    """What the v2 simulator does over (simulated) time.

    **Parameters:**

    * **preview_delay** - seconds from the first ``getPreview`` until the preview runs.
    * **preview_ttl** - seconds a preview token lives (``expiresAt``).
    * **preview_refresh** - every preview response carries ``x-v0-preview-refresh: 1``
      (a chat file named ``.v0-preview-refresh`` does the same for one chat).
    * **connect_delay** - seconds a Vercel Connect setup stays ``pending``.
    * **queue_delay** - seconds a deployment stays ``QUEUED`` before its build starts.
    * **runtime_log_interval** - seconds between two runtime log lines of a READY deployment.
    * **follow_limit** - most real seconds a ``follow=1`` build-event stream stays open.
    """

    preview_delay: float = 3.0
    preview_ttl: float = 3600.0
    preview_refresh: bool = False
    connect_delay: float = 5.0
    queue_delay: float = 1.0
    runtime_log_interval: float = 7.0
    follow_limit: float = 30.0
