"""The Vercel REST subset v2 sends clients to, mounted at ``/vercel``.

Same key as v0: the bearer token is the v0 key, and it sees the projects and
deployments that ``chats.deploy`` made for that key. ``teamId`` (or ``slug``) is
honoured: the key's own team (``usage.getSummary`` ``scope.id``, a project's
``accountId``) passes, another team answers 403. Errors use Vercel's
``{"error": {"code", "message"}}``; a missing or bad token answers 403 ``forbidden`` as
Vercel does. Faults and the rate limit are shared with the v0 API.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import anyio
import httpx
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import BaseRoute, Route

from .._errors import ApiError
from ..v2 import V2Api
from ..v2._state import Deployment, EnvVar, V2Workspace, VercelProject
from ._shapes import (
    deployment_json,
    deployment_list_item,
    env_json,
    event_json,
    project_json,
    runtime_lines,
    visible_events,
)

__all__ = ["VercelApi", "vercel_error"]

log = logging.getLogger(__name__)
JSON = dict[str, Any]
Handler = Callable[["VercelCall"], Awaitable[Response | Any]]
_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    409: "conflict",
    429: "rate_limited",
    500: "internal_server_error",
}
_FINAL = frozenset({"READY", "ERROR", "CANCELED"})
_NDJSON = "application/stream+json"


def vercel_error(status: int, message: str, *, retry_after: float | None = None) -> JSONResponse:
    """Vercel's envelope, with ``limit`` on 429."""
    error: JSON = {"code": _CODES.get(status, "internal_server_error"), "message": message}
    headers: dict[str, str] = {}
    if status == 429:
        wait = max(0, round(retry_after or 1))
        error["limit"] = {"remaining": 0, "reset": wait, "resetMs": wait * 1000, "total": 0}
        headers["Retry-After"] = str(wait)
    return JSONResponse({"error": error}, status_code=status, headers=headers)


class VercelCall:
    def __init__(self, api: VercelApi, ws: V2Workspace, request: Request, now: float) -> None:
        self.api, self.ws, self.request, self.now = api, ws, request, now
        self.params = request.path_params
        self.query = request.query_params

    def clock(self) -> float:
        return self.api.v2.config.clock()


class _Env(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    key: str = Field(min_length=1)
    value: str
    type: str = Field(pattern="^(system|encrypted|plain|sensitive)$")
    target: list[str] | None = None
    gitBranch: str | None = None
    comment: str | None = None
    customEnvironmentIds: list[str] | None = None


class _EnvEdit(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    key: str | None = Field(None, min_length=1)
    value: str | None = None
    type: str | None = Field(None, pattern="^(system|encrypted|plain|sensitive)$")
    target: list[str] | None = None
    gitBranch: str | None = None
    comment: str | None = None
    customEnvironmentIds: list[str] | None = None


class _Ids(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    ids: list[str] = Field(min_length=1)


_TARGETS = frozenset({"production", "preview", "development"})


class VercelApi:
    """The 13 Vercel endpoints, over the per-key state of :class:`V2Api`."""

    def __init__(self, v2: V2Api) -> None:
        self.v2 = v2
        table: list[tuple[str, str, str, Handler]] = [
            ("getDeployment", "GET", "/v13/deployments/{idOrUrl}", self.get_deployment),
            ("deleteDeployment", "DELETE", "/v13/deployments/{idOrUrl}", self.delete_deployment),
            ("getDeployments", "GET", "/v7/deployments", self.list_deployments),
            ("getDeploymentsV6", "GET", "/v6/deployments", self.list_deployments),
            ("cancelDeployment", "PATCH", "/v12/deployments/{id}/cancel", self.cancel_deployment),
            ("getDeploymentEvents", "GET", "/v3/deployments/{idOrUrl}/events", self.events),
            (
                "getRuntimeLogs",
                "GET",
                "/v1/projects/{projectId}/deployments/{deploymentId}/runtime-logs",
                self.runtime_logs,
            ),
            ("getProject", "GET", "/v9/projects/{idOrName}", self.get_project),
            ("getProjects", "GET", "/v10/projects", self.list_projects),
            ("filterProjectEnvs", "GET", "/v10/projects/{idOrName}/env", self.list_env),
            ("createProjectEnv", "POST", "/v10/projects/{idOrName}/env", self.create_env),
            ("getProjectEnv", "GET", "/v1/projects/{idOrName}/env/{id}", self.get_env),
            ("editProjectEnv", "PATCH", "/v9/projects/{idOrName}/env/{id}", self.edit_env),
            ("batchRemoveProjectEnv", "DELETE", "/v1/projects/{idOrName}/env", self.remove_env),
        ]
        self.operation_ids = [op for op, *_ in table]
        self.routes: list[BaseRoute] = [
            Route(path, self._endpoint(op, fn), methods=[method], name=f"vercel:{op}") for op, method, path, fn in table
        ]

    def _endpoint(self, op: str, fn: Handler) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            try:
                return await self._serve(op, fn, request)
            except ApiError as exc:
                return vercel_error(exc.status, exc.message, retry_after=exc.retry_after)
            except httpx.RemoteProtocolError:
                raise
            except Exception:
                log.exception("simulator: vercel %s failed", op)
                return vercel_error(500, "An unexpected internal error occurred")

        endpoint.__name__ = "vercel_" + op
        return endpoint

    async def _serve(self, op: str, fn: Handler, request: Request) -> Response:
        v2 = self.v2
        failed = "An unexpected internal error occurred (simulated)"
        faulted = await v2.faults.intercept(op, request, drop=v2.drop, error=vercel_error, failed=failed)
        if faulted is not None:
            return faulted
        try:
            ws = v2.authenticate(request)
        except ApiError as exc:
            if exc.status == 401:
                raise ApiError(403, "Not authorized: send the token as Authorization: Bearer <token>") from None
            raise
        team, slug = request.query_params.get("teamId"), request.query_params.get("slug")
        if (team is not None and team != ws.team_id) or (slug is not None and slug != ws.team_slug):
            raise ApiError(403, "Not authorized: the token has no access to this team")
        result = await fn(VercelCall(self, ws, request, v2.config.clock()))
        return v2.after(ws, result if isinstance(result, Response) else JSONResponse(result))

    # lookups -----------------------------------------------------------------------

    def _deployment(self, call: VercelCall, key: str) -> Deployment:
        for dep in call.ws.deployments.values():
            if not dep.deleted and (dep.id == key or dep.url == key or f"https://{dep.url}" == key):
                return dep
        raise ApiError(404, f"Deployment not found: {key}")

    def _project(self, call: VercelCall, key: str) -> VercelProject:
        for project in call.ws.projects.values():
            if key in (project.id, project.name):
                return project
        raise ApiError(404, f"Project not found: {key}")

    def _env(self, call: VercelCall, project: VercelProject, env_id: str) -> EnvVar:
        env = call.ws.env_vars.get(env_id)
        if env is None or env.project_id != project.id:
            raise ApiError(404, f"Environment variable not found: {env_id}")
        return env

    # deployments -------------------------------------------------------------------

    async def get_deployment(self, call: VercelCall) -> JSON:
        return deployment_json(call.ws, self._deployment(call, call.params["idOrUrl"]), call.now)

    async def delete_deployment(self, call: VercelCall) -> JSON:
        key = call.query.get("url") or call.params["idOrUrl"]
        dep = self._deployment(call, key)
        dep.deleted = True
        return {"uid": dep.id, "state": "DELETED"}

    async def cancel_deployment(self, call: VercelCall) -> JSON:
        dep = self._deployment(call, call.params["id"])
        state = dep.ready_state(call.now)
        if state in _FINAL:
            raise ApiError(400, f"The deployment cannot be canceled: it is already {state}")
        dep.canceled_at = call.now
        return deployment_json(call.ws, dep, call.now)

    async def list_deployments(self, call: VercelCall) -> JSON:
        q = call.query
        limit = _number(q, "limit", 20, low=1, high=100)
        until, since = _number(q, "until", None), _number(q, "since", None)
        deps = sorted(call.ws.deployments.values(), key=lambda d: d.created_at, reverse=True)
        if "projectId" in q:
            deps = [d for d in deps if d.project_id == q["projectId"]]
        projects = q.getlist("projectIds")
        if projects:
            deps = [d for d in deps if d.project_id in projects]
        items = [deployment_list_item(call.ws, d, call.now) for d in deps]
        if "state" in q:
            wanted = {s.strip().upper() for s in q["state"].split(",")}
            items = [i for i in items if i["readyState"] in wanted]
        else:
            items = [i for i in items if i["readyState"] != "DELETED"]
        if "target" in q:
            items = [i for i in items if i["target"] == q["target"]]
        if until is not None:
            items = [i for i in items if i["created"] < until]
        if since is not None:
            items = [i for i in items if i["created"] > since]
        page = items[: int(limit)]
        more = len(items) > len(page)
        return {
            "pagination": {
                "count": len(page),
                "next": page[-1]["created"] if more and page else None,
                "prev": page[0]["created"] + 1 if page else None,
            },
            "deployments": page,
        }

    async def events(self, call: VercelCall) -> Response:
        dep = self._deployment(call, call.params["idOrUrl"])
        q = call.query
        follow = _number(q, "follow", 0) == 1
        accept = call.request.headers.get("accept", "")
        if follow or (_NDJSON in accept and "application/json" not in accept):
            return StreamingResponse(self._follow(call, dep, follow), media_type=_NDJSON)
        shown = [event_json(dep, e, i) for i, e in enumerate(visible_events(dep, call.now))]
        since, until = _number(q, "since", None), _number(q, "until", None)
        if since is not None:
            shown = [e for e in shown if e["created"] > since]
        if until is not None:
            shown = [e for e in shown if e["created"] < until]
        limit = _number(q, "limit", None)
        if q.get("direction") == "backward":
            shown = shown[-int(limit) :] if limit and limit > 0 else shown
        elif limit is not None and limit > 0:
            shown = shown[: int(limit)]
        return JSONResponse(shown)

    async def _follow(self, call: VercelCall, dep: Deployment, follow: bool) -> AsyncIterator[bytes]:
        """One JSON event per line; with ``follow=1`` the stream stays open until the build ends."""
        sent = 0
        waited = 0.0
        step = 0.05
        while True:
            now = call.clock()
            shown = visible_events(dep, now)
            for i in range(sent, len(shown)):
                yield (json.dumps(event_json(dep, shown[i], i), separators=(",", ":")) + "\n").encode()
            sent = len(shown)
            if not follow or dep.ready_state(now) in _FINAL or dep.deleted:
                return
            if waited >= self.v2.settings.follow_limit:
                return
            await anyio.sleep(step)
            waited += step

    async def runtime_logs(self, call: VercelCall) -> Response:
        dep = self._deployment(call, call.params["deploymentId"])
        project = self._project(call, call.params["projectId"])
        if dep.project_id != project.id:
            raise ApiError(404, "Deployment not found in this project")
        lines = runtime_lines(dep, call.now, interval=self.v2.settings.runtime_log_interval)
        body = "".join(json.dumps(line, separators=(",", ":")) + "\n" for line in lines)
        return Response(body, media_type=_NDJSON)

    # projects ----------------------------------------------------------------------

    async def get_project(self, call: VercelCall) -> JSON:
        return project_json(call.ws, self._project(call, call.params["idOrName"]), call.now)

    async def list_projects(self, call: VercelCall) -> JSON:
        q = call.query
        limit = _number(q, "limit", 20, low=1, high=100)
        projects = sorted(call.ws.projects.values(), key=lambda p: p.updated_at, reverse=True)
        if "search" in q:
            projects = [p for p in projects if q["search"].lower() in p.name.lower()]
        start = _number(q, "from", None)
        if start is not None:
            projects = [p for p in projects if round(p.updated_at * 1000) < start]
        page = projects[: int(limit)]
        more = len(projects) > len(page)
        return {
            "projects": [project_json(call.ws, p, call.now) for p in page],
            "pagination": {
                "count": len(page),
                "next": round(page[-1].updated_at * 1000) if more and page else None,
                "prev": None,
            },
        }

    # environment variables ---------------------------------------------------------

    async def list_env(self, call: VercelCall) -> JSON:
        project = self._project(call, call.params["idOrName"])
        decrypt = call.query.get("decrypt") == "true"
        envs = [call.ws.env_vars[i] for i in project.env_ids]
        if "gitBranch" in call.query:
            envs = [e for e in envs if e.git_branch in (None, call.query["gitBranch"])]
        return {
            "envs": [env_json(call.ws, e, decrypt=decrypt) for e in envs],
            "pagination": {"count": len(envs), "next": None, "prev": None},
        }

    async def create_env(self, call: VercelCall) -> Response:
        project = self._project(call, call.params["idOrName"])
        data = await _json(call.request)
        many = isinstance(data, list)
        items = data if many else [data]
        if not items:
            raise ApiError(400, "Invalid request: send at least one variable")
        upsert = call.query.get("upsert") == "true"
        created: list[JSON] = []
        failed: list[JSON] = []
        for index, item in enumerate(items):
            parsed = _validate(_Env, item, f"[{index}]" if many else "")
            if not parsed.target and not parsed.customEnvironmentIds:
                raise ApiError(400, "Invalid request: give `target` or `customEnvironmentIds`")
            _check_targets(parsed.target)
            existing = next(
                (
                    call.ws.env_vars[i]
                    for i in project.env_ids
                    if call.ws.env_vars[i].key == parsed.key
                    and set(call.ws.env_vars[i].target) & set(parsed.target or [])
                ),
                None,
            )
            if existing is not None and not upsert:
                failed.append(
                    {
                        "error": {
                            "code": "ENV_ALREADY_EXISTS",
                            "message": f"A variable with the name `{parsed.key}` already exists for this target.",
                            "key": parsed.key,
                            "envVarKey": parsed.key,
                        }
                    }
                )
                continue
            env = existing or EnvVar(
                id=call.ws.ids.token(16),
                project_id=project.id,
                key=parsed.key,
                value=parsed.value,
                type=parsed.type,
                target=[],
                created_at=call.now,
                updated_at=call.now,
            )
            env.value, env.type, env.target = parsed.value, parsed.type, list(parsed.target or [])
            env.git_branch, env.comment = parsed.gitBranch, parsed.comment
            if existing is not None:
                env.updated_at = call.now
            else:
                call.ws.env_vars[env.id] = env
                project.env_ids.append(env.id)
            created.append(env_json(call.ws, env, decrypt=False))
        project.updated_at = call.now
        body: JSON = {"created": created if many else (created[0] if created else []), "failed": failed}
        return JSONResponse(body, status_code=201)

    async def get_env(self, call: VercelCall) -> JSON:
        project = self._project(call, call.params["idOrName"])
        return env_json(call.ws, self._env(call, project, call.params["id"]), decrypt=True)

    async def edit_env(self, call: VercelCall) -> JSON:
        project = self._project(call, call.params["idOrName"])
        env = self._env(call, project, call.params["id"])
        edit = _validate(_EnvEdit, await _json(call.request), "")
        _check_targets(edit.target)
        for field in ("key", "value", "type", "target", "comment"):
            value = getattr(edit, field)
            if value is not None:
                setattr(env, field, value)
        if edit.gitBranch is not None:
            env.git_branch = edit.gitBranch
        env.updated_at = call.now
        return env_json(call.ws, env, decrypt=env.type == "plain")

    async def remove_env(self, call: VercelCall) -> JSON:
        project = self._project(call, call.params["idOrName"])
        ids = _validate(_Ids, await _json(call.request), "").ids
        for env_id in ids:
            self._env(call, project, env_id)
        for env_id in ids:
            del call.ws.env_vars[env_id]
            project.env_ids.remove(env_id)
        return {"deleted": len(ids), "ids": ids}


def _number(
    query: Any, name: str, default: float | None, *, low: float | None = None, high: float | None = None
) -> Any:
    raw = query.get(name)
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ApiError(400, f"Invalid request: `{name}` should be a number") from None
    if (low is not None and value < low) or (high is not None and value > high):
        raise ApiError(400, f"Invalid request: `{name}` should be between {low} and {high}")
    return value


def _check_targets(targets: list[str] | None) -> None:
    for target in targets or []:
        if target not in _TARGETS:
            raise ApiError(400, f"Invalid request: `target` should be one of {sorted(_TARGETS)}, not {target!r}")


async def _json(request: Request) -> Any:
    raw = await request.body()
    try:
        return json.loads(raw or b"null")
    except ValueError:
        raise ApiError(400, "Invalid request: the body is not JSON") from None


def _validate(model: type[BaseModel], data: Any, where: str) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        location = where + ".".join(str(p) for p in first["loc"])
        raise ApiError(400, f"Invalid request: `{location or 'body'}` {first['msg']}") from None
