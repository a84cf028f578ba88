"""Sign-ups (报名): programmes the union office runs (insurance enrolment, a childcare class, a job fair),
signed up for at the kiosk.

The office sends each programme with this station's share of each session's places. Offline, the station
enforces what it can: the programme is open and runs here, the rider is eligible and has not signed up
already, the answers are well formed, and a place is given only within the station's share (beyond it the
rider goes on the waiting list, or is told it is full). The answers are sealed to the office's key before
they are written, as help requests are. The office confirms or moves to the waiting list, and the outcome
comes back down the feed to the rider at any station.
"""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from kiosk.base.errors import AlreadySignedUp, InvalidInput, NotEligible, ProgrammeClosed, ProgrammeFull
from kiosk.base.ids import short_id
from kiosk.core.members import Member, get_member, normalize_phone, require_active
from kiosk.core.projections import record
from kiosk.credentials.boxes import seal
from kiosk.store import Store

FIELD_KINDS = ("text", "choice", "number", "date", "phone", "id_number", "child_name", "child_age")
STATUSES = ("confirmed", "waiting", "cancelled")
ONCE = ("programme", "year")  # one sign-up per rider for the programme, or per calendar year
MAX_TEXT = 40
# The fields an office may ask for (a fixed set: each with its kind and both languages' labels).
FIELD_PRESETS: dict[str, dict[str, Any]] = {
    "name": {"kind": "text", "label_zh": "姓名", "label_en": "Name"},
    "phone": {"kind": "phone", "label_zh": "手机号", "label_en": "Mobile number"},
    "id_number": {"kind": "id_number", "label_zh": "身份证号", "label_en": "ID card number"},
    "platform": {"kind": "choice", "label_zh": "平台", "label_en": "Platform",
                 "choices": ["美团", "饿了么", "顺丰", "京东", "滴滴出行", "货拉拉", "闪送", "其他"]},
    "child_name": {"kind": "child_name", "label_zh": "孩子姓名", "label_en": "Child's name"},
    "child_age": {"kind": "child_age", "label_zh": "孩子年龄", "label_en": "Child's age"},
    "trade": {"kind": "text", "label_zh": "想找的工作", "label_en": "Work wanted"},
    "district": {"kind": "choice", "label_zh": "意向区县", "label_en": "Preferred district",
                 "choices": ["城中区", "城东区", "城西区", "城北区", "湟中区", "大通县", "湟源县"]},
    "start_date": {"kind": "date", "label_zh": "希望开始日期", "label_en": "Preferred start date"},
}
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def id_number_valid(text: str) -> bool:
    """A mainland resident ID number (GB 11643): 17 digits, a real birth date, and its check character."""
    if not re.fullmatch(r"[0-9]{17}[0-9X]", text):
        return False
    try:
        born = date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        return False
    if not date(1900, 1, 1) <= born <= date.today():
        return False
    return _ID_CHECK[sum(int(d) * w for d, w in zip(text[:17], _ID_WEIGHTS, strict=True)) % 11] == text[17]


@dataclass(frozen=True)
class Field:
    key: str
    kind: str
    label_zh: str
    label_en: str
    required: bool
    choices: tuple[str, ...]


@dataclass(frozen=True)
class Session:
    session_id: str
    label_zh: str
    label_en: str
    capacity: int | None  # None: no limit
    share: int | None  # this station's places in it (None: no limit)


@dataclass(frozen=True)
class Programme:
    programme_id: str
    title_zh: str
    title_en: str
    starts_on: str
    ends_on: str
    open: bool
    occupations: tuple[str, ...]  # () : any
    union_only: bool
    once: str
    waiting_list: bool
    bring_zh: str
    bring_en: str
    where_zh: str
    where_en: str
    fields: tuple[Field, ...]
    sessions: tuple[Session, ...]

    def session(self, session_id: str) -> Session:
        for s in self.sessions:
            if s.session_id == session_id:
                return s
        raise InvalidInput("Choose a session.", field="session")


def programme_of(data: dict[str, Any]) -> Programme:
    """A programme as the office sent it (checked: a malformed one is refused whole)."""
    try:
        fields = tuple(Field(str(f["key"]), f["kind"], str(f["label_zh"]), str(f["label_en"]),
                             bool(f.get("required", True)), tuple(str(c) for c in f.get("choices", ())))
                       for f in data["fields"])
        sessions = tuple(Session(str(s["session_id"]), str(s["label_zh"]), str(s["label_en"]),
                                 None if s.get("capacity") is None else int(s["capacity"]),
                                 None if s.get("share") is None else int(s["share"])) for s in data["sessions"])
        programme = Programme(
            str(data["programme_id"]), str(data["title_zh"]), str(data["title_en"]), str(data["starts_on"]),
            str(data["ends_on"]), bool(data.get("open", True)), tuple(data.get("occupations", ())),
            bool(data.get("union_only", False)), data.get("once", "programme"), bool(data.get("waiting_list", True)),
            str(data.get("bring_zh", "")), str(data.get("bring_en", "")), str(data.get("where_zh", "")),
            str(data.get("where_en", "")), fields, sessions)
        for day in (programme.starts_on, programme.ends_on):
            date.fromisoformat(day)
    except (KeyError, TypeError, ValueError) as exc:
        raise InvalidInput(f"A sign-up programme is malformed ({exc}).") from exc
    if (programme.once not in ONCE or not programme.sessions or any(f.kind not in FIELD_KINDS for f in fields)
            or any(f.kind == "choice" and not f.choices for f in fields)):
        raise InvalidInput("A sign-up programme is malformed.")
    return programme


def define(data: dict[str, Any], programme_id: str) -> dict[str, Any]:
    """A programme as the office's form gives it (questions named from FIELD_PRESETS, sessions with
    capacities) made whole and checked; InvalidInput names the field that is wrong."""
    fields = data.get("fields") or []
    if not (isinstance(fields, list) and all(f in FIELD_PRESETS for f in fields) and len(set(fields)) == len(fields)):
        raise InvalidInput("Choose the questions from the list.", field="fields")
    programme = {
        "programme_id": programme_id, **{k: data.get(k) or "" for k in (
            "title_zh", "title_en", "starts_on", "ends_on", "bring_zh", "bring_en", "where_zh", "where_en")},
        "open": True, "occupations": list(data.get("occupations") or []),
        "union_only": bool(data.get("union_only")), "once": data.get("once") or "programme",
        "waiting_list": bool(data.get("waiting_list")), "districts": list(data.get("districts") or []),
        "stations": list(data.get("stations") or []),
        "fields": [{"key": f, "required": True, **FIELD_PRESETS[f]} for f in fields],
        "sessions": [{"session_id": f"S{i + 1}", **s} for i, s in enumerate(data.get("sessions") or [])]}
    title = programme["title_zh"]
    if not (isinstance(title, str) and 1 <= len(title.strip()) <= 40):
        raise InvalidInput("A title is 1 to 40 characters.", field="title_zh")
    programme["title_en"] = programme["title_en"].strip() or title
    if not programme["sessions"]:
        programme["sessions"] = [{"session_id": "S1", "label_zh": "", "label_en": "", "capacity": None}]
    for s in programme["sessions"]:
        capacity = s.get("capacity")
        if capacity is not None and not (type(capacity) is int and 1 <= capacity <= 100_000):
            raise InvalidInput("A capacity is a whole number from 1 to 100,000, or empty for none.", field="sessions")
    for day in (programme["starts_on"], programme["ends_on"]):
        try:
            date.fromisoformat(day)
        except ValueError:
            raise InvalidInput("A date is YYYY-MM-DD.", field="date") from None
    programme_of(programme)  # the check every station makes
    if programme["starts_on"] > programme["ends_on"]:
        raise InvalidInput("The first day comes after the last.", field="date")
    return programme


def apply_programme(store: Store, data: dict[str, Any]) -> None:
    """The office's programme (new, changed or closed) reaching this station."""
    store.require_transaction("apply_programme")
    programme = programme_of(data)
    store.conn.execute("INSERT INTO signup_programmes (programme_id, data) VALUES (?, ?) ON CONFLICT (programme_id) "
                       "DO UPDATE SET data = excluded.data", (programme.programme_id, json.dumps(data)))


def programmes(store: Store) -> list[Programme]:
    return [programme_of(json.loads(r["data"])) for r in store.rows(
        "SELECT data FROM signup_programmes ORDER BY programme_id")]


def get_programme(store: Store, programme_id: str) -> Programme:
    row = store.rows("SELECT data FROM signup_programmes WHERE programme_id = ?", (programme_id,))
    if not row:
        raise ProgrammeClosed("This sign-up is not offered here.")
    return programme_of(json.loads(row[0]["data"]))


@dataclass(frozen=True)
class Signup:
    signup_id: str
    programme_id: str
    session_id: str
    member_id: str
    status: str
    at: str


def signups_of(store: Store, member_id: str) -> list[Signup]:
    """A rider's sign-ups as this station knows them (its own, and the office's outcomes), newest first."""
    return [Signup(r["signup_id"], r["programme_id"], r["session_id"], r["member_id"], r["status"], r["at"])
            for r in store.rows("SELECT signup_id, programme_id, session_id, member_id, status, at FROM signups "
                                "WHERE member_id = ? ORDER BY at DESC", (member_id,))]


def _refusal(programme: Programme, member: Member, today: date, mine: list[Signup]) -> Exception | None:
    """Why this rider cannot sign up for this programme today (None: they can)."""
    if not programme.open or not programme.starts_on <= today.isoformat() <= programme.ends_on:
        return ProgrammeClosed("This sign-up is closed.", starts_on=programme.starts_on, ends_on=programme.ends_on)
    if programme.occupations and member.occupation not in programme.occupations:
        return NotEligible("This sign-up is for other occupations.", rule="occupation")
    if programme.union_only and not member.union_member:
        return NotEligible("This sign-up is for union members.", rule="union_member")
    for s in mine:
        if s.programme_id == programme.programme_id and s.status != "cancelled" and (
                programme.once == "programme" or s.at[:4] == today.isoformat()[:4]):
            return AlreadySignedUp("You have already signed up for this.")
    return None


def open_to(store: Store, member_id: str) -> list[Programme]:
    """The programmes this rider may sign up for here today."""
    member = get_member(store, member_id)
    today, mine = store.clock.day(store.clock.now()), signups_of(store, member_id)
    return [p for p in programmes(store) if _refusal(p, member, today, mine) is None]


def _answer(field: Field, raw: Any) -> str:
    """One answer, checked for its kind; InvalidInput names the field."""
    text = " ".join(str(raw if raw is not None else "").split())
    if not text:
        if field.required:
            raise InvalidInput(f"Please fill in: {field.label_en}.", field="answer", key=field.key)
        return ""
    problem = None
    if field.kind in ("text", "child_name") and len(text) > MAX_TEXT:
        problem = "too_long"
    elif field.kind == "choice" and text not in field.choices:
        problem = "choice"
    elif field.kind in ("number", "child_age"):
        top = 17 if field.kind == "child_age" else 10**6
        if not text.isdigit() or not 0 <= int(text) <= top:
            problem = "number"
    elif field.kind == "date":
        try:
            date.fromisoformat(text)
        except ValueError:
            problem = "date"
    elif field.kind == "phone":
        text = normalize_phone(text)
    elif field.kind == "id_number":
        text = text.upper().replace(" ", "")
        if not id_number_valid(text):
            problem = "id_number"
    if problem:
        raise InvalidInput(f"Please check: {field.label_en}.", field="id_number" if problem == "id_number"
                           else "answer", key=field.key, problem=problem)
    return text


def sign_up(store: Store, member_id: str, programme_id: str, session_id: str, answers: dict[str, Any]) -> Signup:
    """Sign a rider up: a place within this station's share, else the waiting list (or refused as full)."""
    store.require_transaction("sign_up")
    member = require_active(get_member(store, member_id))
    programme = get_programme(store, programme_id)
    refusal = _refusal(programme, member, store.clock.day(store.clock.now()), signups_of(store, member_id))
    if refusal is not None:
        raise refusal
    session = programme.session(session_id)
    unknown = set(answers) - {f.key for f in programme.fields}
    if unknown:
        raise InvalidInput("An answer to a question this sign-up does not ask.", field="answer")
    checked = {f.key: _answer(f, answers.get(f.key)) for f in programme.fields}
    taken = store.one("SELECT COUNT(*) FROM signups WHERE programme_id = ? AND session_id = ? AND local = 1 "
                      "AND status = 'confirmed'", (programme_id, session_id))
    if session.share is None or taken < session.share:
        status = "confirmed"
    elif programme.waiting_list:
        status = "waiting"
    else:
        raise ProgrammeFull("This sign-up is full here.")
    hub_box = store.setting("hub_box_key")
    if not hub_box:
        raise InvalidInput("Sign-ups need a station enrolled with the union office.", field="hub_box")
    sealed = seal(bytes.fromhex(hub_box), json.dumps(checked, ensure_ascii=False).encode())
    signup = Signup(short_id(8), programme_id, session_id, member_id, status, store.clock.now().isoformat())
    record(store, "signed_up", {"signup_id": signup.signup_id, "programme_id": programme_id,
                                "session_id": session_id, "member_id": member_id, "status": status,
                                "sealed": base64.b64encode(sealed).decode()}, store.clock.now())
    return signup


def to_attend(store: Store, member_id: str) -> list[Signup]:
    """The rider's confirmed sign-ups whose programme runs today and who have not signed in to today."""
    today = store.clock.day(store.clock.now()).isoformat()
    known = {p.programme_id: p for p in programmes(store)}
    done = {r["signup_id"] for r in store.rows("SELECT signup_id FROM signup_attendance WHERE day = ?", (today,))}
    return [s for s in signups_of(store, member_id) if s.status == "confirmed" and s.signup_id not in done
            and s.programme_id in known and known[s.programme_id].starts_on <= today <= known[s.programme_id].ends_on]


def attend(store: Store, member_id: str, signup_id: str) -> Signup:
    """Sign a rider in at the session they signed up for (once a day): their attendance, counted by the office."""
    store.require_transaction("attend")
    found = [s for s in to_attend(store, member_id) if s.signup_id == signup_id]
    if not found:
        raise ProgrammeClosed("There is nothing to sign in to for this sign-up today.")
    s = found[0]
    record(store, "signup_attended", {"signup_id": s.signup_id, "programme_id": s.programme_id,
                                      "session_id": s.session_id, "member_id": member_id}, store.clock.now())
    return s


def signup_counts(store: Store) -> dict[str, object]:
    """What ``kiosk status`` says about sign-ups: the programmes the office runs here and those open today,
    the sign-ups made here by outcome (as the office last said), and today's sign-ins at sessions."""
    today = store.clock.day(store.clock.now())
    offered = programmes(store)
    return {"programmes": len(offered),
            "open_today": sum(1 for p in offered if p.open and p.starts_on <= today.isoformat() <= p.ends_on),
            "made_here": store.one("SELECT COUNT(*) FROM signups WHERE local = 1"),
            "by_status": {r["status"]: r["n"] for r in store.rows(
                "SELECT status, COUNT(*) AS n FROM signups WHERE local = 1 GROUP BY status ORDER BY status")},
            "signed_in_today": store.one("SELECT COUNT(*) FROM signup_attendance WHERE day = ?", (today.isoformat(),))}


def set_signup_status(store: Store, data: dict[str, Any]) -> None:
    """The office's outcome of a sign-up reaching this station (one made elsewhere is added)."""
    store.require_transaction("set_signup_status")
    store.conn.execute(
        "INSERT INTO signups (signup_id, programme_id, session_id, member_id, status, local, at) "
        "VALUES (?, ?, ?, ?, ?, 0, ?) ON CONFLICT (signup_id) DO UPDATE SET status = excluded.status, "
        "session_id = excluded.session_id",
        (data["signup_id"], data["programme_id"], data["session_id"], data["member_id"], data["status"], data["at"]))
