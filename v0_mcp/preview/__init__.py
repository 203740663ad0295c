"""Live previews a plain browser can open: a loopback proxy to v0's token-gated preview URLs."""

from __future__ import annotations

from ._headers import PREVIEW_TOKEN_HEADER, REFRESH_HEADER
from ._live import LivePreviews, fetcher, upstream_of
from ._paths import PathTable
from ._proxy import PreviewProxy
from ._service import PreviewService
from ._upstream import FetchPreview, TokenCache, UpstreamPreview

__all__ = [
    "PREVIEW_TOKEN_HEADER",
    "REFRESH_HEADER",
    "FetchPreview",
    "LivePreviews",
    "PathTable",
    "PreviewProxy",
    "PreviewService",
    "TokenCache",
    "UpstreamPreview",
    "fetcher",
    "upstream_of",
]
