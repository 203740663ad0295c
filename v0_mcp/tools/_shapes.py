"""Compact shapes of v0 objects for agents, after github-mcp-server's ``Minimal*`` types.

These are what tools and resources answer, whatever the API version; each
version's ``_shapes`` module turns its (tolerant) response models into them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from ._results import Result

__all__ = [
    "ChatBrief",
    "ChatInfo",
    "Deleted",
    "DeploymentInfo",
    "FileInfo",
    "MessageInfo",
    "ProjectInfo",
    "VersionInfo",
]


class Shape(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


class FileInfo(Shape):
    name: str
    size: int
    locked: bool | None = None


class VersionInfo(Shape):
    id: str
    status: str | None = None
    demoUrl: str | None = None
    screenshotUrl: str | None = None
    createdAt: str | None = None
    files: list[FileInfo] | None = None


class MessageInfo(Result):
    id: str
    role: str | None = None
    type: str | None = None
    createdAt: str | None = None
    finishReason: str | None = None
    text: str | None = None


class ChatBrief(Shape):
    id: str
    name: str | None = None
    privacy: str | None = None
    favorite: bool | None = None
    updatedAt: str | None = None
    webUrl: str | None = None
    latestVersionId: str | None = None
    latestVersionStatus: str | None = None
    demoUrl: str | None = None


class ChatInfo(Result):
    id: str
    name: str | None = None
    privacy: str | None = None
    favorite: bool | None = None
    projectId: str | None = None
    createdAt: str | None = None
    updatedAt: str | None = None
    webUrl: str | None = None
    demoUrl: str | None = None
    latestVersion: VersionInfo | None = None
    messageCount: int | None = None
    lastReply: str | None = None


class ProjectInfo(Result):
    id: str
    name: str | None = None
    description: str | None = None
    privacy: str | None = None
    vercelProjectId: str | None = None
    webUrl: str | None = None
    createdAt: str | None = None
    chats: list[ChatBrief] | None = None


class DeploymentInfo(Result):
    id: str
    status: str | None = None
    projectId: str | None = None
    chatId: str | None = None
    versionId: str | None = None
    webUrl: str | None = None
    inspectorUrl: str | None = None
    apiUrl: str | None = None


class Deleted(Result):
    id: str
    object: str | None = None
    deleted: bool


GenerationStatus = Literal["completed", "failed", "pending", "stopped"]
