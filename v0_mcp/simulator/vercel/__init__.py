"""The Vercel REST subset the v2 API sends clients to, mounted at ``/vercel``.

Serve it with the rest of the simulator and point a client at
``VERCEL_API_URL=http://HOST:PORT/vercel``, with the v0 key as ``VERCEL_TOKEN``.
"""

from ._api import VercelApi, vercel_error

__all__ = ["VercelApi", "vercel_error"]
