"""Global ids: UUIDv7 for events and time-ordered short ids for riders; short random ids for the rest."""

from __future__ import annotations

import os
import threading
import time
import uuid

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_lock = threading.Lock()
_last_ms = 0
_counter = 0
_last_member = 0


def uuid7(unix_ms: int | None = None) -> str:
    """A UUIDv7 (RFC 9562) string; monotonic within this process even within one millisecond."""
    global _last_ms, _counter
    with _lock:
        ms = int(time.time() * 1000) if unix_ms is None else unix_ms
        if ms <= _last_ms:
            ms = _last_ms
            _counter += 1
        else:
            _counter = int.from_bytes(os.urandom(2), "big") & 0x3FF
        _last_ms = ms
        counter = _counter & 0xFFF
    rand = int.from_bytes(os.urandom(8), "big") & ((1 << 62) - 1)
    value = (ms & ((1 << 48) - 1)) << 80 | 0x7 << 76 | counter << 64 | 0b10 << 62 | rand
    return str(uuid.UUID(int=value))


def short_id(length: int = 12) -> str:
    """A random id in Crockford base32 (60 bits for 12 characters), unambiguous when read aloud."""
    bits = int.from_bytes(os.urandom((length * 5 + 7) // 8), "big")
    return "".join(_CROCKFORD[(bits >> (5 * i)) & 31] for i in range(length))


def new_member_id() -> str:
    """A rider's id: 12 Crockford base32 characters, 42 bits of the millisecond it was made then 18
    random, increasing within a process. A roster imported at the hub so arrives at a station in id
    order and the station's member index grows at its end, instead of being rewritten all over (a
    quarter of a million-rider first pull was SQLite updating random index pages)."""
    return new_member_ids(1)[0]


def new_member_ids(count: int) -> list[str]:
    """``count`` rider ids at once (a roster import), increasing, as ``new_member_id`` makes them."""
    global _last_member
    with _lock:
        first = max(int(time.time() * 1000) << 18 | int.from_bytes(os.urandom(3), "big") & 0x3FFFF,
                    _last_member + 1)
        _last_member = first + count - 1
    return ["".join(_CROCKFORD[(value >> (5 * i)) & 31] for i in reversed(range(12)))
            for value in range(first, first + count)]
