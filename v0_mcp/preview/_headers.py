"""What crosses the proxy: headers going up to the preview and coming back down.

Up: the browser's cookies, credentials, forwarding and proxy headers, and anything
``x-v0-*`` stay here; the only credential that leaves is the preview token the proxy
adds itself. ``Origin`` and ``Referer`` are rewritten to the preview's own origin so
the secret path never reaches the preview's code. Down: cookies, v0's control headers,
and headers that would act on the whole proxy origin (HSTS, Clear-Site-Data,
Service-Worker-Allowed) are dropped.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final
from urllib.parse import urlsplit

__all__ = ["PREVIEW_TOKEN_HEADER", "REFRESH_HEADER", "request_headers", "response_headers"]

PREVIEW_TOKEN_HEADER: Final = "x-v0-preview-token"
REFRESH_HEADER: Final = "x-v0-preview-refresh"

# RFC 9110 §7.6.1 hop-by-hop headers, never forwarded either way.
_HOP_BY_HOP: Final = frozenset(
    {"connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade"}
)
_UP_DROPPED: Final = _HOP_BY_HOP | frozenset(
    {
        "host",
        "cookie",
        "cookie2",
        "authorization",
        "forwarded",
        "via",
        "x-real-ip",
        "x-client-ip",
        "true-client-ip",
        "cf-connecting-ip",
        "content-length",  # recomputed for the body actually sent
    }
)
_UP_PREFIXES: Final = ("x-v0-", "x-forwarded-", "proxy-", "x-vercel-", "x-middleware-")
_DOWN_DROPPED: Final = _HOP_BY_HOP | frozenset(
    {
        "set-cookie",
        "set-cookie2",
        "strict-transport-security",
        "clear-site-data",
        "service-worker-allowed",
        "alt-svc",
        "public-key-pins",
        "referrer-policy",  # replaced: see response_headers
    }
)
_DOWN_PREFIXES: Final = ("x-v0-", "proxy-")


def _named_by_connection(headers: Iterable[tuple[str, str]]) -> set[str]:
    """Headers that ``Connection: a, b`` marks as hop-by-hop for this hop."""
    return {
        part.strip().lower() for name, value in headers if name.lower() == "connection" for part in value.split(",")
    }


def request_headers(
    headers: list[tuple[str, str]], *, token: str, upstream_origin: str, proxy_prefix: str, upstream_base: str
) -> list[tuple[str, str]]:
    """Return the headers to send up: filtered, ``Origin``/``Referer`` mapped upstream, the token added."""
    extra = _named_by_connection(headers)
    out: list[tuple[str, str]] = []
    for name, value in headers:
        low = name.lower()
        if low in _UP_DROPPED or low in extra or low.startswith(_UP_PREFIXES):
            continue
        if low == "origin":
            value = upstream_origin
        elif low == "referer":
            path = urlsplit(value).path
            if not path.startswith(proxy_prefix):
                continue  # a page outside this preview: say nothing about it
            value = upstream_base.rstrip("/") + "/" + path[len(proxy_prefix) :].lstrip("/")
        out.append((low, value))
    if token:
        out.append((PREVIEW_TOKEN_HEADER, token))
    return out


def response_headers(
    headers: Iterable[tuple[str, str]], *, upstream_origin: str, proxy_prefix: str
) -> list[tuple[str, str]]:
    """Return the headers to send down: filtered, redirects kept inside the proxy path."""
    pairs = list(headers)
    extra = _named_by_connection(pairs)
    out: list[tuple[str, str]] = []
    for name, value in pairs:
        low = name.lower()
        if low in _DOWN_DROPPED or low in extra or low.startswith(_DOWN_PREFIXES):
            continue
        if low in ("location", "content-location"):
            value = _inside(value, upstream_origin=upstream_origin, proxy_prefix=proxy_prefix)
        out.append((low, value))
    # The secret path must not leave in a Referer to third-party sites the preview links to.
    out.append(("referrer-policy", "same-origin"))
    return out


def _inside(location: str, *, upstream_origin: str, proxy_prefix: str) -> str:
    """Map a redirect target on the preview's origin (absolute or root-relative) into the proxy path."""
    if location.startswith(upstream_origin + "/") or location == upstream_origin:
        location = location[len(upstream_origin) :] or "/"
    if location.startswith("/") and not location.startswith("//"):
        return proxy_prefix.rstrip("/") + location
    return location  # relative, or another site: the browser resolves it as v0 meant
