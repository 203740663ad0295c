"""Handlers of deployments: create returns at once, the build then unfolds on the clock (:mod:`._builds`)."""

from __future__ import annotations

from typing import Any

from ._builds import deployment_errors, logs_page, plan_build
from ._errors import ApiError
from ._generate import slugify
from ._paging import newest_first
from ._registry import Call, handles
from ._shapes import deleted, deployment_detail
from ._state import Deployment

__all__: list[str] = []

JSON = dict[str, Any]


@handles("deployments.find")
def find(call: Call) -> JSON:
    q = call.query
    found = [
        d
        for d in call.ws.deployments.values()
        if (d.chat_id, d.version_id) == (q.chatId, q.versionId) and q.projectId in (None, d.project_id)
    ]
    return {"object": "list", "data": [deployment_detail(d) for d in newest_first(found, lambda d: d.created_at)]}


@handles("deployments.create")
def create(call: Call) -> JSON:
    ws, body = call.ws, call.body
    chat = ws.chat(body.chatId)
    version = ws.version(chat, body.versionId)
    if version.status != "completed":
        raise ApiError(409, f"Version {version.id} is {version.status}; only completed versions can be deployed")
    project_id = ws.project(body.projectId).id if body.projectId else chat.project_id
    slug = f"{slugify(chat.name, words=3)}-{ws.ids.token(9, 'abcdefghijklmnopqrstuvwxyz0123456789')}"
    logs, error = plan_build(
        version.contents(),
        start=call.now,
        interval=call.config.log_interval,
        version_id=version.id,
        url=f"https://{slug}.vercel.app",
    )
    deployment = Deployment(
        id=ws.ids.deployment(),
        chat_id=chat.id,
        version_id=version.id,
        project_id=project_id,
        created_at=call.now,
        slug=slug,
        logs=logs,
        error=error,
    )
    ws.deployments[deployment.id] = deployment
    return deployment_detail(deployment)


@handles("deployments.getById")
def get(call: Call) -> JSON:
    return deployment_detail(call.ws.deployment(call.params["deploymentId"]))


@handles("deployments.delete")
def delete(call: Call) -> JSON:
    deployment = call.ws.deployment(call.params["deploymentId"])
    del call.ws.deployments[deployment.id]
    return deleted(deployment.id, "deployment")


@handles("deployments.findLogs")
def find_logs(call: Call) -> JSON:
    deployment = call.ws.deployment(call.params["deploymentId"])
    return logs_page(deployment, since=call.query.since, now=call.now)


@handles("deployments.findErrors")
def find_errors(call: Call) -> JSON:
    return deployment_errors(call.ws.deployment(call.params["deploymentId"]), now=call.now)
