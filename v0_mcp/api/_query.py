"""Query-string encoding that matches what the v0 SDK puts on the wire.

The query models hold Python values (``bool``, ``datetime``, numbers, a metadata
``dict``); the API wants the SDK's ``URLSearchParams`` rendering of them:
``true``/``false``, ISO-8601 UTC with ``Z``, JavaScript number text and the
deepObject form ``metadata[key]=value``. Only fields the caller set are sent.
"""

from __future__ import annotations

import enum
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel

__all__ = ["encode_query", "encode_scalar"]


def encode_scalar(value: Any) -> str:
    """Render one query value as the SDK would."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        moment = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, enum.Enum):
        return encode_scalar(value.value)
    return str(value)


def encode_query(model: BaseModel | None) -> list[tuple[str, str]]:
    """Return the query pairs for the fields set on ``model``, in declaration order."""
    if model is None:
        return []
    pairs: list[tuple[str, str]] = []
    for name, info in type(model).model_fields.items():
        if name not in model.model_fields_set:
            continue
        value = getattr(model, name)
        key = info.alias or name
        if value is None:
            continue
        if isinstance(value, dict):
            pairs.extend((f"{key}[{k}]", encode_scalar(v)) for k, v in value.items() if v is not None)
        elif isinstance(value, (list, tuple)):
            pairs.extend((key, encode_scalar(v)) for v in value if v is not None)
        else:
            pairs.append((key, encode_scalar(value)))
    return pairs
