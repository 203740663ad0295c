"""The demo contents of a new v2 workspace (``SimulatorConfig.seed_workspace``, ``--demo-workspace``).

Two chats generated a day ago, the first deployed to its Vercel project and live, so a
demo has something to list, read, preview and follow before its first prompt.
"""

from __future__ import annotations

from .._config import SimulatorConfig
from ._deploy import new_project, plan_deployment
from ._lifecycle import add_message, complete, new_chat, start_generation, text_files
from ._settings import V2Settings
from ._state import V2Workspace

__all__ = ["seed_v2"]

_PROMPTS: tuple[tuple[str, dict[str, str]], ...] = (
    ("Build a landing page for a coffee shop called Bean & Bloom, with an email signup form", {"customer": "bean"}),
    ("Build a pricing page with three plans", {}),
)


def seed_v2(ws: V2Workspace, config: SimulatorConfig, settings: V2Settings, now: float) -> None:
    """Give ``ws`` the demo chats; everything is finished by ``now``."""
    start = now - 86_400
    for index, (prompt, metadata) in enumerate(_PROMPTS):
        at = start + index * 3_600
        chat = new_chat(ws, title=None, privacy="private", metadata=metadata, now=at)
        add_message(ws, chat, role="user", content=prompt, now=at)
        message = start_generation(ws, chat, prompt, now=at, duration=40.0, seed=config.seed)
        complete(ws, message, at=at + 40.0, connect_delay=settings.connect_delay)
        if index == 0:
            project = new_project(ws, chat, None, at + 60)
            plan_deployment(
                ws, chat, project, text_files(chat), now=at + 60, interval=2.0, queue_delay=settings.queue_delay
            )
    ws.outbox.clear()  # no hooks exist yet; nothing to send
