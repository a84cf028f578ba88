"""Membership and voucher QR payloads: a CWT (RFC 8392) in a COSE_Sign1, zlib, Base45, prefix.

    SK1:<base45(zlib(COSE_Sign1(claims)))>

Claims: 1 iss (station id), 2 sub (member or voucher id), 4 exp, 6 iat, -65537 credential type
("membership" or "voucher"). No personal data. The credential id is (sub, iat): revoking a subject
"issued before T" cancels every code of a lost card at once while the new card keeps working.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import base45
import cbor2
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from kiosk.base.errors import InvalidCredential, InvalidInput
from kiosk.credentials import cose
from kiosk.credentials.keys import key_id
from kiosk.credentials.trust import TrustedKey

PREFIX = "SK1:"
ISS, SUB, EXP, IAT, TYPE = 1, 2, 4, 6, -65537
TYPES = ("membership", "voucher")
MAX_TEXT = 1024
CLOCK_SKEW_S = 300
MEMBERSHIP_DAYS = 3 * 365
# No code lives longer than a membership code, whoever signed it: a stolen station key cannot mint
# codes that outlive its revocation by centuries.
MAX_LIFETIME_S = MEMBERSHIP_DAYS * 86400 + 86400


@dataclass(frozen=True)
class Credential:
    type: str
    subject: str
    issuer: str
    issued_at: int
    expires_at: int
    kid: str

    def as_dict(self) -> dict[str, Any]:
        return {"type": self.type, "subject": self.subject, "issuer": self.issuer, "issued_at": self.issued_at,
                "expires_at": self.expires_at, "kid": self.kid}


@dataclass(frozen=True)
class Issuer:
    station_id: str
    private_key: Ed25519PrivateKey

    @property
    def kid(self) -> bytes:
        return key_id(self.private_key.public_key())


def encode(issuer: Issuer, subject: str, type_: str, issued_at: int, expires_at: int) -> str:
    if type_ not in TYPES:
        raise InvalidInput(f"A credential type is one of {', '.join(TYPES)}.")
    claims = {ISS: issuer.station_id, SUB: subject, EXP: expires_at, IAT: issued_at, TYPE: type_[0]}
    signed = cose.sign(issuer.private_key, issuer.kid, cbor2.dumps(claims))
    return PREFIX + base45.b45encode(zlib.compress(signed, 9)).decode("ascii")


_B45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
_B45_VALUES = {ord(c): i for i, c in enumerate(_B45)}


def b45decode(text: str) -> bytes:
    """RFC 9285 Base45 decoding, a chunk of three characters at a time by zip, not index (a scan's path:
    twice as fast as the loop before it, which was five times as fast as the base45 package)."""
    try:
        values = text.translate(_B45_VALUES).encode("latin-1")
    except UnicodeEncodeError as exc:
        raise ValueError("not Base45") from exc
    if (values and max(values) > 44) or len(values) % 3 == 1:
        raise ValueError("not Base45")
    chunks = [a + b * 45 + c * 2025 for a, b, c in zip(values[0::3], values[1::3], values[2::3], strict=False)]
    tail = values[len(chunks) * 3:]
    last = tail[0] + tail[1] * 45 if tail else 0
    if (chunks and max(chunks) > 0xFFFF) or last > 0xFF:
        raise ValueError("not Base45")
    return struct.pack(f">{len(chunks)}H", *chunks) + (bytes((last,)) if tail else b"")


def _invalid(reason: str, message: str) -> InvalidCredential:
    return InvalidCredential(reason, message)


def unpack(text: str) -> tuple[cose.Sign1, dict[Any, Any]]:
    """Decode without trusting: raise InvalidCredential('malformed') for anything that is not our code."""
    if not isinstance(text, str) or len(text) > MAX_TEXT or not text.startswith(PREFIX):
        raise _invalid("malformed", "This is not a station membership code.")
    try:
        compressed = b45decode(text[len(PREFIX):].rstrip("\r\n"))
        inflater = zlib.decompressobj()
        raw = inflater.decompress(compressed, 4 * MAX_TEXT)
        if inflater.unconsumed_tail or inflater.unused_data or not inflater.eof:
            raise ValueError("not one complete zlib stream")
        message = cose.parse(raw)
        claims = cose.decode_payload(message)
    except (ValueError, zlib.error, cose.MalformedCose) as exc:
        raise _invalid("malformed", "This code is damaged or not a station membership code.") from exc
    if not (isinstance(claims, dict) and isinstance(claims.get(ISS), str) and isinstance(claims.get(SUB), str)
            and type(claims.get(EXP)) is int and type(claims.get(IAT)) is int and claims.get(TYPE) in ("m", "v")):
        raise _invalid("malformed", "This code lacks the claims of a station membership code.")
    return message, claims


def verify(text: str, trusted: Callable[[bytes], list[tuple[Ed25519PublicKey, TrustedKey]]],
           revoked_before: Callable[[str], int | None], now: float) -> Credential:
    """The credential if the code is valid at ``now``; InvalidCredential with its reason otherwise.

    ``trusted`` gives the public keys and trust entries a key id may name (more than one only for a
    short id of an older code: the signature picks); ``revoked_before`` the cut-off time of a subject's
    revocation (codes issued at or before it are cancelled)."""
    message, claims = unpack(text)
    candidates = trusted(message.kid)
    if not candidates:
        raise _invalid("unknown_key", "This code was signed by a station this kiosk does not know.")
    signed_by = [(key, entry) for key, entry in candidates if cose.signature_valid(message, key)]
    if not signed_by:
        raise _invalid("bad_signature", "This code's signature is wrong: it may be forged.")
    _public_key, entry = signed_by[0]
    iat, exp = claims[IAT], claims[EXP]
    if not 0 < exp - iat <= MAX_LIFETIME_S:
        raise _invalid("malformed", "This code's lifetime is longer than any station issues.")
    if claims[ISS] != entry.station_id or not (
        entry.valid_from <= iat and (entry.valid_to is None or iat <= entry.valid_to)
    ):
        raise _invalid("unknown_key", "This code's key was not valid for its station at the time.")
    if iat > now + CLOCK_SKEW_S:
        raise _invalid("not_yet_valid", "This code is not valid yet.")
    if exp <= now:
        raise _invalid("expired", "This code has expired: please get a new one.")
    revoked = revoked_before(claims[SUB])
    if revoked is not None and iat <= revoked:
        raise _invalid("revoked", "This code was cancelled (reported lost): please use your new code.")
    return Credential("membership" if claims[TYPE] == "m" else "voucher", claims[SUB], claims[ISS], iat, exp,
                      message.kid.hex())
