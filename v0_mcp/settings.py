"""Settings: every environment variable, its flag, type, default and help — declared once, in :data:`VARIABLES`.

``Settings.from_env``, the command line (``cli.py``), the ``--help`` epilog, the README's
configuration table and ``server.json`` all derive from that one table, so they cannot
drift apart. A value that does not parse raises :class:`SettingsError` naming the
variable (or flag) and saying what it accepts; a secret's value is never repeated.

To add a setting: one field on :class:`Settings` (its default lives there) and one
:class:`Variable` in :data:`VARIABLES`.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final, Literal, NamedTuple

__all__ = [
    "DEFAULT_TOOLSETS",
    "VARIABLES",
    "ApiVersion",
    "Kind",
    "Settings",
    "SettingsError",
    "Transport",
    "Variable",
    "parse_bool",
    "parse_names",
]

Transport = Literal["stdio", "http", "sse"]
ApiVersion = Literal["v1", "v2"]
DEFAULT_TOOLSETS: Final = frozenset({"builder"})

Kind = Literal["text", "secret", "bool", "int", "float", "names", "hosts", "choice"]
_TRUE: Final = frozenset({"1", "true", "yes", "on"})
_FALSE: Final = frozenset({"0", "false", "no", "off"})


class SettingsError(ValueError):
    """A setting's value does not parse; the message names the variable or flag and what it accepts."""


def parse_names(value: str | None) -> frozenset[str]:
    """Split a comma list (``a, b,c``) into names."""
    return frozenset(part.strip() for part in (value or "").split(",") if part.strip())


def parse_bool(value: str) -> bool:
    """Read ``1/0``, ``true/false``, ``yes/no`` or ``on/off`` (any case); raise ``ValueError`` otherwise."""
    word = value.strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise ValueError(value)


class Variable(NamedTuple):
    """One setting: its environment variable, its flag (if any), how it parses and what it means.

    **Parameters:**

    * ``env`` - the environment variable (``V0_MCP_PORT``).
    * ``field`` - the :class:`Settings` attribute it sets; the default is that attribute's.
    * ``help`` - one phrase, shown by ``--help`` and in the README.
    * ``kind`` - how the text parses; ``secret`` values are never logged nor echoed in errors.
    * ``flag`` - the command-line twin (``--port``); booleans also get ``--no-...``.
    * ``choices`` - for ``choice``: the accepted words (any case).
    * ``minimum``/``maximum`` - for numbers: the accepted range.
    """

    env: str
    field: str
    help: str
    kind: Kind = "text"
    flag: str | None = None
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    refuse_blank: bool = False  # a value of only whitespace stops the server instead of meaning "not set"

    @property
    def secret(self) -> bool:
        return self.kind == "secret"

    @property
    def default(self) -> Any:
        return _FIELDS[self.field].default

    def default_text(self) -> str:
        """The default as a user would type it ("" when there is none)."""
        value = self.default
        if value is None or self.secret:
            return ""
        if isinstance(value, bool):
            return "on" if value else "off"
        if isinstance(value, frozenset | tuple):
            return ",".join(sorted(value))
        return str(value)

    def accepts(self) -> str:
        """What a valid value looks like, for error messages and docs."""
        if self.kind == "bool":
            return "true or false (also 1/0, yes/no, on/off)"
        if self.kind == "choice":
            return "one of " + ", ".join(self.choices)
        if self.kind in ("int", "float"):
            number = "an integer" if self.kind == "int" else "a number"
            if self.minimum is not None and self.maximum is not None:
                return f"{number} from {self.minimum:g} to {self.maximum:g}"
            return f"{number} of at least {self.minimum:g}" if self.minimum is not None else number
        if self.kind in ("names", "hosts"):
            return "a comma-separated list"
        return "text"

    def parse(self, raw: str, *, source: str | None = None) -> Any:
        """Turn ``raw`` into the field's value; empty means the default. ``source`` names it in errors."""
        text = raw.strip()
        if not text:
            if raw and self.refuse_blank:  # only whitespace: a mistake, never "not set"
                raise SettingsError(f"{source or self.env} is blank (only whitespace): set a real value, or unset it.")
            return self.default
        try:
            return self._convert(text)
        except ValueError:
            shown = "" if self.secret else f", not {text!r}"
            raise SettingsError(f"{source or self.env} must be {self.accepts()}{shown}") from None

    def _convert(self, text: str) -> Any:
        if self.kind == "bool":
            return parse_bool(text)
        if self.kind == "choice":
            for choice in self.choices:
                if choice.lower() == text.lower():
                    return choice
            raise ValueError(text)
        if self.kind in ("int", "float"):
            number = int(text) if self.kind == "int" else float(text)
            if number != number or (self.minimum is not None and number < self.minimum):  # NaN or too small
                raise ValueError(text)
            if self.maximum is not None and number > self.maximum:
                raise ValueError(text)
            return number
        if self.kind == "names":
            return parse_names(text) or self.default
        if self.kind == "hosts":
            return tuple(sorted(parse_names(text)))
        return text


@dataclass(frozen=True)
class Settings:
    """How v0-mcp runs: which v0, which tools, which transport. Defaults live here; meanings in VARIABLES."""

    api_key: str | None = field(default=None, repr=False)
    api_version: ApiVersion = "v2"
    api_url: str | None = None
    vercel_token: str | None = field(default=None, repr=False)
    vercel_team_id: str | None = None
    vercel_api_url: str = "https://api.vercel.com"
    demo: bool = False
    generation_delay: float = 3.0  # --demo: seconds the simulator takes to generate
    toolsets: frozenset[str] = DEFAULT_TOOLSETS
    tools: frozenset[str] = frozenset()
    exclude_tools: frozenset[str] = frozenset()
    read_only: bool = False
    transport: Transport = "stdio"
    host: str = "127.0.0.1"
    port: int = 8000
    stateless: bool = False
    allowed_hosts: tuple[str, ...] = ()  # extra Host values accepted (any port); "*" turns the Host check off
    auth_token: str | None = field(default=None, repr=False)
    require_client_key: bool = False  # HTTP: each caller must send its own X-V0-Api-Key
    max_sessions_per_caller: int = 32  # HTTP: open sessions (SSE: streams) one caller may hold
    session_idle_timeout: float = 600.0  # HTTP: seconds without a request before a session is closed
    max_sessions: int = 10_000  # HTTP: open sessions in all
    max_subscriptions: int = 64  # resource subscriptions polled at once, in all
    max_subscriptions_per_caller: int = 16  # per connection (legacy) or listen stream
    max_listens_per_caller: int = 8  # open subscriptions/listen streams per v0 key
    subscription_idle_expiry: float = 3600.0  # seconds a subscribed object may stay unchanged before polling stops
    preview_port: int = 0  # the loopback preview proxy's port; 0 picks a free one
    preview_url: str | None = None  # the preview proxy's base URL as browsers reach it (behind a reverse proxy)
    log_level: str = "INFO"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Read every setting from the environment; raise :class:`SettingsError` naming a bad variable."""
        return cls.from_sources(os.environ if env is None else env)

    @classmethod
    def from_sources(cls, env: Mapping[str, str], flags: Mapping[str, str | bool] | None = None) -> Settings:
        """Read the environment, then let ``flags`` (field name -> what the flag said) win over it."""
        values = {var.field: var.parse(env.get(var.env, "")) for var in VARIABLES}
        for name, given in (flags or {}).items():
            var = BY_FIELD[name]
            values[name] = given if isinstance(given, bool) else var.parse(given, source=var.flag)
        return cls(**values)


_FIELDS: Final = {f.name: f for f in dataclasses.fields(Settings)}

_TRANSPORTS: Final = ("stdio", "http", "sse")
_LEVELS: Final = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
VARIABLES: Final[tuple[Variable, ...]] = (
    Variable("V0_API_KEY", "api_key", "your v0 API key, from https://v0.app/chat/settings/keys", "secret"),
    Variable(
        "V0_API_VERSION", "api_version", "v0 Platform API version to serve", "choice", "--api-version", ("v2", "v1")
    ),
    Variable("V0_API_URL", "api_url", "v0 API base URL (default: v0's own)", flag="--api-url"),
    Variable("VERCEL_TOKEN", "vercel_token", "Vercel token, for deployments, logs and env vars (API v2)", "secret"),
    Variable("VERCEL_TEAM_ID", "vercel_team_id", "Vercel team id the token acts for", flag="--vercel-team-id"),
    Variable("VERCEL_API_URL", "vercel_api_url", "Vercel REST API base URL", flag="--vercel-api-url"),
    Variable("V0_MCP_DEMO", "demo", "serve an in-process v0 simulator: no key, no network", "bool", "--demo"),
    Variable(
        "V0_MCP_DEMO_DELAY", "generation_delay", "seconds a demo generation takes", "float", "--demo-delay", minimum=0
    ),
    Variable("V0_MCP_TOOLSETS", "toolsets", "comma list of toolsets, builder or all", "names", "--toolsets"),
    Variable("V0_MCP_TOOLS", "tools", "tools to add to the toolsets", "names", "--tools"),
    Variable("V0_MCP_EXCLUDE_TOOLS", "exclude_tools", "tools to leave out (wins over all)", "names", "--exclude-tools"),
    Variable("V0_MCP_READ_ONLY", "read_only", "serve only tools that change nothing", "bool", "--read-only"),
    Variable("V0_MCP_TRANSPORT", "transport", "stdio, http (/mcp) or sse (/sse)", "choice", "--transport", _TRANSPORTS),
    Variable("V0_MCP_HOST", "host", "HTTP bind address", flag="--host"),
    Variable("V0_MCP_PORT", "port", "HTTP port", "int", "--port", minimum=0, maximum=65535),
    Variable("V0_MCP_STATELESS", "stateless", "streamable HTTP without sessions", "bool", "--stateless"),
    Variable(
        "V0_MCP_ALLOWED_HOSTS", "allowed_hosts", "extra Host values on a non-loopback bind", "hosts", "--allowed-hosts"
    ),
    Variable(
        "V0_MCP_AUTH_TOKEN", "auth_token", "bearer token every HTTP request must carry", "secret", refuse_blank=True
    ),
    Variable(
        "V0_MCP_REQUIRE_CLIENT_KEY",
        "require_client_key",
        "every HTTP caller must send its own X-V0-Api-Key",
        "bool",
        "--require-client-key",
    ),
    Variable(
        "V0_MCP_MAX_SESSIONS_PER_CALLER",
        "max_sessions_per_caller",
        "open HTTP sessions (SSE: streams) per caller",
        "int",
        "--max-sessions-per-caller",
        minimum=1,
    ),
    Variable(
        "V0_MCP_SESSION_IDLE_TIMEOUT",
        "session_idle_timeout",
        "seconds without a request before a session closes",
        "float",
        "--session-idle-timeout",
        minimum=1,
    ),
    Variable("V0_MCP_MAX_SESSIONS", "max_sessions", "open HTTP sessions in all", "int", "--max-sessions", minimum=1),
    Variable(
        "V0_MCP_MAX_SUBSCRIPTIONS",
        "max_subscriptions",
        "resource subscriptions polled at once, in all",
        "int",
        "--max-subscriptions",
        minimum=1,
    ),
    Variable(
        "V0_MCP_MAX_SUBSCRIPTIONS_PER_CALLER",
        "max_subscriptions_per_caller",
        "resource subscriptions per connection or listen stream",
        "int",
        "--max-subscriptions-per-caller",
        minimum=1,
    ),
    Variable(
        "V0_MCP_MAX_LISTENS_PER_CALLER",
        "max_listens_per_caller",
        "open subscriptions/listen streams per v0 key",
        "int",
        "--max-listens-per-caller",
        minimum=1,
    ),
    Variable(
        "V0_MCP_SUBSCRIPTION_IDLE_EXPIRY",
        "subscription_idle_expiry",
        "seconds a subscribed object may stay unchanged before it is no longer polled",
        "float",
        "--subscription-idle-expiry",
        minimum=1,
    ),
    Variable(
        "V0_MCP_PREVIEW_PORT",
        "preview_port",
        "loopback port of the preview proxy (0: a free port)",
        "int",
        "--preview-port",
        minimum=0,
        maximum=65535,
    ),
    Variable(
        "V0_MCP_PREVIEW_URL",
        "preview_url",
        "public base URL of the preview proxy, behind a reverse proxy",
        flag="--preview-url",
    ),
    Variable("V0_MCP_LOG_LEVEL", "log_level", "stderr log level", "choice", "--log-level", _LEVELS),
)
BY_FIELD: Final = {var.field: var for var in VARIABLES}
