"""The v2 state of one API key, and the Vercel account behind it.

v2 data is kept apart from v1's (a v1 chat id answers 404 here, as on v0). The Vercel
part (projects, deployments, env vars) hangs off the same workspace because the same
key is accepted as the Vercel token: a deployment made by ``chats.deploy`` is visible
to the Vercel endpoints of that key, and of no other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

from .._errors import ApiError
from .._ids import IdFactory
from .._state import Hook, RateWindow

__all__ = [
    "BuildEvent",
    "Chat",
    "ConnectRequest",
    "Deployment",
    "EnvVar",
    "FileEntry",
    "Hook",
    "HookEvent",
    "McpServer",
    "Message",
    "Preview",
    "Snapshot",
    "UsageEvent",
    "V2Workspace",
    "VercelProject",
]

JSON = dict[str, Any]
Encoding = Literal["utf8", "base64"]
_T = TypeVar("_T")


@dataclass(frozen=True)
class FileEntry:
    content: str  # text, or base64 when ``encoding`` is base64
    encoding: Encoding = "utf8"


@dataclass(frozen=True)
class Snapshot:
    """The parts of a generating message from ``at`` on."""

    at: float
    parts: tuple[JSON, ...]


@dataclass
class Message:
    id: str
    chat_id: str
    role: Literal["user", "assistant"]
    created_at: float
    updated_at: float
    content: str
    author_id: str | None
    parts: list[JSON] = field(default_factory=list)  # the current parts (final once finished)
    finish_reason: str | None = "stop"
    attachments: list[JSON] = field(default_factory=list)
    timeline: list[Snapshot] = field(default_factory=list)  # generating: what appears when
    final_content: str = ""
    completes_at: float | None = None
    files_after: dict[str, FileEntry] | None = None  # a restore point: the chat's files after this message
    pending_files: dict[str, FileEntry | None] | None = None  # written when the generation completes
    usage: JSON | None = None
    task: str | None = None  # the task type this message is blocked on, until resolved
    task_resolved: bool = False
    fails: bool = False  # the generation ends in an error
    model_id: str = "v0-pro"
    prompt_chars: int = 0

    @property
    def finished(self) -> bool:
        return self.finish_reason is not None

    def parts_at(self, now: float) -> list[JSON]:
        """Return the parts written by ``now`` (the final parts once finished)."""
        if self.finished:
            return self.parts
        shown: tuple[JSON, ...] = ()
        for snap in self.timeline:
            if snap.at > now:
                break
            shown = snap.parts
        return list(shown)

    @property
    def blocked_on(self) -> str | None:
        """The task type the chat waits on after this message, if any."""
        return self.task if self.finished and not self.task_resolved else None


@dataclass
class Preview:
    started_at: float | None = None
    token: str | None = None
    expires_at: float = 0.0


@dataclass
class ConnectRequest:
    id: str
    chat_id: str
    message_id: str
    ready_at: float


@dataclass
class Chat:
    id: str
    title: str | None
    privacy: str
    created_at: float
    updated_at: float
    author_id: str
    metadata: dict[str, str] = field(default_factory=dict)
    vercel_project_id: str | None = None
    system_prompt: str | None = None
    message_ids: list[str] = field(default_factory=list)  # oldest first
    files: dict[str, FileEntry] = field(default_factory=dict)
    preview: Preview = field(default_factory=Preview)


@dataclass
class McpServer:
    id: str
    name: str
    url: str
    description: str
    enabled: bool
    auth: JSON
    scope: str
    created_at: float
    updated_at: float


@dataclass
class HookEvent:
    """One webhook event for one hook: recorded always; ``sent`` once the dispatcher accepted it."""

    hook_id: str
    url: str
    event: str
    payload: JSON
    sent: bool = False


@dataclass
class UsageEvent:
    id: str
    chat_id: str
    message_id: str
    created_at: float
    model: str
    tokens: JSON
    credits: JSON


@dataclass(frozen=True)
class BuildEvent:
    at: float
    type: str
    text: str | None = None
    level: str | None = None
    ready_state: str | None = None


@dataclass
class Deployment:
    id: str
    project_id: str
    chat_id: str
    name: str
    url: str
    created_at: float
    queued_until: float
    building_at: float
    finished_at: float
    events: list[BuildEvent]
    error: str | None  # the build's error message when it fails
    canceled_at: float | None = None
    deleted: bool = False

    def ready_state(self, now: float) -> str:
        if self.canceled_at is not None and self.canceled_at <= now:
            return "CANCELED"
        if now < self.queued_until:
            return "QUEUED"
        if now < self.building_at:
            return "INITIALIZING"
        if now < self.finished_at:
            return "BUILDING"
        return "ERROR" if self.error else "READY"


@dataclass
class VercelProject:
    id: str
    name: str
    created_at: float
    updated_at: float
    env_ids: list[str] = field(default_factory=list)


@dataclass
class EnvVar:
    id: str
    project_id: str
    key: str
    value: str
    type: str
    target: list[str]
    created_at: float
    updated_at: float
    git_branch: str | None = None
    comment: str | None = None


class V2Workspace:
    """Everything one key owns on v2 and on its Vercel team."""

    def __init__(self, api_key: str, ids: IdFactory, now: float) -> None:
        self.api_key = api_key
        self.ids = ids
        self.user_id = ids.user()
        self.team_id = ids.team()
        self.team_slug = "sim-" + ids.token(6, "abcdefghijklmnopqrstuvwxyz")
        self.created_at = now
        self.chats: dict[str, Chat] = {}
        self.messages: dict[str, Message] = {}
        self.mcp_servers: dict[str, McpServer] = {}
        self.hooks: dict[str, Hook] = {}
        self.preview_hosts: list[str] = []
        self.usage: list[UsageEvent] = []
        self.connect: dict[str, ConnectRequest] = {}
        self.projects: dict[str, VercelProject] = {}
        self.deployments: dict[str, Deployment] = {}
        self.env_vars: dict[str, EnvVar] = {}
        self.deliveries: list[HookEvent] = []
        self.outbox: list[HookEvent] = []  # events to hand to the dispatcher when the request ends
        self.event_serial = 0
        self.rate = RateWindow(start=now)

    def chat(self, chat_id: str) -> Chat:
        return _get(self.chats, chat_id, "Chat")

    def message(self, chat: Chat, message_id: str) -> Message:
        found = self.messages.get(message_id)
        if found is None or found.chat_id != chat.id:
            raise ApiError(404, f"Message not found: {message_id}")
        return found

    def chat_messages(self, chat: Chat) -> list[Message]:
        return [self.messages[m] for m in chat.message_ids]

    def latest(self, chat: Chat) -> Message | None:
        return self.messages[chat.message_ids[-1]] if chat.message_ids else None

    def mcp_server(self, server_id: str) -> McpServer:
        return _get(self.mcp_servers, server_id, "MCP server")

    def hook(self, hook_id: str) -> Hook:
        return _get(self.hooks, hook_id, "Webhook")

    def delete_chat(self, chat: Chat) -> None:
        for message_id in chat.message_ids:
            self.messages.pop(message_id, None)
        del self.chats[chat.id]


def _get(table: dict[str, _T], key: str, kind: str) -> _T:
    found = table.get(key)
    if found is None:
        raise ApiError(404, f"{kind} not found: {key}")
    return found
