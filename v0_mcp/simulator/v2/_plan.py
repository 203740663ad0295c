"""What a v2 generation writes, as a timeline of ``parts`` snapshots (api-notes.md §7).

A generation is decided when it starts (the v1 simulator's deterministic drafts say
which files it writes and what it answers); this module turns a draft into the agent
trace v2 shows: a ``thinking`` part that grows, ``file-read`` on follow-ups, one
``file-edit`` per written file, a lint run (``bash``), the closing ``text`` that grows
word by word, and, when the prompt asks for it, the part a blocked generation waits on
(one per resolve task type, shaped like ``examples/blocked/``). Every step is a
snapshot stamped with the time it appears; a reader sees the last snapshot whose time
has passed, and a stream sends the deltas between consecutive snapshots.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from .._clock import iso
from .._generate import Draft
from .._ids import IdFactory
from ._state import Snapshot

__all__ = ["blocking_part", "plan_generation"]

JSON = dict[str, Any]
Step = Callable[[list[JSON], str], None]  # mutate the working parts at an ISO time
_WORDS_PER_STEP = 6


def plan_generation(
    draft: Draft,
    existing: Mapping[str, str],
    *,
    start: float,
    duration: float,
    block: JSON | None,
    assets: Sequence[str] = (),
) -> tuple[list[Snapshot], list[JSON]]:
    """Return the snapshots of a generation spread over ``duration`` seconds from ``start``, and its final parts."""
    steps = _steps(draft, existing, block, list(assets))
    parts: list[JSON] = []
    timeline: list[Snapshot] = []
    for i, step in enumerate(steps):
        at = start + duration * (i + 1) / (len(steps) + 1)
        step(parts, iso(at))
        timeline.append(Snapshot(at=at, parts=tuple(copy.deepcopy(parts))))
    return timeline, copy.deepcopy(parts)


def _steps(draft: Draft, existing: Mapping[str, str], block: JSON | None, assets: list[str]) -> list[Step]:
    steps: list[Step] = []
    thought = _thinking(draft, existing)
    first, _, _ = thought.partition(". ")

    def think(parts: list[JSON], at: str) -> None:
        parts.append({"type": "thinking", "text": first, "startedAt": at})

    def think_more(parts: list[JSON], at: str) -> None:
        parts[-1]["text"] = thought
        parts[-1]["finishedAt"] = at

    steps += [think, think_more]
    if existing:
        read = sorted(p for p in existing if p.startswith("app/"))[:2] or sorted(existing)[:1]

        def read_files(parts: list[JSON], at: str) -> None:
            parts.append({"type": "file-read", "paths": read[:1], "startedAt": at})

        def read_more(parts: list[JSON], at: str) -> None:
            parts[-1]["paths"] = list(read)
            parts[-1]["finishedAt"] = at

        steps += [read_files, read_more]
    for path in [*draft.files, *assets]:
        operation = "update" if path in existing else "create"
        steps.append(_edit(path, operation))
    steps.append(_close_last)
    steps.append(_lint_start)
    steps.append(_lint_done)
    words = re.findall(r"\s*\S+", draft.text) or [draft.text]
    chunks = ["".join(words[i : i + _WORDS_PER_STEP]) for i in range(0, len(words), _WORDS_PER_STEP)]
    for k in range(len(chunks)):
        steps.append(_text("".join(chunks[: k + 1]), first=k == 0, last=k == len(chunks) - 1))
    if block is not None:
        steps.append(_append(block))
    return steps


def _thinking(draft: Draft, existing: Mapping[str, str]) -> str:
    what = ", ".join(sorted(draft.files)[:3]) or "the existing files"
    if existing:
        return f"I need to see how the current page is built. Then I will change {what} and check that it still lints."
    return f"The user wants a new page. I will write {what} and run the linter before I summarise."


def _close_last(parts: list[JSON], at: str) -> None:
    if parts and "finishedAt" not in parts[-1]:
        parts[-1]["finishedAt"] = at


def _edit(path: str, operation: str) -> Step:
    def step(parts: list[JSON], at: str) -> None:
        _close_last(parts, at)
        parts.append({"type": "file-edit", "operation": operation, "path": path, "startedAt": at})

    return step


def _lint_start(parts: list[JSON], at: str) -> None:
    parts.append({"type": "bash", "command": "npm run lint", "startedAt": at})


def _lint_done(parts: list[JSON], at: str) -> None:
    parts[-1]["output"] = "> next lint\n\n\u2714 No ESLint warnings or errors\n"
    parts[-1]["finishedAt"] = at


def _text(text: str, *, first: bool, last: bool) -> Step:
    def step(parts: list[JSON], at: str) -> None:
        if first:
            parts.append({"type": "text", "text": text, "startedAt": at})
        else:
            parts[-1]["text"] = text
        if last:
            parts[-1]["finishedAt"] = at

    return step


def _append(part: JSON) -> Step:
    def step(parts: list[JSON], at: str) -> None:
        added = copy.deepcopy(part)
        added["startedAt"] = at
        if added["type"] != "tool-call":  # a tool waiting for approval has not finished
            added["finishedAt"] = at
        parts.append(added)

    return step


def blocking_part(task: str, ids: IdFactory, *, chat_title: str, files: Mapping[str, str]) -> tuple[JSON, str | None]:
    """Return the part a generation blocked on ``task`` ends with, and its Connect request id if any."""
    if task == "answered-questions":
        questions = [
            {
                "id": "q_style",
                "question": "Which visual style should the page use?",
                "header": "Style",
                "multiSelect": False,
                "options": [
                    {"id": "opt_minimal", "label": "Minimal", "description": "Lots of white space, one accent colour"},
                    {"id": "opt_bold", "label": "Bold", "description": "Large type and strong colours"},
                ],
            },
            {
                "id": "q_sections",
                "question": "Which sections should I add next?",
                "header": "Sections",
                "multiSelect": True,
                "options": [{"id": "opt_faq", "label": "FAQ"}, {"id": "opt_testimonials", "label": "Testimonials"}],
            },
        ]
        return {
            "type": "agent-action",
            "name": "ask_user_questions",
            "summary": f"Asked {len(questions)} questions",
            "data": {"questions": questions},
        }, None
    if task == "plan-exit-response":
        steps = "\n".join(f"{i}. Update `{path}`." for i, path in enumerate(sorted(files)[:3], 1))
        return {
            "type": "agent-action",
            "name": "exit_plan_mode",
            "summary": "Proposed a plan",
            "data": {
                "plan": f"## Plan for {chat_title}\n\n{steps}\n",
                "summary": f"Next steps for {chat_title}",
                "path": ".v0/plans/next-steps.md",
            },
        }, None
    if task == "confirmed-steps":
        return {
            "type": "agent-action",
            "name": "get_or_request_integration",
            "summary": "Requested the Neon integration",
            "data": {"requestedIntegrations": ["Neon"], "requestedMcpPresets": []},
        }, None
    if task == "confirmed-permissions":
        script = {"path": "scripts/001-create-subscribers.sql"}
        return {
            "type": "tool-call",
            "name": "run_migration_script",
            "input": script,
            "status": "ok",
            "suggestedPermissions": [
                {
                    "type": "ALLOW_DYNAMIC_TOOL_STRICT",
                    "toolName": "run_migration_script",
                    "input": script,
                    "taskNameActive": "Running migration",
                    "taskNameComplete": "Ran migration",
                }
            ],
        }, None
    request_id = "vcr_" + ids.token(12)
    return {
        "type": "agent-action",
        "name": "configure_vercel_connect",
        "summary": "Linear connector setup required",
        "data": {
            "status": "setup-required",
            "requestId": request_id,
            "service": "linear",
            "connectorName": "Linear",
            "setupUrl": f"https://vercel.com/~/connect/setup?request={request_id}",
            "environments": ["production", "preview", "development"],
        },
    }, request_id
