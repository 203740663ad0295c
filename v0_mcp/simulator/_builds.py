"""Deployment builds: the log lines a build prints, when it prints them, and how it fails.

A build is planned in full when the deployment is created; a line becomes visible once
the clock passes its timestamp (one line every ``log_interval`` seconds), so the
deployment goes pending -> building -> ready, or -> error when the version's files have
a build error (see :mod:`._generate` for the rule). ``findErrors`` answers ``{}`` until
the failing build has finished.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._clock import iso, ms
from ._generate import find_build_error
from ._state import Deployment, LogLevel, LogLine, LogType

__all__ = ["deployment_errors", "logs_page", "plan_build"]


def plan_build(
    files: Mapping[str, str], *, start: float, interval: float, version_id: str, url: str
) -> tuple[list[LogLine], dict[str, str] | None]:
    """Return the build's log lines (timestamped from ``start``) and its findErrors body, if it fails."""
    error = find_build_error(files)
    script: list[tuple[str, LogType, LogLevel]] = [
        ("Running build in Washington, D.C., USA (East) - iad1", "stdout", "info"),
        (f"Retrieving list of deployment files for {version_id}: {len(files)} files", "stdout", "info"),
        ('Running "install" command: `pnpm install`...', "stdout", "info"),
        (" WARN  Issues with peer dependencies found", "stdout", "warning"),
        ("Done in 4.1s using pnpm v9.15.0", "stdout", "info"),
        ('Running "next build"', "stdout", "info"),
        ("   Next.js 15.2.4", "stdout", "info"),
        ("   Creating an optimized production build ...", "stdout", "info"),
    ]
    body: dict[str, str] | None = None
    if error is not None:
        script += [
            ("Failed to compile.", "stderr", "error"),
            (f"./{error.path}:{error.line}:{error.column}", "stderr", "error"),
            (error.message, "stderr", "error"),
            ("Next.js build worker exited with code: 1", "stderr", "error"),
            ('Error: Command "next build" exited with 1', "stderr", "error"),
        ]
        body = {"fullErrorText": error.full_text, "errorType": "build", "formattedError": error.formatted}
    else:
        script += [
            (" Compiled successfully", "stdout", "info"),
            ("   Linting and checking validity of types ...", "stdout", "info"),
            (" Generating static pages (4/4)", "stdout", "info"),
            ("Build Completed in /vercel/output [14s]", "stdout", "info"),
            ("Deploying outputs...", "stdout", "info"),
            (f"Deployment ready: {url}", "stdout", "info"),
        ]
    logs = [
        LogLine(at=start + (i + 1) * interval, text=text, type=kind, level=level)
        for i, (text, kind, level) in enumerate(script)
    ]
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
