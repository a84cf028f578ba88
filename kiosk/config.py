"""The station's configuration file, ``kiosk.toml`` in the data directory; every setting has a default.

The station's identity (id, name, phone key) lives in its database, given at set-up or enrolment; the
technician screen edits mode, language and idle timeout here, keeping the file's comments.

    mode = "attended"            # or "unattended": riders claim only the self-service items
    language = "zh_CN"           # the language the screens start in: "zh_CN" or "en"
    idle_timeout_s = 90          # back to the home screen (rider forgotten) after this many idle seconds
    hub_url = ""                 # empty: the hub address given at 'kiosk enrol'; set it if the hub moves
    sync_interval_s = 60         # seconds between syncs while the hub answers
    sound_volume = 70            # the done and refused sounds, 0 (off) to 100

    [scanner]
    min_length = 8               # a keyboard-wedge scan is at least this many characters ...
    max_gap_ms = 50              # ... typed with at most this gap between keys

    [printer]
    kind = "none"                # "none", "file", "usb", "serial" or "network"
    target = ""                  # file path, usb VID:PID (hex), serial device, or host[:port]
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.base.errors import InvalidInput
from kiosk.base.files import write_atomic

FILE_NAME = "kiosk.toml"


@dataclass(frozen=True)
class Config:
    mode: str = "attended"
    language: str = "zh_CN"
    idle_timeout_s: int = 90
    hub_url: str = ""
    sync_interval_s: int = 60
    sound_volume: int = 70
    scanner: dict[str, int] = field(default_factory=lambda: {"min_length": 8, "max_gap_ms": 50})
    printer: dict[str, str] = field(default_factory=lambda: {"kind": "none", "target": ""})


CHOICES = {"mode": ("attended", "unattended"), "language": ("zh_CN", "en")}
RANGES = {"idle_timeout_s": (15, 3600), "sync_interval_s": (10, 86_400), "sound_volume": (0, 100)}
SECTION_RANGES = {"scanner": {"min_length": (4, 64), "max_gap_ms": (5, 500)}}
PRINTER_KINDS = ("none", "file", "usb", "serial", "network")


def _fail(path: Path, message: str) -> InvalidInput:
    return InvalidInput(f"{path}: {message}", field="config")


def load_config(directory: Path) -> Config:
    """Read and check kiosk.toml (absent: all defaults); a wrong value is named with what is allowed."""
    path = directory / FILE_NAME
    if not path.exists():
        return Config()
    try:
        data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise _fail(path, f"not valid TOML ({exc})") from exc
    return check_config(data, path)


def save_settings(directory: Path, **changes: Any) -> Config:
    """Change top-level settings in kiosk.toml, keeping everything else and its comments.

    The new file is checked as a whole before it replaces the old one (written beside it, flushed,
    renamed), so a wrong value or a power cut leaves the working file as it was.
    """
    import tomlkit

    path = directory / FILE_NAME
    load_config(directory)  # never build on a file that is already wrong
    document = tomlkit.parse(path.read_text(encoding="utf-8")) if path.exists() else tomlkit.document()
    for key, value in changes.items():
        document[key] = value
    config = check_config(document.unwrap(), path)
    write_atomic(path, tomlkit.dumps(document).encode("utf-8"), mode=0o644)
    return config


def check_config(data: dict[str, Any], path: Path) -> Config:
    defaults = Config()
    known = set(defaults.__dataclass_fields__)
    unknown = sorted(set(data) - known)
    if unknown:
        raise _fail(path, f"unknown setting {unknown[0]!r}; the settings are {', '.join(sorted(known))}")
    for key, allowed in CHOICES.items():
        if key in data and data[key] not in allowed:
            raise _fail(path, f"{key} must be one of {', '.join(allowed)}, not {data[key]!r}")
    for key, (low, high) in RANGES.items():
        if key in data and (type(data[key]) is not int or not low <= data[key] <= high):
            raise _fail(path, f"{key} must be a whole number from {low} to {high}, not {data[key]!r}")
    if "hub_url" in data and (not isinstance(data["hub_url"], str)
                              or (data["hub_url"] and not data["hub_url"].startswith(("http://", "https://")))):
        raise _fail(path, "hub_url must be empty or start with http:// or https://")
    scanner = {**defaults.scanner, **data.get("scanner", {})}
    for key, (low, high) in SECTION_RANGES["scanner"].items():
        if set(scanner) - set(defaults.scanner) or type(scanner[key]) is not int or not low <= scanner[key] <= high:
            raise _fail(path, f"scanner.{key} must be a whole number from {low} to {high}")
    printer = {**defaults.printer, **data.get("printer", {})}
    if set(printer) - {"kind", "target"} or printer["kind"] not in PRINTER_KINDS or not isinstance(
            printer["target"], str):
        raise _fail(path, f"printer.kind must be one of {', '.join(PRINTER_KINDS)} with a text target")
    if printer["kind"] != "none" and not printer["target"]:
        raise _fail(path, f"printer.target is needed for a {printer['kind']} printer")
    plain = {k: v for k, v in data.items() if k not in ("scanner", "printer")}
    return Config(**plain, scanner=scanner, printer=printer)
