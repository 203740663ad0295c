"""Command line entry point (filled in by the transport work)."""


def main() -> None:
    raise SystemExit("v0-mcp: not wired yet")
