"""The Vercel REST subset that v0 API v2 relies on: deployments, build events, runtime logs, projects, env vars."""

from ._catalogue import CATALOGUE
from ._client import FINAL_STATES, StreamRead, VercelClient

__all__ = ["CATALOGUE", "FINAL_STATES", "StreamRead", "VercelClient"]
