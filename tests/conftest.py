import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Phone keys made in tests hash at a 16th of the real cost (hundreds of rosters are made); the real cost is
# checked in tests/unit/test_members.py and measured by `kiosk bench`.
os.environ.setdefault("KIOSK_PHONE_HASH_N", "1024")

from kiosk.base.clock import FixedClock
from kiosk.core import attendants, campaigns
from kiosk.core.demo_data import demo_campaigns
from kiosk.core.members import register_member
from kiosk.core.station import set_up_station
from kiosk.store import Store
from tests.helpers import STAFF, START, write


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
    write(campaigns.apply_campaigns, store, *demo_campaigns(START.date()))
    write(attendants.add_attendant, store, "王站长", "attendant", "123456", attendant_id=STAFF)
    return store


@pytest.fixture
def rider(station):
    return write(register_member, station, phone="13812345678", name="张三丰", occupation="delivery_rider",
                           platform="美团", union_member=True, consent=True)
