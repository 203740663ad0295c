"""API v2's tools: which operations back each, its toolset, kind and profile (mirrors spec/tool-vocabulary-v2.json).

A tool may be backed by several operations (the first is its main call) and by
Vercel endpoints (``vercel:METHOD PATH``, see :func:`vercel_operation`).
``wait_for_generation`` is a workflow tool: the vocabulary names ``messages.get``
and ``chats.resume`` behind it, which the adapter calls.
"""

from __future__ import annotations

from typing import Final

from ...api import Catalogue
from .._vocabulary import Exposure, Vocabulary
from ._adapter import V2

__all__ = ["VOCABULARY"]


def _catalogue() -> Catalogue:
    from ...api.v2 import CATALOGUE

    return CATALOGUE


_DEPLOYMENT: Final = "vercel:GET /v13/deployments/{idOrUrl}"
_EVENTS: Final = "vercel:GET /v3/deployments/{idOrUrl}/events"
_RUNTIME_LOGS: Final = "vercel:GET /v1/projects/{projectId}/deployments/{deploymentId}/runtime-logs"

# fmt: off
VOCABULARY: Final = Vocabulary("v2", _catalogue, V2, (
    Exposure("create_chat", "chats", "write", True, ("chats.createAsync", "chats.create", "chats.createStream")),
    Exposure("init_chat", "chats", "write", False, (
        "chats.createFromFiles", "chats.createFromZip", "chats.createFromRepo")),
    Exposure("list_chats", "chats", "read", True, ("chats.list",)),
    Exposure("get_chat", "chats", "read", True, ("chats.get",)),
    Exposure("update_chat", "chats", "write", False, ("chats.update",)),
    Exposure("delete_chat", "chats", "destructive", False, ("chats.delete",)),
    Exposure("duplicate_chat", "chats", "write", False, ("chats.duplicate",)),
    Exposure("list_messages", "chats", "read", False, ("messages.list",)),
    Exposure("get_message", "chats", "read", False, ("messages.get",)),
    Exposure("send_message", "chats", "write", True, ("messages.sendAsync", "messages.send", "messages.sendStream")),
    Exposure("stop_message", "chats", "write", False, ("messages.stop",)),
    Exposure("resume_chat", "chats", "read", False, ("chats.resume",)),
    Exposure("resolve_task", "chats", "write", True, (
        "messages.resolveAsync", "messages.resolve", "messages.resolveStream")),
    Exposure("get_connect_status", "chats", "read", False, ("chats.getConnectStatus",)),
    Exposure("get_chat_files", "files", "read", True, ("chats.getFiles",)),
    Exposure("update_chat_files", "files", "write", True, ("chats.updateFiles",)),
    Exposure("download_chat_files", "files", "read", False, ("chats.downloadFiles",)),
    Exposure("restore_message", "files", "write", False, ("chats.restoreMessage",)),
    Exposure("get_preview", "files", "read", True, ("chats.getPreview",)),
    Exposure("create_deployment", "deployments", "write", True, ("chats.deploy", _DEPLOYMENT, _EVENTS)),
    Exposure("get_deployment", "deployments", "read", True, (_DEPLOYMENT,)),
    Exposure("list_deployments", "deployments", "read", False, ("vercel:GET /v7/deployments",)),
    Exposure("get_deployment_logs", "deployments", "read", True, (_EVENTS, _RUNTIME_LOGS)),
    Exposure("get_deployment_errors", "deployments", "read", False, (_DEPLOYMENT, _EVENTS)),
    Exposure("delete_deployment", "deployments", "destructive", False, ("vercel:DELETE /v13/deployments/{idOrUrl}",)),
    Exposure("get_vercel_project", "projects", "read", False, ("vercel:GET /v9/projects/{idOrName}", "chats.get")),
    Exposure("list_vercel_projects", "projects", "read", False, ("vercel:GET /v10/projects",)),
    Exposure("create_vercel_project", "projects", "write", False, ("chats.createVercelProject",)),
    Exposure("list_env_vars", "projects", "read", False, ("vercel:GET /v10/projects/{idOrName}/env",)),
    Exposure("get_env_var", "projects", "read", False, ("vercel:GET /v1/projects/{idOrName}/env/{id}",)),
    Exposure("create_env_vars", "projects", "write", False, ("vercel:POST /v10/projects/{idOrName}/env",)),
    Exposure("update_env_vars", "projects", "write", False, ("vercel:PATCH /v9/projects/{idOrName}/env/{id}",)),
    Exposure("delete_env_vars", "projects", "destructive", False, ("vercel:DELETE /v1/projects/{idOrName}/env",)),
    Exposure("list_hooks", "hooks", "read", False, ("webhooks.list",)),
    Exposure("get_hook", "hooks", "read", False, ("webhooks.get",)),
    Exposure("create_hook", "hooks", "write", False, ("webhooks.create",)),
    Exposure("update_hook", "hooks", "write", False, ("webhooks.update",)),
    Exposure("delete_hook", "hooks", "destructive", False, ("webhooks.delete",)),
    Exposure("list_mcp_servers", "mcp_servers", "read", False, ("mcpServers.list",)),
    Exposure("get_mcp_server", "mcp_servers", "read", False, ("mcpServers.get",)),
    Exposure("create_mcp_server", "mcp_servers", "write", False, ("mcpServers.create",)),
    Exposure("update_mcp_server", "mcp_servers", "write", False, ("mcpServers.update",)),
    Exposure("delete_mcp_server", "mcp_servers", "destructive", False, ("mcpServers.delete",)),
    Exposure("get_usage_summary", "account", "read", False, ("usage.getSummary",)),
    Exposure("list_usage_events", "account", "read", False, ("usage.listEvents",)),
    Exposure("get_usage_activity", "account", "read", False, ("usage.getActivity",)),
    Exposure("get_preview_hosts", "settings", "read", False, ("settings.getPreviewHosts",)),
    Exposure("set_preview_hosts", "settings", "write", False, ("settings.setPreviewHosts",)),
    Exposure("wait_for_generation", "chats", "read", True),
))
# fmt: on
