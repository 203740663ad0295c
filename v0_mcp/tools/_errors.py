"""The one seam where v0 and client errors become tool errors an agent can act on."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Final

from mcp.server.mcpserver.exceptions import ToolError

from ..api import (
    MissingAPIKey,
    NotFound,
    RateLimited,
    Unauthorized,
    Unprocessable,
    V0APIError,
    V0Error,
    V0RequestError,
    V0TimeoutError,
    V0TransportError,
)
from ._toolsets import TOOLSETS_OF

if TYPE_CHECKING:
    from ..api import Operation
    from ._vocabulary import Exposure

__all__ = ["NO_KEY_MESSAGE", "agent_errors"]

NO_KEY_MESSAGE: Final = (
    "No v0 API key is configured. Create one at https://v0.app/chat/settings/keys and set V0_API_KEY in the "
    "MCP server's environment (or send X-V0-Api-Key over HTTP); to try v0-mcp without a key, run `v0-mcp --demo`."
)

# Which tool lists valid values for an id the API did not find.
_LISTERS: Final[Mapping[str, str]] = {
    "messageId": "list_messages",
    "versionId": "list_versions",
    "deploymentId": "list_deployments",
    "environmentVariableId": "list_env_vars",
    "hookId": "list_hooks",
    "mcpServerId": "list_mcp_servers",
    "projectId": "list_projects",
    "chatId": "list_chats",
}


def _not_found_hint(arguments: Mapping[str, Any]) -> str:
    given = [f"{name}={arguments[name]!r} ({tool})" for name, tool in _LISTERS.items() if arguments.get(name)]
    if not given:
        return "Check the id."
    return "Check the id; these tools list valid ones: " + ", ".join(given) + "."


# Where to look for what a write may have made before its answer was lost.
# Keyed by (version, toolset): v1's and v2's toolsets share names but not listers.
_CHECK_WITH: Final[Mapping[tuple[str, str], str]] = {
    (version, toolset.name): toolset.lister for version, toolsets in TOOLSETS_OF.items() for toolset in toolsets
}


def _transport_message(exc: V0TransportError, tool: Exposure | None, op: Operation | None) -> str:
    if exc.request_sent and tool is not None and op is not None and op.id == exc.operation and not op.idempotent:
        where = _CHECK_WITH.get((tool.version or "v1", tool.toolset), "the matching list_* tool")
        return (
            f"v0's answer was lost ({exc}): the request reached v0 and may have been carried out. "
            f"Check with {where} before calling {tool.tool} again, so nothing is made twice."
        )
    if isinstance(exc, V0TimeoutError):
        return f"v0 did not answer in time ({exc}). Reads are safe to retry."
    return f"Could not reach v0 ({exc}). Check V0_API_URL and the network; reads are safe to retry."


@contextmanager
def agent_errors(
    arguments: Mapping[str, Any] | None = None, *, tool: Exposure | None = None, op: Operation | None = None
) -> Iterator[None]:
    """Translate errors from the v0 client into ``ToolError``s that say what to do next.

    ``tool`` and ``op`` (the running tool and its operation) let a lost write name where to check.
    """
    arguments = arguments or {}
    try:
        yield
    except MissingAPIKey:
        raise ToolError(NO_KEY_MESSAGE) from None
    except V0RequestError as exc:
        raise ToolError(f"Invalid request: {exc}. Fix the named field(s) and call again.") from None
    except RateLimited as exc:
        wait = f"{exc.retry_after:.0f}s" if exc.retry_after is not None else "a minute"
        raise ToolError(f"429 {exc.type}: {exc.message} Rate limited by v0: retry in {wait}.") from None
    except Unauthorized as exc:
        raise ToolError(
            f"401 {exc.type}: {exc.message} The v0 API key was refused: set a valid V0_API_KEY "
            "(https://v0.app/chat/settings/keys)."
        ) from None
    except NotFound as exc:
        raise ToolError(f"404 {exc.type}: {exc.message} {_not_found_hint(arguments)}") from None
    except Unprocessable as exc:
        raise ToolError(f"422 {exc.type}: {exc.message} Fix the field v0 names and call again.") from None
    except V0APIError as exc:
        hint = " v0 failed on its side; retry shortly." if exc.status >= 500 else ""
        raise ToolError(f"{exc.status} {exc.type}: {exc.message}{hint}") from None
    except V0TransportError as exc:
        raise ToolError(_transport_message(exc, tool, op)) from None
    except V0Error as exc:
        raise ToolError(f"The v0 request failed: {exc}") from None
