"""The Vercel REST subset that v0 API v2 relies on: deployments, build events, runtime logs, projects, env vars.

The catalogue and its models load on first use, not with the client: a v2 server
makes its Vercel client at startup and may never call Vercel.
"""

from typing import TYPE_CHECKING, Any

from ._client import FINAL_STATES, StreamRead, VercelClient

if TYPE_CHECKING:
    from ._catalogue import CATALOGUE

__all__ = ["CATALOGUE", "FINAL_STATES", "StreamRead", "VercelClient"]


def __getattr__(name: str) -> Any:
    if name == "CATALOGUE":
        from ._catalogue import CATALOGUE

        return CATALOGUE
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
