"""The root-signed trust list of station keys and the revocation list: signing and reading them (no storage)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import cbor2
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from kiosk.base.errors import InvalidInput
from kiosk.credentials import cose
from kiosk.credentials.keys import key_id, public_from_raw, raw_public, same_key_id


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
    if not same_key_id(message.kid, key_id(root_public)) or not cose.signature_valid(message, root_public):
        raise InvalidInput(f"The {what} is not signed by this station's root key.")
    if not isinstance(body, dict) or not isinstance(body.get(1), int) or not isinstance(body.get(2), list):
        raise InvalidInput(f"The {what} is malformed.")
    return body


def sign_revocations(root: Ed25519PrivateKey, version: int, entries: list[tuple[str, int, str]]) -> bytes:
    body = {1: version, 2: [list(e) for e in entries]}
    return cose.sign(root, key_id(root.public_key()), cbor2.dumps(body))


def trusted_entry(station_id: str, public_key: Ed25519PublicKey, valid_from: int) -> TrustedKey:
    return TrustedKey(key_id(public_key), station_id, raw_public(public_key), valid_from, None)


def parse_trust_list(blob: bytes, root_public: Ed25519PublicKey) -> tuple[int, list[TrustedKey]]:
    """The version and keys of a root-signed trust list; InvalidInput if it is not one."""
    body = read_signed(blob, root_public, "trust list")
    keys = []
    for entry in body[2]:
        if not (isinstance(entry, list) and len(entry) == 5 and isinstance(entry[0], bytes)
                and isinstance(entry[1], str) and isinstance(entry[2], bytes) and len(entry[2]) == 32
                and isinstance(entry[3], int) and (entry[4] is None or isinstance(entry[4], int))):
            raise InvalidInput("The trust list has a malformed entry.")
        try:
            public_key = public_from_raw(entry[2])
        except ValueError as exc:
            raise InvalidInput("The trust list has a malformed entry.") from exc
        if not same_key_id(entry[0], key_id(public_key)):
            raise InvalidInput("The trust list has a key under another key's id.")
        keys.append(TrustedKey(*entry))
    if len({k.kid for k in keys}) != len(keys) or len({k.public_key for k in keys}) != len(keys):
        raise InvalidInput("The trust list names one key twice.")
    return body[1], keys


def parse_revocations(blob: bytes, root_public: Ed25519PublicKey) -> tuple[int, list[tuple[str, int, str]]]:
    """The version and (subject, issued_before, reason) entries of a root-signed revocation list."""
    body = read_signed(blob, root_public, "revocation list")
    entries = []
    for entry in body[2]:
        if not (isinstance(entry, list) and len(entry) == 3 and isinstance(entry[0], str)
                and isinstance(entry[1], int) and isinstance(entry[2], str)):
            raise InvalidInput("The revocation list has a malformed entry.")
        entries.append((entry[0], entry[1], entry[2]))
    return body[1], entries


def _page_message(station_id: str, after: int, body: bytes) -> bytes:
    """What a pull page's signature covers: the page, for this station, from this cursor (so a page cannot
    be replayed to another station or at another point of the feed)."""
    return b"kiosk-pull-page\n" + station_id.encode() + b"\n" + str(after).encode() + b"\n" + body


def sign_page(root: Ed25519PrivateKey, station_id: str, after: int, body: bytes) -> bytes:
    return root.sign(_page_message(station_id, after, body))


def page_signed(root_public: Ed25519PublicKey, station_id: str, after: int, body: bytes, signature: bytes) -> bool:
    try:
        root_public.verify(signature, _page_message(station_id, after, body))
    except InvalidSignature:
        return False
    return True
