"""The error envelope of api-notes.md §2: ``{"error": {"message", "type"}}`` with v0's statuses."""

from __future__ import annotations

import math
from typing import Final

from starlette.responses import JSONResponse

__all__ = ["ERROR_TYPES", "ApiError", "error_response"]

ERROR_TYPES: Final[dict[int, str]] = {
    401: "unauthorized_error",
    403: "forbidden_error",
    404: "not_found_error",
    409: "conflict_error",
    413: "payload_too_large_error",
    422: "unprocessable_entity_error",
    429: "too_many_requests_error",
    500: "internal_server_error",
}


class ApiError(Exception):
    """An error v0 would answer; handlers raise it and the app turns it into the envelope."""

    def __init__(self, status: int, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.retry_after = retry_after


def error_response(status: int, message: str, *, retry_after: float | None = None) -> JSONResponse:
    """Build the envelope; statuses outside the spec (502, 503, 504) reuse ``internal_server_error``."""
    kind = ERROR_TYPES.get(status, "internal_server_error")
    headers = {}
    if retry_after is not None:
        headers["Retry-After"] = str(max(0, math.ceil(retry_after)))
    return JSONResponse({"error": {"message": message, "type": kind}}, status_code=status, headers=headers)
