"""Sealed boxes for USB bundles: a file only its receiver can open (X25519, HKDF-SHA256,
ChaCha20-Poly1305). The sender needs the receiver's public key only; a stick that is lost, copied or
swapped on the way shows nothing and cannot be altered unseen."""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from kiosk.base.errors import InvalidInput
from kiosk.credentials.keys import load_or_create_pem

MAGIC = b"SKBOX1"
_RAW = serialization.Encoding.Raw, serialization.PublicFormat.Raw


def is_sealed(data: bytes) -> bool:
    return data.startswith(MAGIC)


def _key(shared: bytes, ephemeral: bytes, receiver: bytes) -> bytes:
    return HKDF(hashes.SHA256(), 32, salt=None, info=b"station-kiosk bundle" + ephemeral + receiver).derive(shared)


def seal(receiver_public: bytes, data: bytes) -> bytes:
    """``data`` for the holder of the private key of ``receiver_public`` (32 raw bytes) only."""
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes(*_RAW)
    key = _key(ephemeral.exchange(X25519PublicKey.from_public_bytes(receiver_public)), ephemeral_public,
               receiver_public)
    nonce = os.urandom(12)
    return MAGIC + ephemeral_public + nonce + ChaCha20Poly1305(key).encrypt(nonce, data, MAGIC)


def open_sealed(receiver: X25519PrivateKey, data: bytes, what: str) -> bytes:
    """The contents of a sealed box, or one-line InvalidInput if it was not sealed for this receiver."""
    if not is_sealed(data) or len(data) < len(MAGIC) + 32 + 12 + 16:
        raise InvalidInput(f"The {what} is not sealed for this side.")
    ephemeral_public = data[len(MAGIC):len(MAGIC) + 32]
    nonce = data[len(MAGIC) + 32:len(MAGIC) + 44]
    receiver_public = receiver.public_key().public_bytes(*_RAW)
    key = _key(receiver.exchange(X25519PublicKey.from_public_bytes(ephemeral_public)), ephemeral_public,
               receiver_public)
    try:
        return ChaCha20Poly1305(key).decrypt(nonce, data[len(MAGIC) + 44:], MAGIC)
    except InvalidTag as exc:
        raise InvalidInput(f"The {what} was sealed for someone else, or altered.") from exc


def load_or_create_box_key(path: Path) -> X25519PrivateKey:
    """The private key bundles are sealed to (PEM, readable only by its owner)."""
    return load_or_create_pem(path, X25519PrivateKey)


def public_raw(key: X25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(*_RAW)
