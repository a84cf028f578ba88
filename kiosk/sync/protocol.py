"""What crosses between station and hub: event and change shapes, checked before anything is applied."""

from __future__ import annotations

import itertools
import re
from datetime import date, datetime
from typing import Any

from kiosk.base.errors import InvalidInput

PROTOCOL_VERSION = 1
MAX_PUSH_EVENTS = 5000
MAX_PULL_CHANGES = 5000
MAX_BODY_BYTES = 8 * 1024 * 1024
PAGE_SIGNATURE = "X-Kiosk-Signature"  # a pull page's Ed25519 signature by the root key, base64

# Matched whole (fullmatch: "$" would let a trailing newline through) and in ASCII digits only.
_ID = re.compile(r"[0-9A-Za-z\-_.]{1,40}")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_AT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?Z")

# Integers in JSON that every database and every JavaScript reader holds exactly.
MAX_INT = 2**53 - 1
# The longest text a field the hub stores in a column may be (its ids and names are VARCHAR(40)).
MAX_FIELD = {"member_id": 40, "item_id": 40, "programme": 40, "subject": 40, "handout_id": 40, "name": 40,
             "platform": 40, "occupation": 32, "phone_hash": 64, "request_id": 40, "category": 40,
             "sealed": 4000, "signup_id": 40, "programme_id": 40, "session_id": 40, "status": 16}

# The payload fields the hub derives state from, per event type (others are stored as they come).
EVENT_FIELDS: dict[str, dict[str, type | tuple[type, ...]]] = {
    "member_registered": {"member_id": str, "phone_hash": str, "name": str,
                          "occupation": str, "platform": str, "union_member": bool},
    "checked_in": {"member_id": str, "purpose": str},
    "handed_out": {"member_id": str, "item_id": str, "quantity": int, "programme": str},
    "handout_voided": {"handout_id": str, "reason": str},
    "stock_received": {"item_id": str, "quantity": int},
    "stock_counted": {"item_id": str, "counted": int, "delta": int},
    "activity_opened": {"activity_id": str, "title": str},
    "activity_signed_in": {"activity_id": str, "member_id": str},
    "help_requested": {"request_id": str, "member_id": str, "category": str, "urgent": bool, "contact": str,
                       "sealed": str},
    "signed_up": {"signup_id": str, "programme_id": str, "session_id": str, "member_id": str, "status": str,
                  "sealed": str},
    "signup_attended": {"signup_id": str, "programme_id": str, "session_id": str, "member_id": str},
    "credential_issued": {"subject": str, "issued_at": int},
    "credential_revoked": {"subject": str, "issued_before": int, "reason": str},
    # In place of an event the hub could not read: the station keeps the original, the office sees why.
    "event_set_aside": {"type": str, "reason": str},
    # A change from the hub the station could not take (it skipped it and pulls on).
    "change_set_aside": {"change_id": int, "kind": str, "reason": str},
}


def check_event(event: Any) -> dict[str, Any]:
    """One pushed event, or InvalidInput naming what is wrong with it."""
    if not isinstance(event, dict):
        raise InvalidInput("An event must be an object.")
    seq, event_id, type_ = event.get("seq"), event.get("id"), event.get("type")
    if type(seq) is not int or seq < 1:
        raise InvalidInput("An event needs a positive integer seq.")
    if not isinstance(event_id, str) or not _ID.fullmatch(event_id):
        raise InvalidInput(f"Event {seq} has a bad id.")
    if not isinstance(type_, str) or type_ not in EVENT_FIELDS:
        raise InvalidInput(f"Event {seq} has an unknown type {type_!r}.")
    if seq > MAX_INT:
        raise InvalidInput(f"Event {seq} has a seq too large.")
    if not isinstance(event.get("at"), str) or not _AT.fullmatch(event["at"]) or not _parses(
            datetime.fromisoformat, event["at"].replace("Z", "+00:00")):
        raise InvalidInput(f"Event {seq} has a bad time.")
    if not isinstance(event.get("day"), str) or not _DAY.fullmatch(event["day"]) or not _parses(
            date.fromisoformat, event["day"]):
        raise InvalidInput(f"Event {seq} has a bad day.")
    payload = event.get("payload")
    if not isinstance(payload, dict):
        raise InvalidInput(f"Event {seq} has no payload object.")
    for name, kind in EVENT_FIELDS[type_].items():
        value = payload.get(name)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise InvalidInput(f"Event {seq} ({type_}) has a bad or missing {name}.")
        if isinstance(value, int) and not -MAX_INT <= value <= MAX_INT:
            raise InvalidInput(f"Event {seq} ({type_}) has an out-of-range {name}.")
        if isinstance(value, str) and len(value) > MAX_FIELD.get(name, 200):
            raise InvalidInput(f"Event {seq} ({type_}) has an over-long {name}.")
    return event


def _parses(parse: Any, text: str) -> bool:
    try:
        parse(text)
    except ValueError:
        return False
    return True


def check_batch(events: Any, first_expected: int | None = None) -> list[dict[str, Any]]:
    """A batch must be a list of valid events in consecutive seq order."""
    if not isinstance(events, list) or len(events) > MAX_PUSH_EVENTS:
        raise InvalidInput(f"A push carries a list of at most {MAX_PUSH_EVENTS} events.")
    checked = []
    for e in events:
        try:
            checked.append(check_event(e))
        except InvalidInput as exc:  # named, so the station can set that one event aside
            seq = e.get("seq") if isinstance(e, dict) else None
            raise InvalidInput(exc.message, **({"seq": seq} if type(seq) is int else {})) from None
    for before, after in itertools.pairwise(checked):
        if after["seq"] != before["seq"] + 1:
            raise InvalidInput(f"Events are not consecutive at seq {before['seq']}.")
    return checked


def set_aside(event: dict[str, Any], reason: str, at: str, day: str) -> dict[str, Any]:
    """The placeholder a station pushes for an event of its own the hub refused (same seq and id)."""
    event_id = event.get("id")
    return {"seq": event["seq"], "id": event_id if isinstance(event_id, str) and _ID.fullmatch(event_id) else None,
            "type": "event_set_aside", "at": at, "day": day,
            "payload": {"type": str(event.get("type"))[:40], "reason": reason[:200]}}
