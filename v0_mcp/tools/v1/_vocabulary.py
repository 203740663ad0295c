"""API v1's tools: which operation backs each, its toolset, kind and profile (mirrors spec/tool-vocabulary.json)."""

from __future__ import annotations

from typing import Final

from ...api import Catalogue
from .._vocabulary import Exposure, Vocabulary
from ._adapter import V1

__all__ = ["VOCABULARY"]


def _catalogue() -> Catalogue:
    from ...api.v1 import CATALOGUE

    return CATALOGUE


# fmt: off
VOCABULARY: Final = Vocabulary("v1", _catalogue, V1, (
    Exposure("create_chat", "chats", "write", True, ("chats.create",)),
    Exposure("list_chats", "chats", "read", True, ("chats.find",)),
    Exposure("init_chat", "chats", "write", False, ("chats.init",)),
    Exposure("delete_chat", "chats", "destructive", False, ("chats.delete",)),
    Exposure("get_chat", "chats", "read", True, ("chats.getById",)),
    Exposure("update_chat", "chats", "write", False, ("chats.update",)),
    Exposure("favorite_chat", "chats", "write", False, ("chats.favorite",)),
    Exposure("fork_chat", "chats", "write", False, ("chats.fork",)),
    Exposure("list_messages", "chats", "read", False, ("chats.findMessages",)),
    Exposure("send_message", "chats", "write", True, ("chats.sendMessage",)),
    Exposure("get_message", "chats", "read", False, ("chats.getMessage",)),
    Exposure("resume_message", "chats", "read", False, ("chats.resume",)),
    Exposure("stop_message", "chats", "write", False, ("chats.stop",)),
    Exposure("resolve_task", "chats", "write", False, ("chats.resolveTask",)),
    Exposure("list_versions", "versions", "read", False, ("chats.findVersions",)),
    Exposure("get_version", "versions", "read", True, ("chats.getVersion",)),
    Exposure("update_version_files", "versions", "write", True, ("chats.updateVersion",)),
    Exposure("download_version", "versions", "read", False, ("chats.downloadVersion",)),
    Exposure("delete_version_files", "versions", "write", False, ("chats.deleteVersionFiles",)),
    Exposure("restore_version", "versions", "write", False, ("chats.restore",)),
    Exposure("get_chat_project", "projects", "read", False, ("projects.getByChatId",)),
    Exposure("list_projects", "projects", "read", False, ("projects.find",)),
    Exposure("create_project", "projects", "write", False, ("projects.create",)),
    Exposure("get_project", "projects", "read", False, ("projects.getById",)),
    Exposure("update_project", "projects", "write", False, ("projects.update",)),
    Exposure("delete_project", "projects", "destructive", False, ("projects.delete",)),
    Exposure("assign_project", "projects", "write", False, ("projects.assign",)),
    Exposure("list_env_vars", "projects", "read", False, ("projects.findEnvVars",)),
    Exposure("create_env_vars", "projects", "write", False, ("projects.createEnvVars",)),
    Exposure("update_env_vars", "projects", "write", False, ("projects.updateEnvVars",)),
    Exposure("delete_env_vars", "projects", "destructive", False, ("projects.deleteEnvVars",)),
    Exposure("get_env_var", "projects", "read", False, ("projects.getEnvVar",)),
    Exposure("list_deployments", "deployments", "read", False, ("deployments.find",)),
    Exposure("create_deployment", "deployments", "write", True, ("deployments.create",)),
    Exposure("get_deployment", "deployments", "read", False, ("deployments.getById",)),
    Exposure("delete_deployment", "deployments", "destructive", False, ("deployments.delete",)),
    Exposure("get_deployment_logs", "deployments", "read", True, ("deployments.findLogs",)),
    Exposure("get_deployment_errors", "deployments", "read", True, ("deployments.findErrors",)),
    Exposure("list_hooks", "hooks", "read", False, ("hooks.find",)),
    Exposure("create_hook", "hooks", "write", False, ("hooks.create",)),
    Exposure("get_hook", "hooks", "read", False, ("hooks.getById",)),
    Exposure("update_hook", "hooks", "write", False, ("hooks.update",)),
    Exposure("delete_hook", "hooks", "destructive", False, ("hooks.delete",)),
    Exposure("list_vercel_projects", "integrations", "read", False, ("integrations.vercel.projects.find",)),
    Exposure("create_vercel_project", "integrations", "write", False, ("integrations.vercel.projects.create",)),
    Exposure("get_rate_limits", "account", "read", False, ("rateLimits.find",)),
    Exposure("get_user", "account", "read", False, ("user.get",)),
    Exposure("get_billing", "account", "read", False, ("user.getBilling",)),
    Exposure("get_plan", "account", "read", False, ("user.getPlan",)),
    Exposure("list_scopes", "account", "read", False, ("user.getScopes",)),
    Exposure("get_usage_report", "account", "read", False, ("reports.getUsage",)),
    Exposure("get_ai_usage_report", "account", "read", False, ("reports.getAIUsage",)),
    Exposure("get_user_activity_report", "account", "read", False, ("reports.getUserActivity",)),
    Exposure("list_mcp_servers", "mcp_servers", "read", False, ("mcpServers.find",)),
    Exposure("create_mcp_server", "mcp_servers", "write", False, ("mcpServers.create",)),
    Exposure("get_mcp_server", "mcp_servers", "read", False, ("mcpServers.getById",)),
    Exposure("update_mcp_server", "mcp_servers", "write", False, ("mcpServers.update",)),
    Exposure("delete_mcp_server", "mcp_servers", "destructive", False, ("mcpServers.delete",)),
    Exposure("authorize_mcp_server", "mcp_servers", "write", False, ("mcpServers.createOAuthAuthorizationUrl",)),
    Exposure("wait_for_generation", "chats", "read", True),
))
# fmt: on
