"""The 13 Vercel REST endpoints of ``spec/v2/vercel-openapi.json``, each described once.

The list of deployments has two paths: ``/v7`` (the official SDK's) and ``/v6``
(the reference page's); ``deployments.list`` uses ``/v7``. Build events answer a
JSON array, or with ``follow=1`` one JSON object per line that stays open;
runtime logs are always such a stream (``content="ndjson"``).
"""

from __future__ import annotations

from typing import Final

from .._operation import Catalogue, Operation
from ._models import (
    BatchRemoveEnvBody,
    BatchRemoveEnvResult,
    CreateEnvQuery,
    CreateEnvResult,
    DeleteDeploymentQuery,
    DeleteDeploymentResult,
    Deployment,
    DeploymentEventsQuery,
    DeploymentList,
    EditEnvBody,
    EnvVar,
    EnvVarInput,
    EnvVarList,
    GetDeploymentQuery,
    ListDeploymentsQuery,
    ListEnvQuery,
    ListProjectsQuery,
    Project,
    ProjectList,
)

__all__ = ["CATALOGUE"]

# The events endpoint's JSON form: events of several shapes, and nulls.
_EVENTS: Final = list[dict[str, object] | None]

# fmt: off
CATALOGUE: Final = Catalogue("vercel", (
    Operation("getDeployment", "GET", "/v13/deployments/{idOrUrl}", query=GetDeploymentQuery, response=Deployment),
    Operation("getDeployments", "GET", "/v7/deployments", query=ListDeploymentsQuery, response=DeploymentList,
              items="deployments"),
    Operation("getDeploymentsV6", "GET", "/v6/deployments", query=ListDeploymentsQuery, response=DeploymentList,
              items="deployments"),
    Operation("deleteDeployment", "DELETE", "/v13/deployments/{idOrUrl}", query=DeleteDeploymentQuery,
              response=DeleteDeploymentResult),
    Operation("cancelDeployment", "PATCH", "/v12/deployments/{id}/cancel", response=Deployment),
    Operation("getDeploymentEvents", "GET", "/v3/deployments/{idOrUrl}/events", query=DeploymentEventsQuery,
              response=_EVENTS),
    Operation("getRuntimeLogs", "GET", "/v1/projects/{projectId}/deployments/{deploymentId}/runtime-logs",
              content="ndjson"),
    Operation("getProject", "GET", "/v9/projects/{idOrName}", response=Project),
    Operation("getProjects", "GET", "/v10/projects", query=ListProjectsQuery, response=ProjectList,
              items="projects"),
    Operation("filterProjectEnvs", "GET", "/v10/projects/{idOrName}/env", query=ListEnvQuery, response=EnvVarList),
    Operation("createProjectEnv", "POST", "/v10/projects/{idOrName}/env", query=CreateEnvQuery,
              body=list[EnvVarInput], response=CreateEnvResult, status=201),
    Operation("getProjectEnv", "GET", "/v1/projects/{idOrName}/env/{id}", response=EnvVar),
    Operation("editProjectEnv", "PATCH", "/v9/projects/{idOrName}/env/{id}", body=EditEnvBody, response=EnvVar),
    Operation("batchRemoveProjectEnv", "DELETE", "/v1/projects/{idOrName}/env", body=BatchRemoveEnvBody,
              response=BatchRemoveEnvResult),
))
# fmt: on
