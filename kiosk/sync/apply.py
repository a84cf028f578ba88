"""Apply pages of hub changes at the station: all of them with the cursor in one transaction, or none."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import Any

from kiosk.base.errors import InvalidInput, KioskError
from kiosk.core.attendants import ROLES, Attendant, disable_attendant, upsert_attendant
from kiosk.core.campaigns import apply_campaigns
from kiosk.core.casework import apply_help_categories, categories_of, set_help_status
from kiosk.core.members import forget_member, merge_member, roster_values, write_roster
from kiosk.core.signups import STATUSES as SIGNUP_STATUSES
from kiosk.core.signups import apply_programme, programme_of, set_signup_status
from kiosk.core.station import clean_station_name, rename_station, set_aside_change
from kiosk.core.stock import receive_allocation
from kiosk.core.trust import apply_revocations, apply_trust_list
from kiosk.store import Store

SET_ASIDE = "set_aside"  # a change this station could not take: skipped, recorded, reported to the hub
KINDS = ("member", "catalogue", "allocation", "attendant", "trust_list", "revocations", "claim", "claim_void",
         "member_deleted", "station_name", "member_merged", "help_status", "signup_programme", "signup_status",
         "help_categories")


def _blob(data: dict[str, Any]) -> bytes:
    try:
        return base64.b64decode(data["blob"], validate=True)
    except (KeyError, TypeError, binascii.Error) as exc:
        raise InvalidInput("A signed list in the page is not base64.") from exc


def _check_change(change: Any) -> tuple[int, str, Any]:
    """A change as (id, kind, data); a member's data as the values its roster row is written with. A
    change with its id but failing its check comes back as (id, SET_ASIDE, why) to be set aside."""
    if not (isinstance(change, dict) and type(change.get("id")) is int):
        raise InvalidInput("A change in the page has no id.")
    try:
        return _check_known(change)
    except InvalidInput as exc:
        return change["id"], SET_ASIDE, {"kind": str(change.get("kind"))[:40], "reason": exc.message}


def _check_known(change: dict[str, Any]) -> tuple[int, str, Any]:
    if change.get("kind") not in KINDS or not isinstance(change.get("data"), dict):
        raise InvalidInput("A change in the page is malformed.")
    data, kind = change["data"], change["kind"]
    if kind == "member":
        return change["id"], kind, roster_values(data)
    if kind == "member_deleted" and not isinstance(data.get("member_id"), str):
        raise InvalidInput("A member_deleted change is malformed.")
    if kind == "help_status" and not all(isinstance(data.get(k), str) for k in ("request_id", "member_id",
                                                                                 "category", "status", "at")):
        raise InvalidInput("A help_status change is malformed.")
    if kind == "help_categories":
        categories_of(data.get("categories"))
    if kind == "signup_programme":
        programme_of(data)  # refused here, set aside whole, if the office sent a malformed one
    if kind == "signup_status" and not (all(isinstance(data.get(k), str) for k in (
            "signup_id", "programme_id", "session_id", "member_id", "at")) and data.get("status") in SIGNUP_STATUSES):
        raise InvalidInput("A signup_status change is malformed.")
    if kind == "member_merged" and not (isinstance(data.get("member_id"), str) and isinstance(data.get("into"), str)):
        raise InvalidInput("A member_merged change is malformed.")
    if kind in ("claim", "claim_void"):
        fields = {"event_id": str} if kind == "claim_void" else {
            "event_id": str, "station_id": str, "member_id": str, "item_id": str, "quantity": int, "day": str}
        if any(not isinstance(data.get(k), v) for k, v in fields.items()):
            raise InvalidInput(f"A {kind} change is malformed.")
    elif kind == "allocation":
        if not (isinstance(data.get("allocation_id"), str) and isinstance(data.get("item_id"), str)
                and type(data.get("quantity")) is int and data["quantity"] > 0
                and isinstance(data.get("codes"), list) and all(isinstance(c, str) for c in data["codes"])):
            raise InvalidInput("An allocation change is malformed.")
    elif kind == "attendant":
        if not (isinstance(data.get("attendant_id"), str) and isinstance(data.get("name"), str)
                and data.get("role") in ROLES and isinstance(data.get("pin_hash"), str)):
            raise InvalidInput("An attendant change is malformed.")
    elif kind == "catalogue" and not (isinstance(data.get("campaigns"), list) and isinstance(data.get("items"), list)):
        raise InvalidInput("A catalogue change is malformed.")
    elif kind == "station_name":
        if not isinstance(data.get("name"), str):
            raise InvalidInput("A station_name change is malformed.")
        clean_station_name(data["name"])  # refused here, set aside whole, if the office sent a bad one
    return change["id"], kind, data


@dataclass
class CheckedPage:
    """A pull page that passed every check, ready to write."""

    changes: list[tuple[int, str, Any]]
    next: int


def check_page(page: Any) -> CheckedPage:
    """Check a whole pull page without touching the database; InvalidInput says what is wrong."""
    if not (isinstance(page, dict) and isinstance(page.get("changes"), list) and type(page.get("next")) is int):
        raise InvalidInput("The pull page is malformed.")
    try:
        return CheckedPage([_check_change(c) for c in page["changes"]], page["next"])
    except InvalidInput as exc:
        raise InvalidInput(f"The pull page was refused: {exc.message}") from exc


def _apply_change(store: Store, kind: str, data: Any, own: str) -> bool:
    """Write one checked change; True if it forgot a rider (the write-ahead log is then truncated)."""
    if kind == "catalogue":
        apply_campaigns(store, data["campaigns"], data["items"])
    elif kind == "allocation":
        receive_allocation(store, data["allocation_id"], data["item_id"], data["quantity"], data["codes"])
    elif kind == "attendant" and data.get("active") is False:  # the office disabled them
        disable_attendant(store, data["attendant_id"])
    elif kind == "attendant":
        upsert_attendant(store, Attendant(data["attendant_id"], data["name"], data["role"]), data["pin_hash"])
    elif kind == "trust_list":
        apply_trust_list(store, _blob(data))
    elif kind == "revocations":
        apply_revocations(store, _blob(data))
    elif kind == "claim" and data["station_id"] != own:
        store.conn.execute(
            "INSERT OR IGNORE INTO remote_claims (event_id, station_id, member_id, item_id, quantity, day)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (data["event_id"], data["station_id"], data["member_id"], data["item_id"], data["quantity"], data["day"]))
    elif kind == "claim_void":
        store.conn.execute("UPDATE remote_claims SET voided = 1 WHERE event_id = ?", (data["event_id"],))
    elif kind == "member_deleted":
        forget_member(store, data["member_id"])
        return True
    elif kind == "help_status":
        set_help_status(store, data["request_id"], data["member_id"], data["category"], data["status"], data["at"])
    elif kind == "signup_programme":
        apply_programme(store, data)
    elif kind == "help_categories":
        apply_help_categories(store, data["categories"])
    elif kind == "signup_status":
        set_signup_status(store, data)
    elif kind == "member_merged":
        merge_member(store, data["member_id"], data["into"])
    elif kind == "station_name":
        rename_station(store, data["name"])  # the office renamed this station
    return False


def apply_pages(store: Store, pages: list[Any]) -> int:
    """Apply consecutive pull pages in one transaction with the cursor: all of them, or (if one is
    malformed) none. Returns the number of changes applied."""
    return write_pages(store, [check_page(p) for p in pages])


def write_pages(store: Store, pages: list[CheckedPage]) -> int:
    """Write checked pages and the cursor in one transaction; changes already applied are skipped, and a
    change this station cannot take is set aside (recorded as an event the hub hears of) instead of
    stopping every pull after it."""
    own = store.setting("station_id")
    applied = 0
    forgot = False
    try:
        with store.transaction():
            cursor = store.setting("pull_cursor", 0)
            members: list[tuple[Any, ...]] = []
            for change_id, kind, data in (change for page in pages for change in page.changes):
                if change_id <= cursor:
                    continue  # already applied (a page or bundle seen twice)
                applied += 1
                if kind == "member":
                    members.append(data)
                    continue
                if members:
                    write_roster(store, members)
                    members = []
                if kind == SET_ASIDE:
                    set_aside_change(store, change_id, data["kind"], data["reason"])
                    continue
                try:
                    with store.savepoint():
                        forgot |= _apply_change(store, kind, data, own)
                except InvalidInput as exc:
                    set_aside_change(store, change_id, kind, exc.message)
            if members:
                write_roster(store, members)
            if pages:
                store.set_setting("pull_cursor", max(cursor, pages[-1].next))
    except KioskError as exc:
        if isinstance(exc, InvalidInput):
            raise InvalidInput(f"The pull page was refused: {exc.message}") from exc
        raise
    if forgot:  # the old row's pages leave the write-ahead log too, not only the database
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return applied
