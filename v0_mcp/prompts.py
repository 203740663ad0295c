"""Prompts for the common flows, loaded from markdown files at startup.

Each ``*.md`` file of the prompts folder (but ``README.md``) is one prompt: a small
front matter, then the message body, where ``{{argument}}`` stands for an argument::

    ---
    name: iterate
    title: Change an app
    description: Ask v0 for a change in an existing chat and check the result.
    api: v2
    arguments:
      - name: chat_id
        description: The chat to change
        required: true
      - name: change
        description: What to change
        required: true
    ---
    Call `send_message` with chatId="{{chat_id}}" and message="{{change}}", then ...

Front matter keys: ``name`` (required; lowercase, digits and ``_``), ``title``,
``description``, ``api`` (``v1`` or ``v2``: the API version the text is written for;
both when omitted, so two files may give one prompt a text per version) and
``arguments``, a list of ``name``, ``description``, ``required`` (``false`` unless
said) and ``default`` (the text an omitted optional argument becomes; empty unless
said). Values are plain text on one line; quotes are optional.

A prompt names only tools the running server serves. The text between
``<!-- if TOOL [TOOL ...] -->`` and ``<!-- end -->`` (with an optional
``<!-- else -->`` branch) is kept only when every named tool is served; numbered
steps are renumbered after. A tool named in backticks outside such a block is
essential: without it the prompt is not served at all (``--read-only`` serves no
prompt that must write). Adding a prompt needs no code: drop a file in the folder
and restart the server.
"""

from __future__ import annotations

import functools
import logging
import re
import weakref
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from mcp.server.mcpserver.prompts.base import Message, Prompt, PromptArgument
from mcp.shared.exceptions import MCPError
from mcp.types import INVALID_PARAMS, InputRequiredResult
from pydantic import Field

from ._sdk import tool_names_of

if TYPE_CHECKING:
    from mcp.server.mcpserver import Context

    from .tools._runtime import V0MCPServer

__all__ = [
    "API_VERSIONS",
    "DEFAULT_API",
    "PromptFile",
    "PromptFileError",
    "PromptSpec",
    "default_prompts_folder",
    "load_prompts",
    "parse_prompt",
    "prompts_for",
    "register_prompts",
    "tools_named",
]

logger = logging.getLogger(__name__)

API_VERSIONS: Final = ("v1", "v2")
DEFAULT_API: Final = "v2"  # the API version a server speaks unless told
_NAME: Final = re.compile(r"^[a-z][a-z0-9_]*$")
_PLACEHOLDER: Final = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
_TOOL: Final = re.compile(r"`([a-z][a-z0-9]*(?:_[a-z0-9]+)+)`")  # a tool is named in backticks: `get_chat`
_IF: Final = re.compile(r"^<!--\s*if\s+([a-z0-9_ ]+?)\s*-->$")
_ELSE: Final = re.compile(r"^<!--\s*else\s*-->$")
_END: Final = re.compile(r"^<!--\s*end\s*-->$")
_DIRECTIVE: Final = re.compile(r"^<!--\s*(if|else|end)\b")
_ITEM: Final = re.compile(r"^(\d+)\.(\s)")
_FENCE: Final = "---"
_TOP_KEYS: Final = frozenset({"name", "title", "description", "api", "arguments"})
_ARGUMENT_KEYS: Final = frozenset({"name", "description", "required", "default"})
_SKIPPED: Final = frozenset({"readme.md"})


class PromptFileError(ValueError):
    """A prompt file is malformed; the message names the file and, where it can, the line."""


class _Block(NamedTuple):
    """A run of the body: plain text (no condition), or the branches of an ``if`` on served tools."""

    text: str
    needs: tuple[str, ...] = ()  # the tools an ``if`` asks for; empty for plain text
    otherwise: str = ""


class PromptSpec(NamedTuple):
    """One prompt as its file declares it."""

    name: str
    title: str | None
    description: str | None
    arguments: tuple[PromptArgument, ...]
    defaults: dict[str, str]
    body: str
    source: str
    api: str | None = None  # the API version the text is written for; None: every version
    blocks: tuple[_Block, ...] = ()

    def text_for(self, served: Collection[str]) -> str:
        """Return the body as a server serving ``served`` tools shows it: its conditions resolved, steps renumbered."""
        if not self.blocks:
            return self.body
        parts = [
            block.text if all(tool in served for tool in block.needs) else block.otherwise for block in self.blocks
        ]
        return _renumber("\n".join(part for part in parts if part)).strip("\n") + "\n"

    def missing_for(self, served: Collection[str]) -> list[str]:
        """Return the tools the resolved text names that ``served`` lacks (empty when the prompt can be served)."""
        return sorted({tool for tool in tools_named(self.text_for(served)) if tool not in served})

    def serves(self, api: str | None) -> bool:
        return self.api is None or api is None or self.api == api


def tools_named(text: str) -> list[str]:
    """Return the tool names ``text`` mentions in backticks, in order of first mention."""
    return list(dict.fromkeys(_TOOL.findall(text)))


def _renumber(text: str) -> str:
    """Number each list's steps 1, 2, 3 again after conditions dropped some; a paragraph ends a list."""
    lines: list[str] = []
    number = 0
    for line in text.split("\n"):
        if found := _ITEM.match(line):
            number += 1
            line = f"{number}.{found.group(2)}{line[found.end() :]}"
        elif line.strip() and not line[0].isspace():
            number = 0
        lines.append(line)
    return "\n".join(lines)


def _blocks(lines: Sequence[str], first: int, source: str) -> tuple[_Block, ...]:
    """Split the body into plain runs and ``<!-- if -->`` blocks; refuse nesting and unbalanced markers."""
    blocks: list[_Block] = []
    plain: list[str] = []
    condition: tuple[str, ...] | None = None
    then: list[str] = []
    otherwise: list[str] | None = None
    opened = 0
    for number, line in enumerate(lines, start=first):
        where = f"{source}: line {number}"
        text = line.strip()
        if not _DIRECTIVE.match(text):
            (plain if condition is None else then if otherwise is None else otherwise).append(line)
            continue
        if found := _IF.match(text):
            if condition is not None:
                raise PromptFileError(f"{where}: an 'if' block cannot hold another; close the first with <!-- end -->")
            blocks.append(_Block("\n".join(plain)))
            plain, condition, then, otherwise, opened = [], tuple(found.group(1).split()), [], None, number
        elif _ELSE.match(text):
            if condition is None or otherwise is not None:
                raise PromptFileError(f"{where}: <!-- else --> belongs inside one <!-- if TOOL --> block")
            otherwise = []
        elif _END.match(text):
            if condition is None:
                raise PromptFileError(f"{where}: <!-- end --> without an <!-- if TOOL -->")
            blocks.append(_Block("\n".join(then), condition, "\n".join(otherwise or [])))
            condition = None
        else:
            raise PromptFileError(f"{where}: write <!-- if TOOL [TOOL ...] -->, <!-- else --> or <!-- end -->")
    if condition is not None:
        raise PromptFileError(f"{source}: the <!-- if --> block of line {opened} is not closed by <!-- end -->")
    blocks.append(_Block("\n".join(plain)))
    return tuple(blocks)


def _scalar(raw: str) -> str:
    value = raw.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _boolean(raw: str, where: str) -> bool:
    value = _scalar(raw).lower()
    if value in ("true", "yes"):
        return True
    if value in ("false", "no"):
        return False
    raise PromptFileError(f"{where}: 'required' must be true or false, not {raw.strip()!r}")


def _front_matter(lines: Sequence[str], source: str) -> tuple[dict[str, str], list[dict[str, str]], int]:
    """Parse the front matter's restricted YAML; return top keys, argument entries and the body's first line."""
    if not lines or lines[0].strip() != _FENCE:
        raise PromptFileError(f"{source}: a prompt file starts with a '---' front matter block")
    top: dict[str, str] = {}
    arguments: list[dict[str, str]] = []
    in_arguments = False
    for number, line in enumerate(lines[1:], start=2):
        where = f"{source}: line {number}"
        if line.strip() == _FENCE:
            return top, arguments, number
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indented = line[0].isspace()
        text = line.strip()
        if indented and in_arguments:
            if text.startswith("- "):
                arguments.append({})
                text = text[2:].strip()
            elif not arguments:
                raise PromptFileError(f"{where}: each argument starts with '- name: ...'")
            key, colon, value = text.partition(":")
            key = key.strip()
            if not colon or key not in _ARGUMENT_KEYS:
                raise PromptFileError(f"{where}: argument keys are {', '.join(sorted(_ARGUMENT_KEYS))}; got {text!r}")
            if key in arguments[-1]:
                raise PromptFileError(f"{where}: {key!r} given twice for one argument")
            arguments[-1][key] = value
            continue
        if indented:
            raise PromptFileError(f"{where}: unexpected indentation")
        key, colon, value = text.partition(":")
        key = key.strip()
        if not colon or key not in _TOP_KEYS:
            raise PromptFileError(f"{where}: front matter keys are {', '.join(sorted(_TOP_KEYS))}; got {text!r}")
        if key in top or (key == "arguments" and in_arguments):
            raise PromptFileError(f"{where}: {key!r} given twice")
        in_arguments = key == "arguments"
        if in_arguments:
            if value.strip() not in ("", "[]"):
                raise PromptFileError(f"{where}: list the arguments on the lines below 'arguments:'")
            continue
        top[key] = value
    raise PromptFileError(f"{source}: the front matter is not closed by a '---' line")


def parse_prompt(text: str, source: str = "<prompt>") -> PromptSpec:
    """Parse one prompt file; raise :class:`PromptFileError` saying what is wrong and where."""
    lines = text.splitlines()
    top, entries, end = _front_matter(lines, source)
    name = _scalar(top.get("name", ""))
    if not _NAME.match(name):
        raise PromptFileError(f"{source}: 'name' must be lowercase letters, digits and '_', got {name!r}")
    arguments: list[PromptArgument] = []
    defaults: dict[str, str] = {}
    for index, entry in enumerate(entries, start=1):
        where = f"{source}: argument {index}"
        argument = _scalar(entry.get("name", ""))
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", argument):
            raise PromptFileError(f"{where}: 'name' must be an identifier, got {argument!r}")
        if any(existing.name == argument for existing in arguments):
            raise PromptFileError(f"{where}: argument {argument!r} is declared twice")
        required = _boolean(entry["required"], where) if "required" in entry else False
        if "default" in entry:
            if required:
                raise PromptFileError(f"{where}: a required argument takes no default")
            defaults[argument] = _scalar(entry["default"])
        description = _scalar(entry.get("description", "")) or None
        arguments.append(PromptArgument(name=argument, description=description, required=required))
    api = _scalar(top.get("api", "")) or None
    if api is not None and api not in API_VERSIONS:
        raise PromptFileError(f"{source}: 'api' is one of {', '.join(API_VERSIONS)} (or omitted for both), not {api!r}")
    body = "\n".join(lines[end:]).strip("\n")
    if not body.strip():
        raise PromptFileError(f"{source}: the prompt has no text after its front matter")
    declared = {argument.name for argument in arguments}
    unknown = sorted({match for match in _PLACEHOLDER.findall(body) if match not in declared})
    if unknown:
        raise PromptFileError(f"{source}: the text uses undeclared arguments: {', '.join(unknown)}")
    return PromptSpec(
        name=name,
        title=_scalar(top.get("title", "")) or None,
        description=_scalar(top.get("description", "")) or None,
        arguments=tuple(arguments),
        defaults=defaults,
        body=body + "\n",
        source=source,
        api=api,
        blocks=_blocks(lines[end:], end + 1, source),
    )


def _render(body: str, defaults: dict[str, str], **arguments: Any) -> str:
    def value(match: re.Match[str]) -> str:
        given = arguments.get(match.group(1))
        return str(given) if given not in (None, "") else defaults.get(match.group(1), "")

    return _PLACEHOLDER.sub(value, body)


class PromptFile(Prompt):
    """A prompt read from a file, whose missing arguments are reported by name and purpose."""

    source: str = Field(default="", exclude=True)

    async def render(
        self, arguments: dict[str, Any] | None, context: Context[Any, Any]
    ) -> list[Message] | InputRequiredResult:
        given = arguments or {}
        missing = [arg for arg in self.arguments or [] if arg.required and not str(given.get(arg.name) or "").strip()]
        if missing:
            wanted = "; ".join(f"{arg.name} ({arg.description})" if arg.description else arg.name for arg in missing)
            raise MCPError(
                code=INVALID_PARAMS,
                message=(
                    f"Prompt {self.name!r} is missing required argument(s): {wanted}. "
                    "Pass them in prompts/get arguments; completion/complete suggests chat and deployment ids."
                ),
            )
        return await super().render(arguments, context)

    @classmethod
    def from_spec(cls, spec: PromptSpec, served: Collection[str] | None = None) -> PromptFile:
        """Make the prompt of ``spec``, its text resolved for the ``served`` tools (as written when None)."""
        body = spec.body if served is None else spec.text_for(served)
        return cls(
            name=spec.name,
            title=spec.title,
            description=spec.description,
            arguments=list(spec.arguments),
            fn=functools.partial(_render, body, spec.defaults),
            source=spec.source,
        )


def default_prompts_folder() -> Path:
    """Return the source tree's ``prompts/`` when running from a checkout, else the copy the wheel ships."""
    package = Path(__file__).resolve().parent
    checkout = package.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / "prompts").is_dir():
        return checkout / "prompts"
    return package / "_prompts"


def load_prompts(folder: Path | None = None) -> list[PromptSpec]:
    """Read every prompt file of ``folder`` (sorted by file name); raise :class:`PromptFileError` on a bad one.

    Two files may declare one name only for different API versions.
    """
    folder = folder if folder is not None else default_prompts_folder()
    if not folder.is_dir():
        raise PromptFileError(f"no prompts folder at {folder.name!r}")
    specs: list[PromptSpec] = []
    for path in sorted(folder.glob("*.md")):
        if path.name.lower() in _SKIPPED:
            continue
        spec = parse_prompt(path.read_text(encoding="utf-8"), source=path.name)
        clash = next((other for other in specs if other.name == spec.name and other.serves(spec.api)), None)
        if clash is not None:
            raise PromptFileError(f"{path.name}: prompt {spec.name!r} is already defined by {clash.source}")
        specs.append(spec)
    return specs


def prompts_for(specs: Sequence[PromptSpec], api: str, served: Collection[str]) -> list[PromptFile]:
    """Return the prompts a server of API ``api`` serving the ``served`` tools offers, each naming only those tools.

    A prompt whose text still needs a tool that is not served (an essential one, outside
    any ``<!-- if -->`` block) is left out, and the log says which tools it lacks.
    """
    prompts: list[PromptFile] = []
    for spec in specs:
        if not spec.serves(api):
            continue
        if missing := spec.missing_for(served):
            logger.debug("prompt %s is not served: it needs the tool(s) %s", spec.name, ", ".join(missing))
            continue
        prompts.append(PromptFile.from_spec(spec, served))
    return prompts


class _Served(NamedTuple):
    api: str
    names: set[str]


_REGISTERED: Final[weakref.WeakKeyDictionary[Any, _Served]] = weakref.WeakKeyDictionary()


def register_prompts(
    server: V0MCPServer, folder: Path | None = None, *, api: str | None = None, tools: Collection[str] | None = None
) -> None:
    """Serve the prompt files of ``folder`` (by default the bundled prompts) that suit ``server``.

    ``api`` is the API version the server speaks (as at the first registration, else
    :data:`DEFAULT_API`), ``tools`` the names of the tools it serves (read from the
    server when not given); see :func:`prompts_for`. A prompt whose name the server
    already serves is left as it is, so registering twice is a no-op.
    """
    served = set(tools) if tools is not None else tool_names_of(server)
    state = _REGISTERED.setdefault(server, _Served(api or DEFAULT_API, set()))
    for prompt in prompts_for(load_prompts(folder), api or state.api, served):
        if prompt.name not in state.names:
            state.names.add(prompt.name)
            server.add_prompt(prompt)
