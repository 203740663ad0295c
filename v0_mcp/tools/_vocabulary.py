"""How an API version's operations are exposed as tools: one entry per tool, per version.

An :class:`Exposure` names a tool, its toolset and kind, whether it is in the
builder profile, and the operation(s) behind it (the first is the main call; an
entry such as ``vercel:GET /v13/...`` names a Vercel endpoint). A version's
vocabulary (``tools.v1._vocabulary``) mirrors its ``spec/tool-vocabulary*.json``;
a test keeps the two equal. The API catalogues know nothing of this.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING, Final

from ._toolsets import Kind

if TYPE_CHECKING:  # a version's vocabulary loads with its tools; startup reads neither
    from ..api import Catalogue, Operation
    from ._adapter import Adapter

__all__ = ["VERCEL_PREFIX", "Exposure", "Kind", "Vocabulary", "vercel_operation"]

VERCEL_PREFIX: Final = "vercel:"  # an operation of the Vercel REST API, not of v0's


@dataclass(frozen=True)
class Exposure:
    """One tool of one API version: its name, where it belongs, and what backs it."""

    tool: str
    toolset: str
    kind: Kind
    builder: bool
    operations: tuple[str, ...] = ()  # empty for workflow tools (wait_for_generation)
    version: str = ""  # the API version, filled in by its Vocabulary

    @property
    def vercel(self) -> tuple[str, ...]:
        """The Vercel endpoints behind the tool (``vercel:GET /v13/...`` entries), without the prefix."""
        return tuple(op.removeprefix(VERCEL_PREFIX) for op in self.operations if op.startswith(VERCEL_PREFIX))


def vercel_operation(entry: str) -> Operation:
    """Return the Vercel catalogue's operation for ``vercel:METHOD PATH`` (or ``METHOD PATH``)."""
    from ..api.vercel._catalogue import CATALOGUE  # loaded only by the tools that call Vercel

    method, _, path = entry.removeprefix(VERCEL_PREFIX).partition(" ")
    found = next((op for op in CATALOGUE if op.method == method and op.path == path), None)
    if found is None:
        raise KeyError(f"the Vercel catalogue has no {method} {path}")
    return found


class Vocabulary:
    """The tools of one API version, looked up by tool name, over that version's catalogue."""

    def __init__(
        self, version: str, catalogue: Callable[[], Catalogue], adapter: Adapter, exposures: Iterable[Exposure]
    ) -> None:
        self.version: Final = version
        self.adapter: Final = adapter  # the version's seam for waits, resources and completions
        self._catalogue = catalogue  # a loader: the catalogue imports the version's models
        self.exposures: tuple[Exposure, ...] = tuple(replace(e, version=version) for e in exposures)
        self._by_tool = {exposure.tool: exposure for exposure in self.exposures}
        if len(self._by_tool) != len(self.exposures):
            raise ValueError(f"a tool is declared twice in the {version} vocabulary")

    @cached_property
    def catalogue(self) -> Catalogue:
        return self._catalogue()

    def __getitem__(self, tool: str) -> Exposure:
        try:
            return self._by_tool[tool]
        except KeyError:
            raise KeyError(f"no {self.version} tool named {tool!r}") from None

    def __contains__(self, tool: object) -> bool:
        return tool in self._by_tool

    def __iter__(self) -> Iterator[Exposure]:
        return iter(self.exposures)

    def operation(self, tool: str) -> Operation:
        """Return the main operation behind ``tool`` (a Vercel one for ``vercel:METHOD PATH``)."""
        exposure = self[tool]
        if not exposure.operations:
            raise KeyError(f"{self.version} tool {tool!r} is not backed by an operation")
        main = exposure.operations[0]
        return vercel_operation(main) if main.startswith(VERCEL_PREFIX) else self.catalogue[main]

    def exposing(self, operation_id: str) -> Exposure | None:
        """Return the tool whose main call is ``operation_id``, if any (v0 operations only)."""
        return next((e for e in self.exposures if e.operations[:1] == (operation_id,)), None)
