"""How long a generation takes, and when it writes: a duration with silent stretches in it.

v0's generations take from seconds to many minutes, and they are not steady: v0 thinks
before the first word, and goes quiet for long stretches while it reads files or runs
tools. A client that takes a quiet minute for a dead generation, or that gives up on a
fixed budget, is wrong against v0; the simulator lets tests see that without waiting:
these are times on the simulator's clock (a :class:`ManualClock` in tests).

A generation started at ``start`` lasts ``generation_delay`` seconds, times a factor in
``[1 - generation_jitter, 1 + generation_jitter]`` drawn from the seed (same seed, same
durations). Each ``(offset, length)`` of ``quiet_stretches`` is a stretch, ``offset``
seconds after the start, in which it writes nothing; the rest of the time it writes at
an even pace, so its content grows, stalls, and grows again.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

__all__ = ["Quiet", "plan_generation", "time_of_fraction", "written_fraction"]

Quiet = tuple[tuple[float, float], ...]
"""Absolute ``(from, to)`` clock times in which a generation writes nothing, sorted, not overlapping."""


def plan_generation(
    *, start: float, delay: float, jitter: float, stretches: Sequence[tuple[float, float]], key: str
) -> tuple[float, Quiet]:
    """Return when a generation starting at ``start`` ends and its quiet stretches (clipped to its span)."""
    factor = 1.0
    if jitter > 0:
        factor = random.Random(key).uniform(max(0.0, 1.0 - jitter), 1.0 + jitter)
    end = start + max(0.0, delay * factor)
    quiet: list[tuple[float, float]] = []
    for offset, length in sorted(stretches):
        lo, hi = max(start + offset, quiet[-1][1] if quiet else start), min(end, start + offset + length)
        if hi > lo:
            quiet.append((lo, hi))
    return end, tuple(quiet)


def _silent_before(quiet: Quiet, t: float) -> float:
    return sum(max(0.0, min(hi, t) - lo) for lo, hi in quiet)


def written_fraction(start: float, end: float, quiet: Quiet, now: float) -> float:
    """Return the fraction of its writing a generation has done by ``now`` (0 to 1)."""
    if now >= end:
        return 1.0
    writing = (end - start) - _silent_before(quiet, end)
    if writing <= 0:
        return 0.0
    done = (now - start) - _silent_before(quiet, now)
    return max(0.0, min(1.0, done / writing))


def time_of_fraction(start: float, end: float, quiet: Quiet, fraction: float) -> float:
    """Return the first clock time at which ``fraction`` of the writing is done (``end`` for 1)."""
    if fraction >= 1.0:
        return end
    writing = (end - start) - _silent_before(quiet, end)
    target = max(0.0, fraction) * max(0.0, writing)
    t = start
    for lo, hi in quiet:
        if t + target <= lo:
            break
        target -= max(0.0, lo - t)
        t = hi
    return min(end, t + target)
