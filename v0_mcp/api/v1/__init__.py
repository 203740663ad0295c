"""The v0 Platform API v1: its catalogue of operations and its generated models.

Imported only when v1 is the API in use, so a process that talks to another
version never loads v1's models.
"""

from . import _models as models
from ._catalogue import CATALOGUE

__all__ = ["CATALOGUE", "models"]
