"""The v0 Platform API v2: its models, its catalogue of 44 operations, and its streams.

Imported only when v2 is the selected version (see :func:`v0_mcp.api.build_client`).
"""

from . import _models as models
from ._catalogue import CATALOGUE
from ._delta import DeltaError, apply_delta
from ._generation import OnEvent, follow_generation, resume_generation
from ._preview import Preview, preview_of
from ._sse import SSEDecoder, iter_events, parse_events
from ._stream import StreamState, fold
from ._tasks import PendingTask, pending_task

__all__ = [
    "CATALOGUE",
    "DeltaError",
    "OnEvent",
    "PendingTask",
    "Preview",
    "SSEDecoder",
    "StreamState",
    "apply_delta",
    "fold",
    "follow_generation",
    "iter_events",
    "models",
    "parse_events",
    "pending_task",
    "preview_of",
    "resume_generation",
]
