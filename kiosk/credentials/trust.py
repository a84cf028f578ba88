"""The root-signed trust list of station keys, and the revocation list, as a station keeps them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import cbor2
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from kiosk.core.errors import InvalidInput
from kiosk.credentials import cose
from kiosk.credentials.keys import key_id, public_from_raw, raw_public
from kiosk.store import Store


@dataclass(frozen=True)
class TrustedKey:
    kid: bytes
    station_id: str
    public_key: bytes
    valid_from: int
    valid_to: int | None


def sign_trust_list(root: Ed25519PrivateKey, version: int, keys: list[TrustedKey]) -> bytes:
    body = {1: version, 2: [[k.kid, k.station_id, k.public_key, k.valid_from, k.valid_to] for k in keys]}
    return cose.sign(root, key_id(root.public_key()), cbor2.dumps(body))


def read_signed(blob: bytes, root_public: Ed25519PublicKey, what: str) -> dict[int, Any]:
    try:
        message = cose.parse(blob)
        body = cose.decode_payload(message)
    except cose.MalformedCose as exc:
        raise InvalidInput(f"The {what} is malformed: {exc}.") from exc
    if message.kid != key_id(root_public) or not cose.signature_valid(message, root_public):
        raise InvalidInput(f"The {what} is not signed by this station's root key.")
    if not isinstance(body, dict) or not isinstance(body.get(1), int) or not isinstance(body.get(2), list):
        raise InvalidInput(f"The {what} is malformed.")
    return body


def root_public_key(store: Store) -> Ed25519PublicKey:
    hex_key = store.setting("root_public_key")
    if hex_key is None:
        raise InvalidInput("This station has no root key yet: enrol it or make a demo station.")
    return public_from_raw(bytes.fromhex(hex_key))


def apply_trust_list(store: Store, blob: bytes) -> int:
    """Replace the trusted keys with a newer root-signed list; an older or equal version is ignored."""
    body = read_signed(blob, root_public_key(store), "trust list")
    keys = []
    for entry in body[2]:
        if not (isinstance(entry, list) and len(entry) == 5 and isinstance(entry[0], bytes)
                and isinstance(entry[1], str) and isinstance(entry[2], bytes) and len(entry[2]) == 32
                and isinstance(entry[3], int) and (entry[4] is None or isinstance(entry[4], int))):
            raise InvalidInput("The trust list has a malformed entry.")
        keys.append(TrustedKey(*entry))
    with store.transaction() as conn:
        if body[1] <= store.setting("trust_list_version", 0):
            return 0
        conn.execute("DELETE FROM trusted_keys")
        conn.executemany(
            "INSERT INTO trusted_keys (kid, station_id, public_key, valid_from, valid_to) VALUES (?, ?, ?, ?, ?)",
            [(k.kid.hex(), k.station_id, k.public_key, k.valid_from, k.valid_to) for k in keys],
        )
        store.set_setting("trust_list_version", body[1])
    return len(keys)


def sign_revocations(root: Ed25519PrivateKey, version: int, entries: list[tuple[str, int, str]]) -> bytes:
    body = {1: version, 2: [list(e) for e in entries]}
    return cose.sign(root, key_id(root.public_key()), cbor2.dumps(body))


def apply_revocations(store: Store, blob: bytes) -> int:
    """Merge a root-signed revocation list; an entry only ever widens what is revoked."""
    body = read_signed(blob, root_public_key(store), "revocation list")
    entries = []
    for entry in body[2]:
        if not (isinstance(entry, list) and len(entry) == 3 and isinstance(entry[0], str)
                and isinstance(entry[1], int) and isinstance(entry[2], str)):
            raise InvalidInput("The revocation list has a malformed entry.")
        entries.append(tuple(entry))
    with store.transaction():
        if body[1] <= store.setting("revocation_version", 0):
            return 0
        revoke_many(store, entries)
        store.set_setting("revocation_version", body[1])
    return len(entries)


def revoke_many(store: Store, entries: list[tuple[str, int, str]]) -> None:
    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO revocations (subject, issued_before, reason) VALUES (?, ?, ?) "
            "ON CONFLICT (subject) DO UPDATE SET issued_before = MAX(issued_before, excluded.issued_before), "
            "reason = excluded.reason",
            entries,
        )


def trusted_key(store: Store, kid: bytes) -> TrustedKey | None:
    rows = store.rows("SELECT station_id, public_key, valid_from, valid_to FROM trusted_keys WHERE kid = ?",
                      (kid.hex(),))
    return TrustedKey(kid, **rows[0]) if rows else None


def trusted_entry(station_id: str, public_key: Ed25519PublicKey, valid_from: int) -> TrustedKey:
    return TrustedKey(key_id(public_key), station_id, raw_public(public_key), valid_from, None)
