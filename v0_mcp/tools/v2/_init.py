"""``init_chat`` on API v2: one tool over the three ways to start a chat from existing code.

v2 has an operation per source (``chats.createFromFiles``, ``chats.createFromZip``,
``chats.createFromRepo``); the tool takes the union of their fields and picks the
operation by the one source given (``files``, ``url`` of a zip, or ``repo``).
Nothing is generated: the chat holds the code at once.
"""

from __future__ import annotations

from typing import Any, Final

from mcp.server.mcpserver import Context
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import CallToolResult
from pydantic.fields import FieldInfo

from .._endpoint import DOCS
from .._errors import agent_errors
from .._results import chat_link, messages_link, render
from .._runtime import runtime_of
from .._schema import FieldSpec, argument_fields
from .._spec import Declared, ToolSpec
from ._shapes import ChatSummary, chat_summary_of
from ._vocabulary import VOCABULARY

__all__ = ["init_chat"]

_SOURCES: Final = {"files": "chats.createFromFiles", "url": "chats.createFromZip", "repo": "chats.createFromRepo"}


def _declare() -> Declared:
    catalogue = VOCABULARY.catalogue
    fields: dict[str, FieldSpec] = {}
    for source, operation in _SOURCES.items():
        for name, (annotation, info) in argument_fields(catalogue[operation]).items():
            if name == source:  # each source is optional here: exactly one is given
                info = FieldInfo.merge_field_infos(info, default=None)
                annotation = annotation | None
            fields.setdefault(name, (annotation, info))
    return Declared(fields, ChatSummary, catalogue[_SOURCES["files"]])


async def _handle(ctx: Context[Any, Any], args: dict[str, Any]) -> CallToolResult:
    given = [source for source in _SOURCES if args.get(source) is not None]
    if len(given) != 1:
        raise ToolError(
            "init_chat takes exactly one source: files (a list of {name, content}), url (of a zip archive) "
            f"or repo ({{url, branch?}}); got {', '.join(given) or 'none'}."
        )
    v0 = runtime_of(ctx).client_for(ctx)
    op = VOCABULARY.catalogue[_SOURCES[given[0]]]
    with agent_errors(args, tool=VOCABULARY["init_chat"], op=op):
        response = await v0.call(op, **args)
    result = chat_summary_of(response.chat)
    result.note = "Next: get_chat_files to see the code, send_message to change it."
    return render(result, [chat_link(result.id), messages_link(result.id)])


def init_chat() -> ToolSpec:
    return ToolSpec.for_operation(
        VOCABULARY["init_chat"],
        title="Start chat from code",
        description=(
            "Start a chat from existing code: files [{name, content}], url of a zip, or repo {url, branch}; "
            "exactly one. No generation. Then send_message to change it."
        ),
        declare=_declare,
        handler=_handle,
        docs={**DOCS, "url": "URL of a zip archive of the code", "repo": "A Git repository: {url, branch?}"},
    )
