"""The state of one API key: its user and everything it has created.

Each key is its own workspace, so isolation is structural: a lookup only ever searches
the caller's workspace, and another key's id answers 404 exactly like an unknown one.
Lookups that fail raise :class:`ApiError` so handlers stay linear.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

from ._content import Reply
from ._errors import ApiError
from ._ids import IdFactory
from ._timing import Quiet, time_of_fraction, written_fraction

__all__ = [
    "Chat",
    "Deployment",
    "EnvVar",
    "FileEntry",
    "Hook",
    "LogLevel",
    "LogLine",
    "LogType",
    "McpServer",
    "Message",
    "Project",
    "RateWindow",
    "UsageEvent",
    "User",
    "VercelProject",
    "Version",
    "Workspace",
]

VersionStatus = Literal["pending", "completed", "failed"]
_T = TypeVar("_T")
LogType = Literal["stdout", "stderr"]
LogLevel = Literal["error", "warning", "info"]


@dataclass
class FileEntry:
    content: str
    locked: bool = False


@dataclass
class Version:
    id: str
    chat_id: str
    created_at: float
    updated_at: float
    status: VersionStatus
    files: dict[str, FileEntry]  # while pending: the files it will have
    demo_host: str
    message_id: str | None = None

    def contents(self) -> dict[str, str]:
        return {name: entry.content for name, entry in self.files.items()}


@dataclass
class Message:
    id: str
    chat_id: str
    role: Literal["user", "assistant"]
    type: str
    created_at: float
    updated_at: float
    author_id: str
    parent_id: str | None
    content: str = ""
    reply: Reply | None = None  # assistant messages: what the generation writes
    finish_reason: str | None = None
    attachments: list[dict[str, Any]] = field(default_factory=list)
    version_id: str | None = None
    started_at: float | None = None
    completes_at: float | None = None  # pending generations: when they finish
    quiet: Quiet = ()  # stretches of the generation in which nothing new is written
    units: int = 0  # how much of ``reply`` is written
    stopped: bool = False
    waiting_task: str | None = None  # a task type the reply waits on until resolved
    model_id: str = "v0-pro"

    @property
    def finished(self) -> bool:
        return self.role == "user" or self.finish_reason is not None

    def progress(self, now: float) -> float:
        """Return the fraction of its writing the generation has done by ``now`` (quiet stretches write nothing)."""
        if self.finished or self.started_at is None or self.completes_at is None:
            return 1.0
        # a float holds today's UNIX time to ~0.2 µs: what is due within 10 µs counts as written,
        # so the time time_of_units() names always shows that many units
        return written_fraction(self.started_at, self.completes_at, self.quiet, now + 1e-5)

    def time_of_units(self, units: int) -> float:
        """Return when the generation will have written ``units`` units of its reply."""
        if self.started_at is None or self.completes_at is None or self.reply is None or self.reply.total <= 0:
            return self.completes_at or 0.0
        return time_of_fraction(self.started_at, self.completes_at, self.quiet, units / self.reply.total)


@dataclass
class Chat:
    id: str
    name: str
    privacy: str
    created_at: float
    updated_at: float
    author_id: str
    project_id: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    favorite: bool = False
    model_configuration: dict[str, Any] = field(default_factory=dict)
    message_ids: list[str] = field(default_factory=list)  # oldest first
    version_ids: list[str] = field(default_factory=list)  # oldest first
    latest_version_id: str | None = None
    text: str = ""
    branch: str | None = None


@dataclass
class Project:
    id: str
    name: str
    privacy: str
    created_at: float
    updated_at: float
    icon: str = "icon-wand-sparkles"
    description: str | None = None
    instructions: str | None = None
    vercel_project_id: str | None = None
    env_var_ids: list[str] = field(default_factory=list)


@dataclass
class EnvVar:
    id: str
    project_id: str
    key: str
    value: str
    created_at: float
    updated_at: float


@dataclass(frozen=True)
class LogLine:
    at: float
    text: str
    type: LogType = "stdout"
    level: LogLevel = "info"


@dataclass
class Deployment:
    id: str
    chat_id: str
    version_id: str
    project_id: str | None
    created_at: float
    slug: str
    logs: list[LogLine]  # the whole build, revealed as the clock passes each line
    error: dict[str, str] | None  # findErrors body once the build has failed

    @property
    def finished_at(self) -> float:
        return self.logs[-1].at if self.logs else self.created_at


@dataclass
class Hook:
    id: str
    name: str
    events: list[str]
    url: str
    chat_id: str | None
    created_at: float


@dataclass
class VercelProject:
    id: str
    name: str
    project_id: str | None
    created_at: float


@dataclass
class McpServer:
    id: str
    name: str
    url: str
    enabled: bool
    auth: dict[str, Any]  # kept whole (secrets included) but only ``type`` is ever answered
    scope: str
    created_at: float
    updated_at: float
    description: str | None = None


@dataclass
class UsageEvent:
    id: str
    chat_id: str
    message_id: str
    created_at: float
    model_id: str
    input_tokens: int
    output_tokens: int
    cache_read_tokens: int
    request_id: str

    @property
    def prompt_cost(self) -> float:
        return self.input_tokens * 1.5e-6

    @property
    def completion_cost(self) -> float:
        return self.output_tokens * 7.5e-6


@dataclass
class User:
    id: str
    name: str
    email: str
    created_at: float
    team_id: str


@dataclass
class RateWindow:
    start: float = 0.0
    count: int = 0


class Workspace:
    """Everything one API key owns; the attribute names are stable for tests to inspect."""

    def __init__(self, api_key: str, ids: IdFactory, now: float) -> None:
        self.api_key = api_key
        self.ids = ids
        handle = ids.token(6, "abcdefghijklmnopqrstuvwxyz")
        self.user = User(
            id=ids.user(),
            name="Sim User",
            email=f"{handle}@example.com",
            created_at=now - 86_400 * 30,
            team_id=ids.team(),
        )
        self.chats: dict[str, Chat] = {}
        self.messages: dict[str, Message] = {}
        self.versions: dict[str, Version] = {}
        self.projects: dict[str, Project] = {}
        self.env_vars: dict[str, EnvVar] = {}
        self.deployments: dict[str, Deployment] = {}
        self.hooks: dict[str, Hook] = {}
        self.vercel_projects: dict[str, VercelProject] = {}
        self.mcp_servers: dict[str, McpServer] = {}
        self.usage: list[UsageEvent] = []
        self.rate = RateWindow(start=now)
        self.on_event: Callable[[str, float, dict[str, Any]], None] | None = None  # the webhook sink

    def emit(self, event: str, at: float, **data: Any) -> None:
        """Tell the webhooks that ``event`` happened at ``at`` (``data`` names the chat and message)."""
        if self.on_event is not None and self.hooks:
            self.on_event(event, at, data)

    # Lookups that answer 404 as v0 does.
    def chat(self, chat_id: str) -> Chat:
        return _get(self.chats, chat_id, "Chat")

    def project(self, project_id: str) -> Project:
        return _get(self.projects, project_id, "Project")

    def deployment(self, deployment_id: str) -> Deployment:
        return _get(self.deployments, deployment_id, "Deployment")

    def hook(self, hook_id: str) -> Hook:
        return _get(self.hooks, hook_id, "Hook")

    def mcp_server(self, server_id: str) -> McpServer:
        return _get(self.mcp_servers, server_id, "MCP server")

    def message(self, chat: Chat, message_id: str) -> Message:
        found = self.messages.get(message_id)
        if found is None or found.chat_id != chat.id:
            raise ApiError(404, f"Message not found: {message_id}")
        return found

    def version(self, chat: Chat, version_id: str) -> Version:
        found = self.versions.get(version_id)
        if found is None or found.chat_id != chat.id:
            raise ApiError(404, f"Version not found: {version_id}")
        return found

    def env_var(self, project: Project, env_var_id: str) -> EnvVar:
        found = self.env_vars.get(env_var_id)
        if found is None or found.project_id != project.id:
            raise ApiError(404, f"Environment variable not found: {env_var_id}")
        return found

    def latest_version(self, chat: Chat) -> Version | None:
        return self.versions.get(chat.latest_version_id) if chat.latest_version_id else None

    def chat_messages(self, chat: Chat) -> list[Message]:
        return [self.messages[m] for m in chat.message_ids]

    def pending_messages(self) -> list[Message]:
        return [m for m in self.messages.values() if not m.finished]

    def delete_chat(self, chat: Chat, *, now: float | None = None) -> None:
        at = chat.updated_at if now is None else now
        for message_id in chat.message_ids:
            if self.messages.pop(message_id, None) is not None:
                self.emit("message.deleted", at, chatId=chat.id, messageId=message_id)
        for version_id in chat.version_ids:
            self.versions.pop(version_id, None)
        del self.chats[chat.id]
        self.emit("chat.deleted", at, chatId=chat.id)


def _get(table: dict[str, _T], key: str, kind: str) -> _T:
    found = table.get(key)
    if found is None:
        raise ApiError(404, f"{kind} not found: {key}")
    return found
