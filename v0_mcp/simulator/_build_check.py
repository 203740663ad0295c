"""Would these files build on Vercel? A small, deterministic stand-in for ``next build``.

``check_build(files)`` returns every error a real build of a Next.js app would stop on,
as far as a simple checker can see them, in path order:

* **Markers**: a file containing ``BUILD_ERROR`` (how a prompt scripts a failing build).
* **Syntax**: unbalanced ``()[]{}`` outside strings and comments in a code file.
* **Missing modules**: a relative (``./``, ``../``) or ``@/`` import whose file does not
  exist (never written, or deleted since), tried with the extensions and ``index`` files
  the bundler would try. Package imports (``react``, ``next/link``) are assumed installed.
* **Missing exports**: ``import { Name } from "@/..."`` where that file exists but exports
  no ``Name``.
* **Type errors** in ``.ts``/``.tsx``: a declaration annotated with a primitive type and
  initialised with a literal of another, e.g. ``const count: number = "3"``.

Both API versions' simulators use it, so keep its name and signature stable.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Final

__all__ = ["BUILD_ERROR_MARKER", "BuildError", "check_build", "file_errors", "scan_brackets"]

BUILD_ERROR_MARKER: Final = "BUILD_ERROR"
_CODE_SUFFIXES: Final = frozenset({".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs"})
_TYPED_SUFFIXES: Final = frozenset({".ts", ".tsx"})
_RESOLVE_SUFFIXES: Final = (".tsx", ".ts", ".jsx", ".js", ".mjs", ".cjs", ".json", ".css")
_IMPORT: Final = re.compile(
    r"""^[ \t]*(?:import|export)\s+(?:type\s+)?(?P<what>[\w*{}\s,$]*?)\s*(?:from\s+)?["'](?P<spec>[^"'\n]+)["']""",
    re.MULTILINE,
)
_DYNAMIC: Final = re.compile(r"""\b(?:import|require)\(\s*["'](?P<spec>[^"'\n]+)["']\s*\)""")
_DECLARED: Final = re.compile(
    r"""\b(?:const|let|var)\s+(?P<name>[A-Za-z_$][\w$]*)\s*:\s*(?P<type>number|string|boolean)\s*=\s*"""
    r"""(?P<value>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`[^`]*`|-?\d[\d_]*(?:\.\d+)?\b|true\b|false\b)"""
)
_EXPORTED: Final = re.compile(
    r"""\bexport\s+(?:declare\s+)?(?:default\s+)?(?:async\s+)?"""
    r"""(?:function\*?|const|let|var|class|type|interface|enum)\s+(?P<name>[A-Za-z_$][\w$]*)"""
)
_EXPORT_LIST: Final = re.compile(r"\bexport\s+(?:type\s+)?\{(?P<names>[^}]*)\}")


@dataclass(frozen=True)
class BuildError:
    """One error of a build, located and formatted as a Next.js build reports it."""

    path: str
    line: int
    column: int
    message: str
    snippet: str

    @property
    def formatted(self) -> str:
        """``path:line:column message``: what ``findErrors`` calls ``formattedError``."""
        return f"{self.path}:{self.line}:{self.column} {self.message}"

    @property
    def full_text(self) -> str:
        """The build output around the error: what ``findErrors`` calls ``fullErrorText``."""
        return (
            f"Failed to compile.\n\n./{self.path}:{self.line}:{self.column}\n{self.message}\n\n"
            f"{self.snippet}\n\nNext.js build worker exited with code: 1"
        )


def check_build(files: Mapping[str, str]) -> list[BuildError]:
    """Return the errors that would fail a build of ``files`` (path -> content), in path order; [] if it builds."""
    errors: list[BuildError] = []
    for path in sorted(files):
        content = files[path]
        errors.extend(_located(path, content, offset, message) for offset, message in file_errors(path, content, files))
    return errors


def file_errors(path: str, content: str, files: Mapping[str, str]) -> list[tuple[int, str]]:
    """Return ``(offset, message)`` of each error in one file; ``files`` resolves its imports."""
    marker = content.find(BUILD_ERROR_MARKER)
    if marker >= 0:
        return [(marker, f"Type error: Cannot find name '{BUILD_ERROR_MARKER}'.")]
    suffix = PurePosixPath(path).suffix
    if suffix not in _CODE_SUFFIXES:
        return []
    syntax = scan_brackets(content)
    if syntax is not None:
        return [syntax]  # a file that does not parse reports nothing else
    found = _import_errors(path, content, files)
    if suffix in _TYPED_SUFFIXES:
        found += _type_errors(content)
    return sorted(found)


def scan_brackets(source: str) -> tuple[int, str] | None:
    """Return (offset, message) of the first bracket error outside strings and comments."""
    closers = {")": "(", "]": "[", "}": "{"}
    stack: list[tuple[str, int]] = []
    i, n = 0, len(source)
    while i < n:
        c = source[i]
        if source.startswith("//", i):
            i = source.find("\n", i)
            i = n if i < 0 else i
        elif source.startswith("/*", i):
            end = source.find("*/", i + 2)
            i = n if end < 0 else end + 2
            continue
        elif c in "\"'`":
            i += 1
            while i < n and source[i] != c and not (c != "`" and source[i] == "\n"):
                i += 2 if source[i] == "\\" else 1
        elif c in "([{":
            stack.append((c, i))
        elif c in closers:
            if not stack or stack[-1][0] != closers[c]:
                return i, f"Syntax error: Unexpected token `{c}`"
            stack.pop()
        i += 1
    if stack:
        opener = stack[-1][0]
        want = {v: k for k, v in closers.items()}[opener]
        return n, f'Syntax error: Expected "{want}" but found end of file'
    return None


def _import_errors(path: str, content: str, files: Mapping[str, str]) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    imports = [(m.start("spec"), m.group("spec"), m.group("what")) for m in _IMPORT.finditer(content)]
    imports += [(m.start("spec"), m.group("spec"), "") for m in _DYNAMIC.finditer(content)]
    for offset, spec, what in imports:
        target = _target(path, spec)
        if target is None:
            continue  # a package: assumed installed
        resolved = _resolve(target, files)
        if resolved is None:
            found.append((offset, f"Module not found: Can't resolve '{spec}'"))
            continue
        for name in _named(what):
            if not _exports(files[resolved], name):
                found.append((offset, f"Type error: Module '\"{spec}\"' has no exported member '{name}'."))
    return found


def _target(path: str, spec: str) -> str | None:
    """Return the project path an import points at, or None for a package import."""
    if spec.startswith("@/"):
        base = PurePosixPath(spec[2:])
    elif spec.startswith(("./", "../")):
        base = PurePosixPath(path).parent / spec
    else:
        return None
    parts: list[str] = []
    for part in base.parts:
        if part == "..":
            if not parts:
                return "../" + str(base)  # above the project: never resolves
            parts.pop()
        elif part not in (".", ""):
            parts.append(part)
    return "/".join(parts)


def _resolve(target: str, files: Mapping[str, str]) -> str | None:
    candidates = [target, *(target + s for s in _RESOLVE_SUFFIXES), *(f"{target}/index{s}" for s in _RESOLVE_SUFFIXES)]
    return next((c for c in candidates if c in files), None)


def _named(what: str) -> list[str]:
    """Return the names of ``{ A, B as C, type D }`` in an import clause (not the default or ``* as``)."""
    start, end = what.find("{"), what.find("}")
    if start < 0 or end < start:
        return []
    names = []
    for item in what[start + 1 : end].split(","):
        words = item.split()
        if words and words[0] == "type":
            words = words[1:]
        if words and re.fullmatch(r"[A-Za-z_$][\w$]*", words[0]):
            names.append(words[0])
    return names


def _exports(source: str, name: str) -> bool:
    if re.search(r"\bexport\s+\*\s+from\b", source):
        return True  # re-exports everything of another module: assume it has the name
    if any(m.group("name") == name for m in _EXPORTED.finditer(source)):
        return True
    for m in _EXPORT_LIST.finditer(source):
        for item in m.group("names").split(","):
            words = item.split()
            if words and words[0] == "type":
                words = words[1:]
            if words and words[-1] == name:
                return True
    return False


def _literal_type(value: str) -> str:
    if value[0] in "\"'`":
        return "string"
    if value in ("true", "false"):
        return "boolean"
    return "number"


def _type_errors(content: str) -> list[tuple[int, str]]:
    found = []
    for m in _DECLARED.finditer(content):
        given, declared = _literal_type(m.group("value")), m.group("type")
        if given != declared:
            found.append((m.start("value"), f"Type error: Type '{given}' is not assignable to type '{declared}'."))
    return found


def _located(path: str, content: str, offset: int, message: str) -> BuildError:
    line = content.count("\n", 0, offset) + 1
    column = offset - (content.rfind("\n", 0, offset) + 1) + 1
    lines = content.split("\n")
    shown = range(max(1, line - 2), min(len(lines), line) + 1)
    snippet = "\n".join(f"{'>' if n == line else ' '} {n:>3} | {lines[n - 1]}" for n in shown)
    return BuildError(path=path, line=line, column=column, message=message, snippet=snippet)
