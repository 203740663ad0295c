"""The settings toolset of API v2: the team's trusted preview hosts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from .._results import Result
from .._spec import ToolSpec
from ._declare import endpoint

__all__ = ["TOOLS", "PreviewHosts"]

_MAX_HOSTS: Final = 5


class PreviewHosts(Result):
    hosts: list[str]


def _hosts(response: Any, _: Mapping[str, Any]) -> PreviewHosts:
    hosts = [str(host) for host in response.hosts or []]
    room = _MAX_HOSTS - len(hosts)
    note = (
        f"{room} of {_MAX_HOSTS} places free. set_preview_hosts replaces the whole list: send every host to keep."
        if room > 0
        else f"The list is full ({_MAX_HOSTS} hosts): set_preview_hosts replaces it as a whole."
    )
    return PreviewHosts(hosts=hosts, note=note)


TOOLS: Final[tuple[ToolSpec, ...]] = (
    endpoint(
        "get_preview_hosts",
        title="Get preview hosts",
        description="List the hosts trusted to embed the team's chat previews.",
        output=PreviewHosts,
        shape=_hosts,
    ),
    endpoint(
        "set_preview_hosts",
        title="Set preview hosts",
        description=(
            "Replace the trusted preview hosts (at most 5): hostnames without scheme, port or path; "
            "*.example.com matches one label, **.example.com several."
        ),
        output=PreviewHosts,
        shape=_hosts,
    ),
)
