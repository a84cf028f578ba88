"""The technician's view-model: sync state and "sync now", diagnostics, settings, leaving the kiosk."""

from __future__ import annotations

import glob
import logging
import shutil
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import Property, QCoreApplication, QObject, Signal, Slot

from kiosk.app.messages import Refusals
from kiosk.app.settings import Settings
from kiosk.app.setup import enrol_in_background
from kiosk.app.worker import DbWorker, PrintWorker
from kiosk.base.errors import InvalidInput, KioskError
from kiosk.core.station import clean_station_name
from kiosk.station import Station
from kiosk.sync.scheduler import SyncScheduler

log = logging.getLogger("kiosk.app")


def usb_folder(text: str) -> Path:
    folder = Path(text.strip())
    if not folder.is_dir():
        raise InvalidInput(f"No folder {folder}.", field="folder")
    return folder


class TechModel(QObject):
    changed = Signal()
    message = Signal(str)
    _synced = Signal(object, object)
    _enrolled = Signal(object)

    def __init__(self, worker: DbWorker, printer: PrintWorker, settings: Settings,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker, self.printer, self.settings = worker, printer, settings
        self.data_dir = worker.data_dir
        self.refusals = Refusals(self)
        self._status: dict[str, Any] = {}
        self._integrity = ""
        self._scheduler: SyncScheduler | None = None
        self._synced.connect(self._on_synced)
        self._enrolled.connect(self._on_enrolled)
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

        self.worker.submit(lambda st: st.check_integrity(quick=True), done)

    def start_sync(self) -> None:
        """Sync in the background while the app runs, if enrolled (network work never on the UI or DB worker)."""

        def then(status: Any, error: KioskError | None) -> None:
            if error is None and status["enrolled"] and self._scheduler is None:
                config = self.settings.config
                self._scheduler = SyncScheduler(lambda: Station.open(self.data_dir),
                                                interval=config.sync_interval_s, hub_url=config.hub_url,
                                                on_result=lambda r, e: self._synced.emit(r, e)).start()

        self.worker.submit(lambda st: st.status(), then)

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
        """The station and its sync, as the technician's screen lists them."""
        s = self._status
        if not s:
            return {}
        return {"name": s["name"], "stationId": s["station_id"], "hubUrl": s["hub_url"] or "",
                "enrolled": s["enrolled"], "pendingEvents": s["pending_events"],
                "lastSuccess": s["sync"]["last_success"] or "", "lastError": s["sync"]["last_error"] or "",
                "clockOffsetS": s["sync"]["clock_offset_s"]}

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

        self.worker.submit(lambda st: st.status(), done)

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

        self.worker.submit(lambda st: st.check_integrity(), done)

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

        self.worker.submit(lambda st: st.rename(name), done)

    @Slot()
    def printTestPage(self) -> None:
        def done(_result: Any, error: KioskError | None) -> None:
            self.message.emit(self.refusals.text(error) if error else self.tr("The test page was printed."))

        self.printer.submit(lambda _: self.settings.printer().test_page(), done)

    @Slot(str)
    def scannerTest(self, code: str) -> None:
        """A scan on this screen tests the scanner or camera: what was read, and whether it verifies."""

        def done(subject: Any, error: KioskError | None) -> None:
            read = self.tr("Read %n character(s).", "", len(code))
            self.message.emit(read + " " + (self.refusals.text(error) if error else
                                            self.tr("A valid code for member %1.").replace("%1", subject)))

        self.worker.submit(lambda st: st.verify(code).subject, done)

    @Slot(str, str)
    def enrol(self, hub_url: str, code: str) -> None:
        """Enrol with the hub and take its first sync, on a thread of its own: the screens never wait."""
        enrol_in_background(self.data_dir, hub_url.strip(), code, self._enrolled)

    @Slot(object)
    def _on_enrolled(self, error: KioskError | None) -> None:
        if error is None:
            self.message.emit(self.tr("Enrolled: this station now syncs with the union office."))
        else:
            log.warning("enrolment failed: %s", error.message)
            self.message.emit(self.refusals.text(error))
        self.refresh()
        self.start_sync()

    @Property(str, constant=True)
    def usbFolder(self) -> str:
        """Where a bundle goes by default: the first USB stick mounted, else the data directory."""
        sticks = sorted(p for p in glob.glob("/media/*/*") + glob.glob("/run/media/*/*") if Path(p).is_dir())
        return sticks[0] if sticks else str(self.data_dir)

    @Slot(str)
    def exportBundle(self, folder: str) -> None:
        def job(st: Station) -> tuple[str, int]:
            path = usb_folder(folder) / f"{st.info().station_id}-{time.strftime('%Y%m%d-%H%M%S')}.bundle"
            return path.name, st.export_bundle(path)

        def done(result: Any, error: KioskError | None) -> None:
            self.message.emit(self.refusals.text(error) if error else self.tr(
                "Wrote %n event(s) to %1: take it to the union office.", "", result[1]).replace("%1", result[0]))

        self.worker.submit(job, done)

    @Slot(str)
    def importReply(self, folder: str) -> None:
        def job(st: Station) -> dict[str, int]:
            target = usb_folder(folder)
            replies = sorted(target.glob("*.reply"), key=lambda p: p.stat().st_mtime)
            if not replies:
                raise InvalidInput(f"No *.reply file in {target}.", field="reply_file")
            return st.import_reply(replies[-1])

        def done(result: Any, error: KioskError | None) -> None:
            self.message.emit(self.refusals.text(error) if error else self.tr(
                "The hub has this station's events up to %1; %n change(s) applied.", "", result["changes_applied"])
                .replace("%1", str(result["acked_seq"])))
            self.refresh()

        self.worker.submit(job, done)

    @Slot()
    def exitKiosk(self) -> None:
        QCoreApplication.quit()

