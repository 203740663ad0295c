"""Deterministic "generations": plausible Next.js files and an assistant reply from a prompt.

Everything here is a pure function of the prompt, the simulator seed and the files that
already exist, so a test can predict what a generation writes. The first version of a
chat is ``app/page.tsx`` (which quotes the prompt), ``app/layout.tsx``,
``app/globals.css`` and one component per feature the prompt asks for (pricing,
dashboard, form, todo, blog; otherwise a feature grid) beside a hero. A follow-up
message adds a section component named after the request and wires it into the page.
Locked files are never rewritten.

Markers, for scripting failures:

* **Build errors.** :mod:`._build_check` decides whether files build (a ``BUILD_ERROR``
  marker, unbalanced brackets, a missing module or export, a mistyped literal). A prompt
  containing ``BUILD_ERROR`` therefore yields a version whose deployment fails. A
  follow-up whose prompt mentions "fix" (or a ``fix-with-v0`` action) repairs the files
  that fail: marker lines removed, closers appended, dangling imports dropped.
* **Tasks.** A prompt containing ``NEEDS_TASK:<type>`` (one of the five task types of
  ``chats.resolveTask``) ends with the assistant waiting on that task; the reply carries an
  ``AssistantMessageContentPart`` node ``{"part": {"type": "task", "taskType": <type>}}``.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Final

from ._build_check import BUILD_ERROR_MARKER, BuildError, check_build, file_errors, scan_brackets
from ._templates import COMPONENTS, DEFAULT_FILES, GLOBALS_CSS, LAYOUT, PAGE, SECTION

__all__ = [
    "BUILD_ERROR_MARKER",
    "TASK_TYPES",
    "BuildError",
    "Draft",
    "default_files",
    "find_build_error",
    "first_draft",
    "follow_up_draft",
    "imported_files",
    "language_of",
    "requested_task",
    "slugify",
    "strip_markers",
    "title_for",
]

TASK_TYPES: Final = (
    "confirmed-steps",
    "plan-exit-response",
    "answered-questions",
    "confirmed-permissions",
    "vercel-connect-setup",
)
_TASK = re.compile(r"NEEDS_TASK:([a-z-]+)")
_LEADING_VERBS: Final = {"build", "create", "make", "design", "generate", "write", "add", "give", "please", "i", "want"}
_ARTICLES: Final = {"a", "an", "the", "me", "us", "some"}
_ACCENTS: Final = ("indigo", "emerald", "rose", "amber", "sky", "violet", "teal", "orange")
_CTAS: Final = ("Get started", "Start free trial", "Join the waitlist", "Try it now", "Sign up")
_KEYWORDS: Final[dict[str, tuple[str, ...]]] = {
    "pricing": ("pricing", "price", "plans", "subscription"),
    "dashboard": ("dashboard", "analytics", "admin", "metrics", "stats"),
    "form": ("form", "contact", "signup", "sign up", "newsletter", "login", "waitlist"),
    "todo": ("todo", "to-do", "task list", "checklist"),
    "blog": ("blog", "posts", "articles", "news"),
}
_FEATURES: Final = (
    ("Fast by default", "Pages are pre-rendered and served from the edge."),
    ("Accessible", "Semantic markup and keyboard support throughout."),
    ("Responsive", "Layouts adapt from phones to wide screens."),
    ("Dark mode ready", "Colours come from CSS variables you can theme."),
    ("Type safe", "Written in TypeScript with strict checks on."),
    ("Easy to extend", "Small components you can compose and restyle."),
)


@dataclass(frozen=True)
class Draft:
    """What one generation writes and says, decided when it starts."""

    text: str
    files: dict[str, str]
    focus: str | None  # the file shown in the reply's code block
    task: str | None = None


def _js(text: str) -> str:
    """Return ``text`` as a JS string literal."""
    return json.dumps(text, ensure_ascii=False)


def strip_markers(prompt: str) -> str:
    """Remove task markers from a prompt (build-error markers stay: they are the point)."""
    return " ".join(_TASK.sub("", prompt).split())


def requested_task(prompt: str) -> str | None:
    """Return the task type a prompt asks the reply to wait on, if any."""
    match = _TASK.search(prompt)
    return match.group(1) if match and match.group(1) in TASK_TYPES else None


def title_for(prompt: str) -> str:
    """Derive a chat name from a prompt: "Build a hello world landing page" -> "Hello world landing page"."""
    sentence = re.split(r"(?<=[.!?])\s|\n", strip_markers(prompt).strip(), maxsplit=1)[0]
    words = [w.strip(".,!?;:\"'") for w in sentence.split()]
    words = [w for w in words if w]
    while words and words[0].lower() in _LEADING_VERBS | _ARTICLES:
        words.pop(0)
    if not words:
        return "New chat"
    title = " ".join(words[:8])
    return title[0].upper() + title[1:]


def slugify(text: str, *, words: int = 5) -> str:
    """Return a lowercase, dash-separated slug of the first ``words`` words of ``text``."""
    parts = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(parts[:words]) or "app"


def language_of(path: str) -> str:
    """Return the code-block language of a file, as ChatDetail.files[].lang carries it."""
    suffix = PurePosixPath(path).suffix.lstrip(".")
    return {"mjs": "js", "cjs": "js", "md": "markdown", "": "plaintext"}.get(suffix, suffix)


def _kinds(prompt: str) -> list[str]:
    lowered = prompt.lower()
    return [kind for kind, words in _KEYWORDS.items() if any(w in lowered for w in words)][:2]


def _items(kind: str, rng: random.Random, prompt: str) -> str:
    """Return the data literal a component renders."""
    data: list[dict[str, object]]
    if kind == "features":
        data = [{"title": t, "description": d} for t, d in rng.sample(_FEATURES, 3)]
    elif kind == "pricing":
        base = rng.choice((9, 12, 15, 19))
        data = [
            {"name": "Hobby", "price": 0, "perks": ["1 project", "Community support"]},
            {"name": "Pro", "price": base, "perks": ["Unlimited projects", "Email support"]},
            {"name": "Team", "price": base * 4, "perks": ["Everything in Pro", "SSO", "Audit logs"]},
        ]
    elif kind == "dashboard":
        data = [
            {
                "label": label,
                "value": f"{rng.randint(1, 99)},{rng.randint(100, 999)}",
                "change": f"+{rng.randint(1, 30)}%",
            }
            for label in ("Visitors", "Sign-ups", "Revenue", "Active users")
        ]
    elif kind == "todo":
        data = [
            {"id": 1, "text": "Read the prompt", "done": True},
            {"id": 2, "text": title_for(prompt), "done": False},
        ]
    else:  # blog
        data = [
            {
                "slug": f"post-{n}",
                "title": f"{title_for(prompt)}, part {n}",
                "date": f"2026-01-{10 + n:02d}",
                "excerpt": rng.choice(("A first look.", "What we learned.", "Notes from the team.")),
            }
            for n in range(1, 4)
        ]
    return json.dumps(data, indent=2, ensure_ascii=False)


def _component(kind: str, rng: random.Random, prompt: str, accent: str) -> tuple[str, str, str]:
    """Return (path, exported name, source) of one component."""
    path, name, template = COMPONENTS[kind]
    source = template.replace("__ACCENT__", accent).replace("__CTA__", _js(rng.choice(_CTAS)))
    if "__ITEMS__" in source:
        source = source.replace("__ITEMS__", _items(kind, rng, prompt))
    return path, name, source


def first_draft(prompt: str, seed: int) -> Draft:
    """Return the first version of a chat: a page that quotes ``prompt``, a layout and components."""
    rng = random.Random(f"{seed}\x00{prompt}")
    clean = strip_markers(prompt)
    title = title_for(prompt)
    accent = rng.choice(_ACCENTS)
    kinds = _kinds(clean) or ["features"]
    files: dict[str, str] = {}
    imports, elements = [], []
    for kind in ["hero", *kinds]:
        path, name, source = _component(kind, rng, clean, accent)
        files[path] = source
        imports.append(f'import {{ {name} }} from "@/{path.removesuffix(".tsx")}"')
        if kind != "hero":
            elements.append(f"      <{name} />")
    page = (
        PAGE.replace("__IMPORTS__", "\n".join(imports))
        .replace("__PROMPT__", _js(clean))
        .replace("__TITLE__", _js(title))
        .replace("__ELEMENTS__", "\n".join(elements))
    )
    files = {
        "app/page.tsx": page,
        "app/layout.tsx": LAYOUT.replace("__TITLE__", _js(title)).replace("__PROMPT__", _js(clean)),
        "app/globals.css": GLOBALS_CSS,
        **files,
    }
    names = [COMPONENTS[k][1] for k in kinds]
    task = requested_task(prompt)
    text = (
        f"I built the {title[0].lower() + title[1:]} as a Next.js page: a hero followed by "
        f"{' and '.join(names)}. The page is app/page.tsx and its sections live in components/."
    )
    if task:
        text += " " + _task_question(task)
    return Draft(text=text, files=files, focus="app/page.tsx", task=task)


def _task_question(task: str) -> str:
    return {
        "confirmed-steps": "Before I go on, please confirm the setup steps.",
        "plan-exit-response": "Here is my plan; approve it or ask for changes.",
        "answered-questions": "I have a few questions before I continue.",
        "confirmed-permissions": "I need your permission to run a tool.",
        "vercel-connect-setup": "Connect your Vercel account to continue.",
    }[task]


def follow_up_draft(
    prompt: str,
    seed: int,
    files: Mapping[str, str],
    locked: frozenset[str] = frozenset(),
    *,
    fix: bool = False,
) -> Draft:
    """Return the changes a follow-up message writes on top of ``files`` (locked files untouched)."""
    clean = strip_markers(prompt)
    task = requested_task(prompt)
    if fix or "fix" in clean.lower().split():
        repaired = {p: _repair(p, c, files) for p, c in files.items() if p not in locked and file_errors(p, c, files)}
        if repaired:
            text = f"I fixed the build error in {', '.join(sorted(repaired))}."
            return Draft(text=text, files=repaired, focus=sorted(repaired)[0], task=task)
    slug = slugify(clean, words=4)
    path = f"components/{slug}.tsx"
    n = 2
    while path in files:
        path, n = f"components/{slug}-{n}.tsx", n + 1
    stem = PurePosixPath(path).stem
    name = "".join(part.capitalize() for part in stem.split("-"))
    if not name[0].isalpha():
        name = "Section" + name
    source = SECTION.replace("__NAME__", name).replace("__HEADING__", _js(title_for(prompt)))
    source = source.replace("__REQUEST__", _js(clean))
    written = {path: source}
    page = files.get("app/page.tsx")
    if page is not None and "app/page.tsx" not in locked and "</main>" in page:
        lines = page.split("\n")
        last_import = max((i for i, line in enumerate(lines) if line.startswith("import ")), default=-1)
        lines.insert(last_import + 1, f'import {{ {name} }} from "@/{path.removesuffix(".tsx")}"')
        page = "\n".join(lines).replace("    </main>", f"      <{name} />\n    </main>", 1)
        written["app/page.tsx"] = page
    text = f"I added {name} ({path}) for your request and placed it on the page."
    if task:
        text += " " + _task_question(task)
    return Draft(text=text, files=written, focus=path, task=task)


def default_files(name: str) -> dict[str, str]:
    """Return the scaffolding a download or ``includeDefaultFiles=true`` adds (package.json, configs)."""
    return {path: text.replace("__SLUG__", slugify(name)) for path, text in DEFAULT_FILES.items()}


def imported_files(kind: str, label: str, url: str | None, seed: int) -> dict[str, str]:
    """Return the files of a chat initialised from a repo, registry item, zip or template."""
    draft = first_draft(label, seed)
    files = dict(draft.files)
    if kind == "registry":
        files[f"components/{slugify(label)}.tsx"] = (
            SECTION.replace("__NAME__", "RegistryItem")
            .replace("__HEADING__", _js(label))
            .replace("__REQUEST__", _js(f"Installed from {url}"))
        )
    source = f"Imported from {url}" if url else f"Created from template {label}"
    files["README.md"] = f"# {label}\n\n{source}.\n"
    return files


def find_build_error(files: Mapping[str, str]) -> BuildError | None:
    """Return the first build error in ``files`` (in path order), or None if they build."""
    errors = check_build(files)
    return errors[0] if errors else None


def _repair(path: str, content: str, files: Mapping[str, str]) -> str:
    """Fix what :func:`check_build` finds in one file, as v0's "fix with v0" would.

    Marker lines go, missing closers are appended (stray ones dropped), an import that
    does not resolve goes with the elements that used it, and a mistyped declaration
    takes the type of its value.
    """
    content = "\n".join(line for line in content.split("\n") if BUILD_ERROR_MARKER not in line)
    for _ in range(64):  # each pass fixes one bracket
        found = scan_brackets(content)
        if found is None:
            break
        offset, message = found
        if "end of file" in message:
            content = content.rstrip("\n") + "\n" + message.split('"')[1] + "\n"
        else:
            content = content[:offset] + content[offset + 1 :]
    for _ in range(64):  # each pass fixes one import or declaration
        errors = file_errors(path, content, files)
        if not errors:
            break
        offset, message = errors[0]
        start = content.rfind("\n", 0, offset) + 1
        end = content.find("\n", offset)
        end = len(content) if end < 0 else end + 1
        statement = content[start:end]
        if "not assignable to type" in message:
            given = message.split("'")[1]
            colon = content.rfind(":", 0, offset)
            equals = content.find("=", colon)
            content = content[: colon + 1] + f" {given} " + content[equals:]
            continue
        names = re.findall(r"[A-Z][\w$]*", statement.split("from")[0]) if "import" in statement else []
        content = content[:start] + content[end:]
        for name in names:
            content = re.sub(rf"^[ \t]*<{re.escape(name)}\b[^\n]*/>[ \t]*\n", "", content, flags=re.MULTILINE)
    return content
