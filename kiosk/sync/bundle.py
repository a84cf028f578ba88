"""Sync by USB stick: the same push and pull pages in a signed file, each way.

A station's bundle is signed with its station key; the hub's reply with the root key. Importing a
bundle or a reply twice changes nothing: events are skipped by sequence, pages by cursor.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from kiosk.base.errors import InvalidInput
from kiosk.base.files import write_atomic
from kiosk.core.trust import root_public_key
from kiosk.credentials import cose
from kiosk.credentials.boxes import is_sealed, open_sealed, seal
from kiosk.credentials.codes import Issuer
from kiosk.credentials.keys import key_id, same_key_id
from kiosk.store import Store
from kiosk.sync.apply import apply_pages
from kiosk.sync.client import event_dicts, record_ack
from kiosk.sync.protocol import PROTOCOL_VERSION

MAX_BUNDLE_BYTES = 64 * 1024 * 1024  # a station's events: a busy month offline is a few MiB
MAX_REPLY_BYTES = 512 * 1024 * 1024  # the hub's, signed by the root: a first roster of a million riders


def write_signed(path: Path, key: Ed25519PrivateKey, body: dict[str, Any], seal_to: bytes | None = None) -> None:
    """Sign the body; with ``seal_to`` (the receiver's X25519 public key), seal it so only they can read it."""
    data = cose.sign(key, key_id(key.public_key()), json.dumps(body, ensure_ascii=False,
                                                               separators=(",", ":")).encode())
    write_atomic(path, seal(seal_to, data) if seal_to else data, mode=0o644)


def read_signed(path: Path, what: str, key_for: Callable[[bytes], Ed25519PublicKey | None],
                max_bytes: int = MAX_BUNDLE_BYTES, box_key: X25519PrivateKey | None = None,
                ) -> tuple[bytes, dict[str, Any], bool]:
    """A signed (and perhaps sealed) file's body, read only once it is opened and its signature checks
    out: (its key id, its body, whether it was sealed). Nothing in an unsigned, altered or foreign file
    is parsed beyond the envelope."""
    try:
        if path.stat().st_size > max_bytes:
            raise InvalidInput(f"The {what} is too large to be one (over {max_bytes // 2**20} MiB).")
        data = path.read_bytes()
        sealed = is_sealed(data)
        if sealed:
            if box_key is None:
                raise InvalidInput(f"The {what} is sealed for another side.")
            data = open_sealed(box_key, data, what)
        message = cose.parse(data)
    except OSError as exc:
        raise InvalidInput(f"Cannot read the {what} {path}: {exc.strerror}.") from exc
    except cose.MalformedCose as exc:
        raise InvalidInput(f"The file {path.name} is not a {what}.") from exc
    public_key = key_for(message.kid)
    if public_key is None:
        raise InvalidInput(f"The {what} was signed by a key this side does not know.")
    if not same_key_id(message.kid, key_id(public_key)) or not cose.signature_valid(message, public_key):
        raise InvalidInput(f"The {what}'s signature is wrong: it was altered or made elsewhere.")
    try:
        body = json.loads(message.payload)
    except (ValueError, RecursionError) as exc:
        raise InvalidInput(f"The file {path.name} is not a {what}.") from exc
    if not isinstance(body, dict) or body.get("protocol") != PROTOCOL_VERSION:
        raise InvalidInput(f"The file {path.name} is not a {what} of this version.")
    return message.kid, body, sealed


def export_bundle(store: Store, issuer: Issuer, path: Path) -> int:
    """Write every event the hub has not acknowledged, and where the pull cursor stands."""
    acked = store.setting("acked_seq", 0)
    events = event_dicts(store, acked, None)  # type: ignore[arg-type]
    hub_box = store.setting("hub_box_key")  # stations enrolled before sealing send signed bundles only
    write_signed(path, issuer.private_key, {
        "kind": "station_bundle", "protocol": PROTOCOL_VERSION, "station_id": issuer.station_id,
        "acked_seq": acked, "cursor": store.setting("pull_cursor", 0), "events": events},
        seal_to=bytes.fromhex(hub_box) if hub_box else None)
    return len(events)


def import_reply(store: Store, path: Path, box_key: X25519PrivateKey | None = None) -> dict[str, int]:
    """Take the hub's answer: its acknowledgement and the pages of changes, each applied once."""
    _, body, _ = read_signed(path, "hub reply", lambda _kid: root_public_key(store), MAX_REPLY_BYTES, box_key)
    if body.get("kind") != "hub_reply" or body.get("station_id") != store.setting("station_id"):
        raise InvalidInput("This reply was made for another station.")
    pages, acked = body.get("pages"), body.get("acked_seq")
    if not isinstance(pages, list) or type(acked) is not int:
        raise InvalidInput("The hub reply is malformed.")
    with store.transaction():  # the whole reply or none of it
        record_ack(store, acked)
        applied = apply_pages(store, pages)
    return {"acked_seq": store.setting("acked_seq", 0), "changes_applied": applied}
