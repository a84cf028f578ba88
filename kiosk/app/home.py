"""View-model of the home screen: station, today's campaigns and figures, sync indicator."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.app.language import Language
from kiosk.app.messages import Labels
from kiosk.app.worker import DbWorker
from kiosk.base.errors import KioskError
from kiosk.station import Station


def home_snapshot(st: Station) -> dict[str, Any]:
    status = st.status()
    today = date.fromisoformat(status["today"]["day"])
    campaigns = {campaign.campaign_id: campaign for _item, campaign in st.items(active_on=today)}
    return {"status": status, "campaigns": list(campaigns.values()), "categories": st.help_categories()}


class HomeModel(QObject):
    changed = Signal()

    def __init__(self, worker: DbWorker, language: Language, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker, self.language = worker, language
        self._snap: dict[str, Any] = worker.call(home_snapshot)

    @Slot()
    def refresh(self) -> None:
        def done(snap: Any, error: KioskError | None) -> None:
            if error is None:
                self._snap = snap
                self.changed.emit()

        self.worker.submit(home_snapshot, done)

    def _status(self) -> dict[str, Any]:
        return self._snap["status"]

    @Property(str, notify=changed)
    def stationName(self) -> str:
        return self._status()["name"]

    @Property(list, notify=changed)
    def campaigns(self) -> list[dict[str, str]]:
        """Today's campaigns: the name in the language showing, and the hours unless open all day."""
        return [{"name": self.language.pick(c.name_zh, c.name_en),
                 "hours": "" if (c.opens_at, c.closes_at) == ("00:00", "24:00") else f"{c.opens_at}–{c.closes_at}"}
                for c in self._snap["campaigns"]]

    @Property(int, notify=changed)
    def checkinsToday(self) -> int:
        return self._status()["today"]["checkins"]

    @Property(int, notify=changed)
    def ridersToday(self) -> int:
        return self._status()["today"]["unique_riders"]

    @Property(bool, notify=changed)
    def takesHelp(self) -> bool:
        """Whether help requests can be taken here (the station is linked to the union office's key)."""
        return self._status()["help_requests"]["takes_requests"]

    @Property(list, notify=changed)
    def helpCategories(self) -> list[dict[str, str]]:
        """What riders may ask for help about here, as the union office named it, in the language showing."""
        return Labels.help_categories(self.language, self._snap["categories"], offered=True)

    @Property(int, notify=changed)
    def pendingEvents(self) -> int:
        return self._status()["pending_events"]

    @Property(str, notify=changed)
    def syncState(self) -> str:
        """'standalone', 'ok' or 'error' for the small indicator."""
        status = self._status()
        if not status["enrolled"]:
            return "standalone"
        return "error" if status["sync"]["last_error"] else "ok"
