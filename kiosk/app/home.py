"""View-model of the home screen: station name and today's figures, refreshed on demand."""

from __future__ import annotations

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.core.summary import station_status
from kiosk.store import Store


class HomeModel(QObject):
    changed = Signal()

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._status: dict = {}
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        self._status = station_status(self._store)
        self.changed.emit()

    @Property(str, notify=changed)
    def stationName(self) -> str:
        return self._status["name"]

    @Property(int, notify=changed)
    def checkinsToday(self) -> int:
        return self._status["today"]["checkins"]

    @Property(int, notify=changed)
    def ridersToday(self) -> int:
        return self._status["today"]["unique_riders"]

    @Property(int, notify=changed)
    def pendingEvents(self) -> int:
        return self._status["pending_events"]
