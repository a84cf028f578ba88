"""The trust list and revocations as this station keeps them: applied from root-signed lists."""

from __future__ import annotations

import json

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from kiosk.base.errors import InvalidInput
from kiosk.core.projections import revoke_many
from kiosk.credentials.keys import LEGACY_KEY_ID_BYTES, kid_prefix, public_from_raw, same_key_id
from kiosk.credentials.trust import TrustedKey, parse_revocations, parse_trust_list
from kiosk.store import Store


def root_public_key(store: Store) -> Ed25519PublicKey:
    hex_key = store.setting("root_public_key")
    if hex_key is None:
        raise InvalidInput("This station has no root key yet: enrol it or make a demo station.")
    return public_from_raw(bytes.fromhex(hex_key))


def apply_trust_list(store: Store, blob: bytes) -> int:
    """Replace the trusted keys with a newer root-signed list; an older or equal version is ignored."""
    version, keys = parse_trust_list(blob, root_public_key(store))
    store.require_transaction("apply_trust_list")
    if version <= store.setting("trust_list_version", 0):
        return 0
    store.conn.execute("DELETE FROM trusted_keys")
    store.conn.executemany(
        "INSERT INTO trusted_keys (kid, station_id, public_key, valid_from, valid_to) VALUES (?, ?, ?, ?, ?)",
        [(k.kid.hex(), k.station_id, k.public_key, k.valid_from, k.valid_to) for k in keys],
    )
    store.set_setting("trust_list_version", version)
    return len(keys)


def apply_revocations(store: Store, blob: bytes) -> int:
    """Take a newer root-signed revocation list as the union's whole list (so the office can take one
    back); this station's own revocations the hub has not acknowledged yet stay in force, and a cut-off
    in the future (which would block a rider's next card) is not taken."""
    version, entries = parse_revocations(blob, root_public_key(store))
    store.require_transaction("apply_revocations")
    if version <= store.setting("revocation_version", 0):
        return 0
    horizon = int(store.clock.now().timestamp()) + 86400
    store.conn.execute("DELETE FROM revocations")
    revoke_many(store, [e for e in entries if e[1] <= horizon])
    unacked = [json.loads(payload) for (payload,) in store.conn.execute(
        "SELECT payload FROM events WHERE seq > ? AND type = 'credential_revoked'", (store.setting("acked_seq", 0),))]
    revoke_many(store, [(p["subject"], p["issued_before"], p["reason"]) for p in unacked])
    store.set_setting("revocation_version", version)
    return len(entries)


def revoked_before(store: Store, subject: str) -> int | None:
    """The cut-off of a subject's revocation: its codes issued at or before it are cancelled."""
    return store.one("SELECT issued_before FROM revocations WHERE subject = ?", (subject,))


def trusted_keys(store: Store, kid: bytes) -> list[TrustedKey]:
    """The trusted keys a code's key id may name: of either id length (codes printed before ids grew
    carry 4 bytes, and a list from then may too), so more than one only when a short id is shared."""
    rows = store.rows("SELECT kid, station_id, public_key, valid_from, valid_to FROM trusted_keys "
                      "WHERE substr(kid, 1, ?) = ?", (2 * LEGACY_KEY_ID_BYTES, kid_prefix(kid).hex()))
    keys = [TrustedKey(bytes.fromhex(r["kid"]), r["station_id"], r["public_key"], r["valid_from"], r["valid_to"])
            for r in rows]
    return [k for k in keys if same_key_id(k.kid, kid)]
