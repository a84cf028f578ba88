"""What the tests share: the moment they start at, the demo attendant, and writing through the core."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from kiosk.core import attendants
from kiosk.core.demo_data import DEMO_ATTENDANT
from kiosk.store import Store

CST = ZoneInfo("Asia/Shanghai")
# A Wednesday in July, 08:00 in the station's time zone: breakfast and summer campaigns are open.
START = datetime(2026, 7, 15, 8, 0, tzinfo=CST)
STAFF = DEMO_ATTENDANT[0]

T = TypeVar("T")


def write(rule: Callable[..., T], store: Store, *args: Any, **kwargs: Any) -> T:
    """Run one core rule in its own transaction, as a Station method would (for tests of the rules)."""
    with store.transaction():
        return rule(store, *args, **kwargs)


def unlock(store: Store, *args: Any, **kwargs: Any) -> attendants.Attendant:
    """Try a PIN as Station.unlock does: the attempt is committed, then refused or let in."""
    return write(attendants.check_pin, store, *args, **kwargs).result()
