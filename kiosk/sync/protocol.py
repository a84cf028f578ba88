"""What crosses between station and hub: event and change shapes, checked before anything is applied."""

from __future__ import annotations

import itertools
import re
from typing import Any

from kiosk.base.errors import InvalidInput

PROTOCOL_VERSION = 1
MAX_PUSH_EVENTS = 5000
MAX_PULL_CHANGES = 5000
MAX_BODY_BYTES = 8 * 1024 * 1024

# Matched whole (fullmatch: "$" would let a trailing newline through) and in ASCII digits only.
_ID = re.compile(r"[0-9A-Za-z\-_.]{1,40}")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_AT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?Z")

# The payload fields the hub derives state from, per event type (others are stored as they come).
EVENT_FIELDS: dict[str, dict[str, type | tuple[type, ...]]] = {
    "member_registered": {"member_id": str, "phone_hash": str, "phone_last4": str, "name": str,
                          "occupation": str, "platform": str, "union_member": bool},
    "checked_in": {"member_id": str, "purpose": str},
    "handed_out": {"member_id": str, "item_id": str, "quantity": int, "programme": str},
    "handout_voided": {"handout_id": str, "reason": str},
    "stock_received": {"item_id": str, "quantity": int},
    "stock_counted": {"item_id": str, "counted": int, "delta": int},
    "activity_opened": {"activity_id": str, "title": str},
    "activity_signed_in": {"activity_id": str, "member_id": str},
    "credential_issued": {"subject": str, "issued_at": int},
    "credential_revoked": {"subject": str, "issued_before": int, "reason": str},
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
    if not isinstance(event.get("at"), str) or not _AT.fullmatch(event["at"]):
        raise InvalidInput(f"Event {seq} has a bad time.")
    if not isinstance(event.get("day"), str) or not _DAY.fullmatch(event["day"]):
        raise InvalidInput(f"Event {seq} has a bad day.")
    payload = event.get("payload")
    if not isinstance(payload, dict):
        raise InvalidInput(f"Event {seq} has no payload object.")
    for name, kind in EVENT_FIELDS[type_].items():
        value = payload.get(name)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise InvalidInput(f"Event {seq} ({type_}) has a bad or missing {name}.")
        if isinstance(value, str) and len(value) > 200:
            raise InvalidInput(f"Event {seq} ({type_}) has an over-long {name}.")
    return event


def check_batch(events: Any, first_expected: int | None = None) -> list[dict[str, Any]]:
    """A batch must be a list of valid events in consecutive seq order."""
    if not isinstance(events, list) or len(events) > MAX_PUSH_EVENTS:
        raise InvalidInput(f"A push carries a list of at most {MAX_PUSH_EVENTS} events.")
    checked = [check_event(e) for e in events]
    for before, after in itertools.pairwise(checked):
        if after["seq"] != before["seq"] + 1:
            raise InvalidInput(f"Events are not consecutive at seq {before['seq']}.")
    return checked
