"""The rider's view-model: identify by code or phone, check in, claim, register with a new code."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.app.language import Language
from kiosk.app.messages import Labels, Refusals
from kiosk.app.settings import Settings
from kiosk.app.worker import DbWorker, PrintWorker
from kiosk.base.errors import KioskError
from kiosk.core.casework import Category, HelpRequest, case_number
from kiosk.core.entitlements import ItemStatus
from kiosk.core.handouts import MAX_PER_HANDOUT
from kiosk.core.members import Member
from kiosk.core.signups import Programme, Signup
from kiosk.station import Station


def item_rows(refusals: Refusals, language: Language, statuses: list[ItemStatus]) -> list[dict[str, Any]]:
    """What the rider may claim, as QML shows it: plain values in the language showing, the refusal as a
    translated reason."""
    return [{"itemId": s.item.item_id, "name": language.pick(s.item.name_zh, s.item.name_en),
             "available": s.available,
             "most": MAX_PER_HANDOUT if s.remaining is None else min(MAX_PER_HANDOUT, s.remaining),
             "left": -1 if s.remaining is None else s.remaining,  # -1: no limit
             "selfService": s.item.self_service, "reason": refusals.text(s.refusal) if s.refusal else "",
             "attendedOnly": s.refusal is not None and s.refusal.code == "attendant_required"}
            for s in statuses]


def in_place(order: list[str], statuses: list[ItemStatus]) -> list[ItemStatus]:
    """Items in the order they were first shown to this rider (any new one last): after a handout the
    rows stay where they were, so the button under a finger is still the one it was."""
    rank = {item_id: i for i, item_id in enumerate(order)}
    return sorted(statuses, key=lambda s: rank.get(s.item.item_id, len(rank)))


def order_of(statuses: list[ItemStatus]) -> list[str]:
    return [s.item.item_id for s in statuses]


class RiderModel(QObject):
    changed = Signal()
    identified = Signal()
    checkedIn = Signal()
    claimed = Signal(str)
    registered = Signal()
    phoneFree = Signal()
    phoneTaken = Signal(str)  # the masked name of the rider who has it
    helpRequested = Signal()
    signedUp = Signal()
    attended = Signal(str)  # what the rider signed in to
    printed = Signal(str)
    refused = Signal(str)

    def __init__(self, worker: DbWorker, printer: PrintWorker, settings: Settings, language: Language,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker, self.printer, self.settings, self.language = worker, printer, settings, language
        self.refusals, self.labels = Refusals(self), Labels(self)
        self._member: Member | None = None
        self._items: list[ItemStatus] = []
        self._order: list[str] = []
        self._code = ""
        self._already = False
        self._purpose = ""  # why the rider checked in
        self._busy = False
        self._requests: list[HelpRequest] = []  # the rider's help requests, as this station knows them
        self._case: HelpRequest | None = None  # the request just made
        self._programmes: list[Programme] = []  # the sign-ups open to the rider here
        self._known: dict[str, Programme] = {}  # every programme this station was sent
        self._signups: list[Signup] = []  # theirs, with the office's outcome
        self._signup: Signup | None = None  # the sign-up just made
        self._to_attend: list[Signup] = []  # their confirmed sign-ups running today, not yet signed in to
        self._categories: list[Category] = []  # what help requests may be about, as the office named them

    # -- properties -------------------------------------------------------------------------------

    @Property(str, notify=changed)
    def memberName(self) -> str:
        return self._member.masked_name if self._member else ""

    @Property(str, notify=changed)
    def memberId(self) -> str:
        return self._member.member_id if self._member else ""

    @Property(bool, notify=changed)
    def unionMember(self) -> bool:
        return bool(self._member and self._member.union_member)

    @Property(bool, notify=changed)
    def alreadyCheckedIn(self) -> bool:
        return self._already

    @Property(str, notify=changed)
    def purpose(self) -> str:
        return self._purpose

    @Property(list, notify=changed)
    def items(self) -> list[dict[str, Any]]:
        return item_rows(self.refusals, self.language, self._items)

    @Property(list, notify=changed)
    def purposes(self) -> list[dict[str, str]]:
        """Why a rider may have come, as the check-in buttons show them."""
        return self.labels.purposes()

    @Property(list, notify=changed)
    def occupations(self) -> list[dict[str, str]]:
        return self.labels.occupations()

    @Property(list, notify=changed)
    def platforms(self) -> list[dict[str, str]]:
        return self.labels.platforms()

    @Property(list, notify=changed)
    def helpRequests(self) -> list[dict[str, Any]]:
        """The rider's open help requests and where each stands, in the language showing."""
        return [{"caseNumber": case_number(r.request_id), "status": self.labels.help_status(r.status),
                 "category": self._category(r.category)}
                for r in self._requests if r.status not in ("resolved", "closed")]

    @Property(str, notify=changed)
    def caseNumber(self) -> str:
        return case_number(self._case.request_id) if self._case else ""

    @Property(bool, notify=changed)
    def caseUrgent(self) -> bool:
        return bool(self._case and self._case.urgent)

    def _programme_row(self, p: Programme) -> dict[str, Any]:
        pick = self.language.pick
        return {"programmeId": p.programme_id, "title": pick(p.title_zh, p.title_en),
                "where": pick(p.where_zh, p.where_en), "bring": pick(p.bring_zh, p.bring_en),
                "waitingList": p.waiting_list,
                "sessions": [{"sessionId": s.session_id, "label": pick(s.label_zh, s.label_en)} for s in p.sessions],
                "fields": [{"key": f.key, "kind": f.kind, "label": pick(f.label_zh, f.label_en),
                            "required": f.required, "choices": list(f.choices)} for f in p.fields]}

    @Property(list, notify=changed)
    def signupProgrammes(self) -> list[dict[str, Any]]:
        """The sign-ups open to the rider here, with their sessions and questions in the language showing."""
        return [self._programme_row(p) for p in self._programmes]

    @Property(list, notify=changed)
    def signups(self) -> list[dict[str, Any]]:
        """The rider's sign-ups and their outcome, as the office last said (at any station)."""
        return [self._signup_row(s) for s in self._signups if s.status != "cancelled" or s is self._signup]

    @Property(list, notify=changed)
    def toAttend(self) -> list[dict[str, Any]]:
        """The rider's places in sessions running today, to sign in to (their attendance)."""
        return [self._signup_row(s) for s in self._to_attend]

    @Property("QVariantMap", notify=changed)
    def lastSignup(self) -> dict[str, Any]:
        return self._signup_row(self._signup) if self._signup else {}

    def _signup_row(self, s: Signup) -> dict[str, Any]:
        statuses = {"confirmed": self.tr("you have a place"), "waiting": self.tr("on the waiting list"),
                    "cancelled": self.tr("cancelled")}
        row = {"signupId": s.signup_id, "status": statuses.get(s.status, s.status),
               "confirmed": s.status == "confirmed", "title": s.programme_id, "session": "", "where": "", "bring": ""}
        known = self._known.get(s.programme_id)
        if known is not None:
            pick = self.language.pick
            row.update(title=pick(known.title_zh, known.title_en), where=pick(known.where_zh, known.where_en),
                       bring=pick(known.bring_zh, known.bring_en), session=next(
                           (pick(x.label_zh, x.label_en) for x in known.sessions if x.session_id == s.session_id), ""))
        row["heading"] = row["title"] + (" · " + row["session"] if row["session"] else "")  # 爱心托管班 · 周一班
        return row

    def _category(self, key: str) -> str:
        return next((c["label"] for c in self.labels.help_categories(self.language, self._categories)
                     if c["key"] == key), key)

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

    @Slot(str)
    def identifyByPhone(self, phone: str) -> None:
        self._run(lambda st: self._rider_state(st, st.identify_by_phone(phone)), self._identified)

    @Slot(str)
    def identifyByCode(self, text: str) -> None:
        self._run(lambda st: self._rider_state(st, st.identify_by_code(text)), self._identified)

    @staticmethod
    def _rider_state(st: Station, member: Member) -> dict[str, Any]:
        """The rider, with their help requests and sign-ups as known here, and the sign-ups open to them."""
        return {"member": member, "requests": st.help_requests(member.member_id),
                "categories": st.help_categories(), **RiderModel._signup_state(st, member.member_id)}

    @staticmethod
    def _signup_state(st: Station, member_id: str) -> dict[str, Any]:
        return {"programmes": st.signup_programmes(member_id), "known": st.known_programmes(),
                "signups": st.rider_signups(member_id), "attend": st.signups_to_attend(member_id)}

    def _apply_signups(self, found: dict[str, Any]) -> None:
        self._programmes, self._known, self._signups = found["programmes"], found["known"], found["signups"]
        self._to_attend = found["attend"]

    def _identified(self, found: dict[str, Any]) -> None:
        self._member, self._requests, self._items, self._code = found["member"], found["requests"], [], ""
        self._categories = found["categories"]
        self._apply_signups(found)
        self.identified.emit()

    @Slot(str)
    def checkIn(self, purpose: str) -> None:
        member_id = self.memberId

        def then(visit: Any) -> None:
            self._already, self._items, self._purpose = not visit.counted, visit.claimable, purpose
            self._order = order_of(self._items)
            self.checkedIn.emit()

        self._run(lambda st: st.check_in(member_id, purpose), then)

    @Slot(str)
    def claim(self, item_id: str) -> None:
        member_id = self.memberId

        def job(st: Station) -> list[ItemStatus]:
            st.claim(member_id, item_id)
            return st.claimable(member_id, "self")

        def then(items: list[ItemStatus]) -> None:
            self._items = in_place(self._order, items)
            self.claimed.emit(item_id)

        self._run(job, then)

    @Slot(str)
    def checkPhone(self, phone: str) -> None:
        """Registration's first step: a malformed number is refused, a known one offered a check-in."""
        def then(owner: Member | None) -> None:
            if owner is None:
                self.phoneFree.emit()
            else:
                self.phoneTaken.emit(owner.masked_name)

        self._run(lambda st: st.phone_owner(phone), then)

    @Slot(str, str, str, str, bool, bool)
    def register(self, phone: str, name: str, occupation: str, platform: str, union_member: bool,
                 consent: bool) -> None:
        def then(result: tuple[Member, str]) -> None:
            self._member, self._code = result
            self.registered.emit()

        self._run(lambda st: st.register(phone=phone, name=name, occupation=occupation, platform=platform,
                                         union_member=union_member, consent=consent), then)

    @Slot(str, str, bool, str, bool)
    def requestHelp(self, category: str, description: str, urgent: bool, phone: str, consent: bool) -> None:
        """Ask the union for help, as the identified rider or (none identified) anonymously."""
        member_id = self.memberId

        def then(result: tuple[HelpRequest, list[Category]]) -> None:
            self._case, self._categories = result
            self._requests = [self._case, *self._requests]
            self.helpRequested.emit()

        self._run(lambda st: (st.request_help(member_id=member_id, category=category, description=description,
                                              urgent=urgent, callback_phone=phone, consent=consent),
                              st.help_categories()), then)

    @Slot(str, str, "QVariantMap")
    def signUp(self, programme_id: str, session_id: str, answers: dict[str, Any]) -> None:
        member_id = self.memberId

        def job(st: Station) -> tuple[Signup, dict[str, Any]]:
            return st.sign_up(member_id, programme_id, session_id, dict(answers)), self._signup_state(st, member_id)

        def then(result: tuple[Signup, dict[str, Any]]) -> None:
            self._signup = result[0]
            self._apply_signups(result[1])
            self.signedUp.emit()

        self._run(job, then)

    @Slot(str)
    def attend(self, signup_id: str) -> None:
        """Sign in at the session the rider has a place in today."""
        member_id = self.memberId

        def job(st: Station) -> tuple[Signup, dict[str, Any]]:
            return st.attend(member_id, signup_id), self._signup_state(st, member_id)

        def then(result: tuple[Signup, dict[str, Any]]) -> None:
            self._apply_signups(result[1])
            self.attended.emit(self.tr("Signed in: %1").replace("%1", self._signup_row(result[0])["heading"]))

        self._run(job, then)

    @Slot()
    def printCase(self) -> None:
        """Print the case number on a slip to keep (what the rider wrote is sealed: it is never printed)."""
        if self._case is None:
            return
        heading = [self.tr("Help request"), self._category(self._case.category)]
        number, footer = case_number(self._case.request_id), [self.tr("Union hotline: 12351")]
        self._print_slip(lambda printer, name, at: printer.case_slip([name, *heading], number, [*footer, at]))

    @Slot()
    def printSignup(self) -> None:
        """Print the sign-up's slip: the outcome, what for, where to go and what to bring (never the answers)."""
        if self._signup is None:
            return
        row = self._signup_row(self._signup)
        outcome = self.tr("You have a place!") if row["confirmed"] else self.tr("You are on the waiting list.")
        lines = [row["heading"], self.tr("Sign-up %1").replace("%1", self._signup.signup_id)]
        lines += [self.tr("Where: %1").replace("%1", row["where"])] if row["where"] else []
        lines += [self.tr("Please bring: %1").replace("%1", row["bring"])] if row["bring"] else []
        self._print_slip(lambda printer, name, at: printer.signup_slip([name], outcome, [*lines, at]))

    def _print_slip(self, job: Any) -> None:
        """A slip with the station's name and the time, printed off the database thread; the rider is told."""
        def printed(_result: Any, error: KioskError | None) -> None:
            if error is not None:
                self.refused.emit(self.refusals.text(error))
            else:
                self.printed.emit(self.tr("Printed. Keep the slip."))

        def send(station: tuple[str, str] | None, error: KioskError | None) -> None:
            if error is not None:
                self.refused.emit(self.refusals.text(error))
            elif station is not None:
                name, at = station
                self.printer.submit(lambda _: job(self.settings.printer(), name, at[:16].replace("T", " ")), printed)

        self.worker.submit(lambda st: (st.info().name, st.store.clock.now().isoformat()), send)

    @Slot()
    def reset(self) -> None:
        """Forget the rider (idle timeout, or the rider is done)."""
        self._member, self._items, self._code, self._already = None, [], "", False
        self._requests, self._case, self._purpose = [], None, ""
        self._programmes, self._known, self._signups, self._signup = [], {}, [], None
        self._to_attend = []
        self.changed.emit()
