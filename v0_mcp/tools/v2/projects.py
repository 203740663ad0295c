"""The projects toolset of API v2: a chat's Vercel project and its environment variables.

v2 has no v0 projects: a chat points to a Vercel project (``vercelProjectId``),
made by ``create_vercel_project`` or by the first deploy, and v0 generates code
against that project's environment variables. Tools take the chat (or the
project id) and reach the project on Vercel. Values stay encrypted unless
``decrypted: true``, and no value is ever logged or echoed back after a write.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final, Literal

from mcp.server.mcpserver import Context
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import CallToolResult
from pydantic import BaseModel, ConfigDict, Field
from pydantic.fields import FieldInfo

from .._results import Result, clip, project_link, render
from .._runtime import runtime_of
from .._schema import FieldSpec
from .._shapes import Shape
from .._spec import ToolSpec
from ._declare import endpoint
from ._vercel_calls import chat_project, hand_made, iso_of_ms, vercel_errors, vercel_of

if TYPE_CHECKING:
    from ...api.vercel import VercelClient

__all__ = [
    "TOOLS",
    "EnvVarChanges",
    "EnvVarInfo",
    "EnvVarList",
    "VercelProjectInfo",
    "VercelProjectList",
    "env_var_info",
    "vercel_project_info",
]

logger = logging.getLogger(__name__)

Target = Literal["production", "preview", "development"]
EnvType = Literal["encrypted", "plain", "sensitive"]
_ALL_TARGETS: Final[list[Target]] = ["production", "preview", "development"]
_LISTED_VALUE: Final = 1_000  # characters of a value a list shows; get_env_var shows it whole

# -- result shapes -----------------------------------------------------------------------------------------------------


class DeploymentRef(Shape):
    deploymentId: str
    readyState: str | None = None
    url: str | None = None
    target: str | None = None


class VercelProjectInfo(Result):
    id: str
    name: str | None = None
    framework: str | None = None
    chatId: str | None = None
    createdAt: str | None = None
    updatedAt: str | None = None
    productionUrl: str | None = None
    latestDeployments: list[DeploymentRef] | None = None


class VercelProjectList(Result):
    projects: list[VercelProjectInfo]
    nextCursor: str | None = None


class VercelProjectCreated(Result):
    chatId: str
    vercelProjectId: str


class EnvVarInfo(Shape):
    id: str
    key: str | None = None
    type: str | None = None
    target: list[str] | None = None
    gitBranch: str | None = None
    comment: str | None = None
    value: str | None = None  # only when decrypted was asked for (or the type is plain and it was asked for)
    decrypted: bool | None = None
    updatedAt: str | None = None


class EnvVarList(Result):
    vercelProjectId: str
    envVars: list[EnvVarInfo]


class EnvVarOne(Result):
    vercelProjectId: str
    envVar: EnvVarInfo


class EnvVarFailure(Shape):
    key: str | None = None
    id: str | None = None
    code: str | None = None
    message: str


class EnvVarChanges(Result):
    """What a write did, per variable: values are never echoed back."""

    vercelProjectId: str
    changed: list[EnvVarInfo]
    failed: list[EnvVarFailure]


class EnvVarsDeleted(Result):
    vercelProjectId: str
    deleted: list[str]


# -- arguments ---------------------------------------------------------------------------------------------------------


class NewEnvVar(BaseModel):
    # One variable to create (a comment, not a docstring: it would go into the schema agents read).
    model_config = ConfigDict(extra="forbid")

    key: str = Field(min_length=1)
    value: str
    type: EnvType = "encrypted"
    target: list[Target] = Field(default_factory=lambda: list(_ALL_TARGETS), min_length=1)
    gitBranch: str | None = None
    comment: str | None = None


class EnvVarEdit(BaseModel):
    # A change to one variable, by its id; fields left out stay as they are.
    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1)
    key: str | None = Field(None, min_length=1)
    value: str | None = None
    type: EnvType | None = None
    target: list[Target] | None = Field(None, min_length=1)
    gitBranch: str | None = None
    comment: str | None = None


_PROJECT_FIELDS: Final[dict[str, FieldSpec]] = {
    "chatId": (str | None, FieldInfo(default=None, min_length=1)),
    "vercelProjectId": (str | None, FieldInfo(default=None, min_length=1)),
}
_DECRYPTED: Final[FieldSpec] = (
    bool,
    FieldInfo(default=False, description="Show values"),
)

# -- shaping -----------------------------------------------------------------------------------------------------------


def env_var_info(var: Any, *, show_value: bool, value_limit: int | None = None) -> EnvVarInfo:
    """Shape a Vercel variable; its value only when asked for and readable (never an encrypted blob).

    ``value_limit`` cuts long values in lists (a value may be 64 KB); get_env_var shows one whole.
    """
    target = var.target if isinstance(var.target, list) else [var.target] if var.target else None
    readable = var.type == "plain" or bool(var.decrypted)
    shown = show_value and readable and var.type != "sensitive"
    return EnvVarInfo(
        id=var.id or "",
        key=var.key,
        type=var.type,
        target=target,
        gitBranch=var.gitBranch,
        comment=var.comment,
        value=(clip(var.value, value_limit) if value_limit else var.value) if shown else None,
        decrypted=bool(var.decrypted) if show_value and var.type == "encrypted" else None,
        updatedAt=iso_of_ms(var.updatedAt),
    )


def _https(host: Any) -> str | None:
    if not isinstance(host, str) or not host:
        return None
    return host if host.startswith(("http://", "https://")) else f"https://{host}"


def vercel_project_info(project: Any, *, chat_id: str | None = None) -> VercelProjectInfo:
    """Shape a Vercel project: its production URL and latest deployments."""
    production = (project.targets or {}).get("production") if isinstance(project.targets, dict) else None
    production_url = None
    if isinstance(production, Mapping):
        aliases = production.get("alias") or []
        production_url = _https(aliases[0] if aliases else production.get("url"))
    latest = [
        DeploymentRef(
            deploymentId=str(d.get("id") or d.get("uid")),
            readyState=d.get("readyState"),
            url=_https(d.get("url")),
            target=d.get("target"),
        )
        for d in project.latestDeployments or []
        if isinstance(d, Mapping) and (d.get("id") or d.get("uid"))
    ]
    return VercelProjectInfo(
        id=project.id,
        name=project.name,
        framework=project.framework,
        chatId=chat_id,
        createdAt=iso_of_ms(project.createdAt),
        updatedAt=iso_of_ms(project.updatedAt),
        productionUrl=production_url,
        latestDeployments=latest[:5] or None,
    )


async def _project_of(ctx: Context[Any, Any], args: Mapping[str, Any]) -> tuple[VercelClient, str]:
    """Return the Vercel client and the project the call is about: given, or the chat's.

    The token is checked first: without it, the chat's project would not help.
    """
    vercel = vercel_of(ctx)
    if args.get("vercelProjectId"):
        return vercel, str(args["vercelProjectId"])
    if args.get("chatId"):
        return vercel, await chat_project(runtime_of(ctx).client_for(ctx), args["chatId"])
    raise ToolError("Give chatId (the chat's Vercel project) or vercelProjectId.")


# -- handlers ----------------------------------------------------------------------------------------------------------


async def _get_project(ctx: Context[Any, Any], args: dict[str, Any]) -> CallToolResult:
    vercel, project_id = await _project_of(ctx, args)
    with vercel_errors(args):
        project = await vercel.get_project(project_id)
    result = vercel_project_info(project, chat_id=args.get("chatId"))
    result.note = "Env vars: list_env_vars. Deployments: list_deployments."
    return render(result, [project_link(result.id)])


async def _list_projects(ctx: Context[Any, Any], args: dict[str, Any]) -> CallToolResult:
    vercel = vercel_of(ctx)
    query: dict[str, Any] = {"limit": str(args.get("limit", 20))}
    if args.get("search"):
        query["search"] = args["search"]
    if args.get("cursor"):
        query["from"] = args["cursor"]
    with vercel_errors(args):
        page = await vercel.list_projects(**query)
    projects = [vercel_project_info(p) for p in page.projects or []]
    following = page.pagination.next if page.pagination is not None else None
    cursor = None if following is None else str(int(following) if isinstance(following, float) else following)
    note = f"More projects: call again with cursor={cursor!r}." if cursor else None
    return render(VercelProjectList(projects=projects, nextCursor=cursor, note=note))


async def _list_env(ctx: Context[Any, Any], args: dict[str, Any]) -> CallToolResult:
    vercel, project = await _project_of(ctx, args)
    decrypted = bool(args.get("decrypted"))
    query: dict[str, Any] = {"decrypt": True} if decrypted else {}
    if args.get("gitBranch"):
        query["gitBranch"] = args["gitBranch"]
    with vercel_errors(args):
        listing = await vercel.list_env_vars(project, **query)
    envs = [env_var_info(v, show_value=decrypted, value_limit=_LISTED_VALUE) for v in listing.envs or [] if v.id]
    note = None if decrypted else "Values are not shown; pass decrypted: true to read them."
    if not envs:
        note = "No variables yet: create_env_vars adds them (they apply from the next deployment)."
    return render(EnvVarList(vercelProjectId=project, envVars=envs, note=note), [project_link(project)])


async def _get_env(ctx: Context[Any, Any], args: dict[str, Any]) -> CallToolResult:
    vercel, project = await _project_of(ctx, args)
    with vercel_errors(args):
        var = await vercel.get_env_var(project, args["environmentVariableId"])
    decrypted = bool(args.get("decrypted"))
    info = env_var_info(var, show_value=decrypted)
    if not info.id:
        info.id = args["environmentVariableId"]
    note = None if decrypted else "The value is not shown; pass decrypted: true to read it."
    return render(EnvVarOne(vercelProjectId=project, envVar=info, note=note))


async def _create_env(ctx: Context[Any, Any], args: dict[str, Any]) -> CallToolResult:
    vercel, project = await _project_of(ctx, args)
    variables: list[Mapping[str, Any]] = [
        NewEnvVar.model_validate(v).model_dump(exclude_none=True) for v in args["environmentVariables"]
    ]
    with vercel_errors(_without_values(args)):
        outcome = await vercel.create_env_vars(project, variables, upsert=bool(args.get("upsert")))
    created = outcome.created if isinstance(outcome.created, list) else [outcome.created] if outcome.created else []
    failed = [_failure(item) for item in outcome.failed or []]
    result = EnvVarChanges(
        vercelProjectId=project,
        changed=[env_var_info(v, show_value=False) for v in created if v.id],
        failed=failed,
        note=_changes_note(failed, "upsert: true overwrites keys that exist"),
    )
    return render(result, [project_link(project)])


async def _update_env(ctx: Context[Any, Any], args: dict[str, Any]) -> CallToolResult:
    vercel, project = await _project_of(ctx, args)
    edits = [EnvVarEdit.model_validate(v) for v in args["environmentVariables"]]
    changed: list[EnvVarInfo] = []
    failed: list[EnvVarFailure] = []
    for edit in edits:  # Vercel edits one variable per call
        fields = edit.model_dump(exclude_none=True, exclude={"id"})
        if not fields:
            failed.append(EnvVarFailure(id=edit.id, message="nothing to change: give value, key, type or target"))
            continue
        try:
            with vercel_errors({"environmentVariableId": edit.id}):
                var = await vercel.edit_env_var(project, edit.id, **fields)
        except ToolError as exc:
            failed.append(EnvVarFailure(id=edit.id, key=edit.key, message=str(exc)))
            continue
        info = env_var_info(var, show_value=False)
        changed.append(info if info.id else info.model_copy(update={"id": edit.id}))
    result = EnvVarChanges(
        vercelProjectId=project,
        changed=changed,
        failed=failed,
        note=_changes_note(failed, "the others were changed"),
    )
    return render(result, [project_link(project)])


async def _delete_env(ctx: Context[Any, Any], args: dict[str, Any]) -> CallToolResult:
    vercel, project = await _project_of(ctx, args)
    with vercel_errors(args):
        outcome = await vercel.delete_env_vars(project, list(args["environmentVariableIds"]))
    deleted = list(outcome.ids or args["environmentVariableIds"])
    return render(EnvVarsDeleted(vercelProjectId=project, deleted=deleted), [project_link(project)])


def _failure(item: Mapping[str, Any]) -> EnvVarFailure:
    inner = item.get("error")
    error: Mapping[str, Any] = inner if isinstance(inner, Mapping) else item
    key = error.get("key") or error.get("envVarKey")
    return EnvVarFailure(
        key=str(key) if key else None,
        code=str(error.get("code")) if error.get("code") else None,
        message=clip(str(error.get("message") or "failed"), 500) or "failed",
    )


def _changes_note(failed: list[EnvVarFailure], hint: str) -> str:
    applies = "Changes apply from the next deployment: create_deployment redeploys."
    return f"{len(failed)} variable(s) failed ({hint}). {applies}" if failed else applies


def _without_values(args: Mapping[str, Any]) -> dict[str, Any]:
    """The arguments an error may quote: never a variable's value."""
    return {key: value for key, value in args.items() if key != "environmentVariables"}


_ENV_ID: Final[FieldSpec] = (str, FieldInfo(min_length=1, description="From list_env_vars"))

TOOLS: Final[tuple[ToolSpec, ...]] = (
    endpoint(
        "create_vercel_project",
        title="Create Vercel project",
        description="Give a chat its Vercel project (named after the chat unless name is given), for env vars.",
        output=VercelProjectCreated,
        shape=lambda r, args: VercelProjectCreated(
            chatId=args["chatId"],
            vercelProjectId=r.vercelProjectId,
            note="Next: create_env_vars, then create_deployment.",
        ),
        links=lambda r, _: [project_link(r.vercelProjectId)] if r.vercelProjectId else [],
    ),
    hand_made(
        "get_vercel_project",
        title="Get Vercel project",
        description="Get a chat's Vercel project: production URL, latest deployments.",
        fields=_PROJECT_FIELDS,
        output=VercelProjectInfo,
        handler=_get_project,
    ),
    hand_made(
        "list_vercel_projects",
        title="List Vercel projects",
        description="List the team's Vercel projects, latest first; page with cursor=nextCursor.",
        fields={
            "search": (str | None, FieldInfo(default=None, min_length=1, description="Part of a name")),
            "limit": (int, FieldInfo(default=20, ge=1, le=100)),
            "cursor": (str | None, FieldInfo(default=None, min_length=1)),
        },
        output=VercelProjectList,
        handler=_list_projects,
    ),
    hand_made(
        "list_env_vars",
        title="List env vars",
        description="List the env vars of a chat's Vercel project (values only with decrypted: true).",
        fields={
            **_PROJECT_FIELDS,
            "decrypted": _DECRYPTED,
            "gitBranch": (str | None, FieldInfo(default=None, min_length=1)),
        },
        output=EnvVarList,
        handler=_list_env,
    ),
    hand_made(
        "get_env_var",
        title="Get env var",
        description="Get one env var (its value only with decrypted: true).",
        fields={**_PROJECT_FIELDS, "environmentVariableId": _ENV_ID, "decrypted": _DECRYPTED},
        output=EnvVarOne,
        handler=_get_env,
    ),
    hand_made(
        "create_env_vars",
        title="Create env vars",
        description=(
            "Add env vars to a chat's Vercel project (encrypted, every target unless told); upsert overwrites."
        ),
        fields={
            **_PROJECT_FIELDS,
            "environmentVariables": (list[NewEnvVar], FieldInfo(min_length=1, max_length=50)),
            "upsert": (bool, FieldInfo(default=False)),
        },
        output=EnvVarChanges,
        handler=_create_env,
    ),
    hand_made(
        "update_env_vars",
        title="Update env vars",
        description="Change env vars by id; results per variable.",
        fields={**_PROJECT_FIELDS, "environmentVariables": (list[EnvVarEdit], FieldInfo(min_length=1, max_length=50))},
        output=EnvVarChanges,
        handler=_update_env,
    ),
    hand_made(
        "delete_env_vars",
        title="Delete env vars",
        description="Delete env vars by id.",
        fields={
            **_PROJECT_FIELDS,
            "environmentVariableIds": (list[str], FieldInfo(min_length=1, max_length=100)),
        },
        output=EnvVarsDeleted,
        handler=_delete_env,
    ),
)
