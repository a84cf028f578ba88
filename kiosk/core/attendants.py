"""Attendants and technicians: roles, PINs kept as slow salted hashes, lock-out after wrong PINs."""

from __future__ import annotations

import hashlib
import hmac
import os
import re
from dataclasses import dataclass
from datetime import timedelta

from kiosk.base.clock import iso, parse_iso
from kiosk.base.errors import InvalidInput, KioskError, Locked, NotPermitted, UnknownAttendant, WrongPin
from kiosk.base.ids import short_id
from kiosk.store import Store

ROLES = ("attendant", "technician")
# Wrong PINs allowed before waits begin; then each wrong PIN waits twice as long as the last (from 30 s, at
# most 10 minutes) instead of a fixed lock anyone could renew by tapping. A right PIN clears it.
MAX_ATTEMPTS = 3
FIRST_WAIT_S = 30
MAX_WAIT_S = 600


def wait_after(attempts: int) -> int:
    """Seconds to wait after this many wrong PINs in a row (0 while tries are left)."""
    return 0 if attempts < MAX_ATTEMPTS else min(FIRST_WAIT_S * 2 ** (attempts - MAX_ATTEMPTS), MAX_WAIT_S)
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


@dataclass(frozen=True)
class Attendant:
    attendant_id: str
    name: str
    role: str


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    if not re.fullmatch(r"\d{6,8}", pin or ""):
        raise InvalidInput("A PIN is 6 to 8 digits.", field="pin")
    salt = salt or os.urandom(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, dklen=32, **_SCRYPT)
    return f"scrypt${_SCRYPT['n']}${_SCRYPT['r']}${_SCRYPT['p']}${salt.hex()}${digest.hex()}"


def pin_matches(pin: str, stored: str) -> bool:
    try:
        _, n, r, p, salt, digest = stored.split("$")
        candidate = hashlib.scrypt(pin.encode(), salt=bytes.fromhex(salt), dklen=32,
                                   n=int(n), r=int(r), p=int(p))
    except ValueError:
        return False
    return hmac.compare_digest(candidate.hex(), digest)


def add_attendant(store: Store, name: str, role: str, pin: str, attendant_id: str | None = None) -> Attendant:
    if role not in ROLES:
        raise InvalidInput(f"Role must be one of {', '.join(ROLES)}.")
    name = (name or "").strip()
    if not 1 <= len(name) <= 30:
        raise InvalidInput("An attendant's name is 1 to 30 characters.")
    attendant = Attendant(attendant_id or "A-" + short_id(6), name, role)
    pin_hash = hash_pin(pin)
    if _holder(store, pin, other_than=attendant.attendant_id) is not None:
        raise InvalidInput("Another attendant here has this PIN: choose another.", field="pin")
    upsert_attendant(store, attendant, pin_hash)
    return attendant


def upsert_attendant(store: Store, attendant: Attendant, pin_hash: str) -> None:
    """Add an attendant, or update one (active again) with a new name, role and PIN."""
    store.require_transaction("upsert_attendant")
    store.conn.execute(
        "INSERT INTO attendants (attendant_id, name, role, pin_hash) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (attendant_id) DO UPDATE SET name = excluded.name, role = excluded.role, "
        "pin_hash = excluded.pin_hash, active = 1",
        (attendant.attendant_id, attendant.name, attendant.role, pin_hash),
    )


def disable_attendant(store: Store, attendant_id: str) -> None:
    """An attendant the union office disabled: their PIN unlocks nothing here any more."""
    store.require_transaction("disable_attendant")
    store.conn.execute("UPDATE attendants SET active = 0 WHERE attendant_id = ?", (attendant_id,))


@dataclass(frozen=True)
class PinCheck:
    """A PIN tried: the attendant it unlocked, or the refusal to raise once the attempt is committed."""

    attendant: Attendant | None
    refusal: KioskError | None = None

    def result(self) -> Attendant:
        if self.refusal is not None:
            raise self.refusal
        assert self.attendant is not None
        return self.attendant


def check_pin(store: Store, pin: str, role: str | None = None) -> PinCheck:
    """Try a PIN: it names its attendant (PINs are unique at a station, so the screen lists no names).
    Wrong PINs are counted for the whole station and, past MAX_ATTEMPTS, each waits longer, timed by the
    machine's own clock; the caller commits before it raises the refusal."""
    store.require_transaction("check_pin")
    now = store.clock.machine_now()  # a sync (or a tampered answer) moving the station's clock frees no lock
    locked_until = store.setting("pin_locked_until")
    if locked_until and parse_iso(locked_until) > now:
        return _waiting(locked_until, int((parse_iso(locked_until) - now).total_seconds()) + 1)
    found = _holder(store, pin)
    if found is None:
        failures = store.setting("pin_failures", 0) + 1
        wait_s = wait_after(failures)
        until = iso(now + timedelta(seconds=wait_s)) if wait_s else None
        store.set_setting("pin_failures", failures)
        store.set_setting("pin_locked_until", until)
        if until:
            return _waiting(until, wait_s)
        return PinCheck(None, WrongPin("Wrong PIN.", remaining=MAX_ATTEMPTS - failures))
    if store.setting("pin_failures", 0):
        store.set_setting("pin_failures", 0)
        store.set_setting("pin_locked_until", None)
    if role == "technician" and found.role != "technician":
        return PinCheck(None, NotPermitted("Only a technician may open these screens."))
    return PinCheck(found)


def _waiting(until: str, wait_s: int) -> PinCheck:
    return PinCheck(None, Locked("Too many wrong PINs: wait, then try again.", until=until, wait_s=wait_s))


def _holder(store: Store, pin: str, other_than: str | None = None) -> Attendant | None:
    """The active attendant whose PIN this is (one slow hash per attendant), if any."""
    for row in store.rows("SELECT attendant_id, name, role, pin_hash FROM attendants WHERE active = 1 "
                          "ORDER BY attendant_id"):
        if row["attendant_id"] != other_than and pin_matches(pin or "", row["pin_hash"]):
            return Attendant(row["attendant_id"], row["name"], row["role"])
    return None


def require_attendant(store: Store, attendant_id: str | None) -> Attendant:
    """The attendant named on an action must exist (their PIN was checked when the screen opened)."""
    rows = store.rows(
        "SELECT attendant_id, name, role FROM attendants WHERE attendant_id = ? AND active = 1",
        (attendant_id,),
    )
    if not rows:
        raise UnknownAttendant("This action needs an attendant signed in.")
    return Attendant(**rows[0])
