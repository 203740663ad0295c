"""The projects toolset: projects, their chats and environment variables."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._results import Result, project_link
from .._shapes import Deleted, ProjectInfo
from ._declare import endpoint, plain
from ._shapes import deleted_of, project_of


class ProjectList(Result):
    projects: list[ProjectInfo]


class EnvVar(Result):
    id: str
    key: str | None = None
    value: str | None = None
    decrypted: bool | None = None


class EnvVarList(Result):
    envVars: list[EnvVar]


class DeletedList(Result):
    deleted: list[str]


def _env_var(var: Any) -> EnvVar:
    return EnvVar(id=var.id, key=var.key, value=var.value, decrypted=var.decrypted)


def _env_vars(response: Any, args: Mapping[str, Any]) -> EnvVarList:
    note = None if args.get("decrypted") else "Values are encrypted; pass decrypted: true to read them."
    return EnvVarList(envVars=[_env_var(v) for v in response.data or []], note=note)


def _project(response: Any, _: Mapping[str, Any]) -> ProjectInfo:
    return project_of(response)


def _project_links(response: Any, _: Mapping[str, Any]) -> list[Any]:
    return [project_link(response.id)]


TOOLS = (
    endpoint(
        "list_projects",
        title="List projects",
        description="List your v0 projects.",
        output=ProjectList,
        shape=lambda r, _: ProjectList(projects=[project_of(p) for p in r.data or []]),
    ),
    endpoint(
        "get_project",
        title="Get project",
        description="Get a project and its chats.",
        output=ProjectInfo,
        shape=_project,
        links=_project_links,
    ),
    endpoint(
        "get_chat_project",
        title="Get chat's project",
        description="Get the project a chat belongs to.",
        output=ProjectInfo,
        shape=_project,
        links=_project_links,
    ),
    endpoint(
        "create_project",
        title="Create project",
        description="Create a project to group chats and env vars.",
        output=ProjectInfo,
        shape=_project,
        links=_project_links,
    ),
    endpoint(
        "update_project",
        title="Update project",
        description="Change a project's name, description, instructions or privacy.",
        output=ProjectInfo,
        shape=_project,
    ),
    endpoint(
        "delete_project",
        title="Delete project",
        description="Delete a project; deleteAllChats also deletes its chats for good.",
        output=Deleted,
        shape=lambda r, _: deleted_of(r),
    ),
    plain("assign_project", title="Assign chat to project", description="Move a chat into a project."),
    endpoint(
        "list_env_vars",
        title="List env vars",
        description="List a project's environment variables.",
        output=EnvVarList,
        shape=_env_vars,
    ),
    endpoint(
        "get_env_var",
        title="Get env var",
        description="Get one environment variable.",
        output=EnvVar,
        shape=lambda r, _: _env_var(r.data),
    ),
    endpoint(
        "create_env_vars",
        title="Create env vars",
        description="Add environment variables (upsert overwrites existing keys).",
        output=EnvVarList,
        shape=_env_vars,
    ),
    endpoint(
        "update_env_vars",
        title="Update env vars",
        description="Change environment variables by id.",
        output=EnvVarList,
        shape=_env_vars,
    ),
    endpoint(
        "delete_env_vars",
        title="Delete env vars",
        description="Delete environment variables by id.",
        output=DeletedList,
        shape=lambda r, _: DeletedList(deleted=[d.id for d in r.data or [] if d.deleted]),
    ),
)
