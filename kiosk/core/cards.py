"""Membership codes at this station: keys, verifying against its trust list, issuing and revoking."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from kiosk.base.errors import InvalidCredential, InvalidInput
from kiosk.core.members import Member, get_member, register_member, require_active
from kiosk.core.projections import record
from kiosk.core.trust import apply_trust_list, revoked_before, trusted_keys
from kiosk.credentials import codes
from kiosk.credentials.codes import CLOCK_SKEW_S, MEMBERSHIP_DAYS, Credential, Issuer, encode
from kiosk.credentials.keys import load_or_create, public_from_raw, raw_public
from kiosk.credentials.trust import TrustedKey, sign_trust_list, trusted_entry
from kiosk.store import Store


class Verifier:
    """Checks codes against the station's trust list and revocations; keeps parsed public keys."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._keys: dict[tuple[bytes, int], list[tuple[Ed25519PublicKey, TrustedKey]]] = {}

    def _key(self, kid: bytes) -> list[tuple[Ed25519PublicKey, TrustedKey]]:
        cache_key = (kid, self.store.setting("trust_list_version", 0))
        if cache_key not in self._keys:
            self._keys[cache_key] = [(public_from_raw(e.public_key), e) for e in trusted_keys(self.store, kid)]
        return self._keys[cache_key]

    def verify(self, text: str, now: float | None = None) -> Credential:
        """The credential if the code is valid now; InvalidCredential with its reason otherwise."""
        now = self.store.clock.now().timestamp() if now is None else now
        return codes.verify(text, self._key, lambda subject: revoked_before(self.store, subject), now)


def ensure_keys(store: Store, keys_dir: Path) -> Issuer:
    """Make (or load) the station's signing key; a station with no hub is its own root and trusts it."""
    station_id = store.setting("station_id")
    if station_id is None:
        raise InvalidInput("Set up the station before its keys.")
    station_key = load_or_create(keys_dir / "station.key")
    issuer = Issuer(station_id, station_key)
    if store.setting("root_public_key") is None:
        root = load_or_create(keys_dir / "root.key")
        store.set_setting("root_public_key", raw_public(root.public_key()).hex())
        version = int(time.time())
        entry = trusted_entry(station_id, station_key.public_key(), valid_from=version - 86400)
        apply_trust_list(store, sign_trust_list(root, version, [entry]))
    return issuer


def load_issuer(store: Store, keys_dir: Path) -> Issuer:
    path = keys_dir / "station.key"
    if not path.exists():
        raise InvalidInput(f"This station has no signing key in {keys_dir}.")
    return Issuer(store.setting("station_id"), load_or_create(path))


def next_issue_time(store: Store, subject: str) -> int:
    """Now, in whole seconds, but after any revocation of the subject: the replacement for a card revoked
    this very second must not be revoked too."""
    iat = int(store.clock.now().timestamp())
    revoked = revoked_before(store, subject)
    # Only a cut-off within the clock skew moves the issue time: never far into the future.
    return revoked + 1 if revoked is not None and iat <= revoked <= iat + CLOCK_SKEW_S else iat


def record_issued(store: Store, issuer: Issuer, subject: str, type_: str, issued_at: int, expires_at: int) -> None:
    """Record that a code was issued (an event, in the caller's transaction)."""
    record(store, "credential_issued", {"subject": subject, "type": type_, "kid": issuer.kid.hex(),
                                        "issued_at": issued_at, "expires_at": expires_at}, store.clock.now())


def sign(store: Store, issuer: Issuer, subject: str, type_: str = "membership",
         valid_days: int = MEMBERSHIP_DAYS) -> tuple[str, int, int]:
    """A new code for the subject, not yet recorded: (its text, issued-at, expires-at)."""
    iat = next_issue_time(store, subject)
    exp = iat + valid_days * 86400
    return encode(issuer, subject, type_, iat, exp), iat, exp


def issue(store: Store, issuer: Issuer, subject: str, type_: str = "membership",
          valid_days: int = MEMBERSHIP_DAYS) -> str:
    """Sign a new code and record that it was issued."""
    text, iat, exp = sign(store, issuer, subject, type_, valid_days)
    record_issued(store, issuer, subject, type_, iat, exp)
    return text


def revoke(store: Store, subject: str, reason: str, attendant_id: str | None = None) -> int:
    """Cancel every code issued so far for a subject (a lost card); returns the cut-off time."""
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput("Revoking a code needs a reason.")
    now = store.clock.now()
    cutoff = int(now.timestamp())
    record(store, "credential_revoked", {"subject": subject, "issued_before": cutoff, "reason": reason,
                                         "attendant_id": attendant_id}, now)
    return cutoff


def register_with_code(store: Store, issuer: Issuer, **fields: Any) -> tuple[Member, str]:
    """Register a rider and issue their membership code (in the caller's one commit)."""
    member = register_member(store, **fields)
    return member, issue(store, issuer, member.member_id)


def member_from_code(store: Store, verifier: Verifier, text: str) -> Member:
    """The active rider a scanned membership code names (a voucher is not a membership card)."""
    credential = verifier.verify(text)
    if credential.type != "membership":
        raise InvalidCredential("voucher", "This is a voucher, not a membership code.")
    return require_active(get_member(store, credential.subject))
