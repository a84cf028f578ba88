import os
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from kiosk.base.clock import FixedClock
from kiosk.core import attendants, campaigns
from kiosk.core.station import set_up_station
from kiosk.demo import DEMO_ATTENDANT, demo_campaigns
from kiosk.store import Store

CST = ZoneInfo("Asia/Shanghai")
# A Wednesday in July, 08:00 in the station's time zone: breakfast and summer campaigns are open.
START = datetime(2026, 7, 15, 8, 0, tzinfo=CST)
STAFF = DEMO_ATTENDANT[0]


@pytest.fixture
def clock():
    return FixedClock(START)


@pytest.fixture
def store(tmp_path, clock):
    s = Store(tmp_path / "station.db", clock=clock)
    set_up_station(s, "测试驿站")
    yield s
    s.close()


@pytest.fixture
def station(store):
    """A station with the demo campaigns and one attendant, but no riders or stock yet."""
    camps, items = demo_campaigns(START.date())
    campaigns.apply_campaigns(store, camps, items)
    attendants.add_attendant(store, "王站长", "attendant", "1234", attendant_id=STAFF)
    return store


@pytest.fixture
def rider(station):
    from kiosk.core.members import register_member

    return register_member(station, phone="13812345678", name="张三丰", occupation="delivery_rider",
                           platform="美团", union_member=True, consent=True)
