"""Identifiers in the shapes v0 uses (api-notes.md §7), drawn from a seeded generator.

Each workspace owns one :class:`IdFactory` seeded from the simulator seed and its API
key, so a run with the same seed and the same calls yields the same ids.
"""

from __future__ import annotations

import random
import string

__all__ = ["IdFactory"]

_ALNUM = string.ascii_letters + string.digits
_LOWER = string.ascii_lowercase + string.digits


class IdFactory:
    """Mint ids: chats and projects 11 characters, users 24, versions ``b_`` + 11, messages 32."""

    def __init__(self, seed: str) -> None:
        self._rng = random.Random(seed)

    def token(self, length: int, alphabet: str = _ALNUM) -> str:
        """Return ``length`` random characters of ``alphabet``."""
        return "".join(self._rng.choice(alphabet) for _ in range(length))

    def chat(self) -> str:
        return self.token(11)

    def project(self) -> str:
        return self.token(11)

    def user(self) -> str:
        return self.token(24)

    def team(self) -> str:
        return "team_" + self.token(24)

    def version(self) -> str:
        return "b_" + self.token(11)

    def message(self) -> str:
        return self.token(32)

    def deployment(self) -> str:
        return "dpl_" + self.token(28)

    def hook(self) -> str:
        return "hk_" + self.token(12)

    def env_var(self) -> str:
        return "env_" + self.token(12)

    def mcp_server(self) -> str:
        return "mcp_" + self.token(12)

    def vercel_project(self) -> str:
        return "prj_" + self.token(28)

    def demo_host(self) -> str:
        """Return the host label of a preview: ``demo-<20 lowercase>``."""
        return "demo-" + self.token(20, _LOWER)

    def opaque(self, prefix: str, length: int = 16) -> str:
        """Return a prefixed opaque id (usage events, requests, OAuth states, log lines)."""
        return prefix + self.token(length)
