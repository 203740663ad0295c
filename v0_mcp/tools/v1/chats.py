"""The chats toolset: create an app from a prompt, iterate on it, read the thread."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from mcp.server.mcpserver import Context
from mcp.types import CallToolResult

from .._errors import agent_errors
from .._results import MAX_TEXT_CHARS, Result, chat_link, clip, messages_link, render
from .._runtime import runtime_of
from .._schema import with_defaults
from .._shapes import ChatBrief, ChatInfo, Deleted, MessageInfo
from ._declare import endpoint, generation, plain, wait_for_generation
from ._shapes import chat_brief_of, chat_of, deleted_of, message_of
from ._vocabulary import VOCABULARY


class ChatList(Result):
    chats: list[ChatBrief]
    nextOffset: int | None = None


class MessageList(Result):
    messages: list[MessageInfo]
    hasMore: bool = False
    nextCursor: str | None = None


class Favorited(Result):
    id: str
    favorited: bool | None = None


class Stopped(Result):
    success: bool


class Resumed(Result):
    chatId: str
    messageId: str
    events: int
    reply: str | None = None


def _chat_list(response: Any, args: Mapping[str, Any]) -> ChatList:
    chats = [chat_brief_of(c) for c in response.data or []]
    args = with_defaults(VOCABULARY.operation("list_chats"), args)
    limit, offset = args["limit"], args["offset"]
    return ChatList(chats=chats, nextOffset=offset + len(chats) if len(chats) >= limit else None)


def _message_list(response: Any, _: Mapping[str, Any]) -> MessageList:
    page = response.pagination
    return MessageList(
        messages=[message_of(m, limit=600) for m in response.data or []],
        hasMore=bool(page and page.hasMore),
        nextCursor=page.nextCursor if page else None,
    )


def _message_text(chat: Any, message_id: str) -> str | None:
    messages = chat.get("messages") if isinstance(chat, dict) else None
    found = (m.get("content") for m in messages or [] if isinstance(m, dict) and m.get("id") == message_id)
    return next(found, None)


async def _resume(ctx: Context[Any, Any], args: dict[str, Any]) -> CallToolResult:
    runtime = runtime_of(ctx)
    v0 = runtime.client_for(ctx)
    chunks = 0

    async def report(_: str) -> None:
        nonlocal chunks
        chunks += 1
        await ctx.report_progress(chunks, None, "v0 is generating")

    with agent_errors(args):
        followed = await runtime.adapter.follow(v0, args["chatId"], args["messageId"], report)
    # A finished message streams no chunks, only the chat: its text is in the chat's messages.
    reply = followed.text or _message_text(followed.chat, args["messageId"])
    result = Resumed(chatId=args["chatId"], messageId=args["messageId"], events=followed.events, reply=clip(reply))
    return render(result, [messages_link(args["chatId"])])


def _chat_links(response: Any, _: Mapping[str, Any]) -> list[Any]:
    return [chat_link(response.id), messages_link(response.id)]


TOOLS = (
    generation(
        "create_chat",
        title="Create app from prompt",
        description=(
            "Build an app from `message` in a new v0 chat. Waits up to waitSeconds with progress; returns chatId, "
            "reply, demoUrl, files. Next: send_message to iterate, create_deployment to ship."
        ),
        docs={"message": "What to build, in plain words", "system": "Context such as framework or style rules"},
    ),
    generation(
        "send_message",
        title="Iterate on a chat",
        description=(
            "Ask v0 for a change in an existing chat; v0 makes a new version. Waits up to waitSeconds like "
            "create_chat; returns reply, demoUrl and files."
        ),
        docs={"message": "The change to make"},
    ),
    generation(
        "init_chat",
        title="Start chat from files or repo",
        description=(
            "Start a chat from existing code (type=files|repo|registry|zip|template and its field); "
            "no generation. Then send_message to change it."
        ),
    ),
    generation(
        "resolve_task",
        title="Resolve a blocked task",
        description="Answer a task v0 is waiting on (questions, plan approval, permissions, integrations), then wait.",
    ),
    wait_for_generation,
    endpoint(
        "list_chats",
        title="List chats",
        description="List your v0 chats, newest first, with latest version status and demo URL.",
        output=ChatList,
        shape=_chat_list,
    ),
    endpoint(
        "get_chat",
        title="Get chat",
        description="Get a chat: latest version with files, demo URL, last reply. Thread: v0://chats/{chatId}/messages.",
        output=ChatInfo,
        shape=lambda r, _: chat_of(r),
        links=_chat_links,
    ),
    endpoint(
        "update_chat",
        title="Rename chat or change privacy",
        description="Change a chat's name, privacy or metadata (a null metadata value deletes that key).",
        output=ChatInfo,
        shape=lambda r, _: chat_of(r),
    ),
    endpoint(
        "delete_chat",
        title="Delete chat",
        description="Move a chat to the trash (purged after 30 days).",
        output=Deleted,
        shape=lambda r, _: deleted_of(r),
    ),
    endpoint(
        "favorite_chat",
        title="Favorite chat",
        description="Mark or unmark a chat as favorite.",
        output=Favorited,
        shape=lambda r, _: Favorited(id=r.id, favorited=r.favorited),
    ),
    endpoint(
        "fork_chat",
        title="Fork chat",
        description="Copy a chat (optionally from a version) into a new chat.",
        output=ChatInfo,
        shape=lambda r, _: chat_of(r),
        links=_chat_links,
    ),
    endpoint(
        "list_messages",
        title="List messages",
        description="List a chat's messages, newest first, as short text.",
        output=MessageList,
        shape=_message_list,
    ),
    endpoint(
        "get_message",
        title="Get message",
        description="Get one message as plain text with its finish reason (absent while generating).",
        output=MessageInfo,
        shape=lambda r, _: message_of(r, limit=MAX_TEXT_CHARS),
    ),
    replace(
        endpoint(
            "resume_message",
            title="Follow a generation",
            description="Follow a message v0 is still generating until it ends; returns its text.",
            output=Resumed,
            shape=lambda r, _: r,
        ),
        handler=_resume,
    ),
    plain("stop_message", title="Stop generation", description="Stop a message v0 is still generating."),
)
