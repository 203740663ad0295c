"""Handlers of projects, their environment variables and their Vercel project links.

Env var values are stored plain and answered in an encrypted-looking form unless
``decrypted=true``. ``createEnvVars`` with a key that already exists answers 409 unless
``upsert`` is true; a request that fails changes nothing. A project created without
``vercelProjectId`` gets a new linked Vercel project, as v0 does.
"""

from __future__ import annotations

from typing import Any

from ._errors import ApiError
from ._generate import slugify
from ._paging import newest_first
from ._registry import Call, handles
from ._shapes import deleted, env_var, project_detail, project_summary, vercel_project
from ._state import EnvVar, Project, VercelProject, Workspace

__all__: list[str] = []

JSON = dict[str, Any]


def _link_vercel(ws: Workspace, project: Project, name: str, now: float, vercel_id: str | None = None) -> VercelProject:
    linked = VercelProject(id=vercel_id or ws.ids.vercel_project(), name=name, project_id=project.id, created_at=now)
    ws.vercel_projects[linked.id] = linked
    project.vercel_project_id = linked.id
    return linked


def _add_env(ws: Workspace, project: Project, key: str, value: str, now: float) -> EnvVar:
    env = EnvVar(id=ws.ids.env_var(), project_id=project.id, key=key, value=value, created_at=now, updated_at=now)
    ws.env_vars[env.id] = env
    project.env_var_ids.append(env.id)
    return env


def _envs(ws: Workspace, project: Project) -> list[EnvVar]:
    return [ws.env_vars[e] for e in project.env_var_ids]


@handles("projects.getByChatId")
def get_by_chat(call: Call) -> JSON:
    chat = call.ws.chat(call.params["chatId"])
    if chat.project_id is None:
        raise ApiError(404, f"Chat {chat.id} is not in a project")
    return project_detail(call.ws, call.ws.project(chat.project_id))


@handles("projects.find")
def find(call: Call) -> JSON:
    projects = newest_first(call.ws.projects.values(), lambda p: p.created_at)
    return {"object": "list", "data": [project_summary(p) for p in projects]}


@handles("projects.create")
def create(call: Call) -> JSON:
    body, ws = call.body, call.ws
    project = Project(
        id=ws.ids.project(),
        name=body.name,
        privacy=body.privacy or "private",
        created_at=call.now,
        updated_at=call.now,
        icon=body.icon,
        description=body.description,
        instructions=body.instructions,
    )
    ws.projects[project.id] = project
    if body.vercelProjectId and body.vercelProjectId in ws.vercel_projects:
        project.vercel_project_id = body.vercelProjectId
    else:
        _link_vercel(ws, project, slugify(body.name), call.now, body.vercelProjectId)
    for item in body.environmentVariables or []:
        _add_env(ws, project, item.key, item.value, call.now)
    return project_detail(ws, project)


@handles("projects.getById")
def get(call: Call) -> JSON:
    return project_detail(call.ws, call.ws.project(call.params["projectId"]))


@handles("projects.update")
def update(call: Call) -> JSON:
    body, project = call.body, call.ws.project(call.params["projectId"])
    for field in ("name", "description", "instructions", "privacy"):
        value = getattr(body, field)
        if value is not None:
            setattr(project, field, value)
    project.updated_at = call.now
    return project_detail(call.ws, project)


@handles("projects.delete")
def delete(call: Call) -> JSON:
    ws = call.ws
    project = ws.project(call.params["projectId"])
    for chat in [c for c in ws.chats.values() if c.project_id == project.id]:
        if call.query.deleteAllChats:
            ws.delete_chat(chat, now=call.now)
        else:
            chat.project_id = None
    for env_id in project.env_var_ids:
        ws.env_vars.pop(env_id, None)
    del ws.projects[project.id]
    return deleted(project.id, "project")


@handles("projects.assign")
def assign(call: Call) -> JSON:
    project = call.ws.project(call.params["projectId"])
    chat = call.ws.chat(call.body.chatId)
    chat.project_id, chat.updated_at = project.id, call.now
    return {"object": "project", "id": project.id, "assigned": True}


@handles("projects.findEnvVars")
def find_env_vars(call: Call) -> JSON:
    project = call.ws.project(call.params["projectId"])
    shown = bool(call.query.decrypted)
    return {"object": "list", "data": [env_var(call.ws, e, decrypted=shown) for e in _envs(call.ws, project)]}


@handles("projects.createEnvVars")
def create_env_vars(call: Call) -> JSON:
    ws, body = call.ws, call.body
    project = ws.project(call.params["projectId"])
    existing = {e.key: e for e in _envs(ws, project)}
    keys = [item.key for item in body.environmentVariables]
    if len(set(keys)) != len(keys):
        raise ApiError(422, "environmentVariables: each key may appear once")
    clashes = [k for k in keys if k in existing]
    if clashes and not body.upsert:
        names = ", ".join(clashes)
        raise ApiError(409, f"Environment variable already exists: {names} (pass upsert: true to overwrite)")
    written = []
    for item in body.environmentVariables:
        env = existing.get(item.key)
        if env is None:
            env = _add_env(ws, project, item.key, item.value, call.now)
        else:
            env.value, env.updated_at = item.value, call.now
        written.append(env)
    shown = bool(call.query.decrypted)
    return {"object": "list", "data": [env_var(ws, e, decrypted=shown) for e in written]}


@handles("projects.updateEnvVars")
def update_env_vars(call: Call) -> JSON:
    ws = call.ws
    project = ws.project(call.params["projectId"])
    targets = [(ws.env_var(project, item.id), item.value) for item in call.body.environmentVariables]
    for env, value in targets:
        env.value, env.updated_at = value, call.now
    shown = bool(call.query.decrypted)
    return {"object": "list", "data": [env_var(ws, env, decrypted=shown) for env, _ in targets]}


@handles("projects.deleteEnvVars")
def delete_env_vars(call: Call) -> JSON:
    ws = call.ws
    project = ws.project(call.params["projectId"])
    doomed = [ws.env_var(project, env_id) for env_id in call.body.environmentVariableIds]
    for env in doomed:
        ws.env_vars.pop(env.id, None)
        if env.id in project.env_var_ids:
            project.env_var_ids.remove(env.id)
    return {"object": "list", "data": [deleted(e.id, "environment_variable") for e in doomed]}


@handles("projects.getEnvVar")
def get_env_var(call: Call) -> JSON:
    project = call.ws.project(call.params["projectId"])
    env = call.ws.env_var(project, call.params["environmentVariableId"])
    return {"object": "environment_variable", "data": env_var(call.ws, env, decrypted=bool(call.query.decrypted))}


@handles("integrations.vercel.projects.find")
def find_vercel_projects(call: Call) -> JSON:
    linked = newest_first(call.ws.vercel_projects.values(), lambda p: p.created_at)
    return {"object": "list", "data": [vercel_project(p) for p in linked]}


@handles("integrations.vercel.projects.create")
def create_vercel_project(call: Call) -> JSON:
    project = call.ws.project(call.body.projectId)
    if any(p.name == call.body.name for p in call.ws.vercel_projects.values()):
        raise ApiError(409, f"A Vercel project named {call.body.name!r} already exists")
    return vercel_project(_link_vercel(call.ws, project, call.body.name, call.now))
