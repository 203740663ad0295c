"""Render a run: the table on stdout, and the markdown of ``RESULTS.md``."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from ._common import Figure, Section

__all__ = ["markdown", "table"]


def _number(value: float) -> str:
    if isinstance(value, float) and math.isnan(value):
        return "-"
    if abs(value) >= 100 or float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.2f}"


def _ratio(figure: Figure) -> str:
    ratio = figure.ratio
    return "-" if math.isnan(ratio) or math.isinf(ratio) else f"{ratio:.2f}x"


def _verdict(figure: Figure) -> str:
    if figure.target is None:
        return ""
    return f"{figure.target} {'met' if figure.met else 'MISSED'}"


def _rows(sections: Sequence[Section]) -> list[list[str]]:
    rows = []
    for section in sections:
        for figure in section.figures:
            value = f"{_number(figure.value)} {figure.unit}"
            baseline = f"{figure.baseline}: {_number(figure.baseline_value)} {figure.unit}"
            note = f" ({figure.note})" if figure.note else ""
            rows.append([section.name, figure.metric + note, value, baseline, _ratio(figure), _verdict(figure)])
    return rows


HEADER = ["benchmark", "figure", "value", "baseline (same run)", "ratio", "target"]


def table(sections: Sequence[Section]) -> str:
    """Return the figures as an aligned plain-text table."""
    rows = [HEADER, *_rows(sections)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADER))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def markdown(sections: Sequence[Section], run: dict[str, Any]) -> str:
    """Return the figures and the machine as a markdown table."""
    machine = run["machine"]
    lines = [
        "| " + " | ".join(HEADER) + " |",
        "|" + "|".join("---" for _ in HEADER) + "|",
        *("| " + " | ".join(cell.replace("|", "/") for cell in row) + " |" for row in _rows(sections)),
    ]
    about = (
        f"{machine['cpu']}, {machine['cores']} cores, {machine['memory_gib']} GiB RAM, {machine['os']}, "
        f"{machine['implementation']} {machine['python']}, mcp {machine['mcp']}"
    )
    return (
        f"Machine: {about}.\nRun: {run['started']}, {'quick' if run['quick'] else 'full'}, "
        f"{run['seconds']:.0f} s.\n\n" + "\n".join(lines) + "\n"
    )
