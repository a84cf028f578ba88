"""A station PC with no station yet: the technician enrols it with the union office's hub on screen.

Never a demo: a production kiosk on an empty data directory shows this, asks for the hub's address and
the one-time enrolment code (typed, or scanned into the field), enrols on a thread of its own and then
opens the real kiosk with what the hub sent.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import Property, QObject, QUrl, Signal, Slot
from PySide6.QtQml import QQmlApplicationEngine

from kiosk.app.language import Language
from kiosk.app.messages import Refusals
from kiosk.base.errors import KioskError
from kiosk.base.paths import database_path
from kiosk.station import Station

log = logging.getLogger("kiosk.app")


def needs_setup(directory: Path) -> bool:
    """Whether this data directory holds no station yet (none was enrolled or made as a demo)."""
    if not database_path(directory).exists():
        return True
    try:
        station = Station.open(directory)
    except (KioskError, sqlite3.DatabaseError):
        return False  # a damaged database: the out-of-service screen says so, not this one
    try:
        return station.store.setting("station_id") is None
    finally:
        station.close()


def enrol_in_background(data_dir: Path, hub_url: str, code: str, done: Any) -> None:
    """Enrol with the hub and take its first sync on a thread of its own (the screens never wait); then
    emit ``done`` (a Signal(object), delivered on the Qt thread) with None or the refusal."""
    def run() -> None:
        station = Station.open(data_dir)
        try:
            station.enrol(hub_url, code)
            done.emit(None)
        except KioskError as exc:
            done.emit(exc)
        finally:
            station.close()

    threading.Thread(target=run, name="enrol", daemon=True).start()


class SetupModel(QObject):
    """Enrols the station; ``enrolled`` fires once it is, ``refused`` with a line to show if not."""

    enrolled = Signal()
    refused = Signal(str)
    busyChanged = Signal()
    _done = Signal(object)

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.refusals = Refusals(self)
        self._busy = False
        self._done.connect(self._on_done)

    @Property(bool, notify=busyChanged)
    def busy(self) -> bool:
        return self._busy

    @Slot(str, str)
    def enrol(self, hub_url: str, code: str) -> None:
        if self._busy:
            return
        self._busy = True
        self.busyChanged.emit()
        enrol_in_background(self.data_dir, hub_url.strip(), code.strip(), self._done)

    @Slot(object)
    def _on_done(self, error: KioskError | None) -> None:
        self._busy = False
        self.busyChanged.emit()
        if error is None:
            self.enrolled.emit()
        else:
            log.warning("enrolment failed: %s", error.message)
            self.refused.emit(self.refusals.text(error))


class SetUpWindow:
    """The set-up screen's engine, its view-model and its translator, closed together."""

    def __init__(self, directory: Path, language: str, ui_dir: Path) -> None:
        self.engine = QQmlApplicationEngine()
        self.language = Language(self.engine, language)
        self.setup = SetupModel(directory, self.engine)
        self.engine.setInitialProperties({"setup": self.setup, "dataDir": str(directory)})
        self.engine.load(QUrl.fromLocalFile(str(ui_dir / "SetUp.qml")))
        if not self.engine.rootObjects():
            raise RuntimeError("the set-up window failed to load")
        self.window = self.engine.rootObjects()[0]

    def close(self) -> None:
        """Close the window and let go of the translator before the engine goes (the kiosk that follows
        installs its own)."""
        self.window.close()
        self.language.uninstall()
        self.engine.deleteLater()
