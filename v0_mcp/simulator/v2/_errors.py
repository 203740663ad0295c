"""v2's error envelope (api-notes.md §2): a flat ``{"message"}``, plus ``issues[]`` for file edits.

Handlers raise the v1 simulator's :class:`ApiError` (same statuses, same meaning); only
the body differs, so v2 renders it here.
"""

from __future__ import annotations

import math
from typing import Any

from starlette.responses import JSONResponse

from .._errors import ApiError

__all__ = ["ApiError", "FileIssues", "error_response"]


class FileIssues(ApiError):
    """422 of ``chats.updateFiles`` naming each offending body field (``files.0.content``)."""

    def __init__(self, issues: list[dict[str, str]]) -> None:
        super().__init__(422, "Invalid file contents")
        self.issues = issues


def error_response(status: int, message: str, *, retry_after: float | None = None) -> JSONResponse:
    """Build ``{"message"}`` with the status (and ``Retry-After`` on throttling)."""
    headers = {}
    if retry_after is not None:
        headers["Retry-After"] = str(max(0, math.ceil(retry_after)))
    return JSONResponse({"message": message}, status_code=status, headers=headers)


def render(exc: ApiError) -> JSONResponse:
    """Turn a raised error into its response."""
    if isinstance(exc, FileIssues):
        body: dict[str, Any] = {"message": exc.message, "issues": exc.issues}
        return JSONResponse(body, status_code=422)
    return error_response(exc.status, exc.message, retry_after=exc.retry_after)
