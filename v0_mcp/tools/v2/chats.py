"""The chats toolset of API v2: create an app from a prompt, iterate, answer v0's questions, read the thread."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from .._results import MAX_TEXT_CHARS, Result, chat_link, messages_link
from .._shapes import ChatBrief
from ._declare import endpoint, plain
from ._generate import generation, resume_chat, wait_for_generation
from ._init import init_chat
from ._shapes import ChatSummary, MessageSummary, chat_brief_of, chat_summary_of, message_summary_of

# Skills (v0's reusable instructions) cost more context than any other field, and an agent
# building an app passes its context in systemPrompt; resolving a task keeps the chat's model.
_NOT_FOR_AGENTS: Final = frozenset({"skills"})


class ChatList(Result):
    chats: list[ChatBrief]
    nextCursor: str | None = None


class MessageList(Result):
    messages: list[MessageSummary]
    nextCursor: str | None = None


class Deleted(Result):
    chatId: str
    deleted: bool = True


class Stopped(Result):
    messageId: str | None = None
    stopped: bool = True


def _chat_list(response: Any, _: Mapping[str, Any]) -> ChatList:
    return ChatList(chats=[chat_brief_of(c) for c in response.chats or []], nextCursor=response.cursor)


def _message_list(response: Any, _: Mapping[str, Any]) -> MessageList:
    messages = [message_summary_of(m, limit=600) for m in response.messages or []]
    return MessageList(messages=messages, nextCursor=response.cursor)


def _chat_links(response: Any, _: Mapping[str, Any]) -> list[Any]:
    return [chat_link(response.id), messages_link(response.id)]


TOOLS = (
    generation(
        "create_chat",
        title="Create app from prompt",
        description=(
            "Build an app from `message` in a new v0 chat; waits up to waitSeconds with progress. Returns chatId, "
            "messageId, reply, filesEdited, or needsInput when v0 asks."
        ),
        docs={"message": "What to build, in plain words", "systemPrompt": "Context such as framework or style rules"},
        hide=_NOT_FOR_AGENTS | {"metadata"},
    ),
    generation(
        "send_message",
        title="Iterate on a chat",
        description="Ask v0 for a change in an existing chat. Waits up to waitSeconds like create_chat.",
        docs={"message": "The change to make"},
        hide=_NOT_FOR_AGENTS,
    ),
    generation(
        "resolve_task",
        title="Answer what v0 asks",
        description=(
            "Answer what v0 asks (needsInput): send needsInput.resolve.arguments with the <...> filled in. "
            "Then waits like send_message."
        ),
        hide=frozenset({"modelConfiguration"}),
    ),
    wait_for_generation(),
    init_chat(),
    resume_chat(),
    endpoint(
        "list_chats",
        title="List chats",
        description="List your v0 chats, newest first.",
        output=ChatList,
        shape=_chat_list,
    ),
    endpoint(
        "get_chat",
        title="Get chat",
        description="Get a chat: title, privacy, Vercel project. Files: get_chat_files; thread: list_messages.",
        output=ChatSummary,
        shape=lambda r, _: chat_summary_of(r),
        links=_chat_links,
    ),
    endpoint(
        "update_chat",
        title="Rename chat or change privacy",
        description="Change a chat's title, privacy or metadata (a null metadata value deletes that key).",
        output=ChatSummary,
        shape=lambda r, _: chat_summary_of(r),
    ),
    endpoint(
        "delete_chat",
        title="Delete chat",
        description="Delete a chat and its messages.",
        output=Deleted,
        shape=lambda r, args: Deleted(chatId=r.chatId or args["chatId"]),
    ),
    endpoint(
        "duplicate_chat",
        title="Duplicate chat",
        description="Copy a chat with its files into a new chat.",
        output=ChatSummary,
        shape=lambda r, _: chat_summary_of(r),
        links=_chat_links,
    ),
    endpoint(
        "list_messages",
        title="List messages",
        description="List a chat's messages, newest first, as short text with the files each edited.",
        output=MessageList,
        shape=_message_list,
    ),
    endpoint(
        "get_message",
        title="Get message",
        description="Get one message as text with its finish reason (absent while generating) and files edited.",
        output=MessageSummary,
        shape=lambda r, _: message_summary_of(r, limit=MAX_TEXT_CHARS),
    ),
    endpoint(
        "stop_message",
        title="Stop generation",
        description="Stop a message v0 is still generating; its files are not written.",
        output=Stopped,
        shape=lambda r, args: Stopped(messageId=r.messageId or args["messageId"]),
    ),
    plain(
        "get_connect_status",
        title="Vercel Connect status",
        description="Check a Vercel Connect setup v0 asked for (requestId from needsInput.details).",
    ),
)
