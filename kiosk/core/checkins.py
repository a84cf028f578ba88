"""Check-ins: a rider arrives for a purpose; the same rider again within the window counts once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from kiosk.base.clock import iso, parse_iso
from kiosk.base.errors import InvalidInput
from kiosk.core.members import Member, get_member, require_active
from kiosk.core.projections import record
from kiosk.store import Store

PURPOSES = ("rest", "water", "charging", "meal_heating", "restroom", "legal_help", "activity")


@dataclass(frozen=True)
class CheckInResult:
    member: Member
    counted: bool
    at: str
    event_id: str | None


def check_in(store: Store, member_id: str, purpose: str = "rest") -> CheckInResult:
    """Record a visit, unless this rider already checked in within the station's window."""
    if purpose not in PURPOSES:
        raise InvalidInput(f"Purpose must be one of {', '.join(PURPOSES)}.")
    member = require_active(get_member(store, member_id))
    now = store.clock.now()
    window = timedelta(minutes=int(store.setting("checkin_window_min", 30)))
    store.require_transaction("check_in")
    last = store.one("SELECT MAX(at) FROM checkins WHERE member_id = ?", (member_id,))
    if last is not None and now - parse_iso(last) < window:
        return CheckInResult(member, counted=False, at=last, event_id=None)
    event = record(store, "checked_in", {"member_id": member_id, "purpose": purpose}, now)
    return CheckInResult(member, counted=True, at=iso(now), event_id=event.id)
