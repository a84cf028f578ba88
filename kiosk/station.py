"""The station: one method per use case, the one object the app, the command line, the demo, the bench
and sync call (in the spirit of Anki's ``Collection``).

It owns the store, the clock, the keys and the code verifier; each method is one transaction over the
core's rules. It imports no Qt and touches no printer: printing is the caller's, on its own thread,
between ``plan_handout`` and ``hand_out`` (or ``sign_card`` and ``record_card``), so a jammed printer
never holds the database and a failed print uses up nothing.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import sqlite_utils

from kiosk.base.clock import Clock
from kiosk.base.errors import InvalidCredential, InvalidInput, UnknownMember
from kiosk.base.files import private_dir
from kiosk.base.paths import database_path, keys_dir
from kiosk.core import (
    activities,
    attendants,
    campaigns,
    cards,
    casework,
    checkins,
    entitlements,
    handouts,
    members,
    projections,
    retention,
    signups,
    stock,
)
from kiosk.core.station import StationInfo, rename_station, set_up_station, station_info
from kiosk.core.summary import station_status
from kiosk.credentials.boxes import load_or_create_box_key
from kiosk.credentials.codes import Credential, Issuer
from kiosk.store import Store

MIN_FREE_DISK = 200 * 1024 * 1024


@dataclass(frozen=True)
class Visit:
    """What a check-in came to: the rider, whether it counted, and what they may claim now."""

    member: members.Member
    counted: bool
    claimable: list[entitlements.ItemStatus]


@dataclass(frozen=True)
class PlannedHandout:
    """A handout the rules allow right now, not yet recorded: what a receipt prints before it is."""

    member: members.Member
    item: campaigns.Item
    quantity: int
    voucher_code: str | None
    at: str


@dataclass(frozen=True)
class SignedCard:
    """A membership code signed but not yet recorded (recorded once it is printed or shown)."""

    member: members.Member
    text: str
    issued_at: int
    expires_at: int


def disk_report(directory: Path) -> dict[str, Any]:
    """Free and total bytes where the station keeps its data, and whether that is enough."""
    usage = shutil.disk_usage(directory if directory.exists() else directory.parent)
    return {"free_bytes": usage.free, "total_bytes": usage.total, "ok": usage.free >= MIN_FREE_DISK}


class Station:
    """One station's data directory, opened: ``Station.open(data_dir)``."""

    def __init__(self, store: Store, keys: Path) -> None:
        self.store = store
        self.keys = keys
        self._verifier: cards.Verifier | None = None
        self._signer: Issuer | None = None

    @classmethod
    def open(cls, data_dir: Path, clock: Clock | None = None, check: bool = True) -> Station:
        private_dir(data_dir)
        return cls(Store(database_path(data_dir), clock=clock, check=check), keys_dir(data_dir))

    def close(self) -> None:
        self.store.close()

    @contextmanager
    def batch(self) -> Iterator[Station]:
        """Many use cases in one commit (a demo's day of history): each still undoes alone if refused."""
        with self.store.transaction():
            yield self

    def set_up(self, name: str) -> StationInfo:
        """Make a station with no hub (a demo, a bench): its id, secrets and keys, its own root of trust."""
        with self.store.transaction():
            info = set_up_station(self.store, name)
            cards.ensure_keys(self.store, self.keys)
        self._signer = None
        return info

    def load_catalogue(self, campaigns_: list[dict[str, Any]], items: list[dict[str, Any]]) -> None:
        """Campaigns and items as the hub would send them (for a station that is its own hub)."""
        with self.store.transaction():
            campaigns.apply_campaigns(self.store, campaigns_, items)

    def load_roster(self, rows: list[dict[str, Any]]) -> int:
        """Riders as the hub would send them (for a station that is its own hub)."""
        with self.store.transaction():
            return members.apply_roster(self.store, rows)

    @property
    def data_dir(self) -> Path:
        return self.keys.parent

    @property
    def verifier(self) -> cards.Verifier:
        if self._verifier is None:
            self._verifier = cards.Verifier(self.store)
        return self._verifier

    def _issuer(self) -> Issuer:
        """The station's signing key, read from its file once (enrolment gives the station a new id)."""
        if self._signer is None:
            self._signer = cards.load_issuer(self.store, self.keys)
        return self._signer

    # -- riders -----------------------------------------------------------------------------------

    def identify_by_code(self, text: str) -> members.Member:
        """The active rider a scanned membership code names; a voucher card scanned by mistake says so
        (asked only of a code that is not a membership code: a voucher's text is never one)."""
        try:
            return cards.member_from_code(self.store, self.verifier, text)
        except InvalidCredential:
            if handouts.is_voucher_code(self.store, text):
                raise InvalidCredential("voucher", "This is a voucher, not a membership code.") from None
            raise

    def identify_by_phone(self, phone: str) -> members.Member:
        return members.require_active(members.find_by_phone(self.store, phone))

    def phone_owner(self, phone: str) -> members.Member | None:
        """The rider already registered with this phone, or None (a malformed number is refused): registration
        asks at its first step, so a known rider is offered a check-in instead."""
        try:
            return members.find_by_phone(self.store, phone)
        except UnknownMember:
            return None

    def identify(self, text: str) -> members.Member:
        """A rider by a scanned code or a typed phone number (the attendant's one search box)."""
        return self.identify_by_phone(text) if text.isdigit() else self.identify_by_code(text)

    def member(self, member_id: str) -> members.Member:
        return members.get_member(self.store, member_id)

    def members(self, limit: int = 50) -> list[members.Member]:
        return members.list_members(self.store, limit=limit)

    def check_in(self, member_id: str, purpose: str = "rest") -> Visit:
        """Record a visit (once per window); coming for an activity signs the rider in to what is open."""
        with self.store.transaction():
            result = checkins.check_in(self.store, member_id, purpose)
            if purpose == "activity":
                for activity in activities.open_activities(self.store):
                    activities.sign_in(self.store, activity.activity_id, member_id)
        return Visit(result.member, result.counted, self.claimable(member_id, "self"))

    def claimable(self, member_id: str, channel: str = "attended") -> list[entitlements.ItemStatus]:
        """Every running item and whether this rider may take one now: what can be taken first."""
        statuses = entitlements.claim_status(self.store, self.member(member_id), channel)
        return sorted(statuses, key=lambda s: (not s.available, not s.item.self_service))

    def request_help(self, *, member_id: str = "", category: str, description: str = "", urgent: bool = False,
                     callback_phone: str = "", consent: bool = False) -> casework.HelpRequest:
        """A rider's help request (identified or anonymous); what they wrote and their phone are sealed for
        the union office before they are written here."""
        with self.store.transaction():
            return casework.request_help(self.store, member_id=member_id, category=category, description=description,
                                     urgent=urgent, callback_phone=callback_phone, consent=consent)

    def help_requests(self, member_id: str) -> list[casework.HelpRequest]:
        """A rider's help requests and their status as the office last sent it."""
        return casework.help_requests_of(self.store, member_id)

    def help_categories(self) -> list[casework.Category]:
        """What a request may be about here (the office's list; a retired one is kept for old requests)."""
        return casework.help_categories(self.store)

    def signup_programmes(self, member_id: str) -> list[signups.Programme]:
        """The sign-ups this rider may make here today."""
        return signups.open_to(self.store, member_id)

    def known_programmes(self) -> dict[str, signups.Programme]:
        """Every programme the office sent here, open or not (a rider's sign-ups are named by them)."""
        return {p.programme_id: p for p in signups.programmes(self.store)}

    def sign_up(self, member_id: str, programme_id: str, session_id: str, answers: dict[str, Any]) -> signups.Signup:
        """Sign a rider up (their answers sealed for the office): a place, or the waiting list."""
        with self.store.transaction():
            return signups.sign_up(self.store, member_id, programme_id, session_id, answers)

    def signups_to_attend(self, member_id: str) -> list[signups.Signup]:
        """The rider's confirmed sign-ups running today they have not signed in to yet."""
        return signups.to_attend(self.store, member_id)

    def attend(self, member_id: str, signup_id: str) -> signups.Signup:
        """Sign a rider in at their sign-up's session today (its attendance)."""
        with self.store.transaction():
            return signups.attend(self.store, member_id, signup_id)

    def rider_signups(self, member_id: str) -> list[signups.Signup]:
        """A rider's sign-ups and their outcome as the office last sent it."""
        return signups.signups_of(self.store, member_id)

    def urgent_help(self) -> list[casework.HelpRequest]:
        """Urgent requests made here that no caseworker has taken up yet (the staff screen shows them)."""
        return casework.urgent_waiting(self.store)

    def claim(self, member_id: str, item_id: str) -> handouts.Handout:
        """A rider takes a self-service item at an unattended station."""
        with self.store.transaction():
            return handouts.hand_out(self.store, member_id, item_id, 1, channel="self")

    def register(self, *, phone: str, name: str, occupation: str, platform: str = "", union_member: bool = False,
                 consent: bool) -> tuple[members.Member, str]:
        """Register a rider and issue their membership code in one commit."""
        with self.store.transaction():
            return cards.register_with_code(self.store, self._issuer(), phone=phone, name=name, occupation=occupation,
                                            platform=platform, union_member=union_member, consent=consent)

    # -- attendants -------------------------------------------------------------------------------

    def unlock(self, pin: str, role: str | None = None) -> attendants.Attendant:
        """The attendant a PIN names (and, for the technician's screens, the role) before a screen opens; a
        wrong PIN is counted (committed) before it is refused."""
        with self.store.transaction():
            check = attendants.check_pin(self.store, pin, role=role)
        return check.result()

    def add_attendant(self, name: str, role: str, pin: str, attendant_id: str | None = None) -> attendants.Attendant:
        with self.store.transaction():
            return attendants.add_attendant(self.store, name, role, pin, attendant_id=attendant_id)

    def plan_handout(self, member_id: str, item_id: str, quantity: int, attendant_id: str) -> PlannedHandout:
        """Check a handout against every rule without recording it (what its receipt will say)."""
        try:
            with self.store.transaction():
                handout = handouts.hand_out(self.store, member_id, item_id, quantity, attendant_id=attendant_id)
                raise _DryRun(PlannedHandout(self.member(member_id), campaigns.get_item(self.store, item_id)[0],
                                             quantity, handout.voucher_code, handout.at))
        except _DryRun as dry_run:
            return dry_run.result

    def hand_out(self, member_id: str, item_id: str, quantity: int, attendant_id: str,
                 voucher_code: str | None = None) -> handouts.Handout:
        """Give a rider an item; with ``voucher_code``, only if that is still the code handed out (the one
        its receipt printed)."""
        with self.store.transaction():
            handout = handouts.hand_out(self.store, member_id, item_id, quantity, attendant_id=attendant_id)
            if voucher_code is not None and handout.voucher_code != voucher_code:
                raise InvalidInput("The printed voucher code was taken meanwhile: please try again.")
        return handout

    def void(self, handout_id: str, reason: str, attendant_id: str, code_back: bool = False) -> str:
        """Void a mistaken handout; a voucher's code is used again only if its card is back (``code_back``)."""
        with self.store.transaction():
            return handouts.void_handout(self.store, handout_id, reason, attendant_id, code_back)

    def recent_handouts(self, member_id: str | None = None, limit: int = 20) -> list[dict[str, Any]]:
        return handouts.recent_handouts(self.store, member_id, limit=limit)

    def items(self, active_on: date | None = None) -> list[tuple[campaigns.Item, campaigns.Campaign]]:
        """Items with their campaigns; only those running on ``active_on`` when given."""
        return campaigns.list_items(self.store, active_on=active_on)

    def stock(self) -> list[dict[str, Any]]:
        return stock.stock_levels(self.store)

    def receive_stock(self, item_id: str, quantity: int, attendant_id: str | None, codes: Sequence[str] = ()) -> int:
        with self.store.transaction():
            return stock.receive_stock(self.store, item_id, quantity, attendant_id or "", codes)

    def count_stock(self, item_id: str, counted: int, attendant_id: str | None, reason: str = "count") -> int:
        with self.store.transaction():
            return stock.count_stock(self.store, item_id, counted, attendant_id or "", reason)

    def open_activity(self, title: str, attendant_id: str, hours: float = 3.0) -> activities.Activity:
        with self.store.transaction():
            return activities.open_activity(self.store, title, attendant_id, hours)

    def open_activities(self) -> list[activities.Activity]:
        return activities.open_activities(self.store)

    def sign_in(self, activity_id: str, member_id: str) -> bool:
        with self.store.transaction():
            return activities.sign_in(self.store, activity_id, member_id)

    # -- membership codes -------------------------------------------------------------------------

    def verify(self, text: str) -> Credential:
        return self.verifier.verify(text)

    def issue_card(self, member_id: str) -> str:
        """A new code for an active rider (the old ones keep working)."""
        members.require_active(self.member(member_id))
        with self.store.transaction():
            return cards.issue(self.store, self._issuer(), member_id)

    def sign_card(self, member_id: str) -> SignedCard:
        """Sign a rider's new code without recording it: ``record_card`` once it was printed."""
        member = members.require_active(self.member(member_id))
        return SignedCard(member, *cards.sign(self.store, self._issuer(), member_id))

    def record_card(self, card: SignedCard) -> str:
        with self.store.transaction():
            cards.record_issued(self.store, self._issuer(), card.member.member_id, "membership", card.issued_at,
                                card.expires_at)
        return card.text

    def revoke_cards(self, member_id: str, reason: str, attendant_id: str | None = None) -> int:
        self.member(member_id)
        with self.store.transaction():
            return cards.revoke(self.store, member_id, reason, attendant_id)

    def replace_card(self, member_id: str, attendant_id: str) -> str:
        """A lost card: every code so far is cancelled and a new one issued, in one commit."""
        with self.store.transaction():
            cards.revoke(self.store, member_id, "lost card", attendant_id)
            return self.issue_card(member_id)

    # -- the station itself -----------------------------------------------------------------------

    def info(self) -> StationInfo:
        return station_info(self.store)

    def rename(self, name: str) -> StationInfo:
        return rename_station(self.store, name)

    def status(self) -> dict[str, Any]:
        return station_status(self.store)

    def check_integrity(self, quick: bool = False) -> str:
        return self.store.one("PRAGMA quick_check") if quick else self.store.integrity_check()

    def log_mismatches(self) -> list[str]:
        """The derived tables that differ from a replay of the station's log (none on a sound station)."""
        with self.store.transaction():
            replayed = projections.replay(self.store, self.store.all_events())
            actual = projections.derived_tables(self.store)
        return [table for table in actual if replayed[table] != actual[table]]

    def doctor(self) -> dict[str, Any]:
        """The database's health, its tables and their sizes, whether they agree with the log, the disk and
        the clock offset."""
        db = sqlite_utils.Database(self.store.conn)
        mismatches = self.log_mismatches()
        return {
            "database": {"integrity": self.store.integrity_check(), "schema_version": self.store.schema_version(),
                         "log_replay": "ok" if not mismatches else "differs in " + ", ".join(mismatches),
                         "size_bytes": Path(self.store.path).stat().st_size,
                         "tables": {name: db[name].count for name in db.table_names()}},
            "disk": disk_report(self.data_dir),
            "clock_offset_s": self.store.setting("clock_offset_s", 0.0),
        }

    def export_table(self, table: str, fmt: str = "json") -> str:
        """A technician's copy of one table, as CSV or JSON; phone hashes and PIN hashes are left out."""
        db = sqlite_utils.Database(self.store.conn)
        if table not in db.table_names():
            raise InvalidInput(f"No table {table!r}; the tables are {', '.join(sorted(db.table_names()))}.")
        hidden = {"phone_hash", "pin_hash", "public_key"}
        columns = [c.name for c in db[table].columns if c.name not in hidden]
        rows = [{c: r[c] for c in columns} for r in db[table].rows]
        if fmt == "json":
            return json.dumps(rows, ensure_ascii=False, indent=2)
        out = io.StringIO()
        writer = csv.DictWriter(out, columns)
        writer.writeheader()
        writer.writerows(rows)
        return out.getvalue()

    # -- sync -------------------------------------------------------------------------------------

    def enrol(self, hub_url: str, code: str, ca: Path | None = None) -> tuple[StationInfo, Any]:
        """Enrol this fresh station with the hub (trusting ``ca`` for its certificate, if given) and take
        its first sync."""
        from kiosk.sync.enrol import enrol_station

        info = enrol_station(self.store, self.keys, hub_url, code, ca)
        self._signer = None
        return info, self.sync_once()

    def check_enrolled(self) -> None:
        """Refuse, with what to do, if this station has no hub to sync with."""
        from kiosk.sync.client import client_for

        client_for(self.store, self.keys).close()

    def sync_once(self, hub_url: str = "", timeout: float = 15.0) -> Any:
        """Push what the hub lacks and pull what it has for this station, now."""
        from kiosk.sync.client import client_for, sync_once

        self.forget_old_links()  # also while the hub cannot be reached
        client = client_for(self.store, self.keys, timeout=timeout, hub_url=hub_url)
        try:
            return sync_once(self.store, client)
        finally:
            client.close()

    def forget_old_links(self) -> int:
        """Retention, run with every sync and bundle: visits and handouts older than the retention period
        keep their counts but no longer name the rider (once a day is enough)."""
        today = self.store.clock.day(self.store.clock.now())
        if self.store.setting("retention_day") == today.isoformat():
            return 0
        with self.store.transaction():
            unlinked = retention.forget_old_links(self.store, today)
            self.store.set_setting("retention_day", today.isoformat())
        return unlinked

    def export_bundle(self, path: Path) -> int:
        from kiosk.sync.bundle import export_bundle

        if not path.parent.is_dir():
            raise InvalidInput(f"No folder {path.parent} to write the bundle into.", field="folder")
        self.forget_old_links()
        return export_bundle(self.store, self._issuer(), path)

    def import_reply(self, path: Path) -> dict[str, int]:
        from kiosk.sync.bundle import import_reply

        box = self.keys / "box.key"
        return import_reply(self.store, path, load_or_create_box_key(box) if box.exists() else None)


class _DryRun(Exception):
    """Rolls a dry run back and carries its result out of the transaction."""

    def __init__(self, result: Any) -> None:
        super().__init__("dry run")
        self.result = result
