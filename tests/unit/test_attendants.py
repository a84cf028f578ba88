import pytest

from kiosk.base.errors import InvalidInput, Locked, NotPermitted, WrongPin
from kiosk.core import attendants
from kiosk.store import Store
from tests.helpers import STAFF, unlock, write


def test_pin_is_stored_only_as_a_salted_slow_hash(station):
    stored = station.one("SELECT pin_hash FROM attendants WHERE attendant_id = ?", (STAFF,))
    scheme, n, _r, _p, salt, digest = stored.split("$")
    assert scheme == "scrypt" and int(n) >= 2**14 and len(salt) == 32 and len(digest) == 64
    assert attendants.pin_matches("123456", stored) and not attendants.pin_matches("123457", stored)
    other = attendants.hash_pin("123456")
    assert other != stored  # different salt


def test_right_pin_unlocks_and_wrong_pin_says_how_many_tries_remain(station):
    assert unlock(station, "123456").name == "王站长"
    with pytest.raises(WrongPin) as info:
        unlock(station, "0000")
    assert info.value.details["remaining"] == attendants.MAX_ATTEMPTS - 1


def test_repeated_wrong_pins_wait_longer_each_time_across_restarts(station, tmp_path, clock):
    for _ in range(attendants.MAX_ATTEMPTS - 1):
        with pytest.raises(WrongPin):
            unlock(station, "000000")
    with pytest.raises(Locked) as first:
        unlock(station, "000000")
    assert first.value.details["wait_s"] == attendants.FIRST_WAIT_S
    reopened = Store(tmp_path / "station.db", clock=clock)
    with pytest.raises(Locked):
        unlock(reopened, "123456")  # even the right PIN waits
    clock.advance(seconds=attendants.FIRST_WAIT_S + 1)
    with pytest.raises(Locked) as second:
        unlock(reopened, "000000")
    assert second.value.details["wait_s"] == 2 * attendants.FIRST_WAIT_S  # twice as long, not a fixed lock
    clock.advance(seconds=2 * attendants.FIRST_WAIT_S + 1)
    assert unlock(reopened, "123456").attendant_id == STAFF
    with pytest.raises(WrongPin):  # a right PIN starts the count again
        unlock(reopened, "000000")
    assert [attendants.wait_after(n) for n in range(1, 10)] == [0, 0, 30, 60, 120, 240, 480, 600, 600]


def test_technician_screens_need_a_technician(station):
    with pytest.raises(NotPermitted):
        unlock(station, "123456", role="technician")
    write(attendants.add_attendant, station, "李工", "technician", "987654")
    assert unlock(station, "987654", role="technician").role == "technician"


@pytest.mark.parametrize("pin", ["", "12", "1234", "abcd12", "123456789"])
def test_malformed_pins_are_refused(station, pin):
    with pytest.raises(InvalidInput):
        write(attendants.add_attendant, station, "x", "attendant", pin)


def test_a_lock_out_is_timed_by_the_machine_not_by_the_hub_offset(tmp_path):
    from kiosk.base.clock import Clock
    from kiosk.core.station import set_up_station
    from tests.helpers import write

    clock = Clock()
    store = Store(tmp_path / "s.db", clock=clock)
    set_up_station(store, "s")
    write(attendants.add_attendant, store, "王站长", "attendant", "123456", attendant_id=STAFF)
    for _ in range(attendants.MAX_ATTEMPTS - 1):
        with pytest.raises(WrongPin):
            unlock(store, "000000")
    with pytest.raises(Locked):
        unlock(store, "000000")
    clock.adopt_offset(400 * 86400)  # a sync that moved the station's clock 400 days on
    with pytest.raises(Locked):
        unlock(store, "123456")
    store.close()


def test_a_pin_names_its_holder_so_no_two_attendants_share_one(station):
    tech = write(attendants.add_attendant, station, "李工", "technician", "987654")
    assert unlock(station, "987654").attendant_id == tech.attendant_id
    assert unlock(station, "123456").attendant_id == STAFF
    with pytest.raises(InvalidInput, match="Another attendant"):
        write(attendants.add_attendant, station, "赵六", "attendant", "987654")
    write(attendants.add_attendant, station, "李工", "technician", "987654", attendant_id=tech.attendant_id)  # own
