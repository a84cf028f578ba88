"""The derived tables are the station's log run through its projectors: a replay gives them back."""

import pytest

from kiosk.core import projections
from kiosk.demo import build_demo, simulate
from kiosk.station import Station
from tests.helpers import STAFF, START


@pytest.fixture
def demo(tmp_path):
    from kiosk.base.clock import FixedClock

    station = Station.open(tmp_path / "station", clock=FixedClock(START))
    build_demo(station, n_members=200, days=10)
    simulate(station, 150, seed=3)
    # Every event type is in the log: a count, and a rider who comes for an activity.
    station.count_stock("water", 7, STAFF, reason="count")
    station.open_activity("骑手安全培训", STAFF, hours=2)
    station.check_in(station.members(limit=1)[0].member_id, "activity")
    yield station
    station.close()


def replayed(station):
    with station.store.transaction():
        return projections.replay(station.store, station.store.events())


def test_every_event_type_has_a_projector_and_the_demo_uses_them_all(demo):
    types = {e.type for e in demo.store.events()}
    assert types <= set(projections.PROJECTORS)
    assert set(projections.REPLAYED) <= types


def test_a_replay_of_the_log_equals_the_derived_tables(demo):
    tables = projections.derived_tables(demo.store)
    assert all(tables[t] for t in projections.DERIVED), "the demo fills every derived table"
    assert replayed(demo) == tables
    assert demo.log_mismatches() == []
    assert projections.derived_tables(demo.store) == tables  # a replay is rolled back


def test_a_table_changed_behind_the_log_is_found(demo):
    with demo.store.transaction() as conn:
        conn.execute("UPDATE stock SET on_hand = on_hand + 1 WHERE item_id = 'water'")
        conn.execute("DELETE FROM checkins WHERE rowid = (SELECT MIN(rowid) FROM checkins)")
    assert demo.log_mismatches() == ["checkins", "stock"]
    assert demo.doctor()["database"]["log_replay"] == "differs in checkins, stock"


def test_core_rules_write_only_inside_a_transaction_the_station_opened(demo):
    from kiosk.core import checkins

    member_id = demo.members(limit=1)[0].member_id
    with pytest.raises(RuntimeError, match=r"inside store\.transaction"):
        checkins.check_in(demo.store, member_id)
