"""``downloadVersion`` bodies: a real zip or gzipped tarball of a version's files.

Entries carry the version's own timestamp, so the same version downloads to the same bytes.
"""

from __future__ import annotations

import gzip
import io
import tarfile
import time
import zipfile
from collections.abc import Mapping

__all__ = ["tarball", "zip_archive"]


def zip_archive(files: Mapping[str, str], *, mtime: float) -> bytes:
    """Return a zip of ``files`` (path -> text)."""
    stamp = time.gmtime(max(mtime, 315_532_800))[:6]  # zip dates start in 1980
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, content.encode())
    return buffer.getvalue()


def tarball(files: Mapping[str, str], *, mtime: float) -> bytes:
    """Return a ``.tar.gz`` of ``files`` (path -> text)."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as archive:
        for name, content in files.items():
            data = content.encode()
            info = tarfile.TarInfo(name)
            info.size, info.mtime, info.mode = len(data), int(mtime), 0o644
            archive.addfile(info, io.BytesIO(data))
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=int(mtime)) as zipped:
        zipped.write(raw.getvalue())
    return out.getvalue()
