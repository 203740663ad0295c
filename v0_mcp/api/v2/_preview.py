"""Read ``chats.getPreview`` answers in every shape documented for them.

The spec answers ``{url, token, expiresAt}``, or ``null`` while the preview
starts; some revisions of v0's docs wrap it as ``{"preview": {...} | null}``.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from ._models import ChatsGetPreviewResponse0

__all__ = ["Preview", "preview_of"]

Preview = ChatsGetPreviewResponse0


def preview_of(answer: Any) -> Preview | None:
    """Return the running preview in a ``chats.getPreview`` answer, or None while it is starting."""
    dump = isinstance(answer, BaseModel)
    data = answer.model_dump(mode="json", by_alias=True, exclude_none=True) if dump else answer
    if isinstance(data, dict) and "url" not in data and "preview" in data:
        data = data["preview"]
    if not isinstance(data, dict) or not data.get("url"):
        return None
    return Preview.model_validate(data)
