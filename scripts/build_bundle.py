"""Build the one-click MCP Bundle for Claude Desktop: ``dist/v0-mcp-<version>.mcpb``.

    python scripts/build_bundle.py [--out DIR]

A ``.mcpb`` is a zip with ``manifest.json`` at its root. Ours is a ``uv`` bundle: the
host installs the dependencies that ``pyproject.toml`` lists, then runs
``server/main.py`` (from ``scripts/bundle_main.py``), which serves the bundled
``v0_mcp`` over stdio with the settings the user entered in the install dialog.
Validate the manifest with ``npx @anthropic-ai/mcpb validate manifest.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# What the host needs to install and run the package; tests, benchmarks and specs stay out.
TOP_FILES = ("manifest.json", "pyproject.toml", "README.md", "LICENSE")
TREES = ("v0_mcp", "prompts")
ENTRY = ("scripts/bundle_main.py", "server/main.py")
# Fixed timestamps keep the archive byte-for-byte reproducible.
EPOCH = (2020, 2, 2, 0, 0, 0)


def bundle_files(root: Path = ROOT) -> Iterator[tuple[Path, str]]:
    """Yield (source file, path inside the bundle), sorted, for everything the bundle holds."""
    for name in TOP_FILES:
        yield root / name, name
    for tree in TREES:
        for path in sorted((root / tree).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                yield path, path.relative_to(root).as_posix()
    yield root / ENTRY[0], ENTRY[1]


def build(out: Path, root: Path = ROOT) -> Path:
    """Write the bundle into ``out`` and return its path."""
    manifest = json.loads((root / "manifest.json").read_text())
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{manifest['name']}-{manifest['version']}.mcpb"
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for source, name in bundle_files(root):
            info = zipfile.ZipInfo(name, date_time=EPOCH)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, source.read_bytes())
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="output folder (default: dist/)")
    args = parser.parse_args(argv)
    target = build(args.out)
    print(f"built {target} ({target.stat().st_size // 1024} KiB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
