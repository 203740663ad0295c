"""The v0 Platform API (v1 and v2) and the Vercel REST subset, as typed async clients that know nothing of MCP.

One client core (:class:`V0Client`) speaks every version; :func:`build_client`
makes one for the selected version and :class:`VercelClient` wraps it for
Vercel. Each version's catalogue and models live in their own package
(``api.v1``, ``api.v2``), imported only by whoever uses that version; the Vercel
client is imported on first use. Only the errors load with the package: the client
and what it is built from load when first named (a server start makes no request).
"""

import importlib as _importlib
import typing as _typing

from ._errors import (
    Conflict,
    Forbidden,
    MissingAPIKey,
    MissingVercelToken,
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
    V0StreamError,
    V0TimeoutError,
    V0TransportError,
)

if _typing.TYPE_CHECKING:
    from ._client import DEFAULT_BASE_URL, RetryPolicy, Timeouts, V0Client, retry_budget
    from ._factory import build_client
    from ._operation import Catalogue, Method, Operation
    from ._pagination import paginate
    from ._sse import ContentAccumulator, SSEDecoder, StreamEvent, content_text, iter_sse, parse_sse
    from ._versions import V1, V2, VERCEL, ApiVersion, api_version
    from .vercel import VercelClient

__all__ = [
    "DEFAULT_BASE_URL",
    "V1",
    "V2",
    "VERCEL",
    "ApiVersion",
    "Catalogue",
    "Conflict",
    "ContentAccumulator",
    "Forbidden",
    "Method",
    "MissingAPIKey",
    "MissingVercelToken",
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
    "V0StreamError",
    "V0TimeoutError",
    "V0TransportError",
    "VercelClient",
    "api_version",
    "build_client",
    "content_text",
    "iter_sse",
    "paginate",
    "parse_sse",
    "retry_budget",
]

# Where each lazily loaded name lives. The errors load with the package (code
# that handles them needs nothing else); the client and what it is built from load when first named, so a
# server start that has made no request yet has not loaded them (cold start is measured).
_LAZY_FROM: dict[str, tuple[str, ...]] = {
    "._client": ("DEFAULT_BASE_URL", "RetryPolicy", "Timeouts", "V0Client", "retry_budget"),
    "._factory": ("build_client",),
    "._operation": ("Catalogue", "Method", "Operation"),
    "._pagination": ("paginate",),
    "._sse": ("ContentAccumulator", "SSEDecoder", "StreamEvent", "content_text", "iter_sse", "parse_sse"),
    "._versions": ("V1", "V2", "VERCEL", "ApiVersion", "api_version"),
    ".vercel": ("VercelClient",),
}
_LAZY: dict[str, str] = {name: home for home, names in _LAZY_FROM.items() for name in names}


def _home(obj: _typing.Any) -> None:
    # Public classes and functions name the package, not a private module, as their home (as httpx does).
    if isinstance(obj, type) or (callable(obj) and hasattr(obj, "__code__")):
        obj.__module__ = "v0_mcp.api"


def __getattr__(name: str) -> _typing.Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(_importlib.import_module(_LAZY[name], __name__), name)
    _home(value)
    globals()[name] = value
    return value


for _name in __all__:
    if _name not in _LAZY:
        _home(globals()[_name])
del _name
