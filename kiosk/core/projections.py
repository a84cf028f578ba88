"""One projector per event type: the only code that writes the tables derived from the station's log.

A use case checks its rules, then ``record``s its event; the event's projector writes check-ins,
handouts, stock, voucher codes, activities and sign-ins. ``replay`` runs a log through the same
projectors, so the derived tables can be checked against (or rebuilt from) the events at any time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from kiosk.store import Event, Store

Projector = Callable[[Store, Event], None]

# The tables written only by projectors of the station's own events, with the columns replay compares.
DERIVED: dict[str, str] = {
    "checkins": "event_id, member_id, purpose, at, day",
    "handouts": "event_id, member_id, item_id, quantity, at, day, channel, attendant_id, voucher_code, "
                "void_event_id",
    "stock": "item_id, on_hand",
    "voucher_codes": "code, item_id, handout_id",
    "activities": "activity_id, title, opened_at, closes_at, opened_by",
    "activity_signins": "event_id, activity_id, member_id, at, day",
}


def move_stock(store: Store, item_id: str, delta: int) -> None:
    """The one place stock on hand changes (a receipt, a count, a handout, a void)."""
    store.conn.execute("UPDATE stock SET on_hand = on_hand + ? WHERE item_id = ?", (delta, item_id))


def _checked_in(store: Store, e: Event) -> None:
    store.conn.execute("INSERT INTO checkins (event_id, member_id, purpose, at, day) VALUES (?, ?, ?, ?, ?)",
                       (e.id, e.payload["member_id"], e.payload["purpose"], e.at, e.day))


def _handed_out(store: Store, e: Event) -> None:
    p = e.payload
    store.conn.execute(
        "INSERT INTO handouts (event_id, member_id, item_id, quantity, at, day, channel, attendant_id, "
        "voucher_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (e.id, p["member_id"], p["item_id"], p["quantity"], e.at, e.day, p["channel"], p["attendant_id"],
         p["voucher_code"]),
    )
    move_stock(store, p["item_id"], -p["quantity"])
    if p["voucher_code"]:
        store.conn.execute("UPDATE voucher_codes SET handout_id = ? WHERE code = ?", (e.id, p["voucher_code"]))


def _handout_voided(store: Store, e: Event) -> None:
    handout_id = e.payload["handout_id"]
    item_id, quantity, code = store.conn.execute(
        "SELECT item_id, quantity, voucher_code FROM handouts WHERE event_id = ?", (handout_id,)).fetchone()
    store.conn.execute("UPDATE handouts SET void_event_id = ? WHERE event_id = ?", (e.id, handout_id))
    # A voucher code goes back to the pool only if the attendant has the card back in hand; otherwise it
    # stays used for ever (the rider may still hold it). Voids recorded before this rule returned it.
    if code is None or e.payload.get("code_back", True):
        move_stock(store, item_id, quantity)
        if code:
            store.conn.execute("UPDATE voucher_codes SET handout_id = NULL WHERE code = ?", (code,))


def _stock_received(store: Store, e: Event) -> None:
    p = e.payload
    # OR IGNORE: the hub may allocate a code this station already holds; a local delivery was checked.
    store.conn.executemany("INSERT OR IGNORE INTO voucher_codes (code, item_id) VALUES (?, ?)",
                           [(c, p["item_id"]) for c in p["codes"]])
    move_stock(store, p["item_id"], p["quantity"])


def _stock_counted(store: Store, e: Event) -> None:
    move_stock(store, e.payload["item_id"], e.payload["delta"])


def _activity_opened(store: Store, e: Event) -> None:
    p = e.payload
    store.conn.execute(
        "INSERT INTO activities (activity_id, title, opened_at, closes_at, opened_by) VALUES (?, ?, ?, ?, ?)",
        (p["activity_id"], p["title"], e.at, p["closes_at"], p["attendant_id"]),
    )


def _activity_signed_in(store: Store, e: Event) -> None:
    store.conn.execute(
        "INSERT INTO activity_signins (event_id, activity_id, member_id, at, day) VALUES (?, ?, ?, ?, ?)",
        (e.id, e.payload["activity_id"], e.payload["member_id"], e.at, e.day),
    )


def _member_registered(store: Store, e: Event) -> None:
    p = e.payload
    store.conn.execute(
        "INSERT INTO members (member_id, phone_hash, phone_last4, name, occupation, platform, union_member, "
        "status, source, station_id, registered_at, consent_at) VALUES (?, ?, '', ?, ?, ?, ?, 'active', 'local', "
        "?, ?, ?)",
        (p["member_id"], bytes.fromhex(p["phone_hash"]), p["name"], p["occupation"],
         p["platform"], int(p["union_member"]), store.setting("station_id"), e.at, p["consent_at"]),
    )


def _help_requested(store: Store, e: Event) -> None:
    p = e.payload  # the sealed description and phone stay in the event only: this table holds no content
    store.conn.execute(
        "INSERT INTO help_requests (request_id, member_id, category, urgent, status, at) VALUES (?, ?, ?, ?, 'new', ?)",
        (p["request_id"], p["member_id"], p["category"], int(p["urgent"]), e.at))


def _signed_up(store: Store, e: Event) -> None:
    p = e.payload  # the answers stay sealed in the event only
    store.conn.execute(
        "INSERT INTO signups (signup_id, programme_id, session_id, member_id, status, local, at) "
        "VALUES (?, ?, ?, ?, ?, 1, ?)",
        (p["signup_id"], p["programme_id"], p["session_id"], p["member_id"], p["status"], e.at))


def _signup_attended(store: Store, e: Event) -> None:
    store.conn.execute("INSERT INTO signup_attendance (event_id, signup_id, day) VALUES (?, ?, ?)",
                       (e.id, e.payload["signup_id"], e.day))


def _credential_revoked(store: Store, e: Event) -> None:
    revoke_many(store, [(e.payload["subject"], e.payload["issued_before"], e.payload["reason"])])


def revoke_many(store: Store, entries: list[tuple[str, int, str]]) -> None:
    """Widen revocations (a local one, or the hub's signed list): a cut-off only ever moves later."""
    store.conn.executemany(
        "INSERT INTO revocations (subject, issued_before, reason) VALUES (?, ?, ?) "
        "ON CONFLICT (subject) DO UPDATE SET issued_before = MAX(issued_before, excluded.issued_before), "
        "reason = excluded.reason",
        entries,
    )


def _nothing(store: Store, e: Event) -> None:
    """An event kept in the log (and pushed to the hub) that changes no table here."""


# Every event type a station records, each with its projector; replay re-runs the first group only,
# because members and revocations also come from the hub and are not the log's alone.
REPLAYED: dict[str, Projector] = {
    "checked_in": _checked_in,
    "handed_out": _handed_out,
    "handout_voided": _handout_voided,
    "stock_received": _stock_received,
    "stock_counted": _stock_counted,
    "activity_opened": _activity_opened,
    "activity_signed_in": _activity_signed_in,
}
PROJECTORS: dict[str, Projector] = {
    **REPLAYED,
    "member_registered": _member_registered,
    "credential_revoked": _credential_revoked,
    "credential_issued": _nothing,
    "help_requested": _help_requested,
    "signed_up": _signed_up,
    "signup_attended": _signup_attended,
    "change_set_aside": _nothing,
}


def record(store: Store, type_: str, payload: dict[str, Any], at: datetime) -> Event:
    """Append an event to the log and project it, in the caller's transaction."""
    event = store.append_event(type_, payload, at)
    PROJECTORS[type_](store, event)
    return event


def derived_tables(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """The derived tables' rows, in a fixed order, for comparing with a replay."""
    return {table: store.conn.execute(f"SELECT {columns} FROM {table} ORDER BY 1").fetchall()
            for table, columns in DERIVED.items()}


def replay(store: Store, events: Iterable[Event]) -> dict[str, list[tuple[Any, ...]]]:
    """The derived tables a log gives, worked out on this station's catalogue and riders and then
    rolled back (inside the caller's transaction): ``replay(store, store.events()) ==
    derived_tables(store)`` holds for a sound station."""
    store.require_transaction("replay")
    conn = store.conn
    conn.execute("SAVEPOINT replay")
    try:
        conn.execute("UPDATE stock SET on_hand = 0")
        for table in ("activity_signins", "activities", "handouts", "checkins", "voucher_codes"):
            conn.execute(f"DELETE FROM {table}")
        for event in events:
            if event.type in REPLAYED:
                REPLAYED[event.type](store, event)
        return derived_tables(store)
    finally:
        conn.execute("ROLLBACK TO replay")
        conn.execute("RELEASE replay")
