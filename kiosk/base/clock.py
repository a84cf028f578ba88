"""The station's idea of now: the machine clock corrected by the offset to the hub's clock.

Limit windows and report days use the station's local calendar (China Standard Time by default),
so a rider's "day" is the same at every station whatever the machine's own time zone.
"""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

DEFAULT_TZ = "Asia/Shanghai"


class Clock:
    """Wall-clock time plus ``offset`` seconds (hub time minus machine time, set by sync)."""

    def __init__(self, offset_s: float = 0.0, tz: str = DEFAULT_TZ) -> None:
        self.offset_s = offset_s
        self.tz = ZoneInfo(tz)

    def machine_time(self) -> float:
        """The machine's own clock (seconds since the epoch), which may be days wrong."""
        return time.time()

    def now(self) -> datetime:
        return datetime.fromtimestamp(self.machine_time() + self.offset_s, UTC)

    def machine_now(self) -> datetime:
        """The machine's own time, which no sync moves: what lock-outs are timed with."""
        return datetime.fromtimestamp(self.machine_time(), UTC)

    def adopt_offset(self, offset_s: float) -> None:
        """Take the offset a sync measured: from now on this clock reads the hub's time."""
        self.offset_s = offset_s

    def local(self, at: datetime) -> datetime:
        return at.astimezone(self.tz)

    def day(self, at: datetime) -> date:
        return self.local(at).date()


class FixedClock(Clock):
    """A clock that reads what it is told; for demos, simulations and tests."""

    def __init__(self, at: datetime, tz: str = DEFAULT_TZ) -> None:
        super().__init__(0.0, tz)
        self.at = at

    def now(self) -> datetime:
        return self.at

    def machine_time(self) -> float:
        return self.at.timestamp()

    def adopt_offset(self, offset_s: float) -> None:
        """A fixed clock reads what it is told, whatever a sync measured."""

    def advance(self, **delta: float) -> None:
        self.at += timedelta(**delta)


def iso(at: datetime) -> str:
    """UTC ISO-8601 with milliseconds, the one format every stored instant uses."""
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{at.microsecond // 1000:03d}Z"


def parse_iso(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))
