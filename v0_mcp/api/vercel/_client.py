"""A small client for the Vercel REST endpoints that v0 API v2 hands deployments, logs and env vars to.

It is the one client core (:class:`~v0_mcp.api.V0Client`) configured for
Vercel: bearer token, ``teamId`` on every call, Vercel's ``{"error": {"code",
"message"}}`` envelope mapped into the same error tree, retries and timeouts as
for v0. Streams (runtime logs, followed build events) are read with a deadline
and a line cap, never until the server chooses to stop.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import TracebackType
from typing import TYPE_CHECKING, Any, Final

import anyio
from pydantic import ValidationError

from .._client import RetryPolicy, Timeouts, V0Client
from .._versions import VERCEL

if TYPE_CHECKING:  # the models (and httpx) load with the first call, not with the client
    from .._client import Transport
    from ._models import (
        BatchRemoveEnvResult,
        CreateEnvResult,
        DeleteDeploymentResult,
        Deployment,
        DeploymentList,
        EnvVar,
        EnvVarList,
        Project,
        ProjectList,
    )

__all__ = ["FINAL_STATES", "StreamRead", "VercelClient"]

FINAL_STATES: Final = frozenset({"READY", "ERROR", "CANCELED", "DELETED"})
_MAX_LINE: Final = 64 * 1024  # a longer line is cut: the cap bounds memory, not only time

logger = logging.getLogger("v0_mcp.api")


@dataclass(slots=True)
class StreamRead:
    """What a bounded read of a line stream brought.

    ``ended`` is True when the server closed the stream itself; otherwise the
    deadline (``timed_out``) or the line cap (``truncated``) stopped the read.
    """

    items: list[Any] = field(default_factory=list)
    ended: bool = False
    timed_out: bool = False
    truncated: bool = False


class VercelClient:
    """The Vercel REST subset, for one token and one team.

    ```python
    async with VercelClient() as vercel:  # VERCEL_TOKEN, VERCEL_TEAM_ID, VERCEL_API_URL
        deployment = await vercel.get_deployment("dpl_...")
    ```

    Without a token the client still builds; each call raises
    :class:`~v0_mcp.api.MissingVercelToken`, which says what to set.
    """

    def __init__(
        self,
        token: str | None = None,
        *,
        team_id: str | None = None,
        base_url: str | None = None,
        transport: Transport | None = None,
        timeouts: Timeouts | None = None,
        retry: RetryPolicy | None = None,
    ) -> None:
        team = (team_id if team_id is not None else os.environ.get("VERCEL_TEAM_ID", "")).strip() or None
        self._team_id = team
        self._core = V0Client(
            token,
            base_url=base_url,
            transport=transport,
            timeouts=timeouts,
            retry=retry,
            api=VERCEL,
            params={"teamId": team} if team else None,
        )

    @property
    def has_token(self) -> bool:
        """Whether calls can authenticate."""
        return self._core.has_api_key

    @property
    def team_id(self) -> str | None:
        """The team every call acts for (sent as ``teamId``)."""
        return self._team_id

    @property
    def base_url(self) -> str:
        """The API root, ``https://api.vercel.com`` unless configured."""
        return self._core.base_url

    def __repr__(self) -> str:
        token = "set" if self.has_token else "unset"
        return f"<VercelClient base_url={self.base_url!r} team_id={self._team_id!r} token={token}>"

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._core.aclose()

    async def __aenter__(self) -> VercelClient:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    async def call(self, operation: str, /, **arguments: Any) -> Any:
        """Send any operation of the Vercel catalogue by its operationId (the Vercel SDK's function name)."""
        return await self._core.call(operation, **arguments)

    # -- deployments -------------------------------------------------------------------------------------------------

    async def get_deployment(self, deployment_id: str) -> Deployment:
        """Return a deployment; follow ``readyState`` until it is in :data:`FINAL_STATES`."""
        result: Deployment = await self._core.call("getDeployment", idOrUrl=deployment_id)
        return result

    async def list_deployments(self, **query: Any) -> DeploymentList:
        """Return one page of deployments, newest first (``projectId=``, ``state=``, ``until=`` next page)."""
        result: DeploymentList = await self._core.call("getDeployments", **query)
        return result

    async def delete_deployment(self, deployment_id: str) -> DeleteDeploymentResult:
        """Delete a deployment."""
        result: DeleteDeploymentResult = await self._core.call("deleteDeployment", idOrUrl=deployment_id)
        return result

    async def cancel_deployment(self, deployment_id: str) -> Deployment:
        """Cancel a deployment that is still building (400 once it no longer can be)."""
        result: Deployment = await self._core.call("cancelDeployment", id=deployment_id)
        return result

    async def build_events(self, deployment_id: str, **query: Any) -> list[dict[str, Any]]:
        """Return the build events recorded so far (``direction=backward&limit=N`` for the tail), nulls left out."""
        if query.get("follow") == 1:
            raise TypeError("build_events reads what is recorded; use follow_build_events to follow")
        events: list[dict[str, Any] | None] = await self._core.call(
            "getDeploymentEvents", idOrUrl=deployment_id, **query
        )
        return [event for event in events if event is not None]

    async def follow_build_events(
        self, deployment_id: str, *, deadline: float, max_events: int = 1000, **query: Any
    ) -> StreamRead:
        """Follow the build's events as they happen, for at most ``deadline`` seconds and ``max_events`` events."""
        return await self._read_lines(
            "getDeploymentEvents", deadline, max_events, idOrUrl=deployment_id, follow=1, **query
        )

    async def runtime_logs(
        self, project_id: str, deployment_id: str, *, deadline: float, max_lines: int = 1000
    ) -> StreamRead:
        """Read a serving deployment's runtime log lines (:class:`RuntimeLogLine`), bounded by time and count."""
        read = await self._read_lines(
            "getRuntimeLogs", deadline, max_lines, projectId=project_id, deploymentId=deployment_id
        )
        from ._models import RuntimeLogLine

        lines = []
        for item in read.items:
            try:
                lines.append(RuntimeLogLine.model_validate(item))
            except ValidationError:
                logger.debug("skipped a runtime log line of an unexpected shape")
        read.items = lines
        return read

    # -- projects and environment variables --------------------------------------------------------------------------

    async def get_project(self, id_or_name: str) -> Project:
        """Return a Vercel project (a v2 chat's ``vercelProjectId``)."""
        result: Project = await self._core.call("getProject", idOrName=id_or_name)
        return result

    async def list_projects(self, **query: Any) -> ProjectList:
        """Return one page of projects (pass ``pagination.next`` as ``from_`` for the next)."""
        result: ProjectList = await self._core.call("getProjects", **query)
        return result

    async def list_env_vars(self, project: str, **query: Any) -> EnvVarList:
        """Return a project's environment variables (values encrypted unless ``decrypt``)."""
        result: EnvVarList = await self._core.call("filterProjectEnvs", idOrName=project, **query)
        return result

    async def get_env_var(self, project: str, env_id: str) -> EnvVar:
        """Return one variable, decrypted (``sensitive`` ones never show a value)."""
        result: EnvVar = await self._core.call("getProjectEnv", idOrName=project, id=env_id)
        return result

    async def create_env_vars(
        self, project: str, variables: list[Mapping[str, Any]], *, upsert: bool = False
    ) -> CreateEnvResult:
        """Create variables in one call; read ``failed`` too: some may fail while others are created."""
        arguments: dict[str, Any] = {"idOrName": project, "body": [dict(variable) for variable in variables]}
        if upsert:
            arguments["upsert"] = True
        result: CreateEnvResult = await self._core.call("createProjectEnv", **arguments)
        return result

    async def edit_env_var(self, project: str, env_id: str, **fields: Any) -> EnvVar:
        """Change one variable (Vercel edits one per call)."""
        result: EnvVar = await self._core.call("editProjectEnv", idOrName=project, id=env_id, **fields)
        return result

    async def delete_env_vars(self, project: str, ids: list[str]) -> BatchRemoveEnvResult:
        """Delete variables by id (list them first to map keys to ids)."""
        result: BatchRemoveEnvResult = await self._core.call("batchRemoveProjectEnv", idOrName=project, ids=ids)
        return result

    # -- streams -----------------------------------------------------------------------------------------------------

    async def _read_lines(self, operation: str, deadline: float, limit: int, **arguments: Any) -> StreamRead:
        """Read one JSON value per line until the server closes, ``deadline`` seconds pass or ``limit`` lines came."""
        import httpx

        read = StreamRead()
        with anyio.move_on_after(deadline) as scope:
            async with self._core.open(operation, **arguments) as response:
                try:
                    async for line in response.aiter_lines():
                        item = _json_line(line)
                        if item is None:
                            continue
                        read.items.append(item)
                        if len(read.items) >= limit:
                            read.truncated = True
                            return read
                except httpx.RequestError as exc:
                    if read.items:  # a stream that drops after some lines still brought them
                        logger.info(
                            "%s: the stream broke (%s); keeping %d lines",
                            operation,
                            type(exc).__name__,
                            len(read.items),
                        )
                        return read
                    raise self._core._transport_error(exc, self._core.operation(operation)) from exc
                read.ended = True
        read.timed_out = scope.cancelled_caught
        return read


def _json_line(line: str) -> Any:
    line = line.strip()[:_MAX_LINE]
    if not line:
        return None
    try:
        return json.loads(line)
    except ValueError:
        logger.debug("skipped a stream line that is not JSON (%d characters)", len(line))
        return None
