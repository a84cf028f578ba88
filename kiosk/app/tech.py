"""The technician's view-model: sync state and "sync now", diagnostics, settings, leaving the kiosk."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import Any

from PySide6.QtCore import Property, QCoreApplication, QObject, Signal, Slot

from kiosk.app.messages import Refusals
from kiosk.app.settings import Settings
from kiosk.app.worker import DbWorker
from kiosk.core.errors import KioskError
from kiosk.core.station import clean_station_name, rename_station
from kiosk.core.summary import station_status
from kiosk.credentials.codes import Verifier
from kiosk.sync.scheduler import SyncScheduler

log = logging.getLogger("kiosk.app")


class TechModel(QObject):
    changed = Signal()
    message = Signal(str)
    _synced = Signal(object, object)

    def __init__(self, worker: DbWorker, data_dir: Path, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker, self.data_dir, self.settings = worker, data_dir, settings
        self.refusals = Refusals(self)
        self._status: dict[str, Any] = {}
        self._integrity = ""
        self._scheduler: SyncScheduler | None = None
        self._synced.connect(self._on_synced)
        self.refresh()
        self._check_at_start()

    def _check_at_start(self) -> None:
        """The start-up integrity check, off the UI thread so a big station still starts at once."""

        def done(result: Any, error: KioskError | None) -> None:
            self._integrity = result if error is None else error.message
            if self._integrity != "ok":
                log.critical("station database check failed: %s", self._integrity)
                self.message.emit(self.tr("The kiosk's database has a problem: nothing was saved. "
                                          "Please call the technician."))
            self.changed.emit()

        self.worker.submit(lambda store: store.one("PRAGMA quick_check"), done)

    def start_sync(self, interval: float, hub_url: str = "") -> None:
        """Sync in the background while the app runs (network work never on the UI or DB worker)."""
        if self._status.get("enrolled") and self._scheduler is None:
            self._scheduler = SyncScheduler(self.worker.db_path, self.data_dir / "keys", interval=interval,
                                            hub_url=hub_url, on_result=lambda r, e: self._synced.emit(r, e)).start()

    def stop(self) -> None:
        if self._scheduler is not None:
            self._scheduler.stop()

    @Slot(object, object)
    def _on_synced(self, _result: Any, error: str | None) -> None:
        if error:
            self.message.emit(error)
        self.refresh()

    @Property("QVariantMap", notify=changed)
    def status(self) -> dict[str, Any]:
        return self._status

    @Property(str, notify=changed)
    def integrity(self) -> str:
        return self._integrity

    @Property(int, notify=changed)
    def diskFreeMb(self) -> int:
        return shutil.disk_usage(self.data_dir).free // 2**20

    @Slot()
    def refresh(self) -> None:
        def done(status: Any, error: KioskError | None) -> None:
            if error is None:
                self._status = status
                self.changed.emit()

        self.worker.submit(station_status, done)

    @Slot()
    def syncNow(self) -> None:
        if self._scheduler is None:
            self.message.emit(self.tr("This station is not enrolled with a hub."))
            return
        self._scheduler.trigger()

    @Slot()
    def checkDatabase(self) -> None:
        def done(result: Any, error: KioskError | None) -> None:
            self._integrity = result if error is None else error.message
            self.changed.emit()

        self.worker.submit(lambda store: store.integrity_check(), done)

    @Slot(str, str, str, int)
    def saveSettings(self, name: str, mode: str, language: str, idle_timeout: int) -> None:
        """The station's name goes to its database, the rest to kiosk.toml; a refusal changes neither."""
        try:
            name = clean_station_name(name)
            self.settings.save(mode, language, idle_timeout)
        except (KioskError, OSError) as exc:
            log.warning("settings not saved: %s", exc)
            self.message.emit(self.refusals.text(exc) if isinstance(exc, KioskError)
                              else self.tr("The settings were not saved: %1").replace("%1", str(exc)))
            return

        def done(_info: Any, error: KioskError | None) -> None:
            self.message.emit(self.refusals.text(error) if error else self.tr("Settings saved."))
            self.refresh()

        self.worker.submit(lambda store: rename_station(store, name), done)

    @Slot()
    def printTestPage(self) -> None:
        def done(_result: Any, error: KioskError | None) -> None:
            self.message.emit(self.refusals.text(error) if error else self.tr("The test page was printed."))

        self.worker.submit(lambda _store: self.settings.printer().test_page(), done)

    @Slot(str)
    def scannerTest(self, code: str) -> None:
        """A scan on this screen tests the scanner or camera: what was read, and whether it verifies."""

        def done(subject: Any, error: KioskError | None) -> None:
            read = self.tr("Read %1 characters.").replace("%1", str(len(code)))
            self.message.emit(read + " " + (self.refusals.text(error) if error else
                                            self.tr("A valid code for member %1.").replace("%1", subject)))

        self.worker.submit(lambda store: Verifier(store).verify(code).subject, done)

    @Slot()
    def exitKiosk(self) -> None:
        QCoreApplication.quit()

