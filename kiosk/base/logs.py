"""Named loggers to a rotating file in the data directory."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from kiosk.base.files import private_dir
from kiosk.base.paths import logs_dir

LOG_NAME = "kiosk.log"


def set_up_logging(directory: Path, level: int = logging.INFO) -> Path:
    folder = private_dir(logs_dir(directory))
    path = folder / LOG_NAME
    root = logging.getLogger("kiosk")
    if not any(isinstance(h, logging.handlers.RotatingFileHandler) for h in root.handlers):
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(level)
    return path


def recent_errors(directory: Path, limit: int = 10) -> list[str]:
    path = logs_dir(directory) / LOG_NAME
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return [line for line in lines if " ERROR " in line or " CRITICAL " in line][-limit:]
