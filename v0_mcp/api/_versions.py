"""What sets one API apart from another, for the one client core to follow.

:class:`~v0_mcp.api.V0Client` holds auth, retries, timeouts, errors, pagination
and streaming once; an :class:`ApiVersion` tells it what differs: the default
base URL, where operations are looked up, the stream wire format and a few
request habits. Each description imports its own catalogue and models only when
first asked, so a server started for v2 never loads v1's modules and vice versa.
"""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Literal

from ._errors import MissingAPIKey, MissingVercelToken
from ._sse import StreamEvent, iter_sse

if TYPE_CHECKING:
    from ._operation import Catalogue

__all__ = ["V1", "V2", "VERCEL", "ApiVersion", "VersionName", "api_version"]

VersionName = Literal["v1", "v2"]


@dataclass(frozen=True, slots=True, kw_only=True)
class ApiVersion:
    """One API's description. See the module docstring."""

    name: str
    service: str  # how messages name the API ("v0", "Vercel")
    default_base_url: str
    base_url_env: str
    key_env: str
    missing_key: type[MissingAPIKey]
    catalogue: Callable[[], Catalogue]  # imports the version's catalogue on first use
    events: Callable[[AsyncIterable[bytes]], AsyncIterator[StreamEvent]] = iter_sse
    session_header: str | None = None  # v1 echoes x-session-token back to the API
    response_mode: bool = False  # v1: a generation's body picks its mode with ``responseMode``
    empty_body: bool = True  # send ``{}`` when no body field is set (v2 sends no body, as its SDK does)
    stream_accept: str = "text/event-stream"

    def __repr__(self) -> str:
        return f"ApiVersion({self.name!r})"


def _v1() -> Catalogue:
    from .v1 import CATALOGUE

    return CATALOGUE


def _v2() -> Catalogue:
    from .v2._catalogue import CATALOGUE

    return CATALOGUE


def _v2_events(chunks: AsyncIterable[bytes]) -> AsyncIterator[StreamEvent]:
    from .v2._sse import iter_events

    return iter_events(chunks)


def _vercel() -> Catalogue:
    from .vercel._catalogue import CATALOGUE

    return CATALOGUE


V1: Final = ApiVersion(
    name="v1",
    service="v0",
    default_base_url="https://api.v0.dev/v1",
    base_url_env="V0_API_URL",
    key_env="V0_API_KEY",
    missing_key=MissingAPIKey,
    catalogue=_v1,
    session_header="x-session-token",
    response_mode=True,
)
V2: Final = ApiVersion(
    name="v2",
    service="v0",
    default_base_url="https://api.v0.dev/v2",
    base_url_env="V0_API_URL",
    key_env="V0_API_KEY",
    missing_key=MissingAPIKey,
    catalogue=_v2,
    events=_v2_events,
    empty_body=False,
)
VERCEL: Final = ApiVersion(
    name="vercel",
    service="Vercel",
    default_base_url="https://api.vercel.com",
    base_url_env="VERCEL_API_URL",
    key_env="VERCEL_TOKEN",
    missing_key=MissingVercelToken,
    catalogue=_vercel,
    empty_body=False,
    stream_accept="application/stream+json",  # build events with follow=1, runtime logs
)


def api_version(name: str) -> ApiVersion:
    """Return the description of v0 API ``name`` (``"v1"`` or ``"v2"``)."""
    try:
        return {"v1": V1, "v2": V2}[name]
    except KeyError:
        raise ValueError(f"unknown v0 API version {name!r}: use 'v1' or 'v2'") from None
