"""Deployment builds: the log lines a build prints, when it prints them, and how it fails.

A build is planned in full when the deployment is created; a line becomes visible once
the clock passes its timestamp, so the deployment goes pending -> building -> ready, or
-> error when :func:`._build_check.check_build` finds errors in the version's files (a
missing module or export, a type error, a syntax error, a ``BUILD_ERROR`` marker).
The pace is a real build's: a few lines at once, then long silences while it installs
and compiles (``log_interval`` is the unit; the longest silence is
:data:`LONGEST_SILENCE` of them), so a log poller that stops at the first empty page
misses the end. ``findErrors`` answers ``{}`` until the failing build has finished.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from ._build_check import BuildError, check_build
from ._clock import iso, ms
from ._state import Deployment, LogLevel, LogLine, LogType

__all__ = ["LONGEST_SILENCE", "deployment_errors", "logs_page", "plan_build"]

Step = tuple[float, str, LogType, LogLevel]
"""(intervals of silence before the line, text, stream, level)"""

LONGEST_SILENCE: Final = 12.0


def _info(wait: float, text: str) -> Step:
    return (wait, text, "stdout", "info")


def _error(wait: float, text: str) -> Step:
    return (wait, text, "stderr", "error")


def _failure(errors: list[BuildError]) -> list[Step]:
    """What ``next build`` prints when it fails: bundler errors all at once, else the first type error."""
    bundler = [e for e in errors if not e.message.startswith("Type error")]
    shown = bundler or errors[:1]
    steps = (
        []
        if bundler
        else [
            _info(LONGEST_SILENCE, " Compiled successfully"),
            _info(1, "   Linting and checking validity of types ..."),
        ]
    )
    steps.append(_error(LONGEST_SILENCE if bundler else 8, "Failed to compile."))
    for error in shown:
        steps += [_error(0, f"./{error.path}:{error.line}:{error.column}"), _error(0, error.message)]
    steps += [
        _error(1, "Next.js build worker exited with code: 1"),
        _error(0, 'Error: Command "next build" exited with 1'),
    ]
    return steps


def plan_build(
    files: Mapping[str, str], *, start: float, interval: float, version_id: str, url: str
) -> tuple[list[LogLine], dict[str, str] | None]:
    """Return the build's log lines (timestamped from ``start``) and its findErrors body, if it fails."""
    errors = check_build(files)
    script: list[Step] = [
        _info(1, "Running build in Washington, D.C., USA (East) - iad1"),
        _info(0, f"Retrieving list of deployment files for {version_id}: {len(files)} files"),
        _info(2, 'Running "install" command: `pnpm install`...'),
        (LONGEST_SILENCE - 2, " WARN  Issues with peer dependencies found", "stdout", "warning"),
        _info(4, "Done in 14.1s using pnpm v9.15.0"),
        _info(1, 'Running "next build"'),
        _info(0, "   Next.js 15.2.4"),
        _info(0, "   Creating an optimized production build ..."),
    ]
    body: dict[str, str] | None = None
    if errors:
        script += _failure(errors)
        first = errors[0]
        body = {"fullErrorText": first.full_text, "errorType": "build", "formattedError": first.formatted}
    else:
        script += [
            _info(LONGEST_SILENCE, " Compiled successfully"),
            _info(1, "   Linting and checking validity of types ..."),
            _info(8, " Generating static pages (4/4)"),
            _info(2, "Build Completed in /vercel/output [38s]"),
            _info(1, "Deploying outputs..."),
            _info(6, f"Deployment ready: {url}"),
        ]
    logs = []
    at = start
    for wait, text, kind, level in script:
        at += max(wait * interval, 0.002)  # lines printed together are still apart on findLogs' millisecond scale
        logs.append(LogLine(at=at, text=text, type=kind, level=level))
    return logs, body


def logs_page(deployment: Deployment, *, since: float | None, now: float) -> dict[str, Any]:
    """Return the ``findLogs`` body: lines after ``since`` (UNIX seconds) that have been printed by ``now``.

    ``nextSince`` is the time of the last line returned (or ``since``) and is left out once
    the build has finished and nothing new was returned: poll until it disappears.
    """
    after = round(since * 1000) if since is not None else None
    shown = [
        (i, line) for i, line in enumerate(deployment.logs) if line.at <= now and (after is None or ms(line.at) > after)
    ]
    body: dict[str, Any] = {
        "object": "list",
        "logs": [
            {
                "createdAt": iso(line.at),
                "deploymentId": deployment.id,
                "id": f"log_{deployment.id.removeprefix('dpl_')[:8]}{i + 1:03d}",
                "text": line.text,
                "type": line.type,
                "level": line.level,
                "object": "deployment_log",
            }
            for i, line in shown
        ],
    }
    if shown:
        body["nextSince"] = ms(shown[-1][1].at) / 1000
    elif now < deployment.finished_at:
        body["nextSince"] = since if since is not None else deployment.created_at
    return body


def deployment_errors(deployment: Deployment, *, now: float) -> dict[str, str]:
    """Return the ``findErrors`` body: the build error once the failed build has finished, else ``{}``."""
    if deployment.error is None or now < deployment.finished_at:
        return {}
    return dict(deployment.error)
