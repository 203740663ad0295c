"""Fixtures of the Vercel simulator tests: the v2 tests' own (one app serves both)."""

from __future__ import annotations

from tests.simulator.v2.conftest import clock, raw, sim, v2, vercel

__all__ = ["clock", "raw", "sim", "v2", "vercel"]
