"""Riders: registration with consent, look-up by keyed phone hash, roster rows from the hub."""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from kiosk.base.clock import iso
from kiosk.base.errors import (
    AlreadyRegistered,
    ConsentRequired,
    InvalidInput,
    MemberInactive,
    UnknownMember,
)
from kiosk.base.ids import new_member_id
from kiosk.core.projections import record
from kiosk.store import Store

OCCUPATIONS = ("delivery_rider", "courier", "ride_hailing_driver", "truck_driver", "other")
# The platforms the registration screen offers (the field itself is free text of up to 40 characters).
PLATFORMS = ("美团", "饿了么", "顺丰", "京东", "滴滴出行", "货拉拉", "闪送")
STATUSES = ("active", "suspended", "left", "merged", "deleted")
_PHONE = re.compile(r"^1[3-9]\d{9}$")
_MAX_NAME = 20


@dataclass(frozen=True)
class Member:
    member_id: str
    name: str
    occupation: str
    platform: str
    union_member: bool
    status: str

    @property
    def masked_name(self) -> str:
        return mask_name(self.name)


def mask_name(name: str) -> str:
    """张三丰 -> 张**; keeps the first character only."""
    return name[:1] + "*" * max(len(name) - 1, 1)


def normalize_phone(raw: str) -> str:
    """A mainland mobile number as 11 digits; spaces, dashes and a +86 prefix are allowed."""
    digits = re.sub(r"[\s\-()]", "", raw or "")
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    if not _PHONE.match(digits):
        raise InvalidInput("A phone number is 11 digits starting with 1 (e.g. 13812345678).", field="phone")
    return digits


# The phone look-up hash: scrypt, memory-hard, keyed with the union's phone key. At n=2^14, r=8 (16 MiB) one
# phone costs about 26 ms of one core (measured by `kiosk bench`): a station's look-up is instant to a
# rider, the office hashes a million-rider roster in about 7 core-hours (minutes on its server's cores),
# and a stolen disk's key and hashes cost about 6 core-years to enumerate every mobile number with.
PHONE_HASH_N = 2**14
PHONE_HASH_R = 8


def new_phone_key() -> str:
    """A fresh phone key with its cost: "scrypt$n$r$p$keyhex" ($KIOSK_PHONE_HASH_N lowers n, for tests)."""
    n = int(os.environ.get("KIOSK_PHONE_HASH_N") or PHONE_HASH_N)
    return f"scrypt${n}${PHONE_HASH_R}$1${os.urandom(32).hex()}"


def hash_phone(key: str, phone: str) -> str:
    """The look-up hash of a phone number under the union's key (the same at every station and the hub).
    A key of bare hex is an older hub's (HMAC-SHA256): kept working until the office rotates it."""
    digits = normalize_phone(phone).encode()
    if not key.startswith("scrypt$"):
        return hmac.new(bytes.fromhex(key), digits, hashlib.sha256).hexdigest()
    _, n, r, p, salt = key.split("$")
    return hashlib.scrypt(digits, salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p), dklen=32,
                          maxmem=256 * int(n) * int(r) + 2**20).hex()


def hash_phones(key: str, phones: Sequence[str]) -> list[str]:
    """Many phones hashed on every core (scrypt lets go of the interpreter lock while it works)."""
    chunks = [phones[i:i + 256] for i in range(0, len(phones), 256)]  # a task each: few hand-offs between threads
    with ThreadPoolExecutor(os.cpu_count() or 1) as pool:
        return [digest for chunk in pool.map(lambda chunk: [hash_phone(key, p) for p in chunk], chunks)
                for digest in chunk]


def phone_hash(store: Store, phone: str) -> str:
    return hash_phone(store.setting("phone_key"), phone)


def clean_name(raw: str) -> str:
    name = unicodedata.normalize("NFC", (raw or "").strip())
    if not name or len(name) > _MAX_NAME or (
            not name.isprintable() and any(unicodedata.category(c)[0] == "C" for c in name)):
        raise InvalidInput(f"A name is 1 to {_MAX_NAME} printable characters.", field="name")
    return name


def _member(row: dict[str, Any]) -> Member:
    return Member(
        member_id=row["member_id"],
        name=row["name"],
        occupation=row["occupation"],
        platform=row["platform"],
        union_member=bool(row["union_member"]),
        status=row["status"],
    )


_COLUMNS = "member_id, name, occupation, platform, union_member, status"


def get_member(store: Store, member_id: str) -> Member:
    rows = store.rows(f"SELECT {_COLUMNS} FROM members WHERE member_id = ?", (member_id,))
    if not rows:
        raise UnknownMember(f"No rider with member id {member_id!r} at this station.")
    return _member(rows[0])


def find_by_phone(store: Store, phone: str) -> Member:
    rows = store.rows(f"SELECT {_COLUMNS} FROM members WHERE phone_hash = ?",
                      (bytes.fromhex(phone_hash(store, phone)),))  # kept as its 32 bytes (migration 2)
    if not rows:
        raise UnknownMember("No rider with this phone number: please register first.")
    if rows[0]["status"] == "merged":  # the office merged this registration into another: that rider
        kept = store.rows("SELECT merged_into FROM members WHERE member_id = ?", (rows[0]["member_id"],))
        if kept and kept[0]["merged_into"]:
            return get_member(store, kept[0]["merged_into"])
    return _member(rows[0])


def require_active(member: Member) -> Member:
    if member.status != "active":
        raise MemberInactive(f"This membership is {member.status}: please see the union office.")
    return member


def register_member(
    store: Store,
    *,
    phone: str,
    name: str,
    occupation: str,
    platform: str = "",
    union_member: bool = False,
    consent: bool,
) -> Member:
    """Register a new rider; consent must have been given on screen first."""
    if not consent:
        raise ConsentRequired("The rider must agree to the privacy notice before registering.")
    phone = normalize_phone(phone)
    name = clean_name(name)
    if occupation not in OCCUPATIONS:
        raise InvalidInput(f"Occupation must be one of {', '.join(OCCUPATIONS)}.")
    platform = (platform or "").strip()[:40]
    digest = phone_hash(store, phone)  # hex in the event, its bytes in the members table
    store.require_transaction("register_member")
    if store.one("SELECT 1 FROM members WHERE phone_hash = ?", (bytes.fromhex(digest),)):
        raise AlreadyRegistered("This phone number is already registered: check in instead.")
    member_id = new_member_id()
    now = store.clock.now()
    record(store, "member_registered",
           {"member_id": member_id, "phone_hash": digest, "name": name,
            "occupation": occupation, "platform": platform, "union_member": union_member, "consent_at": iso(now)},
           now)
    return Member(member_id, name, occupation, platform, union_member, "active")


ROSTER_FIELDS = ("member_id", "phone_hash", "name", "occupation", "platform",
                 "union_member", "status", "registered_at")


_HASH = re.compile(r"[0-9a-f]{64}")


def roster_values(row: Any) -> tuple[Any, ...]:
    """Check one roster row from the hub, raising InvalidInput that names what is wrong; return the
    values apply_roster writes (name cleaned). Called once per rider in a first pull of a million."""
    try:
        member_id, phone_hash, name, occupation, platform, union_member, status, registered_at = (
            row["member_id"], row["phone_hash"], row["name"], row["occupation"],
            row["platform"], row["union_member"], row["status"], row["registered_at"])
    except KeyError:
        raise InvalidInput(f"Roster row lacks {', '.join(f for f in ROSTER_FIELDS if f not in row)}.") from None
    except TypeError:
        raise InvalidInput("A roster row is malformed.") from None
    if type(member_id) is not str or not 1 <= len(member_id) <= 40:
        raise InvalidInput("Roster row has a bad member_id.")
    if type(phone_hash) is not str or not _HASH.fullmatch(phone_hash):
        raise InvalidInput("Roster row has a bad phone_hash.")
    if occupation not in OCCUPATIONS or status not in STATUSES:
        raise InvalidInput("Roster row has a bad occupation or status.")
    if type(union_member) is not bool:
        raise InvalidInput("Roster row has a bad union_member flag.")
    if type(name) is not str or type(platform) is not str or type(registered_at) is not str:
        raise InvalidInput("Roster row has a bad name, platform or registered_at.")
    station_id = row.get("station_id")
    return (member_id, bytes.fromhex(phone_hash), clean_name(name), occupation, platform,
            int(union_member), status, station_id if type(station_id) is str else None, registered_at)


def apply_roster(store: Store, rows: Iterable[dict[str, Any]]) -> int:
    """Insert or update riders sent by the hub (the roster's authority); all rows are checked first."""
    return write_roster(store, [roster_values(r) for r in rows])


def write_roster(store: Store, values: list[tuple[Any, ...]]) -> int:
    """Write roster rows already checked by roster_values."""
    insert = ("INSERT INTO members (member_id, phone_hash, phone_last4, name, occupation, platform, "
              "union_member, status, station_id, registered_at, source) "
              "VALUES (?, ?, '', ?, ?, ?, ?, ?, ?, ?, 'hub') ON CONFLICT (member_id) DO UPDATE SET "
              "phone_hash = excluded.phone_hash, "
              "name = excluded.name, occupation = excluded.occupation, platform = excluded.platform, "
              "union_member = excluded.union_member, status = excluded.status")
    try:
        with store.savepoint() as conn:
            conn.executemany(insert, values)
    except sqlite3.IntegrityError:
        # A phone that is another rider's here (the same phone registered offline at two stations):
        # the hub's row wins the look-up. Rare, so only then is every row's phone looked up first.
        with store.savepoint() as conn:
            conn.executemany("UPDATE members SET phone_hash = NULL, status = 'merged' "
                             "WHERE phone_hash = ? AND member_id <> ?", [(v[1], v[0]) for v in values])
            conn.executemany(insert, values)
    return len(values)


def list_members(store: Store, limit: int = 50, offset: int = 0) -> list[Member]:
    rows = store.rows(
        f"SELECT {_COLUMNS} FROM members ORDER BY registered_at DESC, member_id LIMIT ? OFFSET ?",
        (limit, offset),
    )
    return [_member(r) for r in rows]


def merge_member(store: Store, member_id: str, into: str) -> None:
    """The union office's merge of a rider registered twice reaching this station."""
    store.require_transaction("merge_member")
    store.conn.execute("UPDATE members SET status = 'merged', merged_into = ? WHERE member_id = ?", (into, member_id))


def forget_member(store: Store, member_id: str) -> None:
    """A rider's deletion from the union office reaching this station: name, platform and phone hash go,
    here and in this station's record of their registration; visits and handouts stay as figures."""
    store.require_transaction("forget_member")
    store.conn.execute("UPDATE members SET name = '', platform = '', phone_hash = NULL, phone_last4 = '', "
                       "status = 'deleted' WHERE member_id = ?", (member_id,))
    store.conn.execute("UPDATE events SET payload = json_remove(payload, '$.name', '$.platform', '$.phone_hash', "
                       "'$.phone_last4') WHERE type = 'member_registered' "
                       "AND json_extract(payload, '$.member_id') = ?", (member_id,))
