"""After the retention period, visits and handouts keep their counts but no longer name the rider."""

from datetime import date

from kiosk.core import projections, retention
from kiosk.station import Station
from tests.helpers import STAFF, START


def test_the_cut_off_is_the_retention_period_before_today():
    assert retention.cutoff(date(2028, 7, 15)) == date(2026, 7, 15)
    assert retention.cutoff(date(2026, 3, 31), months=1) == date(2026, 2, 28)  # no February 31st


def test_old_visits_and_handouts_lose_the_rider_but_keep_their_counts(tmp_path):
    from kiosk.base.clock import FixedClock

    clock = FixedClock(START)
    station = Station.open(tmp_path / "station", clock=clock)
    station.set_up("测试驿站")
    from kiosk.core.demo_data import demo_campaigns

    station.load_catalogue(*demo_campaigns(START.date()))
    station.add_attendant("王站长", "attendant", "123456", attendant_id=STAFF)
    station.receive_stock("water", 10, STAFF)
    old, _ = station.register(phone="13800000001", name="旧骑手", occupation="courier", consent=True)
    station.check_in(old.member_id)
    station.claim(old.member_id, "water")
    clock.advance(days=retention.RETENTION_MONTHS * 31)
    recent, _ = station.register(phone="13800000002", name="新骑手", occupation="courier", consent=True)
    station.check_in(recent.member_id)
    counts = [station.store.one(f"SELECT COUNT(*) FROM {t}") for t in ("checkins", "handouts")]
    assert station.forget_old_links() == 2
    assert station.forget_old_links() == 0  # once a day
    assert [station.store.one(f"SELECT COUNT(*) FROM {t}") for t in ("checkins", "handouts")] == counts
    assert station.store.rows("SELECT member_id FROM checkins ORDER BY at") == [
        {"member_id": retention.ANONYMOUS}, {"member_id": recent.member_id}]
    events = [e.payload for e in station.store.events() if e.type in retention.FORGETS]
    assert old.member_id not in str(events) and recent.member_id in str(events)
    with station.store.transaction():  # the log and its tables still agree
        assert projections.replay(station.store, station.store.events()) == projections.derived_tables(station.store)
    assert station.member(old.member_id).name == "旧骑手"  # the membership itself stays
    station.close()
