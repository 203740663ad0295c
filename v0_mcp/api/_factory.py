"""Build the client the server needs, loading only the selected API version."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._client import RetryPolicy, Timeouts, V0Client
from ._versions import api_version

if TYPE_CHECKING:
    from ._client import Transport

__all__ = ["build_client"]


def build_client(
    version: str,
    api_key: str | None = None,
    base_url: str | None = None,
    transport: Transport | None = None,
    *,
    timeouts: Timeouts | None = None,
    retry: RetryPolicy | None = None,
) -> V0Client:
    """Return a client for v0 API ``version`` (``"v1"`` or ``"v2"``).

    ``base_url`` defaults to ``V0_API_URL``, else the version's own
    (``https://api.v0.dev/v2`` on v2). Nothing of the other version is imported.
    """
    return V0Client(
        api_key, base_url=base_url, transport=transport, timeouts=timeouts, retry=retry, api=api_version(version)
    )
