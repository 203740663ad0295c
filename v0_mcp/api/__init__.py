"""The v0 Platform API, as a typed async client that knows nothing of MCP.

Each API version's catalogue and models live in their own package (``api.v1``),
imported only by whoever uses that version.
"""

from ._client import DEFAULT_BASE_URL, RetryPolicy, Timeouts, V0Client
from ._errors import (
    Conflict,
    Forbidden,
    MissingAPIKey,
    NotFound,
    PayloadTooLarge,
    RateLimited,
    ServerError,
    Unauthorized,
    Unprocessable,
    V0APIError,
    V0Error,
    V0RequestError,
    V0ResponseError,
    V0TimeoutError,
    V0TransportError,
)
from ._operation import Catalogue, Method, Operation
from ._pagination import paginate
from ._sse import ContentAccumulator, SSEDecoder, StreamEvent, content_text, iter_sse, parse_sse

__all__ = [
    "DEFAULT_BASE_URL",
    "Catalogue",
    "Conflict",
    "ContentAccumulator",
    "Forbidden",
    "Method",
    "MissingAPIKey",
    "NotFound",
    "Operation",
    "PayloadTooLarge",
    "RateLimited",
    "RetryPolicy",
    "SSEDecoder",
    "ServerError",
    "StreamEvent",
    "Timeouts",
    "Unauthorized",
    "Unprocessable",
    "V0APIError",
    "V0Client",
    "V0Error",
    "V0RequestError",
    "V0ResponseError",
    "V0TimeoutError",
    "V0TransportError",
    "content_text",
    "iter_sse",
    "paginate",
    "parse_sse",
]

# Public classes and functions name the package, not a private module, as their home (as httpx does).
for _name in __all__:
    _obj = globals()[_name]
    if isinstance(_obj, type) or (callable(_obj) and hasattr(_obj, "__code__")):
        _obj.__module__ = "v0_mcp.api"
del _name, _obj
