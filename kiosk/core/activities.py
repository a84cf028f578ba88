"""Activities (a training, a talk) that an attendant opens and riders sign in to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from kiosk.base.clock import iso
from kiosk.base.errors import ActivityClosed, InvalidInput, UnknownActivity
from kiosk.base.ids import short_id
from kiosk.core.members import get_member, require_active
from kiosk.core.projections import record
from kiosk.store import Store


@dataclass(frozen=True)
class Activity:
    activity_id: str
    title: str
    opened_at: str
    closes_at: str


def open_activity(store: Store, title: str, attendant_id: str, hours: float = 3.0) -> Activity:
    title = (title or "").strip()
    if not 1 <= len(title) <= 60:
        raise InvalidInput("An activity title is 1 to 60 characters.")
    if not 0 < hours <= 24:
        raise InvalidInput("An activity stays open between a few minutes and 24 hours.")
    now = store.clock.now()
    activity_id = short_id(10)
    closes_at = iso(now + timedelta(hours=hours))
    event = record(
        store, "activity_opened",
        {"activity_id": activity_id, "title": title, "closes_at": closes_at, "attendant_id": attendant_id},
        now,
    )
    return Activity(activity_id, title, event.at, closes_at)


def open_activities(store: Store) -> list[Activity]:
    now = iso(store.clock.now())
    rows = store.rows(
        "SELECT activity_id, title, opened_at, closes_at FROM activities "
        "WHERE opened_at <= ? AND closes_at > ? ORDER BY opened_at",
        (now, now),
    )
    return [Activity(**r) for r in rows]


def sign_in(store: Store, activity_id: str, member_id: str) -> bool:
    """Sign a rider in to an open activity; False if they had already signed in."""
    rows = store.rows("SELECT closes_at, opened_at FROM activities WHERE activity_id = ?", (activity_id,))
    if not rows:
        raise UnknownActivity(f"No activity {activity_id!r} at this station.")
    require_active(get_member(store, member_id))
    now = store.clock.now()
    if not rows[0]["opened_at"] <= iso(now) < rows[0]["closes_at"]:
        raise ActivityClosed("This activity is not open for sign-in now.")
    store.require_transaction("sign_in")
    if store.one("SELECT 1 FROM activity_signins WHERE activity_id = ? AND member_id = ?", (activity_id, member_id)):
        return False
    record(store, "activity_signed_in", {"activity_id": activity_id, "member_id": member_id}, now)
    return True
