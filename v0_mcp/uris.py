"""The one home of ``v0://`` URIs: the templates resources serve and the links tools return.

Tools link to what their results leave out, resources serve it; both build and
parse URIs here, so a link always names a resource that exists.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final
from urllib.parse import quote

__all__ = [
    "CHAT",
    "CHAT_FILE",
    "DEPLOYMENT_LOGS",
    "FILE",
    "MESSAGE",
    "MESSAGES",
    "PROJECT",
    "TEMPLATES",
    "TEMPLATES_OF",
    "VERSION",
    "chat_file_uri",
    "chat_uri",
    "deployment_logs_uri",
    "file_uri",
    "message_uri",
    "messages_uri",
    "project_uri",
    "version_uri",
]

CHAT: Final = "v0://chats/{chatId}"
MESSAGES: Final = "v0://chats/{chatId}/messages"
MESSAGE: Final = "v0://chats/{chatId}/messages/{messageId}"
CHAT_FILE: Final = "v0://chats/{chatId}/files/{+path}"  # a chat's current file (API v2 keeps no versions)
VERSION: Final = "v0://chats/{chatId}/versions/{versionId}"
FILE: Final = "v0://chats/{chatId}/versions/{versionId}/files/{+path}"
DEPLOYMENT_LOGS: Final = "v0://deployments/{deploymentId}/logs"
PROJECT: Final = "v0://projects/{projectId}"
TEMPLATES: Final = (CHAT, MESSAGES, MESSAGE, VERSION, FILE, CHAT_FILE, DEPLOYMENT_LOGS, PROJECT)
TEMPLATES_OF: Final[Mapping[str, frozenset[str]]] = {
    "v2": frozenset({CHAT, MESSAGES, MESSAGE, CHAT_FILE, DEPLOYMENT_LOGS, PROJECT}),  # v2 has no versions
    "v1": frozenset(TEMPLATES),
}
"""The templates each API version serves (its adapter's ``templates``), known without loading the adapter."""


def chat_uri(chat_id: str) -> str:
    return f"v0://chats/{chat_id}"


def messages_uri(chat_id: str) -> str:
    return f"v0://chats/{chat_id}/messages"


def message_uri(chat_id: str, message_id: str) -> str:
    return f"v0://chats/{chat_id}/messages/{message_id}"


def chat_file_uri(chat_id: str, path: str) -> str:
    """Return the URI of a chat's current file (its path percent-encoded except ``/``)."""
    return f"v0://chats/{chat_id}/files/{quote(path, safe='/')}"


def version_uri(chat_id: str, version_id: str) -> str:
    return f"v0://chats/{chat_id}/versions/{version_id}"


def file_uri(chat_id: str, version_id: str, path: str) -> str:
    """Return the URI of a file of a version (its path percent-encoded except ``/``)."""
    return f"v0://chats/{chat_id}/versions/{version_id}/files/{quote(path, safe='/')}"


def deployment_logs_uri(deployment_id: str) -> str:
    return f"v0://deployments/{deployment_id}/logs"


def project_uri(project_id: str) -> str:
    return f"v0://projects/{project_id}"
