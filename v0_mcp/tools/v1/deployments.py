"""The deployments toolset: ship a version to Vercel and read what happened."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._results import Result, clip, deployment_logs_link
from .._shapes import Deleted, DeploymentInfo
from ._declare import endpoint
from ._shapes import deleted_of, deployment_of


class DeploymentList(Result):
    deployments: list[DeploymentInfo]


class LogLine(Result):
    createdAt: str | None = None
    level: str | None = None
    type: str | None = None
    text: str | None = None


class Logs(Result):
    deploymentId: str
    logs: list[LogLine]
    nextSince: float | None = None


class DeploymentErrors(Result):
    deploymentId: str
    hasErrors: bool
    errorType: str | None = None
    formattedError: str | None = None
    fullErrorText: str | None = None


def _logs(response: Any, args: Mapping[str, Any]) -> Logs:
    lines = [
        LogLine(
            createdAt=str(log.createdAt) if log.createdAt is not None else None,
            level=log.level,
            type=log.type,
            text=clip(log.text, 2_000),
        )
        for log in response.logs or []
    ]
    note = "Poll again with since=nextSince for newer lines." if response.nextSince is not None else None
    return Logs(deploymentId=args["deploymentId"], logs=lines, nextSince=response.nextSince, note=note)


def _errors(response: Any, args: Mapping[str, Any]) -> DeploymentErrors:
    has = bool(response.fullErrorText or response.errorType or response.formattedError)
    return DeploymentErrors(
        deploymentId=args["deploymentId"],
        hasErrors=has,
        errorType=response.errorType,
        formattedError=clip(response.formattedError, 8_000),
        fullErrorText=clip(response.fullErrorText, 8_000),
        note="Fix the files with update_version_files or send_message, then create_deployment again." if has else None,
    )


def _deployment(response: Any, _: Mapping[str, Any]) -> DeploymentInfo:
    info = deployment_of(response)
    info.note = "Next: get_deployment_logs and get_deployment_errors."
    return info


TOOLS = (
    endpoint(
        "create_deployment",
        title="Deploy version",
        description="Deploy a chat version to Vercel. Returns at once; follow with get_deployment_logs.",
        output=DeploymentInfo,
        shape=_deployment,
        links=lambda r, _: [deployment_logs_link(r.id)],
    ),
    endpoint(
        "get_deployment_logs",
        title="Deployment logs",
        description="Read build logs, oldest first; pass since=nextSince to get only newer lines.",
        output=Logs,
        shape=_logs,
    ),
    endpoint(
        "get_deployment_errors",
        title="Deployment errors",
        description="Get a deployment's build errors, if any.",
        output=DeploymentErrors,
        shape=_errors,
    ),
    endpoint(
        "get_deployment",
        title="Get deployment",
        description="Get a deployment's URLs and ids.",
        output=DeploymentInfo,
        shape=lambda r, _: deployment_of(r),
    ),
    endpoint(
        "list_deployments",
        title="List deployments",
        description="List deployments of a chat version.",
        output=DeploymentList,
        shape=lambda r, _: DeploymentList(deployments=[deployment_of(d) for d in r.data or []]),
    ),
    endpoint(
        "delete_deployment",
        title="Delete deployment",
        description="Delete a deployment.",
        output=Deleted,
        shape=lambda r, _: deleted_of(r),
    ),
)
