"""The declaring helpers of the shared tool machinery, bound to API v2's vocabulary."""

from __future__ import annotations

from functools import partial
from typing import Final

from .. import _endpoint
from ._vocabulary import VOCABULARY

__all__ = ["endpoint", "plain"]

endpoint: Final = partial(_endpoint.endpoint, VOCABULARY)
plain: Final = partial(_endpoint.plain, VOCABULARY)
