"""Vercel REST bodies (vercel-openapi.json): deployments, build events, runtime logs, projects, env vars.

Vercel times are Unix milliseconds. A deployment's state is computed from the clock
(:meth:`Deployment.ready_state`), so every read shows where the build is now.
"""

from __future__ import annotations

import base64
import hashlib
from typing import Any

from .._clock import ms
from ..v2._state import BuildEvent, Deployment, EnvVar, V2Workspace, VercelProject

__all__ = [
    "deployment_json",
    "deployment_list_item",
    "env_json",
    "event_json",
    "project_json",
    "runtime_lines",
    "visible_events",
]

JSON = dict[str, Any]
_CREATOR_NAME = "v0-sim"


def _creator(ws: V2Workspace) -> JSON:
    return {"uid": ws.user_id, "username": _CREATOR_NAME}


def _alias(project_name: str) -> list[str]:
    return [f"{project_name}.vercel.app"]


def deployment_json(ws: V2Workspace, dep: Deployment, now: float) -> JSON:
    state = dep.ready_state(now)
    body: JSON = {
        "id": dep.id,
        "name": dep.name,
        "url": dep.url,
        "projectId": dep.project_id,
        "ownerId": ws.team_id,
        "readyState": state,
        "status": state,
        "target": "production",
        "createdAt": ms(dep.created_at),
    }
    if (now >= dep.building_at and state != "CANCELED") or (dep.canceled_at or 0) > dep.building_at:
        body["buildingAt"] = ms(dep.building_at)
    ready = state == "READY"
    body.update(
        alias=_alias(dep.name) if ready else [],
        aliasAssigned=ready,
        aliasError=None,
        inspectorUrl=f"https://vercel.com/{ws.team_slug}/{dep.name}/{dep.id.removeprefix('dpl_')}",
        creator=_creator(ws),
        meta={"v0ChatId": dep.chat_id},
        regions=["iad1"],
        type="LAMBDAS",
        version=2,
    )
    if ready:
        body["readySubstate"] = "PROMOTED"
        body["ready"] = ms(dep.finished_at)
    elif state == "ERROR":
        body.update(
            buildErrorAt=ms(dep.finished_at),
            errorCode="build_failed",
            errorMessage=dep.error or "Build failed",
            errorStep="buildStep",
        )
    elif state == "CANCELED" and dep.canceled_at is not None:
        body["canceledAt"] = ms(dep.canceled_at)
    return body


def deployment_list_item(ws: V2Workspace, dep: Deployment, now: float) -> JSON:
    full = deployment_json(ws, dep, now)
    state = "DELETED" if dep.deleted else full["readyState"]
    item: JSON = {
        "uid": dep.id,
        "name": dep.name,
        "url": None if dep.deleted else dep.url,
        "projectId": dep.project_id,
        "created": ms(dep.created_at),
        "createdAt": ms(dep.created_at),
        "readyState": state,
        "state": state,
        "target": "production",
        "inspectorUrl": full["inspectorUrl"],
        "creator": full["creator"],
        "aliasAssigned": ms(dep.finished_at) if state == "READY" else None,
        "aliasError": None,
        "meta": full["meta"],
    }
    for key in ("buildingAt", "ready", "readySubstate", "errorCode", "errorMessage"):
        if key in full:
            item[key] = full[key]
    return item


def visible_events(dep: Deployment, now: float) -> list[BuildEvent]:
    """The build events printed by ``now`` (a canceled build stops where it was, then says so)."""
    end = now if dep.canceled_at is None else min(now, dep.canceled_at)
    shown = [e for e in dep.events if e.at <= end]
    if dep.canceled_at is not None and dep.canceled_at <= now:
        shown.append(BuildEvent(at=dep.canceled_at, type="deployment-state", ready_state="CANCELED"))
    return shown


def event_json(dep: Deployment, event: BuildEvent, serial: int) -> JSON:
    info: JSON = {"type": "build", "name": "bld_" + dep.id.removeprefix("dpl_")[:12], "entrypoint": "."}
    if event.ready_state is not None:
        info = {"type": "build", "name": info["name"], "readyState": event.ready_state}
    body: JSON = {
        "type": event.type,
        "created": ms(event.at),
        "date": ms(event.at),
        "deploymentId": dep.id,
        "id": f"evt_{serial:02d}{dep.id.removeprefix('dpl_')[:6]}",
        "info": info,
        "serial": f"{ms(event.at)}-{serial:03d}",
    }
    if event.text is not None:
        body["text"] = event.text
    if event.level is not None:
        body["level"] = event.level
    return body


_REQUESTS = (
    ("GET", "/", 200, "info", "request"),
    ("GET", "/_next/static/chunks/main.js", 200, "info", "request"),
    ("POST", "/api/subscribe", 200, "info", "serverless"),
    ("GET", "/favicon.ico", 404, "warning", "request"),
    ("GET", "/", 200, "info", "request"),
    ("POST", "/api/subscribe", 500, "error", "serverless"),
)


def runtime_lines(dep: Deployment, now: float, *, interval: float, limit: int = 100) -> list[JSON]:
    """The runtime log of a READY deployment: a request every ``interval`` seconds since it went live."""
    if dep.ready_state(now) != "READY" or interval <= 0:
        return []
    count = int((now - dep.finished_at) // interval)
    lines: list[JSON] = []
    for k in range(max(0, count - limit), count):
        method, path, status, level, source = _REQUESTS[k % len(_REQUESTS)]
        at = dep.finished_at + (k + 1) * interval
        message = f"{method} {path} {status}"
        if status == 500:
            message = "Error: subscribe failed: connect ECONNREFUSED 127.0.0.1:5432"
        lines.append(
            {
                "level": level,
                "message": message,
                "rowId": f"r_{dep.id.removeprefix('dpl_')[:6]}{k:05d}",
                "source": source,
                "timestampInMs": ms(at),
                "domain": _alias(dep.name)[0],
                "messageTruncated": False,
                "requestMethod": method,
                "requestPath": path,
                "responseStatusCode": status,
            }
        )
    return lines


def project_json(ws: V2Workspace, project: VercelProject, now: float) -> JSON:
    deployments = sorted(
        (d for d in ws.deployments.values() if d.project_id == project.id and not d.deleted),
        key=lambda d: d.created_at,
        reverse=True,
    )
    body: JSON = {
        "id": project.id,
        "name": project.name,
        "accountId": ws.team_id,
        "framework": "nextjs",
        "createdAt": ms(project.created_at),
        "updatedAt": ms(project.updated_at),
        "nodeVersion": "22.x",
        "latestDeployments": [_ref(d, now) for d in deployments[:5]],
    }
    live = next((d for d in deployments if d.ready_state(now) == "READY"), None)
    if live is not None:
        body["targets"] = {"production": _ref(live, now)}
    return body


def _ref(dep: Deployment, now: float) -> JSON:
    state = dep.ready_state(now)
    ref: JSON = {"id": dep.id, "url": dep.url, "createdAt": ms(dep.created_at), "readyState": state}
    if state == "READY":
        ref["readySubstate"] = "PROMOTED"
        ref["alias"] = _alias(dep.name)
    ref["target"] = "production"
    return ref


def encrypted(ws: V2Workspace, env: EnvVar) -> str:
    """An opaque stand-in for Vercel's encrypted value (never the value itself)."""
    digest = hashlib.sha256(f"{ws.api_key}\x00{env.id}\x00{env.value}".encode()).digest()
    return base64.b64encode(b'{"v":"v2","enc":"' + base64.b64encode(digest[:24]) + b'"}').decode()


def env_json(ws: V2Workspace, env: EnvVar, *, decrypt: bool) -> JSON:
    if env.type == "sensitive":
        value, decrypted = "", False
    elif env.type == "plain" or decrypt:
        value, decrypted = env.value, decrypt
    else:
        value, decrypted = encrypted(ws, env), False
    body: JSON = {
        "id": env.id,
        "key": env.key,
        "value": value,
        "type": env.type,
        "target": list(env.target),
        "createdAt": ms(env.created_at),
        "updatedAt": ms(env.updated_at),
        "createdBy": ws.user_id,
        "updatedBy": ws.user_id if env.updated_at != env.created_at else None,
        "configurationId": None,
    }
    if env.type == "encrypted":
        body["decrypted"] = decrypted
    if env.git_branch is not None:
        body["gitBranch"] = env.git_branch
    if env.comment is not None:
        body["comment"] = env.comment
    return body
