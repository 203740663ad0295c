"""The catalogue: one declarative entry per v0 Platform API v1 operation.

Each :class:`Operation` says how to call an endpoint (method, path, query and body
models, response model) and how it is exposed (tool name, toolset, kind). The
client builds requests from it, the MCP tools are generated from it and the
simulator routes by it, so an endpoint is described exactly once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Final, Literal

from pydantic import BaseModel, TypeAdapter

from ._models import (
    ChatDetail,
    ChatsCreateBody,
    ChatsDeleteResponse,
    ChatsDeleteVersionFilesBody,
    ChatsDownloadVersionQuery,
    ChatsFavoriteBody,
    ChatsFavoriteResponse,
    ChatsFindMessagesQuery,
    ChatsFindMessagesResponse,
    ChatsFindQuery,
    ChatsFindResponse,
    ChatsFindVersionsQuery,
    ChatsFindVersionsResponse,
    ChatsForkBody,
    ChatsGetVersionQuery,
    ChatsInitBody,
    ChatsResolveTaskBody,
    ChatsSendMessageBody,
    ChatsStopResponse,
    ChatsUpdateBody,
    ChatsUpdateVersionBody,
    DeploymentDetail,
    DeploymentsCreateBody,
    DeploymentsDeleteResponse,
    DeploymentsFindErrorsResponse,
    DeploymentsFindLogsQuery,
    DeploymentsFindLogsResponse,
    DeploymentsFindQuery,
    DeploymentsFindResponse,
    EnvVarList,
    HookDetail,
    HooksCreateBody,
    HooksDeleteResponse,
    HooksFindResponse,
    HooksUpdateBody,
    McpServer,
    McpServersCreateBody,
    McpServersCreateOAuthAuthorizationUrlBody,
    McpServersCreateOAuthAuthorizationUrlResponse,
    McpServersDeleteResponse,
    McpServersFindResponse,
    McpServersUpdateBody,
    MessageDetail,
    ProjectDetail,
    ProjectsAssignBody,
    ProjectsAssignResponse,
    ProjectsCreateBody,
    ProjectsCreateEnvVarsBody,
    ProjectsCreateEnvVarsQuery,
    ProjectsDeleteEnvVarsBody,
    ProjectsDeleteEnvVarsResponse,
    ProjectsDeleteQuery,
    ProjectsDeleteResponse,
    ProjectsFindEnvVarsQuery,
    ProjectsFindResponse,
    ProjectsGetEnvVarQuery,
    ProjectsGetEnvVarResponse,
    ProjectsUpdateBody,
    ProjectsUpdateEnvVarsBody,
    ProjectsUpdateEnvVarsQuery,
    RateLimitsFindQuery,
    RateLimitsFindResponse,
    ReportsGetAIUsageQuery,
    ReportsGetAIUsageResponse,
    ReportsGetUsageQuery,
    ReportsGetUsageResponse,
    ReportsGetUserActivityQuery,
    ReportsGetUserActivityResponse,
    UserGetBillingQuery,
    UserGetBillingResponse,
    UserGetPlanResponse,
    UserGetScopesResponse,
    UserSummarySchema,
    VercelProjectDetail,
    VercelProjectsCreateBody,
    VercelProjectsFindResponse,
    VersionDetail,
)

__all__ = ["CATALOGUE", "Kind", "Method", "Operation", "Toolset", "operation"]

Method = Literal["GET", "POST", "PUT", "PATCH", "DELETE"]
Kind = Literal["read", "write", "destructive"]
Toolset = Literal["chats", "versions", "projects", "deployments", "hooks", "integrations", "account", "mcp_servers"]
Content = Literal["json", "binary", "sse"]
Pagination = Literal["offset", "cursor", "since"]

_PATH_PARAM = re.compile(r"{(\w+)}")


@dataclass(frozen=True)
class Operation:
    """One endpoint of the API and the tool that exposes it."""

    id: str
    method: Method
    path: str
    tool: str
    toolset: Toolset
    kind: Kind
    builder: bool = False
    query: type[BaseModel] | None = None
    body: Any = None  # a Request model, or an Annotated union of them
    response: Any = None  # a Response model or union; None for binary and SSE bodies
    content: Content = "json"
    pagination: Pagination | None = None
    generation: bool = False  # may run for minutes (sync mode); all but chats.init take responseMode
    _adapters: dict[str, TypeAdapter[Any]] = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def path_params(self) -> tuple[str, ...]:
        """Return the names of the path's parameters, in order."""
        return tuple(_PATH_PARAM.findall(self.path))

    @property
    def idempotent(self) -> bool:
        """Whether sending the request twice has the effect of sending it once."""
        return self.method in ("GET", "PUT", "PATCH", "DELETE")

    def body_adapter(self) -> TypeAdapter[Any]:
        """Return a validator for the request body (which may be a union)."""
        return self._adapter("body", self.body)

    def response_adapter(self) -> TypeAdapter[Any]:
        """Return a validator for the response body (which may be a union)."""
        return self._adapter("response", self.response)

    def _adapter(self, key: str, annotation: Any) -> TypeAdapter[Any]:
        if key not in self._adapters:
            self._adapters[key] = TypeAdapter(annotation)
        return self._adapters[key]

    def url_path(self, params: dict[str, str]) -> str:
        """Fill the path template with percent-encoded ``params``."""
        from urllib.parse import quote

        return _PATH_PARAM.sub(lambda m: quote(str(params[m.group(1)]), safe=""), self.path)


# fmt: off
CATALOGUE: Final[tuple[Operation, ...]] = (
    # chats
    Operation("chats.create", "POST", "/chats",
              tool="create_chat", toolset="chats", kind="write", builder=True, body=ChatsCreateBody,
              response=ChatDetail, generation=True),
    Operation("chats.find", "GET", "/chats",
              tool="list_chats", toolset="chats", kind="read", builder=True, query=ChatsFindQuery,
              response=ChatsFindResponse, pagination="offset"),
    Operation("chats.init", "POST", "/chats/init",
              tool="init_chat", toolset="chats", kind="write", body=ChatsInitBody, response=ChatDetail,
              generation=True),
    Operation("chats.delete", "DELETE", "/chats/{chatId}",
              tool="delete_chat", toolset="chats", kind="destructive", response=ChatsDeleteResponse),
    Operation("chats.getById", "GET", "/chats/{chatId}",
              tool="get_chat", toolset="chats", kind="read", builder=True, response=ChatDetail),
    Operation("chats.update", "PATCH", "/chats/{chatId}",
              tool="update_chat", toolset="chats", kind="write", body=ChatsUpdateBody, response=ChatDetail),
    Operation("chats.favorite", "PUT", "/chats/{chatId}/favorite",
              tool="favorite_chat", toolset="chats", kind="write", body=ChatsFavoriteBody,
              response=ChatsFavoriteResponse),
    Operation("chats.fork", "POST", "/chats/{chatId}/fork",
              tool="fork_chat", toolset="chats", kind="write", body=ChatsForkBody, response=ChatDetail),
    Operation("chats.findMessages", "GET", "/chats/{chatId}/messages",
              tool="list_messages", toolset="chats", kind="read", query=ChatsFindMessagesQuery,
              response=ChatsFindMessagesResponse, pagination="cursor"),
    Operation("chats.sendMessage", "POST", "/chats/{chatId}/messages",
              tool="send_message", toolset="chats", kind="write", builder=True, body=ChatsSendMessageBody,
              response=ChatDetail, generation=True),
    Operation("chats.getMessage", "GET", "/chats/{chatId}/messages/{messageId}",
              tool="get_message", toolset="chats", kind="read", response=MessageDetail),
    Operation("chats.resume", "POST", "/chats/{chatId}/messages/{messageId}/resume",
              tool="resume_message", toolset="chats", kind="read", content="sse"),
    Operation("chats.stop", "POST", "/chats/{chatId}/messages/{messageId}/stop",
              tool="stop_message", toolset="chats", kind="write", response=ChatsStopResponse),
    Operation("chats.resolveTask", "POST", "/chats/{chatId}/tasks/resolve",
              tool="resolve_task", toolset="chats", kind="write", body=ChatsResolveTaskBody, response=ChatDetail,
              generation=True),
    # projects
    Operation("projects.getByChatId", "GET", "/chats/{chatId}/project",
              tool="get_chat_project", toolset="projects", kind="read", response=ProjectDetail),
    Operation("projects.find", "GET", "/projects",
              tool="list_projects", toolset="projects", kind="read", response=ProjectsFindResponse),
    Operation("projects.create", "POST", "/projects",
              tool="create_project", toolset="projects", kind="write", body=ProjectsCreateBody,
              response=ProjectDetail),
    Operation("projects.getById", "GET", "/projects/{projectId}",
              tool="get_project", toolset="projects", kind="read", response=ProjectDetail),
    Operation("projects.update", "PATCH", "/projects/{projectId}",
              tool="update_project", toolset="projects", kind="write", body=ProjectsUpdateBody,
              response=ProjectDetail),
    Operation("projects.delete", "DELETE", "/projects/{projectId}",
              tool="delete_project", toolset="projects", kind="destructive", query=ProjectsDeleteQuery,
              response=ProjectsDeleteResponse),
    Operation("projects.assign", "POST", "/projects/{projectId}/assign",
              tool="assign_project", toolset="projects", kind="write", body=ProjectsAssignBody,
              response=ProjectsAssignResponse),
    Operation("projects.findEnvVars", "GET", "/projects/{projectId}/env-vars",
              tool="list_env_vars", toolset="projects", kind="read", query=ProjectsFindEnvVarsQuery,
              response=EnvVarList),
    Operation("projects.createEnvVars", "POST", "/projects/{projectId}/env-vars",
              tool="create_env_vars", toolset="projects", kind="write", query=ProjectsCreateEnvVarsQuery,
              body=ProjectsCreateEnvVarsBody, response=EnvVarList),
    Operation("projects.updateEnvVars", "PATCH", "/projects/{projectId}/env-vars",
              tool="update_env_vars", toolset="projects", kind="write", query=ProjectsUpdateEnvVarsQuery,
              body=ProjectsUpdateEnvVarsBody, response=EnvVarList),
    Operation("projects.deleteEnvVars", "POST", "/projects/{projectId}/env-vars/delete",
              tool="delete_env_vars", toolset="projects", kind="destructive", body=ProjectsDeleteEnvVarsBody,
              response=ProjectsDeleteEnvVarsResponse),
    Operation("projects.getEnvVar", "GET", "/projects/{projectId}/env-vars/{environmentVariableId}",
              tool="get_env_var", toolset="projects", kind="read", query=ProjectsGetEnvVarQuery,
              response=ProjectsGetEnvVarResponse),
    # versions
    Operation("chats.findVersions", "GET", "/chats/{chatId}/versions",
              tool="list_versions", toolset="versions", kind="read", query=ChatsFindVersionsQuery,
              response=ChatsFindVersionsResponse, pagination="cursor"),
    Operation("chats.getVersion", "GET", "/chats/{chatId}/versions/{versionId}",
              tool="get_version", toolset="versions", kind="read", builder=True, query=ChatsGetVersionQuery,
              response=VersionDetail),
    Operation("chats.updateVersion", "PATCH", "/chats/{chatId}/versions/{versionId}",
              tool="update_version_files", toolset="versions", kind="write", builder=True,
              body=ChatsUpdateVersionBody, response=VersionDetail),
    Operation("chats.downloadVersion", "GET", "/chats/{chatId}/versions/{versionId}/download",
              tool="download_version", toolset="versions", kind="read", query=ChatsDownloadVersionQuery,
              content="binary"),
    Operation("chats.deleteVersionFiles", "POST", "/chats/{chatId}/versions/{versionId}/files/delete",
              tool="delete_version_files", toolset="versions", kind="write", body=ChatsDeleteVersionFilesBody,
              response=VersionDetail),
    Operation("chats.restore", "POST", "/chats/{chatId}/versions/{versionId}/restore",
              tool="restore_version", toolset="versions", kind="write", response=VersionDetail),
    # deployments
    Operation("deployments.find", "GET", "/deployments",
              tool="list_deployments", toolset="deployments", kind="read", query=DeploymentsFindQuery,
              response=DeploymentsFindResponse),
    Operation("deployments.create", "POST", "/deployments",
              tool="create_deployment", toolset="deployments", kind="write", builder=True, body=DeploymentsCreateBody,
              response=DeploymentDetail),
    Operation("deployments.getById", "GET", "/deployments/{deploymentId}",
              tool="get_deployment", toolset="deployments", kind="read", response=DeploymentDetail),
    Operation("deployments.delete", "DELETE", "/deployments/{deploymentId}",
              tool="delete_deployment", toolset="deployments", kind="destructive", response=DeploymentsDeleteResponse),
    Operation("deployments.findLogs", "GET", "/deployments/{deploymentId}/logs",
              tool="get_deployment_logs", toolset="deployments", kind="read", builder=True,
              query=DeploymentsFindLogsQuery, response=DeploymentsFindLogsResponse, pagination="since"),
    Operation("deployments.findErrors", "GET", "/deployments/{deploymentId}/errors",
              tool="get_deployment_errors", toolset="deployments", kind="read", builder=True,
              response=DeploymentsFindErrorsResponse),
    # hooks
    Operation("hooks.find", "GET", "/hooks",
              tool="list_hooks", toolset="hooks", kind="read", response=HooksFindResponse),
    Operation("hooks.create", "POST", "/hooks",
              tool="create_hook", toolset="hooks", kind="write", body=HooksCreateBody, response=HookDetail),
    Operation("hooks.getById", "GET", "/hooks/{hookId}",
              tool="get_hook", toolset="hooks", kind="read", response=HookDetail),
    Operation("hooks.update", "PATCH", "/hooks/{hookId}",
              tool="update_hook", toolset="hooks", kind="write", body=HooksUpdateBody, response=HookDetail),
    Operation("hooks.delete", "DELETE", "/hooks/{hookId}",
              tool="delete_hook", toolset="hooks", kind="destructive", response=HooksDeleteResponse),
    # integrations
    Operation("integrations.vercel.projects.find", "GET", "/integrations/vercel/projects",
              tool="list_vercel_projects", toolset="integrations", kind="read", response=VercelProjectsFindResponse),
    Operation("integrations.vercel.projects.create", "POST", "/integrations/vercel/projects",
              tool="create_vercel_project", toolset="integrations", kind="write", body=VercelProjectsCreateBody,
              response=VercelProjectDetail),
    # account
    Operation("rateLimits.find", "GET", "/rate-limits",
              tool="get_rate_limits", toolset="account", kind="read", query=RateLimitsFindQuery,
              response=RateLimitsFindResponse),
    Operation("user.get", "GET", "/user",
              tool="get_user", toolset="account", kind="read", response=UserSummarySchema),
    Operation("user.getBilling", "GET", "/user/billing",
              tool="get_billing", toolset="account", kind="read", query=UserGetBillingQuery,
              response=UserGetBillingResponse),
    Operation("user.getPlan", "GET", "/user/plan",
              tool="get_plan", toolset="account", kind="read", response=UserGetPlanResponse),
    Operation("user.getScopes", "GET", "/user/scopes",
              tool="list_scopes", toolset="account", kind="read", response=UserGetScopesResponse),
    Operation("reports.getUsage", "GET", "/reports/usage",
              tool="get_usage_report", toolset="account", kind="read", query=ReportsGetUsageQuery,
              response=ReportsGetUsageResponse, pagination="cursor"),
    Operation("reports.getAIUsage", "GET", "/reports/usage/ai",
              tool="get_ai_usage_report", toolset="account", kind="read", query=ReportsGetAIUsageQuery,
              response=ReportsGetAIUsageResponse, pagination="cursor"),
    Operation("reports.getUserActivity", "GET", "/reports/user-activity",
              tool="get_user_activity_report", toolset="account", kind="read", query=ReportsGetUserActivityQuery,
              response=ReportsGetUserActivityResponse),
    # mcp_servers
    Operation("mcpServers.find", "GET", "/mcp-servers",
              tool="list_mcp_servers", toolset="mcp_servers", kind="read", response=McpServersFindResponse),
    Operation("mcpServers.create", "POST", "/mcp-servers",
              tool="create_mcp_server", toolset="mcp_servers", kind="write", body=McpServersCreateBody,
              response=McpServer),
    Operation("mcpServers.getById", "GET", "/mcp-servers/{mcpServerId}",
              tool="get_mcp_server", toolset="mcp_servers", kind="read", response=McpServer),
    Operation("mcpServers.update", "PATCH", "/mcp-servers/{mcpServerId}",
              tool="update_mcp_server", toolset="mcp_servers", kind="write", body=McpServersUpdateBody,
              response=McpServer),
    Operation("mcpServers.delete", "DELETE", "/mcp-servers/{mcpServerId}",
              tool="delete_mcp_server", toolset="mcp_servers", kind="destructive", response=McpServersDeleteResponse),
    Operation("mcpServers.createOAuthAuthorizationUrl", "POST", "/mcp-servers/{mcpServerId}/oauth/authorize",
              tool="authorize_mcp_server", toolset="mcp_servers", kind="write",
              body=McpServersCreateOAuthAuthorizationUrlBody, response=McpServersCreateOAuthAuthorizationUrlResponse),
)
# fmt: on

_BY_ID: Final = {op.id: op for op in CATALOGUE}
_BY_TOOL: Final = {op.tool: op for op in CATALOGUE}


def operation(name: str) -> Operation:
    """Return the operation with this operationId or tool name."""
    try:
        return _BY_ID.get(name) or _BY_TOOL[name]
    except KeyError:
        raise KeyError(f"unknown v0 operation: {name!r}") from None
