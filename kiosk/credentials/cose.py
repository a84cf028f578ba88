"""COSE_Sign1 (RFC 9052) with EdDSA/Ed25519, the envelope of every signed thing a station reads.

Only what the kiosk needs: one signer, algorithm -8, the key id in the protected header, an empty
external AAD. Any COSE library verifies what this signs with just the public key.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import cbor2
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

COSE_SIGN1_TAG = 18
ALG = 1
KID = 4
EDDSA = -8


class MalformedCose(ValueError):
    pass


@dataclass(frozen=True)
class Sign1:
    protected: bytes
    kid: bytes
    payload: bytes
    signature: bytes

    def to_be_signed(self) -> bytes:
        return sig_structure(self.protected, self.payload)


def sig_structure(protected: bytes, payload: bytes) -> bytes:
    return cbor2.dumps(["Signature1", protected, b"", payload])


def sign(private_key: Ed25519PrivateKey, kid: bytes, payload: bytes) -> bytes:
    protected = cbor2.dumps({ALG: EDDSA, KID: kid})
    signature = private_key.sign(sig_structure(protected, payload))
    return cbor2.dumps(cbor2.CBORTag(COSE_SIGN1_TAG, [protected, {}, payload, signature]))


def parse(data: bytes) -> Sign1:
    """Take a COSE_Sign1 apart without trusting any of it; raise MalformedCose on anything unexpected."""
    try:
        obj = cbor2.loads(data)
    except Exception as exc:  # cbor2 raises several types on garbage; all mean "malformed"
        raise MalformedCose(f"not CBOR: {exc}") from exc
    if isinstance(obj, cbor2.CBORTag):
        if obj.tag != COSE_SIGN1_TAG:
            raise MalformedCose("not a COSE_Sign1")
        obj = obj.value
    # cbor2 decodes the contents of a tag as immutable: a tuple and a frozendict.
    if not (isinstance(obj, list | tuple) and len(obj) == 4):
        raise MalformedCose("not a COSE_Sign1 array")
    protected, unprotected, payload, signature = obj
    if not (isinstance(protected, bytes) and isinstance(unprotected, Mapping)
            and isinstance(payload, bytes) and isinstance(signature, bytes)):
        raise MalformedCose("COSE_Sign1 fields have wrong types")
    try:
        header = cbor2.loads(protected)
    except Exception as exc:
        raise MalformedCose("protected header is not CBOR") from exc
    if not isinstance(header, dict) or header.get(ALG) != EDDSA:
        raise MalformedCose("unsupported algorithm")
    kid = header.get(KID)
    if not isinstance(kid, bytes) or not 1 <= len(kid) <= 32:
        raise MalformedCose("missing key id")
    if len(signature) != 64:
        raise MalformedCose("an Ed25519 signature is 64 bytes")
    return Sign1(protected, kid, payload, signature)


def signature_valid(message: Sign1, public_key: Ed25519PublicKey) -> bool:
    try:
        public_key.verify(message.signature, message.to_be_signed())
    except InvalidSignature:
        return False
    return True


def decode_payload(message: Sign1) -> Any:
    """The payload, which must be CBOR in the one encoding this system writes: a map with a key twice
    (where a decoder keeps the last) or any other re-encoding is refused."""
    try:
        value = cbor2.loads(message.payload)
        again = cbor2.dumps(value)
    except Exception as exc:
        raise MalformedCose("payload is not CBOR") from exc
    if again != message.payload:
        raise MalformedCose("payload is not in its one encoding (a key twice?)")
    return value
