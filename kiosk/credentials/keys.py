"""Key pairs on disk: the station's Ed25519 signing key (and a standalone station's root), and the X25519
keys USB bundles are sealed to."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TypeVar

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from kiosk.base.errors import InvalidInput
from kiosk.base.files import write_atomic

KEY_ID_BYTES = 16
LEGACY_KEY_ID_BYTES = 4  # codes printed before key ids grew carry this many


def key_id(public_key: Ed25519PublicKey) -> bytes:
    """A stable key id, unique in practice: the first 16 bytes of the SHA-256 of the raw public key.

    Codes printed earlier carry the first 4 of the same bytes: an id matches a key when one of the two is
    the start of the other, and the signature then decides (see ``kid_prefix``)."""
    return hashlib.sha256(raw_public(public_key)).digest()[:KEY_ID_BYTES]


def kid_prefix(kid: bytes) -> bytes:
    """The part every id of one key starts with (the legacy length): what a look-up by key id matches on."""
    return kid[:LEGACY_KEY_ID_BYTES]


def same_key_id(a: bytes, b: bytes) -> bool:
    """Whether two key ids (either length) name the same key."""
    return len(a) in (LEGACY_KEY_ID_BYTES, KEY_ID_BYTES) and len(b) in (LEGACY_KEY_ID_BYTES, KEY_ID_BYTES) \
        and a[:min(len(a), len(b))] == b[:min(len(a), len(b))]


def raw_public(public_key: Ed25519PublicKey) -> bytes:
    return public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def public_from_raw(data: bytes) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(data)


def load_or_create(path: Path) -> Ed25519PrivateKey:
    """Read a PEM Ed25519 private key, or make one readable only by its owner."""
    return load_or_create_pem(path, Ed25519PrivateKey)


K = TypeVar("K", Ed25519PrivateKey, X25519PrivateKey)


def load_or_create_pem(path: Path, kind: type[K]) -> K:
    """Read a PEM private key of this kind, or make one (in a 0700 folder, the file 0600)."""
    if path.exists():
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        if not isinstance(key, kind):
            raise InvalidInput(f"{path} does not hold an {kind.__name__.removesuffix('PrivateKey')} key.")
        return key
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    made = kind.generate()
    write_atomic(path, made.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()))
    return made
