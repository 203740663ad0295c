"""``chats.deploy`` and ``chats.createVercelProject``, and the Vercel build a deploy starts.

A deploy builds the chat's current files with the simulator's build check
(:func:`check_build`, the same rule on both versions); a failing build prints every
error it finds. The build is planned in full when
it starts, as on v1: QUEUED for ``queue_delay`` seconds, INITIALIZING for one
``log_interval``, then BUILDING while the build events appear one ``log_interval``
apart with quiet stretches during the install and the compile (as a real build), and
finally READY, or ERROR with the compiler's message when the code would not build.
"""

from __future__ import annotations

from typing import Any

from .._build_check import check_build
from .._errors import ApiError
from .._generate import slugify
from ._lifecycle import text_files
from ._registry import V2Call, handles
from ._state import BuildEvent, Chat, Deployment, V2Workspace, VercelProject

__all__ = ["BUILD_FAILED", "new_project", "plan_deployment"]

JSON = dict[str, Any]
BUILD_FAILED = 'Command "npm run build" exited with 1'


def new_project(ws: V2Workspace, chat: Chat, name: str | None, now: float) -> VercelProject:
    """Create the chat's Vercel project, named after the chat and unique in the team."""
    base = slugify(name or chat.title or "v0-project") or "v0-project"
    taken = {p.name for p in ws.projects.values()}
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    project = VercelProject(id=ws.ids.vercel_project(), name=candidate, created_at=now, updated_at=now)
    ws.projects[project.id] = project
    chat.vercel_project_id = project.id
    chat.updated_at = now
    return project


@handles("chats.createVercelProject")
def create_vercel_project(call: V2Call) -> JSON:
    chat = call.ws.chat(call.params["chatId"])
    if chat.vercel_project_id is not None:
        raise ApiError(409, f"The chat already has a Vercel project: {chat.vercel_project_id}")
    project = new_project(call.ws, chat, call.body.get("name"), call.now)
    return {"vercelProjectId": project.id}


@handles("chats.deploy")
def deploy(call: V2Call) -> JSON:
    ws = call.ws
    chat = ws.chat(call.params["chatId"])
    files = text_files(chat)
    if not files:
        raise ApiError(409, "The chat has no files to deploy yet: wait for its first generation")
    project = ws.projects.get(chat.vercel_project_id or "") or new_project(ws, chat, None, call.now)
    deployment = plan_deployment(
        ws,
        chat,
        project,
        files,
        now=call.now,
        interval=call.api.config.log_interval,
        queue_delay=call.api.settings.queue_delay,
    )
    return {"deploymentId": deployment.id, "vercelProjectId": project.id}


def plan_deployment(
    ws: V2Workspace,
    chat: Chat,
    project: VercelProject,
    files: dict[str, str],
    *,
    now: float,
    interval: float,
    queue_delay: float,
) -> Deployment:
    """Create a deployment of ``files`` whose whole build is decided now and revealed by the clock."""
    deployment_id = ws.ids.deployment()
    host = f"{project.name}-{ws.ids.token(9, 'abcdefghijklmnopqrstuvwxyz0123456789')}-{ws.team_slug}.vercel.app"
    errors = check_build(files)
    script: list[tuple[float, str, str | None, str | None]] = [  # (pause before, type, text, level)
        (1, "delimiter", "Running build in Washington, D.C., USA (East) \u2013 iad1", None),
        (0.2, "stdout", "Cloning completed: 412.000ms", None),
        (1, "stdout", f"Retrieving list of deployment files: {len(files)} files", None),
        (1, "command", 'Running "npm install"', None),
        (6, "stdout", "added 312 packages, and audited 313 packages in 9s", None),  # the install is quiet
        (1, "command", 'Running "npm run build"', None),
        (1, "stdout", "\u25b2 Next.js 15.2.4", None),
        (0.5, "stdout", "Creating an optimized production build ...", None),
    ]
    if errors:
        script.append((8, "stderr", "Failed to compile.", "error"))  # the compile is quiet too
        for error in errors:
            script += [
                (0.1, "stderr", f"./{error.path}:{error.line}:{error.column}", "error"),
                (0.1, "stderr", error.message, "error"),
            ]
        script += [
            (0.5, "stderr", "Next.js build worker exited with code: 1", "error"),
            (0.2, "stderr", f"Error: {BUILD_FAILED}", "error"),
            (0.1, "exit", None, None),
        ]
    else:
        script += [
            (8, "stdout", "\u2713 Compiled successfully", None),
            (1, "stdout", "Linting and checking validity of types ...", None),
            (3, "stdout", "\u2713 Generating static pages (4/4)", None),
            (1, "stdout", "Build Completed in /vercel/output [14s]", None),
            (1, "stdout", "Deploying outputs...", None),
            (0.1, "exit", None, None),
        ]
    queued_until = now + queue_delay
    building_at = queued_until + interval
    at = building_at
    events: list[BuildEvent] = []
    for pause, kind, text, level in script:
        at += pause * interval
        events.append(BuildEvent(at=at, type=kind, text=text, level=level))
    at += 0.1 * interval
    events.append(BuildEvent(at=at, type="deployment-state", ready_state="ERROR" if errors else "READY"))
    deployment = Deployment(
        id=deployment_id,
        project_id=project.id,
        chat_id=chat.id,
        name=project.name,
        url=host,
        created_at=now,
        queued_until=queued_until,
        building_at=building_at,
        finished_at=at,
        events=events,
        error=errors[0].formatted if errors else None,
    )
    ws.deployments[deployment.id] = deployment
    project.updated_at = now
    return deployment
