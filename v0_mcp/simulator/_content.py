"""An assistant reply as v0 carries it: plain ``content``, the ``experimental_content`` AST and stream deltas.

A reply is cut into *units*: its first word, then groups of three words, then groups of
four lines of the code block. ``tree(k)`` is the AST after ``k`` units, which is what a
pending or stopped message shows; ``deltas()`` are the stream's chunk deltas, which
rebuild ``tree(total)`` from ``[]`` using only the two forms of api-notes.md §4: the
jsondiffpatch array add ``{"_t": "a", "0": [node]}`` (once, with the whole node list)
and v0's string append ``[[*path, "text"], 9, 9]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

__all__ = ["Reply"]

_TEXT_PATH = (0, 1, 0, 2, 2)  # content[0] -> nodes -> <p> -> ["text", {}, str] -> str
_WORDS_PER_UNIT = 3
_LINES_PER_UNIT = 4


@dataclass(frozen=True)
class Reply:
    """The content of one assistant message."""

    text: str
    code: str = ""
    code_file: str | None = None
    code_lang: str = "tsx"
    task: str | None = None

    @cached_property
    def _text_units(self) -> list[str]:
        words = re.findall(r"\s*\S+", self.text) or [self.text]
        rest = words[1:]
        return [words[0]] + ["".join(rest[i : i + _WORDS_PER_UNIT]) for i in range(0, len(rest), _WORDS_PER_UNIT)]

    @cached_property
    def _code_units(self) -> list[str]:
        if self.code_file is None:
            return []
        lines = self.code.splitlines(keepends=True)
        return ["".join(lines[i : i + _LINES_PER_UNIT]) for i in range(0, len(lines), _LINES_PER_UNIT)]

    @property
    def total(self) -> int:
        """The number of units; ``tree(total)`` is the finished message."""
        return len(self._text_units) + len(self._code_units)

    def units_at(self, fraction: float) -> int:
        """Return how many units are written after ``fraction`` of the generation time."""
        return max(0, min(self.total, int(fraction * self.total)))

    def plain(self, units: int | None = None) -> str:
        """Return the ``content`` string after ``units`` units (all by default)."""
        k = self.total if units is None else units
        return "".join(self._text_units[:k])

    def tree(self, units: int | None = None) -> list[Any]:
        """Return ``experimental_content`` after ``units`` units (all by default); ``[]`` before the first."""
        k = self.total if units is None else units
        if k <= 0:
            return []
        n_text = len(self._text_units)
        nodes: list[Any] = [["p", {}, ["text", {}, "".join(self._text_units[:k])]]]
        if self.code_file is not None:
            code = "".join(self._code_units[: max(0, k - n_text)])
            nodes.append(["Codeblock", {"lang": self.code_lang, "file": self.code_file}, code])
        if self.task is not None:
            nodes.append(["AssistantMessageContentPart", {"part": {"type": "task", "taskType": self.task}}])
        return [[0, nodes]]

    def deltas(self, start: int = 0) -> list[Any]:
        """Return the chunk deltas that take ``tree(start)`` (``[]`` when 0) to ``tree()``."""
        out: list[Any] = []
        if start <= 0:
            out.append({"_t": "a", "0": [self.tree(1)[0]]})
            start = 1
        n_text = len(self._text_units)
        for k in range(start, self.total):
            if k < n_text:
                out.append([[*_TEXT_PATH, self._text_units[k]], 9, 9])
            else:
                out.append([[0, 1, 1, 2, self._code_units[k - n_text]], 9, 9])
        return out
