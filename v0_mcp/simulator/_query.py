"""Read a request's query string as both API versions' SDKs send it."""

from __future__ import annotations

import re
from typing import Any, Final

from starlette.requests import Request

from ._errors import ApiError

__all__ = ["raw_query"]

# ``filter[chatId]=x`` style keys (OpenAPI's deepObject) become ``{"filter": {"chatId": "x"}}``.
_DEEP_OBJECT: Final = re.compile(r"^(\w+)\[([^\]]*)\]$")


def raw_query(request: Request) -> dict[str, Any]:
    """Return the query string as a dict, deepObject keys nested; 422 for a key given both ways."""
    raw: dict[str, Any] = {}
    for key, value in request.query_params.multi_items():
        nested = _DEEP_OBJECT.match(key)
        if nested:
            target = raw.setdefault(nested.group(1), {})
            if not isinstance(target, dict):
                raise ApiError(422, f"Invalid request query: {nested.group(1)} given both as a value and an object")
            target[nested.group(2)] = value
        else:
            raw[key] = value
    return raw
