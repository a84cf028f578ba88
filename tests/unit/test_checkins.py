import pytest

from kiosk.base.errors import ActivityClosed, InvalidInput, UnknownMember
from kiosk.core import activities, checkins
from tests.helpers import STAFF, write


def test_check_in_is_recorded_with_its_purpose(station, rider):
    result = write(checkins.check_in, station, rider.member_id, "charging")
    assert result.counted and result.member.masked_name == "张**"
    assert station.rows("SELECT purpose, day FROM checkins") == [{"purpose": "charging", "day": "2026-07-15"}]


def test_same_rider_within_the_window_is_told_already_checked_in(station, rider, clock):
    first = write(checkins.check_in, station, rider.member_id)
    clock.advance(minutes=29)
    again = write(checkins.check_in, station, rider.member_id)
    assert not again.counted and again.at == first.at
    clock.advance(minutes=2)
    assert write(checkins.check_in, station, rider.member_id).counted
    assert station.one("SELECT COUNT(*) FROM checkins") == 2


def test_window_is_configurable(station, rider, clock):
    station.set_setting("checkin_window_min", 5)
    write(checkins.check_in, station, rider.member_id)
    clock.advance(minutes=6)
    assert write(checkins.check_in, station, rider.member_id).counted


def test_unknown_rider_and_bad_purpose_are_refused(station, rider):
    with pytest.raises(UnknownMember):
        write(checkins.check_in, station, "NOSUCHMEMBER")
    with pytest.raises(InvalidInput):
        write(checkins.check_in, station, rider.member_id, "sleeping")
    assert station.one("SELECT COUNT(*) FROM events WHERE type = 'checked_in'") == 0


def test_activity_sign_in_once_and_only_while_open(station, rider, clock):
    activity = write(activities.open_activity, station, "骑手安全培训", STAFF, hours=2)
    assert write(activities.sign_in, station, activity.activity_id, rider.member_id)
    assert not write(activities.sign_in, station, activity.activity_id, rider.member_id)
    clock.advance(hours=3)
    with pytest.raises(ActivityClosed):
        write(activities.sign_in, station, activity.activity_id, rider.member_id)
    assert station.one("SELECT COUNT(*) FROM activity_signins") == 1
