"""Files that must never be left half-written."""

from __future__ import annotations

import os
from pathlib import Path


def write_atomic(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Write beside ``path``, flush to disk, then rename over it: a power cut leaves the old file or the
    new one, never a mix. The file is readable only by its owner unless ``mode`` says otherwise."""
    scratch = path.with_name(path.name + ".part")
    fd = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(scratch, path)
