"""Models of the Vercel REST subset v2 sends us to, written by hand from ``spec/v2/vercel-openapi.json``.

That spec is itself a hand-made subset, so these are too: requests strict
(Vercel answers 400 to unknown fields), responses tolerant (every field
optional, extra fields kept, unknown states and event types passed through).
Times are Unix milliseconds. ``teamId`` is not in the query models: the client
sends it on every call.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = [
    "BatchRemoveEnvBody",
    "BatchRemoveEnvResult",
    "CreateEnvQuery",
    "CreateEnvResult",
    "DeleteDeploymentQuery",
    "DeleteDeploymentResult",
    "Deployment",
    "DeploymentEventsQuery",
    "DeploymentList",
    "DeploymentListItem",
    "EditEnvBody",
    "EnvVar",
    "EnvVarInput",
    "EnvVarList",
    "GetDeploymentQuery",
    "ListDeploymentsQuery",
    "ListEnvQuery",
    "ListProjectsQuery",
    "Pagination",
    "Project",
    "ProjectList",
    "RuntimeLogLine",
]

EnvTarget = Literal["production", "preview", "development"]
EnvType = Literal["system", "encrypted", "plain", "sensitive"]


class Request(BaseModel):
    """A request body or query string: unknown fields are refused."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Response(BaseModel):
    """A response body: extra fields are kept, missing ones tolerated."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)


# -- requests ---------------------------------------------------------------------------------------------------------


class GetDeploymentQuery(Request):
    withGitRepoInfo: bool | None = None


class DeleteDeploymentQuery(Request):
    url: str | None = None


class ListDeploymentsQuery(Request):
    projectId: str | None = None
    projectIds: list[str] | None = None
    state: str | None = None  # comma-separated ready states
    target: str | None = None
    limit: int | None = Field(None, ge=1)
    until: int | None = None  # pagination.next of the previous page
    since: int | None = None
    from_: int | None = Field(None, alias="from")
    to: int | None = None
    app: str | None = None
    users: str | None = None
    rollbackCandidate: bool | None = None
    branch: str | None = None
    sha: str | None = None


class DeploymentEventsQuery(Request):
    direction: Literal["backward", "forward"] | None = None
    follow: Literal[0, 1] | None = None
    limit: int | None = None  # -1 for all
    name: str | None = None
    since: int | None = None
    until: int | None = None
    statusCode: int | str | None = None
    delimiter: Literal[0, 1] | None = None
    builds: Literal[0, 1] | None = None


class ListProjectsQuery(Request):
    from_: str | None = Field(None, alias="from")  # pagination.next of the previous page
    limit: str | None = None
    search: str | None = None
    repo: str | None = None
    repoId: str | None = None
    repoUrl: str | None = None
    excludeRepos: str | None = None
    edgeConfigId: str | None = None
    edgeConfigTokenId: str | None = None
    deprecated: bool | None = None
    gitForkProtection: Literal["0", "1"] | None = None
    elasticConcurrencyEnabled: Literal["0", "1"] | None = None
    staticIpsEnabled: Literal["0", "1"] | None = None
    buildMachineTypes: str | None = None
    buildQueueConfiguration: Literal["SKIP_NAMESPACE_QUEUE", "WAIT_FOR_NAMESPACE_QUEUE"] | None = None


class ListEnvQuery(Request):
    gitBranch: str | None = None
    decrypt: bool | None = None
    source: str | None = None
    customEnvironmentId: str | None = None
    customEnvironmentSlug: str | None = None


class CreateEnvQuery(Request):
    upsert: bool | None = None


class EnvVarInput(Request):
    """One variable to create: ``target`` or ``customEnvironmentIds`` (or both) is required."""

    key: str = Field(min_length=1)
    value: str
    type: EnvType
    target: list[EnvTarget] | None = None
    gitBranch: str | None = None
    comment: str | None = None
    customEnvironmentIds: list[str] | None = None

    @model_validator(mode="after")
    def _has_a_target(self) -> EnvVarInput:
        if not self.target and not self.customEnvironmentIds:
            raise ValueError("give target (production, preview, development) or customEnvironmentIds")
        return self


class EditEnvBody(Request):
    key: str | None = Field(None, min_length=1)
    value: str | None = None
    type: EnvType | None = None
    target: list[EnvTarget] | None = None
    gitBranch: str | None = None
    comment: str | None = None
    customEnvironmentIds: list[str] | None = None


class BatchRemoveEnvBody(Request):
    ids: list[str] = Field(min_length=1)


# -- responses --------------------------------------------------------------------------------------------------------


class AliasError(Response):
    code: str | None = None
    message: str | None = None


class Creator(Response):
    uid: str | None = None
    username: str | None = None


class Deployment(Response):
    """A deployment; ``readyState`` READY, ERROR and CANCELED are final (BLOCKED needs a person)."""

    id: str
    name: str | None = None
    url: str | None = None  # a hostname: prepend https://
    projectId: str | None = None
    readyState: str | None = None
    readySubstate: str | None = None
    readyStateReason: str | None = None
    target: str | None = None
    createdAt: float | None = None
    buildingAt: float | None = None
    ready: float | None = None
    canceledAt: float | None = None
    buildErrorAt: float | None = None
    errorCode: str | None = None
    errorMessage: str | None = None
    errorStep: str | None = None
    errorLink: str | None = None
    alias: list[str] | None = None
    aliasAssigned: bool | float | None = None
    aliasError: AliasError | None = None
    inspectorUrl: str | None = None
    creator: Creator | None = None
    oomReport: str | None = None


class DeploymentListItem(Response):
    uid: str
    name: str | None = None
    url: str | None = None
    projectId: str | None = None
    createdAt: float | None = None
    readyState: str | None = None
    state: str | None = None
    target: str | None = None
    inspectorUrl: str | None = None
    errorCode: str | None = None
    errorMessage: str | None = None


class Pagination(Response):
    count: float | None = None
    next: float | str | None = None
    prev: float | str | None = None


class DeploymentList(Response):
    deployments: list[DeploymentListItem] | None = None
    pagination: Pagination | None = None


class DeleteDeploymentResult(Response):
    uid: str | None = None
    state: str | None = None


class RuntimeLogLine(Response):
    level: str | None = None
    message: str | None = None
    rowId: str | None = None
    source: str | None = None
    timestampInMs: float | None = None
    domain: str | None = None
    messageTruncated: bool | None = None
    requestMethod: str | None = None
    requestPath: str | None = None
    responseStatusCode: float | None = None


class Project(Response):
    id: str
    name: str | None = None
    accountId: str | None = None
    framework: str | None = None
    createdAt: float | None = None
    updatedAt: float | None = None
    latestDeployments: list[dict[str, Any]] | None = None
    targets: dict[str, Any] | None = None


class ProjectList(Response):
    projects: list[Project] | None = None
    pagination: Pagination | None = None


class EnvVar(Response):
    id: str | None = None
    key: str | None = None
    value: str | None = None  # encrypted in lists; sensitive variables never show theirs
    type: str | None = None
    target: list[str] | str | None = None
    gitBranch: str | None = None
    decrypted: bool | None = None
    comment: str | None = None
    customEnvironmentIds: list[str] | None = None
    createdAt: float | None = None
    updatedAt: float | None = None


class EnvVarList(Response):
    """Usually ``{envs, pagination}``; the API answers a bare variable in some cases (then read it as one)."""

    envs: list[EnvVar] | None = None
    pagination: Pagination | None = None

    @model_validator(mode="before")
    @classmethod
    def _bare_variable(cls, data: Any) -> Any:
        if isinstance(data, dict) and "envs" not in data and "key" in data:
            return {"envs": [data]}
        return data


class CreateEnvResult(Response):
    """``created`` may be one variable or a list; ``failed`` lists per-variable errors (partial success)."""

    created: list[EnvVar] | EnvVar | None = None
    failed: list[dict[str, Any]] | None = None


class BatchRemoveEnvResult(Response):
    deleted: float | None = None
    ids: list[str] | None = None
