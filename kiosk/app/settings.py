"""The station's settings from kiosk.toml, as the screens read them and the technician changes them."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Property, QObject, Signal

from kiosk.config import Config, save_settings

if TYPE_CHECKING:
    from kiosk.devices.printer import ReceiptPrinter

log = logging.getLogger("kiosk.app")


class Settings(QObject):
    changed = Signal()
    saved = Signal()

    def __init__(self, data_dir: Path, config: Config, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir, self.config = data_dir, config

    @Property(str, notify=changed)
    def mode(self) -> str:
        return self.config.mode

    @Property(str, notify=changed)
    def language(self) -> str:
        return self.config.language

    @Property(int, notify=changed)
    def idleTimeout(self) -> int:
        return self.config.idle_timeout_s

    @Property(float, notify=changed)
    def soundVolume(self) -> float:
        """0 (off) to 1."""
        return self.config.sound_volume / 100

    @Property(bool, notify=changed)
    def hasPrinter(self) -> bool:
        return self.config.printer["kind"] != "none"

    def save(self, mode: str, language: str, idle_timeout: int) -> None:
        """Write the technician's choices to kiosk.toml (a wrong value raises InvalidInput, changing nothing)."""
        self.config = save_settings(self.data_dir, mode=mode, language=language, idle_timeout_s=idle_timeout)
        log.info("settings saved: mode=%s language=%s idle_timeout_s=%s", mode, language, idle_timeout)
        self.changed.emit()
        self.saved.emit()

    def printer(self) -> ReceiptPrinter:
        from kiosk.devices.printer import configured_printer  # python-escpos loads only when printing

        return configured_printer(self.config.printer)
