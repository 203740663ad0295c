"""Response bodies, one builder per shape of the spec, each valid against its schema.

Handlers never assemble a response dict themselves; they call these, so a shape is
written once. Optional keys are left out rather than sent as ``null`` unless the spec
declares them nullable.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from ._clock import iso, ms
from ._generate import default_files, language_of
from ._state import Chat, Deployment, EnvVar, Hook, McpServer, Message, Project, User, VercelProject, Version, Workspace

__all__ = [
    "API",
    "WEB",
    "api_base",
    "chat_detail",
    "chat_summary",
    "deleted",
    "deployment_detail",
    "env_var",
    "hook_detail",
    "hook_summary",
    "mcp_server",
    "message_detail",
    "message_summary",
    "project_detail",
    "project_summary",
    "serving_at",
    "user_summary",
    "vercel_project",
    "version_detail",
    "version_summary",
]

API = "https://api.v0.dev/v1"
WEB = "https://v0.app"
JSON = dict[str, Any]
_BASE: ContextVar[str] = ContextVar("v0_simulator_api_base", default=API)


def api_base() -> str:
    """Return the base URL of the API answering now (``apiUrl``, ``nextUrl``): the simulator's own.

    A link to the real v0 would send a client that follows it, with its key, to production.
    """
    return _BASE.get()


@contextmanager
def serving_at(base: str) -> Iterator[None]:
    """Build the links of the shapes made inside the block on ``base`` (``scheme://host[:port]/v1``)."""
    token = _BASE.set(base.rstrip("/"))
    try:
        yield
    finally:
        _BASE.reset(token)


def _opt(body: JSON, **optional: Any) -> JSON:
    """Add the keys whose value is not None."""
    body.update({k: v for k, v in optional.items() if v is not None})
    return body


def version_summary(version: Version) -> JSON:
    done = version.status == "completed"
    return _opt(
        {"id": version.id, "object": "version", "status": version.status, "createdAt": iso(version.created_at)},
        demoUrl=f"https://{version.demo_host}.vusercontent.net" if done else None,
        screenshotUrl=f"{api_base()}/chats/{version.chat_id}/versions/{version.id}/screenshot" if done else None,
        updatedAt=iso(version.updated_at),
    )


def version_files(
    version: Version, *, chat_name: str = "", include_default: bool = False
) -> dict[str, tuple[str, bool]]:
    """Return the files a version shows: none until completed, plus scaffolding if asked."""
    if version.status != "completed":
        return {}
    files = {name: (entry.content, entry.locked) for name, entry in version.files.items()}
    if include_default:
        for name, content in default_files(chat_name or "v0-app").items():
            files.setdefault(name, (content, False))
    return files


def version_detail(version: Version, *, chat_name: str = "", include_default: bool = False) -> JSON:
    files = version_files(version, chat_name=chat_name, include_default=include_default)
    body = version_summary(version)
    body["files"] = [{"object": "file", "name": n, "content": c, "locked": lock} for n, (c, lock) in files.items()]
    return body


def message_summary(message: Message) -> JSON:
    tree = message.reply.tree(message.units) if message.reply is not None else None
    return _opt(
        {
            "id": message.id,
            "object": "message",
            "content": message.content,
            "createdAt": iso(message.created_at),
            "updatedAt": iso(message.updated_at),
            "type": message.type,
            "role": message.role,
            "apiUrl": f"{api_base()}/chats/{message.chat_id}/messages/{message.id}",
            "authorId": message.author_id,
            "parentId": message.parent_id,
        },
        experimental_content=tree or None,
        finishReason=message.finish_reason,
        attachments=message.attachments or None,
    )


def message_detail(message: Message) -> JSON:
    return {**message_summary(message), "chatId": message.chat_id}


def _chat_common(ws: Workspace, chat: Chat) -> JSON:
    project = ws.projects.get(chat.project_id) if chat.project_id else None
    return _opt(
        {
            "id": chat.id,
            "object": "chat",
            "shareable": chat.privacy in ("public", "unlisted"),
            "privacy": chat.privacy,
            "name": chat.name,
            "title": chat.name,
            "createdAt": iso(chat.created_at),
            "updatedAt": iso(chat.updated_at),
            "favorite": chat.favorite,
            "authorId": chat.author_id,
            "webUrl": f"{WEB}/chat/{chat.id}",
            "apiUrl": f"{api_base()}/chats/{chat.id}",
        },
        projectId=project.id if project else None,
        vercelProjectId=project.vercel_project_id if project else None,
    )


def chat_summary(ws: Workspace, chat: Chat) -> JSON:
    body = _chat_common(ws, chat)
    latest = ws.latest_version(chat)
    if latest is not None:
        body["latestVersion"] = version_summary(latest)
    body["metadata"] = dict(chat.metadata)
    return body


def chat_detail(ws: Workspace, chat: Chat, *, hide: frozenset[str] = frozenset()) -> JSON:
    """Return the ChatDetail of ``chat``, leaving the messages whose ids are in ``hide`` out of ``messages``."""
    body = _chat_common(ws, chat)
    latest = ws.latest_version(chat)
    files: dict[str, tuple[str, bool]] = {}
    if latest is not None:
        body["latestVersion"] = version_detail(latest)
        files = version_files(latest)
    body.update(
        metadata=dict(chat.metadata),
        url=f"{WEB}/chat/{chat.id}",
        messages=[message_summary(m) for m in ws.chat_messages(chat) if m.id not in hide],
        files=[{"lang": language_of(n), "meta": {"file": n}, "source": c} for n, (c, _) in files.items()],
    )
    if latest is not None and latest.status == "completed":
        body["demo"] = f"https://{latest.demo_host}.vusercontent.net"
    body.update(text=chat.text, modelConfiguration=dict(chat.model_configuration), permissions={"write": True})
    return body


def _project_urls(project: Project) -> JSON:
    return {"apiUrl": f"{api_base()}/projects/{project.id}", "webUrl": f"{WEB}/chat/projects/{project.id}"}


def project_summary(project: Project) -> JSON:
    return _opt(
        {"id": project.id, "object": "project", "name": project.name, "privacy": project.privacy},
        vercelProjectId=project.vercel_project_id,
    ) | {"createdAt": iso(project.created_at), "updatedAt": iso(project.updated_at), **_project_urls(project)}


def project_detail(ws: Workspace, project: Project) -> JSON:
    chats = [c for c in ws.chats.values() if c.project_id == project.id]
    return _opt(project_summary(project), description=project.description, instructions=project.instructions) | {
        "chats": [chat_summary(ws, c) for c in chats]
    }


def encrypted(api_key: str, env: EnvVar) -> str:
    """Return a stable, obviously-not-plain stand-in for an env var's value."""
    digest = hashlib.sha256(f"{api_key}\x00{env.id}\x00{env.value}".encode()).digest()
    return "enc:" + base64.b64encode(digest[:18]).decode()


def env_var(ws: Workspace, env: EnvVar, *, decrypted: bool) -> JSON:
    return {
        "id": env.id,
        "object": "environment_variable",
        "key": env.key,
        "value": env.value if decrypted else encrypted(ws.api_key, env),
        "decrypted": decrypted,
        "createdAt": ms(env.created_at),
        "updatedAt": ms(env.updated_at),
    }


def deployment_detail(deployment: Deployment) -> JSON:
    return _opt(
        {
            "id": deployment.id,
            "object": "deployment",
            "inspectorUrl": f"https://vercel.com/v0-sim/{deployment.slug}/{deployment.id.removeprefix('dpl_')}",
            "chatId": deployment.chat_id,
            "versionId": deployment.version_id,
            "apiUrl": f"{api_base()}/deployments/{deployment.id}",
            "webUrl": f"https://{deployment.slug}.vercel.app",
        },
        projectId=deployment.project_id,
    )


def hook_summary(hook: Hook) -> JSON:
    return {"id": hook.id, "object": "hook", "name": hook.name}


def hook_detail(hook: Hook) -> JSON:
    return _opt(hook_summary(hook) | {"events": list(hook.events), "url": hook.url}, chatId=hook.chat_id)


def vercel_project(project: VercelProject) -> JSON:
    return {"id": project.id, "object": "vercel_project", "name": project.name}


def mcp_server(server: McpServer) -> JSON:
    return _opt(
        {"object": "mcp_server", "id": server.id, "name": server.name, "url": server.url},
        description=server.description,
    ) | {
        "enabled": server.enabled,
        "auth": {"type": server.auth.get("type", "none")},
        "scope": server.scope,
        "createdAt": iso(server.created_at),
        "updatedAt": iso(server.updated_at),
    }


def user_summary(user: User) -> JSON:
    return {
        "id": user.id,
        "object": "user",
        "name": user.name,
        "email": user.email,
        "avatar": f"https://vercel.com/api/www/avatar/{user.id}",
        "createdAt": iso(user.created_at),
        "updatedAt": iso(user.created_at),
    }


def deleted(identifier: str, kind: str) -> JSON:
    return {"id": identifier, "object": kind, "deleted": True}
