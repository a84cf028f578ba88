"""Where a station keeps its database, keys and logs."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``--data-dir``, else ``KIOSK_DATA_DIR``, else the platform's user data directory."""
    chosen = explicit or os.environ.get("KIOSK_DATA_DIR") or platformdirs.user_data_dir("station-kiosk")
    return Path(chosen).expanduser()


def database_path(directory: Path) -> Path:
    return directory / "station.db"


def keys_dir(directory: Path) -> Path:
    return directory / "keys"


def logs_dir(directory: Path) -> Path:
    return directory / "logs"
