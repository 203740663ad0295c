"""What the version-neutral machinery needs from "a chat", "its latest state", "its files".

Generation waits, resources and completions ask an :class:`Adapter`; each API
version implements one (``tools.v1._adapter``), and it is the only place above
``api/`` that names that version's operationIds or response attributes. The
runtime carries the adapter of the API version in use.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from ..api import Operation, V0Client
    from ..api.vercel import VercelClient
    from ._shapes import ChatBrief, FileInfo

__all__ = [
    "Adapter",
    "ChatDocument",
    "ChatSnapshot",
    "Choice",
    "Followed",
    "GenerationStart",
    "LogLine",
    "LogPage",
    "MessageView",
    "Sources",
]


@dataclass(frozen=True)
class MessageView:
    """One message, as waits, pollers and the thread resource read it."""

    id: str | None
    role: str | None = None
    content: str | None = None  # as v0 sent it
    text: str = ""  # plain text, from the rich content when ``content`` is empty
    created_at: str | None = None
    type: str | None = None
    finish_reason: str | None = None
    attachments: tuple[str, ...] = ()


@dataclass(frozen=True)
class ChatSnapshot:
    """A chat's latest state: its newest version and the assistant message a wait is about."""

    chat_id: str
    name: str | None = None
    web_url: str | None = None
    updated_at: str | None = None
    version_id: str | None = None
    version_status: str | None = None
    demo_url: str | None = None
    files: list[FileInfo] | None = None
    message_count: int = 0
    reply: MessageView | None = None


@dataclass(frozen=True)
class ChatDocument:
    """The chat resource's JSON and the ids it links to."""

    data: dict[str, Any]
    latest_version_id: str | None = None
    project_id: str | None = None
    latest_message_id: str | None = None


@dataclass(frozen=True)
class LogLine:
    id: str | None
    created_at: str | None = None
    level: str | None = None
    text: str | None = None


@dataclass(frozen=True)
class LogPage:
    lines: list[LogLine]
    next_since: float | None = None


@dataclass
class Followed:
    """What v0's stream of one message carried: how many events, the text so far, the last chat snapshot."""

    events: int = 0
    text: str = ""
    chat: Any = None


@dataclass(frozen=True)
class Choice:
    """A completion candidate: the value, and a label it may also be found by."""

    value: str
    label: str = ""


@dataclass(frozen=True)
class GenerationStart:
    """How a version starts a generation without waiting for it: extra arguments, and arguments it sets itself."""

    arguments: Mapping[str, Any] = field(default_factory=dict)
    hidden: frozenset[str] = frozenset()
    waits: bool = False  # False when v0 answers with the finished result (nothing to wait for)


class Sources(Protocol):
    """What a resource read draws on besides the caller's v0 client (the runtime): Vercel, the chats' file cache."""

    @property
    def vercel(self) -> VercelClient | None: ...
    def cached_files(self, v0: V0Client, chat_id: str) -> Any: ...
    def cache_files(self, v0: V0Client, chat_id: str, files: Any) -> None: ...


class Adapter(Protocol):
    """One API version, seen from waits, resources and completions."""

    # -- generations
    def generation_start(self, op: Operation) -> GenerationStart: ...
    def snapshot(self, chat: Any, message_id: str | None = None) -> ChatSnapshot: ...
    async def chat(self, v0: V0Client, chat_id: str, message_id: str | None = None) -> ChatSnapshot: ...
    async def message_role(self, v0: V0Client, chat_id: str, message_id: str) -> str | None: ...
    async def stop(self, v0: V0Client, chat_id: str, message_id: str) -> None: ...
    async def follow(
        self, v0: V0Client, chat_id: str, message_id: str, on_text: Callable[[str], Awaitable[None]]
    ) -> Followed: ...

    # -- resources (which ``v0://`` templates the version serves, and reading them)
    @property
    def templates(self) -> frozenset[str]: ...
    async def chat_document(self, v0: V0Client, chat_id: str) -> ChatDocument: ...
    async def messages(self, v0: V0Client, chat_id: str, max_items: int) -> list[MessageView]: ...
    async def message(self, v0: V0Client, chat_id: str, message_id: str) -> MessageView: ...
    async def version_document(self, v0: V0Client, chat_id: str, version_id: str) -> dict[str, Any]: ...
    async def file(self, v0: V0Client, chat_id: str, version_id: str, path: str) -> tuple[str | None, list[str]]: ...
    async def chat_file(
        self, sources: Sources, v0: V0Client, chat_id: str, path: str
    ) -> tuple[str | bytes | None, list[str]]: ...
    async def logs(self, sources: Sources, v0: V0Client, deployment_id: str, since: float | None = None) -> LogPage: ...
    async def all_logs(self, sources: Sources, v0: V0Client, deployment_id: str, max_items: int) -> list[LogLine]: ...
    async def project_document(self, sources: Sources, v0: V0Client, project_id: str) -> dict[str, Any]: ...
    async def recent_chats(self, v0: V0Client, limit: int, offset: int = 0) -> list[ChatBrief]: ...

    # -- completions
    async def version_choices(self, v0: V0Client, chat_id: str, limit: int) -> list[Choice]: ...
    async def message_choices(self, v0: V0Client, chat_id: str, limit: int) -> list[Choice]: ...
    async def project_choices(self, sources: Sources, v0: V0Client) -> list[Choice]: ...
    async def file_choices(
        self, sources: Sources, v0: V0Client, chat_id: str, version_id: str | None
    ) -> list[Choice]: ...
    async def deployment_choices(
        self, sources: Sources, v0: V0Client, chat_id: str | None, version_id: str | None
    ) -> list[Choice]: ...
