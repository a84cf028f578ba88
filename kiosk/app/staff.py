"""The attendant's view-model: PIN, hand out with quantity, void, stock, activities, cards."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.app.language import Language
from kiosk.app.messages import Labels, Refusals
from kiosk.app.rider import in_place, item_rows, order_of
from kiosk.app.settings import Settings
from kiosk.app.worker import DbWorker, PrintWorker
from kiosk.base.errors import KioskError
from kiosk.core.attendants import Attendant
from kiosk.core.casework import Category, HelpRequest, case_number
from kiosk.core.entitlements import ItemStatus
from kiosk.core.members import Member
from kiosk.station import PlannedHandout, SignedCard, Station


class StaffModel(QObject):
    changed = Signal()
    unlocked = Signal(str)
    done = Signal(str)
    refused = Signal(str)

    def __init__(self, worker: DbWorker, printer: PrintWorker, settings: Settings, language: Language,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker, self.printer, self.settings, self.language = worker, printer, settings, language
        self.refusals, self.labels = Refusals(self), Labels(self)
        self._who: Attendant | None = None
        self._member: Member | None = None
        self._items: list[ItemStatus] = []
        self._order: list[str] = []  # the rider's items as first listed: rows keep their place
        self._recent: list[dict[str, Any]] = []
        self._stock: list[dict[str, Any]] = []
        self._summary: dict[str, Any] = {}
        self._urgent: list[HelpRequest] = []
        self._categories: list[Category] = []  # what help requests may be about, as the office named them
        self._code = ""
        self._voucher: dict[str, str] = {}  # the voucher just handed out: its code stays in view

    # -- properties -------------------------------------------------------------------------------

    @Property(str, notify=changed)
    def attendantName(self) -> str:
        return self._who.name if self._who else ""

    @Property(str, notify=changed)
    def role(self) -> str:
        return self._who.role if self._who else ""

    @Property(str, notify=changed)
    def riderName(self) -> str:
        return self._member.masked_name if self._member else ""

    @Property(list, notify=changed)
    def items(self) -> list[dict[str, Any]]:
        return item_rows(self.refusals, self.language, self._items)

    @Property(list, notify=changed)
    def recent(self) -> list[dict[str, Any]]:
        """The rider's latest handouts; a voucher's can be voided with its card back in hand."""
        return [{"handoutId": h["event_id"], "name": self.language.pick(h["name_zh"], h["name_en"]),
                 "quantity": h["quantity"], "voided": bool(h["voided"]), "voucher": bool(h["voucher_code"])}
                for h in self._recent]

    @Property(list, notify=changed)
    def stockLevels(self) -> list[dict[str, Any]]:
        """Every item's stock; only goods are received and counted (a service has no stock)."""
        return [{"itemId": s["item_id"], "name": self.language.pick(s["name_zh"], s["name_en"]),
                 "onHand": s["on_hand"], "goods": s["kind"] == "goods"} for s in self._stock]

    @Property("QVariantMap", notify=changed)
    def summary(self) -> dict[str, Any]:
        today = self._summary
        return {"checkins": today.get("checkins", 0), "riders": today.get("unique_riders", 0),
                "registrations": today.get("registrations", 0)}

    @Property(list, notify=changed)
    def urgentHelp(self) -> list[dict[str, str]]:
        """Urgent help requests made here that the office has not taken up yet: the rider may need someone now."""
        categories = {c["key"]: c["label"] for c in self.labels.help_categories(self.language, self._categories)}
        return [{"caseNumber": case_number(r.request_id), "category": categories.get(r.category, r.category)}
                for r in self._urgent]

    @Property(str, notify=changed)
    def code(self) -> str:
        return self._code

    @Property("QVariantMap", notify=changed)
    def voucher(self) -> dict[str, str]:
        """The voucher just handed out to this rider ({} if none): its item and the code to write or give."""
        return self._voucher

    # -- plumbing ---------------------------------------------------------------------------------

    def _run(self, job: Any, then: Any) -> None:
        def done(result: Any, error: KioskError | None) -> None:
            if error is not None:
                self.refused.emit(self.refusals.text(error))
            else:
                then(result)
            self.changed.emit()

        self.worker.submit(job, done)

    def _snapshot(self, st: Station, member_id: str | None) -> dict[str, Any]:
        snap: dict[str, Any] = {"stock": st.stock(), "summary": st.status()["today"], "urgent": st.urgent_help(),
                                "categories": st.help_categories()}
        if member_id:
            snap.update(member=st.member(member_id), items=st.claimable(member_id, "attended"),
                        recent=st.recent_handouts(member_id, limit=10))
        return snap

    def _apply(self, snap: dict[str, Any]) -> None:
        self._stock, self._summary, self._urgent = snap["stock"], snap["summary"], snap["urgent"]
        self._categories = snap["categories"]
        if "member" in snap:
            same_rider = self._member is not None and self._member.member_id == snap["member"].member_id
            if not same_rider:
                self._order = order_of(snap["items"])
            self._member, self._recent = snap["member"], snap["recent"]
            self._items = in_place(self._order, snap["items"])

    def _print(self, job: Any, then: Any) -> None:
        """Print on the printer's own thread; ``then`` only if it printed."""
        def done(_result: Any, error: KioskError | None) -> None:
            if error is not None:
                self.refused.emit(self.refusals.text(error))
            else:
                then()

        self.printer.submit(lambda _: job(self.settings.printer()), done)

    # -- intents ----------------------------------------------------------------------------------

    @Slot(str, str)
    def unlock(self, pin: str, purpose: str) -> None:
        """Open the staff screen, or (``purpose`` "technician") the technician's, whose role is checked here;
        ``unlocked`` tells which of the two to show."""
        role = "technician" if purpose == "technician" else None

        def then(result: tuple[Attendant, dict[str, Any]]) -> None:
            self._who = result[0]
            self._apply(result[1])
            self.unlocked.emit(role or "attendant")

        self._run(lambda st: (st.unlock(pin, role), self._snapshot(st, None)), then)

    @Slot()
    def lock(self) -> None:
        self._who, self._member, self._items, self._recent, self._code = None, None, [], [], ""
        self._voucher = {}
        self.changed.emit()

    @Slot(str)
    def findRider(self, text: str) -> None:
        def then(snap: dict[str, Any]) -> None:
            self._apply(snap)
            self._code, self._voucher = "", {}

        self._run(lambda st: self._snapshot(st, st.identify(text).member_id), then)

    def _rider_and_attendant(self) -> tuple[str, str] | None:
        """The identified rider's and the signed-in attendant's ids; None (and the rider is asked for) if
        either is missing."""
        if self._member is None or self._who is None:
            self.refused.emit(self.refusals.tr("Please identify the rider first."))
            return None
        return self._member.member_id, self._who.attendant_id

    def _member_action(self, action: Any, message: Any) -> None:
        ids = self._rider_and_attendant()
        if ids is None:
            return
        member_id, who = ids

        def then(result: tuple[Any, dict[str, Any]]) -> None:
            self._apply(result[1])
            self.done.emit(message(result[0]))

        self._run(lambda st: (action(st, member_id, who), self._snapshot(st, member_id)), then)

    @Slot(str, int)
    def handOut(self, item_id: str, quantity: int) -> None:
        """Hand out; with a printer, the receipt prints first and the handout is recorded only if it did."""
        def handed(h: Any) -> str:
            if not h.voucher_code:
                return self.tr("Handed out.")
            names = [self.language.pick(s.item.name_zh, s.item.name_en) for s in self._items
                     if s.item.item_id == h.item_id]
            self._voucher = {"name": names[0] if names else "", "code": h.voucher_code}
            return self.tr("Handed out. Voucher code: %1").replace("%1", h.voucher_code)

        if self.settings.config.printer["kind"] == "none":
            self._member_action(lambda st, m, who: st.hand_out(m, item_id, quantity, who), handed)
            return
        ids = self._rider_and_attendant()
        if ids is None:
            return
        member_id, who = ids

        def printed(plan: PlannedHandout, station_name: str) -> None:
            lines = [f"{plan.item.name_zh} {plan.item.name_en} ×{plan.quantity}"]
            if plan.voucher_code:
                lines.append(f"券码 Code: {plan.voucher_code}")
            self._print(lambda p: p.handout_receipt(station_name, plan.member.masked_name, lines, plan.at),
                        lambda: self._member_action(
                            lambda st, m, w: st.hand_out(m, item_id, quantity, w, plan.voucher_code), handed))

        self._run(lambda st: (st.plan_handout(member_id, item_id, quantity, who), st.info().name),
                  lambda r: printed(*r))

    @Slot(str, str, bool, bool)
    def voidHandout(self, handout_id: str, reason: str, voucher: bool, code_back: bool) -> None:
        """Void with a reason; a voucher's code is retired unless its card is back in hand."""
        retired = voucher and not code_back
        self._member_action(lambda st, m, who: st.void(handout_id, reason, who, code_back),
                            lambda _: self.tr("Voided; the allowance is back and the voucher code is retired.")
                            if retired else self.tr("Voided; the stock and the allowance are back."))

    @Slot()
    def showCode(self) -> None:
        self._member_action(lambda st, m, _who: st.issue_card(m), self._show_code)

    @Slot()
    def revokeCard(self) -> None:
        self._member_action(lambda st, m, who: st.replace_card(m, who), lambda code: self._show_code(code)
                            or self.tr("The lost card is cancelled; here is the new code."))

    @Slot()
    def printCard(self) -> None:
        """Print the rider's membership card; the code is recorded only once it printed."""
        ids = self._rider_and_attendant()
        if ids is None:
            return
        member_id = ids[0]

        def signed(card: SignedCard, station_name: str) -> None:
            self._print(lambda p: p.membership_card(station_name, card.member.masked_name, card.text),
                        lambda: self._member_action(lambda st, _m, _w: st.record_card(card),
                                                    lambda code: self._show_code(code)
                                                    or self.tr("The card was printed.")))

        self._run(lambda st: (st.sign_card(member_id), st.info().name), lambda r: signed(*r))

    def _show_code(self, code: str) -> str:
        self._code = code
        return ""

    @Slot(str, int)
    def receiveStock(self, item_id: str, quantity: int) -> None:
        who = self._who.attendant_id if self._who else None
        self._run(lambda st: (st.receive_stock(item_id, quantity, who), self._snapshot(st, None)),
                  lambda r: (self._apply(r[1]), self.done.emit(self.tr("Stock received."))))

    @Slot(str, int, str)
    def countStock(self, item_id: str, counted: int, reason: str) -> None:
        """Record a count (the screen asks why when it is well below the figure)."""
        who = self._who.attendant_id if self._who else None
        self._run(lambda st: (st.count_stock(item_id, counted, who, reason), self._snapshot(st, None)),
                  lambda r: (self._apply(r[1]), self.done.emit(self.tr("Count recorded."))))

    @Slot(str)
    def openActivity(self, title: str) -> None:
        who = self._who.attendant_id if self._who else ""
        self._run(lambda st: st.open_activity(title, who),
                  lambda a: self.done.emit(self.tr("Activity open for sign-in: %1").replace("%1", a.title)))
