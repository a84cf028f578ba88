"""The rider's view-model: identify by code or phone, check in, claim, register with a new code."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.app.messages import Refusals
from kiosk.app.worker import DbWorker
from kiosk.core import activities, checkins, entitlements, handouts, members
from kiosk.core.errors import KioskError
from kiosk.credentials.codes import Verifier, load_issuer, member_from_code, register_with_code
from kiosk.store import Store


def claimables(store: Store, member: members.Member, channel: str) -> list[dict[str, Any]]:
    """What the rider may claim now, for the confirmation screen (the rules stay in the core)."""
    statuses = sorted(entitlements.claim_status(store, member, channel),
                      key=lambda s: (not s.available, not s.item.self_service))  # what can be taken now, first
    return [{"itemId": s.item.item_id, "nameZh": s.item.name_zh, "nameEn": s.item.name_en,
             "available": s.available, "remaining": -1 if s.remaining is None else s.remaining,
             "selfService": s.item.self_service, "refusal": s.refusal}
            for s in statuses]


def for_screen(refusals: Refusals, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Items as QML shows them: plain values only, the refusal as a translated reason."""
    return [{**{k: v for k, v in i.items() if k != "refusal"},
             "reason": refusals.text(i["refusal"]) if i["refusal"] else ""} for i in items]


class RiderModel(QObject):
    changed = Signal()
    identified = Signal()
    checkedIn = Signal()
    claimed = Signal(str)
    registered = Signal()
    refused = Signal(str)

    def __init__(self, worker: DbWorker, keys: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker, self.keys = worker, keys
        self.refusals = Refusals(self)
        self._verifier: Verifier | None = None
        self._member: members.Member | None = None
        self._items: list[dict[str, Any]] = []
        self._code = ""
        self._already = False
        self._busy = False

    # -- properties -------------------------------------------------------------------------------

    @Property(str, notify=changed)
    def memberName(self) -> str:
        return self._member.masked_name if self._member else ""

    @Property(str, notify=changed)
    def memberPhone(self) -> str:
        return self._member.masked_phone if self._member else ""

    @Property(str, notify=changed)
    def memberId(self) -> str:
        return self._member.member_id if self._member else ""

    @Property(bool, notify=changed)
    def alreadyCheckedIn(self) -> bool:
        return self._already

    @Property(list, notify=changed)
    def items(self) -> list[dict[str, Any]]:
        return for_screen(self.refusals, self._items)

    @Property(str, notify=changed)
    def code(self) -> str:
        return self._code

    @Property(bool, notify=changed)
    def busy(self) -> bool:
        return self._busy

    # -- intents ----------------------------------------------------------------------------------

    def _run(self, job: Any, then: Any) -> None:
        self._busy = True
        self.changed.emit()

        def done(result: Any, error: KioskError | None) -> None:
            self._busy = False
            if error is not None:
                self.changed.emit()
                self.refused.emit(self.refusals.text(error))
            else:
                then(result)
                self.changed.emit()

        self.worker.submit(job, done)

    def _verifier_for(self, store: Store) -> Verifier:
        if self._verifier is None or self._verifier.store is not store:
            self._verifier = Verifier(store)
        return self._verifier

    @Slot(str)
    def identifyByPhone(self, phone: str) -> None:
        self._run(lambda store: members.require_active(members.find_by_phone(store, phone)), self._identified)

    @Slot(str)
    def identifyByCode(self, text: str) -> None:
        self._run(lambda store: member_from_code(store, self._verifier_for(store), text), self._identified)

    def _identified(self, member: members.Member) -> None:
        self._member, self._items, self._code = member, [], ""
        self.identified.emit()

    @Slot(str)
    def checkIn(self, purpose: str) -> None:
        member_id = self.memberId

        def job(store: Store) -> tuple[bool, list[dict[str, Any]]]:
            with store.transaction():
                result = checkins.check_in(store, member_id, purpose)
                if purpose == "activity":  # coming for an activity signs the rider in to what is open now
                    for activity in activities.open_activities(store):
                        activities.sign_in(store, activity.activity_id, member_id)
            return not result.counted, claimables(store, result.member, "self")

        def then(result: tuple[bool, list[dict[str, Any]]]) -> None:
            self._already, self._items = result
            self.checkedIn.emit()

        self._run(job, then)

    @Slot(str)
    def claim(self, item_id: str) -> None:
        member_id = self.memberId

        def job(store: Store) -> list[dict[str, Any]]:
            handouts.hand_out(store, member_id, item_id, 1, channel="self")
            return claimables(store, members.get_member(store, member_id), "self")

        def then(items: list[dict[str, Any]]) -> None:
            self._items = items
            self.claimed.emit(item_id)

        self._run(job, then)

    @Slot(str, str, str, str, bool, bool)
    def register(self, phone: str, name: str, occupation: str, platform: str, union_member: bool,
                 consent: bool) -> None:
        def job(store: Store) -> tuple[members.Member, str]:
            return register_with_code(store, load_issuer(store, self.keys), phone=phone, name=name,
                                      occupation=occupation, platform=platform, union_member=union_member,
                                      consent=consent)

        def then(result: tuple[members.Member, str]) -> None:
            self._member, self._code = result
            self.registered.emit()

        self._run(job, then)

    @Slot()
    def reset(self) -> None:
        """Forget the rider (idle timeout, or the rider is done)."""
        self._member, self._items, self._code, self._already = None, [], "", False
        self.changed.emit()
