"""Help requests (维权 / 求助): a rider asks the union's caseworkers for help at the kiosk.

What the rider writes and the phone they give for a call back are sealed to the union office's public
key before they touch this station's database: the station, and a stolen station disk, cannot read them.
The request is an event like any other (pushed once, in bundles too); its status (never its content)
comes back down the feed, so the rider can see it at any station.
"""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass
from typing import Any

from kiosk.base.errors import InvalidInput
from kiosk.base.ids import short_id
from kiosk.core.members import get_member, normalize_phone, require_active
from kiosk.core.projections import record
from kiosk.credentials.boxes import seal
from kiosk.store import Store

# What a request may be about until the office sends its own list (the office starts from these six).
DEFAULT_CATEGORIES = (
    {"key": "unpaid_wages", "label_zh": "欠薪", "label_en": "Unpaid wages"},
    {"key": "traffic_accident", "label_zh": "交通事故", "label_en": "Traffic accident"},
    {"key": "work_injury", "label_zh": "工伤", "label_en": "Injured at work"},
    {"key": "platform_penalty", "label_zh": "平台处罚/封号", "label_en": "Platform penalty or account ban"},
    {"key": "contract", "label_zh": "劳动合同", "label_en": "Labour contract"},
    {"key": "other", "label_zh": "其他", "label_en": "Something else"},
)
CATEGORY_KEY = re.compile(r"[a-z][a-z0-9_]{0,39}")
LABEL_ZH_MAX, LABEL_EN_MAX = 20, 40  # a category's name in each language
STATUSES = ("new", "contacted", "in_progress", "referred_legal_aid", "referred_labour_inspection",
            "referred_platform", "resolved", "closed")
MAX_DESCRIPTION = 500


def case_number(request_id: str) -> str:
    """A case number as the rider reads it aloud or writes it down: two groups of four."""
    return f"{request_id[:4]}-{request_id[4:]}" if len(request_id) == 8 else request_id


def request_id_of(number: str) -> str:
    """The request a case number names, however it was written down or heard (dash, spaces, O for 0, I or L
    for 1: Crockford's base32 has none of those letters)."""
    cleaned = "".join(c for c in number.upper() if c.isalnum())
    return cleaned.translate(str.maketrans("OIL", "011"))


@dataclass(frozen=True)
class HelpRequest:
    request_id: str  # also the case number the rider is given
    member_id: str
    category: str
    urgent: bool
    status: str


@dataclass(frozen=True)
class Category:
    key: str
    label_zh: str
    label_en: str
    active: bool  # a retired category is no longer offered; requests already made keep it


def categories_of(data: Any) -> list[Category]:
    """The office's list of categories, checked (InvalidInput: malformed, refused whole)."""
    try:
        found = [Category(c["key"], c["label_zh"].strip(), c["label_en"].strip(), bool(c.get("active", True)))
                 for c in data]
    except (KeyError, TypeError, AttributeError) as exc:
        raise InvalidInput("A list of help categories is malformed.") from exc
    if not (found and any(c.active for c in found) and len({c.key for c in found}) == len(found) and all(
            CATEGORY_KEY.fullmatch(c.key) and 1 <= len(c.label_zh) <= LABEL_ZH_MAX
            and 1 <= len(c.label_en) <= LABEL_EN_MAX for c in found)):
        raise InvalidInput("A list of help categories is malformed.")
    return found


def help_categories(store: Store) -> list[Category]:
    """What a request may be about here: the office's list as it last sent it, or the six it starts from."""
    return categories_of(store.setting("help_categories") or DEFAULT_CATEGORIES)


def apply_help_categories(store: Store, data: list[dict[str, Any]]) -> None:
    """The office's list of categories reaching this station (the whole list each time)."""
    categories_of(data)
    store.set_setting("help_categories", data)


def request_help(store: Store, *, member_id: str = "", category: str, description: str = "", urgent: bool = False,
                 callback_phone: str = "", consent: bool = False) -> HelpRequest:
    """Record a rider's help request; the description and call-back phone are sealed for the office."""
    if category not in {c.key for c in help_categories(store) if c.active}:
        raise InvalidInput("Choose what the help is about.", field="category")
    description = " ".join((description or "").split())
    if len(description) > MAX_DESCRIPTION:
        raise InvalidInput(f"Please keep it to {MAX_DESCRIPTION} characters.", field="description")
    phone = normalize_phone(callback_phone) if callback_phone else ""
    if phone and not consent:
        raise InvalidInput("To be called back, agree that the union's caseworker may have your phone number.",
                           field="consent")
    if member_id:
        require_active(get_member(store, member_id))
    hub_box = store.setting("hub_box_key")
    if not hub_box:
        raise InvalidInput("Help requests need a station enrolled with the union office.", field="hub_box")
    sealed = seal(bytes.fromhex(hub_box), json.dumps({"description": description, "phone": phone},
                                                     ensure_ascii=False).encode())
    request = HelpRequest(short_id(8), member_id, category, bool(urgent), "new")
    store.require_transaction("request_help")
    record(store, "help_requested", {
        "request_id": request.request_id, "member_id": member_id, "category": category, "urgent": request.urgent,
        "contact": "call" if phone else "in_person", "sealed": base64.b64encode(sealed).decode()},
        store.clock.now())
    return request


def _requests(store: Store, where: str, params: tuple[Any, ...]) -> list[HelpRequest]:
    rows = store.rows(f"SELECT request_id, member_id, category, urgent, status FROM help_requests WHERE {where}",
                      params)
    return [HelpRequest(r["request_id"], r["member_id"], r["category"], bool(r["urgent"]), r["status"]) for r in rows]


def help_requests_of(store: Store, member_id: str) -> list[HelpRequest]:
    """A rider's requests as this station knows them (its own, and statuses the office sent), newest first."""
    return _requests(store, "member_id = ? ORDER BY at DESC", (member_id,))


def set_help_status(store: Store, request_id: str, member_id: str, category: str, status: str, at: str) -> None:
    """The office's status of a request reaching this station (a request made elsewhere is added)."""
    store.require_transaction("set_help_status")
    store.conn.execute(
        "INSERT INTO help_requests (request_id, member_id, category, urgent, status, at) VALUES (?, ?, ?, 0, ?, ?) "
        "ON CONFLICT (request_id) DO UPDATE SET status = excluded.status",
        (request_id, member_id, category, status, at))


def urgent_waiting(store: Store) -> list[HelpRequest]:
    """Urgent requests made at this station that no caseworker has taken up yet: the attendant is told."""
    return _requests(store, "urgent = 1 AND status = 'new' ORDER BY at", ())


def help_counts(store: Store) -> dict[str, object]:
    """What ``kiosk status`` says about help requests: whether this station can take them, how many it
    knows by status, and the urgent ones waiting."""
    by_status = {r["status"]: r["n"] for r in store.rows(
        "SELECT status, COUNT(*) AS n FROM help_requests GROUP BY status ORDER BY status")}
    return {"takes_requests": bool(store.setting("hub_box_key")), "made_here": store.one(
        "SELECT COUNT(*) FROM events WHERE type = 'help_requested'"), "by_status": by_status,
        "urgent_waiting": len(urgent_waiting(store))}
