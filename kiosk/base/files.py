"""Files that must never be left half-written, and folders and files only their owner can read."""

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


def private_dir(path: Path) -> Path:
    """A folder only its owner can open (0700), made if missing, tightened if an older install left it open."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if path.stat().st_uid == os.getuid() and path.stat().st_mode & 0o077:
        path.chmod(0o700)
    return path


def private_file(path: Path) -> Path:
    """Create an empty file readable by its owner only (0600) if it does not exist, tighten it if it does.
    SQLite gives a database's WAL and shared-memory files the database file's mode."""
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    elif path.stat().st_uid == os.getuid() and path.stat().st_mode & 0o077:
        path.chmod(0o600)
    return path
