"""The trust list and revocations as this station keeps them: applied from root-signed lists."""

from __future__ import annotations

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from kiosk.base.errors import InvalidInput
from kiosk.core.projections import revoke_many
from kiosk.credentials.keys import public_from_raw
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
    """Merge a root-signed revocation list; an entry only ever widens what is revoked."""
    version, entries = parse_revocations(blob, root_public_key(store))
    store.require_transaction("apply_revocations")
    if version <= store.setting("revocation_version", 0):
        return 0
    revoke_many(store, entries)
    store.set_setting("revocation_version", version)
    return len(entries)


def revoked_before(store: Store, subject: str) -> int | None:
    """The cut-off of a subject's revocation: its codes issued at or before it are cancelled."""
    return store.one("SELECT issued_before FROM revocations WHERE subject = ?", (subject,))


def trusted_key(store: Store, kid: bytes) -> TrustedKey | None:
    rows = store.rows("SELECT station_id, public_key, valid_from, valid_to FROM trusted_keys WHERE kid = ?",
                      (kid.hex(),))
    return TrustedKey(kid, **rows[0]) if rows else None
