"""The preview site: what a chat's preview URL serves (``/v2-preview/<chatId>/...``).

Every request needs ``x-v0-preview-token`` (401 without; 403 for another token, or an
expired one, which also carries ``x-v0-preview-refresh: 1``). The page is real HTML
built from the chat's current files: the title, one section per page or component
file with the text it renders, a stylesheet from ``app/globals.css`` and a logo, so a
browser behind a preview proxy shows recognisable content. Any file of the chat is
served at its path. ``V2Settings.preview_refresh``, or a chat file named
``.v0-preview-refresh``, makes every answer carry ``x-v0-preview-refresh: 1``.
"""

from __future__ import annotations

import html
import mimetypes
import re
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from ._files import file_bytes, preview_running
from ._state import Chat

if TYPE_CHECKING:
    from ._registry import V2Host

__all__ = ["REFRESH_FILE", "preview_routes", "render_page"]

REFRESH_FILE = ".v0-preview-refresh"
_JSX_TEXT = re.compile(r">\s*([^<>{}\n][^<>{}]*?)\s*<")
_LITERAL = re.compile(r'"((?:[^"\\\n]|\\.){12,})"')
_LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" '
    'fill="#111"/><text x="16" y="21" font-size="14" text-anchor="middle" fill="#fff" '
    'font-family="sans-serif">v0</text></svg>'
)
_BASE_CSS = (
    "body{font-family:system-ui,sans-serif;margin:0;color:#111;background:#fafafa}"
    "header{display:flex;gap:.5rem;align-items:center;padding:1rem 2rem;background:#fff;border-bottom:1px solid #eee}"
    "main{max-width:48rem;margin:2rem auto;padding:0 1rem}section{background:#fff;border:1px solid #eee;"
    "border-radius:.5rem;padding:1rem 1.5rem;margin:1rem 0}footer{text-align:center;color:#777;padding:2rem}"
)


def preview_routes(api: V2Host) -> list[BaseRoute]:
    async def serve(request: Request) -> Response:
        return _serve(api, request)

    return [Route("/{chatId}/{path:path}", serve, methods=["GET", "HEAD"], name="v2:preview")]


def _find(api: V2Host, chat_id: str) -> Chat | None:
    for ws in api.workspaces():
        chat = ws.chats.get(chat_id)
        if chat is not None:
            return chat
    return None


def _serve(api: V2Host, request: Request) -> Response:
    token = request.headers.get("x-v0-preview-token", "").strip()
    if not token:
        return PlainTextResponse("Missing x-v0-preview-token header: get one from chats.getPreview", status_code=401)
    chat = _find(api, request.path_params["chatId"])
    if chat is None:
        return PlainTextResponse("Preview not found", status_code=404)
    now = api.config.clock()
    if token != chat.preview.token:
        return PlainTextResponse("Invalid preview token", status_code=403)
    if not preview_running(chat, now):
        return PlainTextResponse(
            "Preview token expired: call chats.getPreview again", status_code=403, headers={"x-v0-preview-refresh": "1"}
        )
    response = _content(chat, request.path_params.get("path", ""))
    if api.settings.preview_refresh or REFRESH_FILE in chat.files:
        response.headers["x-v0-preview-refresh"] = "1"
    response.headers["Cache-Control"] = "no-store"
    return response


def _content(chat: Chat, path: str) -> Response:
    if path in ("", "index.html"):
        return HTMLResponse(render_page(chat))
    if path == "_v0/styles.css":
        globals_css = chat.files.get("app/globals.css")
        extra = file_bytes(globals_css).decode(errors="replace") if globals_css else ""
        css = "\n".join(line for line in extra.splitlines() if not line.lstrip().startswith("@"))
        return Response(_BASE_CSS + "\n" + css, media_type="text/css")
    if path == "_v0/logo.svg":
        return Response(_LOGO, media_type="image/svg+xml")
    entry = chat.files.get(path)
    if entry is None:
        return HTMLResponse("<!doctype html><title>404</title><h1>404: This page could not be found.</h1>", 404)
    media = mimetypes.guess_type(path)[0] or ("text/plain" if entry.encoding == "utf8" else "application/octet-stream")
    if PurePosixPath(path).suffix in (".tsx", ".ts", ".jsx"):
        media = "text/plain"
    return Response(file_bytes(entry), media_type=media)


def render_page(chat: Chat) -> str:
    """Return the HTML of the preview's home page, built from the chat's files."""
    title = html.escape(chat.title or "Untitled")
    sections: list[str] = []
    for path, entry in sorted(chat.files.items()):
        suffix = PurePosixPath(path).suffix
        if entry.encoding != "utf8" or suffix not in (".tsx", ".jsx") or not path.startswith(("app/", "components/")):
            continue
        texts = _texts(entry.content)
        if not texts:
            continue
        items = "".join(f"<li>{html.escape(t)}</li>" for t in texts[:6])
        sections.append(
            f'<section data-file="{html.escape(path)}"><h2>{html.escape(path)}</h2><ul>{items}</ul></section>'
        )
    body = "\n".join(sections) or "<p>This chat has no pages yet.</p>"
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title>'
        '<link rel="stylesheet" href="_v0/styles.css"><link rel="icon" href="_v0/logo.svg"></head>\n'
        f'<body><header><img src="_v0/logo.svg" alt="" width="32" height="32"><strong>{title}</strong></header>\n'
        f"<main><h1>{title}</h1>\n{body}\n</main>\n"
        f"<footer>Preview of chat {html.escape(chat.id)} \u00b7 {len(chat.files)} files</footer></body></html>\n"
    )


def _texts(source: str) -> list[str]:
    found: list[str] = []
    for match in [*_JSX_TEXT.finditer(source), *_LITERAL.finditer(source)]:
        text = " ".join(match.group(1).split())
        if len(text) > 2 and not text.startswith(("import ", "@/", "./")) and text not in found:
            found.append(text)
    return found
