"""Live previews a plain browser can open: a loopback proxy to v0's token-gated preview URLs."""

from __future__ import annotations

from ._headers import PREVIEW_TOKEN_HEADER, REFRESH_HEADER
from ._paths import PathTable
from ._proxy import PreviewProxy
from ._service import PreviewService
from ._upstream import FetchPreview, TokenCache, UpstreamPreview

__all__ = [
    "PREVIEW_TOKEN_HEADER",
    "REFRESH_HEADER",
    "FetchPreview",
    "PathTable",
    "PreviewProxy",
    "PreviewService",
    "TokenCache",
    "UpstreamPreview",
]
