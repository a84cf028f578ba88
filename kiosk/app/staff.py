"""The attendant's view-model: PIN, hand out with quantity, void, stock, activities, cards."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.app.messages import Refusals
from kiosk.app.rider import claimables, for_screen
from kiosk.app.settings import Settings
from kiosk.app.worker import DbWorker
from kiosk.core import activities, attendants, handouts, members, stock
from kiosk.core.errors import KioskError
from kiosk.core.station import station_info
from kiosk.core.summary import station_status
from kiosk.credentials.codes import Verifier, issue, load_issuer, member_from_code, revoke
from kiosk.store import Store


class StaffModel(QObject):
    changed = Signal()
    unlocked = Signal(str)
    done = Signal(str)
    refused = Signal(str)

    def __init__(self, worker: DbWorker, keys: Path, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker, self.keys, self.settings = worker, keys, settings
        self.refusals = Refusals(self)
        self._staff: list[dict[str, str]] = []
        self._who: attendants.Attendant | None = None
        self._member: members.Member | None = None
        self._items: list[dict[str, Any]] = []
        self._recent: list[dict[str, Any]] = []
        self._stock: list[dict[str, Any]] = []
        self._summary: dict[str, Any] = {}
        self._code = ""
        self.refreshStaff()

    # -- properties -------------------------------------------------------------------------------

    @Property(list, notify=changed)
    def staff(self) -> list[dict[str, str]]:
        return self._staff

    @Property(str, notify=changed)
    def attendantName(self) -> str:
        return self._who.name if self._who else ""

    @Property(str, notify=changed)
    def role(self) -> str:
        return self._who.role if self._who else ""

    @Property(str, notify=changed)
    def riderName(self) -> str:
        return f"{self._member.masked_name}  {self._member.masked_phone}" if self._member else ""

    @Property(list, notify=changed)
    def items(self) -> list[dict[str, Any]]:
        return for_screen(self.refusals, self._items)

    @Property(list, notify=changed)
    def recent(self) -> list[dict[str, Any]]:
        return self._recent

    @Property(list, notify=changed)
    def stockLevels(self) -> list[dict[str, Any]]:
        return self._stock

    @Property("QVariantMap", notify=changed)
    def summary(self) -> dict[str, Any]:
        return self._summary

    @Property(str, notify=changed)
    def code(self) -> str:
        return self._code

    # -- plumbing ---------------------------------------------------------------------------------

    def _run(self, job: Any, then: Any) -> None:
        def done(result: Any, error: KioskError | None) -> None:
            if error is not None:
                self.refused.emit(self.refusals.text(error))
            else:
                then(result)
            self.changed.emit()

        self.worker.submit(job, done)

    def _snapshot(self, store: Store, member_id: str | None) -> dict[str, Any]:
        snap: dict[str, Any] = {"stock": stock.stock_levels(store), "summary": station_status(store)["today"]}
        if member_id:
            member = members.get_member(store, member_id)
            snap.update(member=member, items=claimables(store, member, "attended"),
                        recent=handouts.recent_handouts(store, member_id, limit=10))
        return snap

    def _apply(self, snap: dict[str, Any]) -> None:
        self._stock, self._summary = snap["stock"], snap["summary"]
        if "member" in snap:
            self._member, self._items, self._recent = snap["member"], snap["items"], snap["recent"]

    # -- intents ----------------------------------------------------------------------------------

    @Slot()
    def refreshStaff(self) -> None:
        self._run(lambda store: [{"id": a.attendant_id, "name": a.name, "role": a.role}
                                 for a in attendants.list_attendants(store)],
                  lambda staff: setattr(self, "_staff", staff))

    @Slot(str, str)
    def unlock(self, attendant_id: str, pin: str) -> None:
        def then(result: tuple[attendants.Attendant, dict[str, Any]]) -> None:
            self._who = result[0]
            self._apply(result[1])
            self.unlocked.emit(self._who.role)

        self._run(lambda store: (attendants.verify_pin(store, attendant_id, pin), self._snapshot(store, None)), then)

    @Slot()
    def lock(self) -> None:
        self._who, self._member, self._items, self._recent, self._code = None, None, [], [], ""
        self.changed.emit()

    @Slot(str)
    def findRider(self, text: str) -> None:
        def job(store: Store) -> dict[str, Any]:
            if text.startswith("SK"):
                member = member_from_code(store, Verifier(store), text)
            else:
                member = members.find_by_phone(store, text)
            return self._snapshot(store, member.member_id)

        def then(snap: dict[str, Any]) -> None:
            self._apply(snap)
            self._code = ""

        self._run(job, then)

    def _member_action(self, action: Any, message: Any) -> None:
        if self._member is None or self._who is None:
            self.refused.emit(self.refusals.tr("Please identify the rider first."))
            return
        member_id, who = self._member.member_id, self._who.attendant_id

        def job(store: Store) -> tuple[Any, dict[str, Any]]:
            return action(store, member_id, who), self._snapshot(store, member_id)

        def then(result: tuple[Any, dict[str, Any]]) -> None:
            self._apply(result[1])
            self.done.emit(message(result[0]))

        self._run(job, then)

    @Slot(str, int)
    def handOut(self, item_id: str, quantity: int) -> None:
        self._member_action(
            lambda store, m, who: handouts.hand_out(store, m, item_id, quantity, attendant_id=who),
            lambda h: self.tr("Handed out. Voucher code: %1").replace("%1", h.voucher_code) if h.voucher_code
            else self.tr("Handed out."))

    @Slot(str, str)
    def voidHandout(self, handout_id: str, reason: str) -> None:
        self._member_action(lambda store, m, who: handouts.void_handout(store, handout_id, reason, who),
                            lambda _: self.tr("Voided; the stock and the allowance are back."))

    @Slot()
    def showCode(self) -> None:
        def action(store: Store, member_id: str, _who: str) -> str:
            return issue(store, load_issuer(store, self.keys), member_id)

        self._member_action(action, self._show_code)

    @Slot()
    def revokeCard(self) -> None:
        def action(store: Store, member_id: str, who: str) -> str:
            revoke(store, member_id, "lost card", who)
            return issue(store, load_issuer(store, self.keys), member_id)

        self._member_action(action, lambda code: self._show_code(code)
                            or self.tr("The lost card is cancelled; here is the new code."))

    @Slot()
    def printCard(self) -> None:
        """Print the rider's membership card; a printer failure leaves no trace and may be retried."""
        member = self._member

        def action(store: Store, member_id: str, _who: str) -> str:
            with store.transaction():
                code = issue(store, load_issuer(store, self.keys), member_id)
                self.settings.printer().membership_card(station_info(store).name, member.masked_name, code)
            return code

        self._member_action(action, lambda code: self._show_code(code) or self.tr("The card was printed."))

    def _show_code(self, code: str) -> str:
        self._code = code
        return ""

    @Slot(str, int)
    def receiveStock(self, item_id: str, quantity: int) -> None:
        who = self._who.attendant_id if self._who else None
        self._run(lambda store: (stock.receive_stock(store, item_id, quantity, who), self._snapshot(store, None)),
                  lambda r: (self._apply(r[1]), self.done.emit(self.tr("Stock received."))))

    @Slot(str, int)
    def countStock(self, item_id: str, counted: int) -> None:
        who = self._who.attendant_id if self._who else None
        self._run(lambda store: (stock.count_stock(store, item_id, counted, who), self._snapshot(store, None)),
                  lambda r: (self._apply(r[1]), self.done.emit(self.tr("Count recorded."))))

    @Slot(str)
    def openActivity(self, title: str) -> None:
        who = self._who.attendant_id if self._who else ""
        self._run(lambda store: activities.open_activity(store, title, who),
                  lambda a: self.done.emit(self.tr("Activity open for sign-in: %1").replace("%1", a.title)))
