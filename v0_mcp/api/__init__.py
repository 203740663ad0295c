"""The v0 Platform API v1, as a typed async client that knows nothing of MCP."""

from . import _models as models
from ._catalogue import CATALOGUE, Kind, Method, Operation, Toolset, operation

__all__ = ["CATALOGUE", "Kind", "Method", "Operation", "Toolset", "models", "operation"]
