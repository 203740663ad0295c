"""What an API operation is, for any API version: endpoint facts, nothing about tools.

A catalogue per API version (``api/v1``, ``api/v2``, the Vercel subset) is a
:class:`Catalogue` of these. The client builds requests from an operation and the
simulator routes by it; how an operation is exposed as an MCP tool is declared on
the tools side, from the tool vocabulary, so this module stays free of MCP.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal
from urllib.parse import quote

from pydantic import TypeAdapter

__all__ = ["Catalogue", "Content", "Method", "Mode", "Operation", "Pagination"]

Method = Literal["GET", "POST", "PUT", "PATCH", "DELETE"]
Content = Literal["json", "binary", "sse", "ndjson"]
Pagination = Literal["offset", "cursor", "since"]
# How a generation answers: v1 picks it with ``responseMode`` in the body; v2 has one endpoint per mode.
Mode = Literal["sync", "stream", "async"]

_PATH_PARAM = re.compile(r"{(\w+)}")


@dataclass(frozen=True)
class Operation:
    """One endpoint: how to call it and what it answers."""

    id: str
    method: Method
    path: str
    query: Any = None  # a Request model for the query string
    body: Any = None  # a Request model, or an Annotated union of them
    response: Any = None  # a Response model or union; None for binary and SSE bodies
    content: Content = "json"
    pagination: Pagination | None = None
    items: str | None = None  # for paginated operations: the response field that holds a page's items
    generation: bool = False  # starts (or waits on) a generation that may run for minutes
    mode: Mode | None = None  # for generations: which response mode this endpoint gives
    status: int = 200  # the success status the API answers
    _adapters: dict[str, TypeAdapter[Any]] = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def path_params(self) -> tuple[str, ...]:
        """Return the names of the path's parameters, in order."""
        return tuple(_PATH_PARAM.findall(self.path))

    @property
    def idempotent(self) -> bool:
        """Whether sending the request twice has the effect of sending it once."""
        return self.method in ("GET", "PUT", "PATCH", "DELETE")

    def query_adapter(self) -> TypeAdapter[Any]:
        """Return a validator for the query string."""
        return self._adapter("query", self.query)

    def body_adapter(self) -> TypeAdapter[Any]:
        """Return a validator for the request body (which may be a union)."""
        return self._adapter("body", self.body)

    def response_adapter(self) -> TypeAdapter[Any]:
        """Return a validator for the response body (which may be a union)."""
        return self._adapter("response", self.response)

    def _adapter(self, key: str, annotation: Any) -> TypeAdapter[Any]:
        # Built on first use: a run touches few operations, and building all would slow startup.
        if key not in self._adapters:
            self._adapters[key] = TypeAdapter(annotation)
        return self._adapters[key]

    def url_path(self, params: dict[str, str]) -> str:
        """Fill the path template with percent-encoded ``params``."""
        return _PATH_PARAM.sub(lambda m: quote(str(params[m.group(1)]), safe=""), self.path)


class Catalogue:
    """The operations of one API version, looked up by operationId within that version only.

    Two versions may share an operationId with different endpoints (``chats.resume``
    is on both v1 and v2), so there is no global lookup.
    """

    def __init__(self, name: str, operations: Iterable[Operation]) -> None:
        self.name = name
        self.operations: tuple[Operation, ...] = tuple(operations)
        self._by_id = {op.id: op for op in self.operations}
        if len(self._by_id) != len(self.operations):
            raise ValueError(f"duplicate operationId in the {name} catalogue")

    def __getitem__(self, operation_id: str) -> Operation:
        try:
            return self._by_id[operation_id]
        except KeyError:
            raise KeyError(f"unknown {self.name} operation: {operation_id!r}") from None

    def __contains__(self, operation_id: object) -> bool:
        return operation_id in self._by_id

    def __iter__(self) -> Iterator[Operation]:
        return iter(self.operations)

    def __len__(self) -> int:
        return len(self.operations)

    def __repr__(self) -> str:
        return f"Catalogue({self.name!r}, {len(self)} operations)"
