"""Prompts for the common flows, loaded from markdown files at startup.

Each ``*.md`` file of the prompts folder (but ``README.md``) is one prompt: a small
front matter, then the message body, where ``{{argument}}`` stands for an argument::

    ---
    name: iterate
    title: Change an app
    description: Ask v0 for a change in an existing chat and check the result.
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
``description`` and ``arguments``, a list of ``name``, ``description``, ``required``
(``false`` unless said) and ``default`` (the text an omitted optional argument
becomes; empty unless said). Values are plain text on one line; quotes are optional.
Adding a prompt needs no code: drop a file in the folder and restart the server.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from mcp.server.mcpserver.prompts.base import Message, Prompt, PromptArgument
from mcp.shared.exceptions import MCPError
from mcp.types import INVALID_PARAMS, InputRequiredResult
from pydantic import Field

if TYPE_CHECKING:
    from mcp.server.mcpserver import Context

    from .tools._runtime import V0MCPServer

__all__ = [
    "PromptFile",
    "PromptFileError",
    "PromptSpec",
    "default_prompts_folder",
    "load_prompts",
    "parse_prompt",
    "register_prompts",
]

_NAME: Final = re.compile(r"^[a-z][a-z0-9_]*$")
_PLACEHOLDER: Final = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
_FENCE: Final = "---"
_TOP_KEYS: Final = frozenset({"name", "title", "description", "arguments"})
_ARGUMENT_KEYS: Final = frozenset({"name", "description", "required", "default"})
_SKIPPED: Final = frozenset({"readme.md"})


class PromptFileError(ValueError):
    """A prompt file is malformed; the message names the file and, where it can, the line."""


@dataclass(frozen=True)
class PromptSpec:
    """One prompt as its file declares it."""

    name: str
    title: str | None
    description: str | None
    arguments: tuple[PromptArgument, ...]
    defaults: dict[str, str]
    body: str
    source: str


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
    def from_spec(cls, spec: PromptSpec) -> PromptFile:
        return cls(
            name=spec.name,
            title=spec.title,
            description=spec.description,
            arguments=list(spec.arguments),
            fn=functools.partial(_render, spec.body, spec.defaults),
            source=spec.source,
        )


def default_prompts_folder() -> Path:
    """Return the source tree's ``prompts/`` when running from a checkout, else the copy the wheel ships."""
    package = Path(__file__).resolve().parent
    checkout = package.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / "prompts").is_dir():
        return checkout / "prompts"
    return package / "_prompts"


def load_prompts(folder: Path | None = None) -> list[PromptFile]:
    """Read every prompt file of ``folder`` (sorted by file name); raise :class:`PromptFileError` on a bad one."""
    folder = folder if folder is not None else default_prompts_folder()
    if not folder.is_dir():
        raise PromptFileError(f"no prompts folder at {folder.name!r}")
    prompts: list[PromptFile] = []
    names: dict[str, str] = {}
    for path in sorted(folder.glob("*.md")):
        if path.name.lower() in _SKIPPED:
            continue
        spec = parse_prompt(path.read_text(encoding="utf-8"), source=path.name)
        if spec.name in names:
            raise PromptFileError(f"{path.name}: prompt {spec.name!r} is already defined by {names[spec.name]}")
        names[spec.name] = path.name
        prompts.append(PromptFile.from_spec(spec))
    return prompts


def register_prompts(server: V0MCPServer, folder: Path | None = None) -> None:
    """Serve every prompt file of ``folder`` (by default the bundled prompts) on ``server``.

    A prompt whose name the server already serves is left as it is, so registering twice is a no-op.
    """
    served = {prompt.name for prompt in server._prompt_manager.list_prompts()}
    for prompt in load_prompts(folder):
        if prompt.name not in served:
            server.add_prompt(prompt)
