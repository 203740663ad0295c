"""The declaring helpers of the shared tool machinery, bound to API v1's vocabulary."""

from __future__ import annotations

from functools import partial
from typing import Final

from .. import _endpoint, _generation
from .._spec import ToolSpec
from ._vocabulary import VOCABULARY

__all__ = ["endpoint", "generation", "plain", "wait_for_generation"]

endpoint: Final = partial(_endpoint.endpoint, VOCABULARY)
plain: Final = partial(_endpoint.plain, VOCABULARY)
generation: Final = partial(_generation.generation, VOCABULARY)
wait_for_generation: Final[ToolSpec] = _generation.wait_for_generation(VOCABULARY)
