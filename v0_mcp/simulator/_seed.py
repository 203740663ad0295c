"""The demo workspace: something real to find on the first ``list_chats``.

A project ("Coffee club") with an env var and a linked Vercel project; a chat in it
whose version is deployed (the build finished, logs included); a second chat with two
versions (a follow-up message added a newsletter form). All of it dated in the recent
past relative to the clock, and built through the same functions the handlers use.
"""

from __future__ import annotations

from ._builds import plan_build
from ._config import SimulatorConfig
from ._generate import first_draft, follow_up_draft, slugify, title_for
from ._generation import add_message, complete, new_chat, start_generation
from ._state import Deployment, EnvVar, Project, VercelProject, Workspace

__all__ = ["DEMO_PROMPTS", "seed_demo"]

DEMO_PROMPTS = (
    "Build a landing page for a coffee subscription with pricing",
    "Create an analytics dashboard for a neighbourhood bakery",
    "Add a newsletter signup form",
)
_HOUR = 3600.0


def _generate(ws: Workspace, chat_prompt: str, seed: int, at: float, project_id: str | None) -> str:
    chat = new_chat(
        ws,
        name=title_for(chat_prompt),
        privacy="private",
        project_id=project_id,
        metadata={},
        model_configuration={"modelId": "v0-pro", "imageGenerations": False, "thinking": False},
        now=at,
    )
    add_message(ws, chat, role="user", content=chat_prompt, now=at)
    reply = start_generation(ws, chat, first_draft(chat_prompt, seed), now=at, duration=45)
    complete(ws, reply, at=at + 45)
    return chat.id


def seed_demo(ws: Workspace, config: SimulatorConfig, now: float) -> None:
    """Fill an empty workspace with the demo contents."""
    start = now - 3 * _HOUR
    project = Project(
        id=ws.ids.project(),
        name="Coffee club",
        privacy="private",
        created_at=start,
        updated_at=start,
        description="Marketing site for a coffee subscription",
        instructions="Use Tailwind; keep pages fast.",
    )
    ws.projects[project.id] = project
    linked = VercelProject(id=ws.ids.vercel_project(), name="coffee-club", project_id=project.id, created_at=start)
    ws.vercel_projects[linked.id] = linked
    project.vercel_project_id = linked.id
    env = EnvVar(
        id=ws.ids.env_var(),
        project_id=project.id,
        key="NEXT_PUBLIC_SITE_URL",
        value="https://coffee-club.vercel.app",
        created_at=start,
        updated_at=start,
    )
    ws.env_vars[env.id] = env
    project.env_var_ids.append(env.id)

    landing = ws.chats[_generate(ws, DEMO_PROMPTS[0], config.seed, start + 60, project.id)]
    version = ws.versions[landing.latest_version_id or ""]
    deployed_at = start + 10 * 60
    slug = f"{slugify(landing.name, words=3)}-{ws.ids.token(9, 'abcdefghijklmnopqrstuvwxyz0123456789')}"
    logs, error = plan_build(
        version.contents(),
        start=deployed_at,
        interval=config.log_interval,
        version_id=version.id,
        url=f"https://{slug}.vercel.app",
    )
    deployment = Deployment(
        id=ws.ids.deployment(),
        chat_id=landing.id,
        version_id=version.id,
        project_id=project.id,
        created_at=deployed_at,
        slug=slug,
        logs=logs,
        error=error,
    )
    ws.deployments[deployment.id] = deployment

    dashboard = ws.chats[_generate(ws, DEMO_PROMPTS[1], config.seed, start + _HOUR, None)]
    follow_at = start + 2 * _HOUR
    add_message(ws, dashboard, role="user", content=DEMO_PROMPTS[2], now=follow_at)
    base = ws.versions[dashboard.latest_version_id or ""]
    draft = follow_up_draft(DEMO_PROMPTS[2], config.seed, base.contents())
    reply = start_generation(ws, dashboard, draft, now=follow_at, duration=40)
    complete(ws, reply, at=follow_at + 40)
