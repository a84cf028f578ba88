import json

import pytest

from kiosk.base.errors import (
    AlreadyRegistered,
    ConsentRequired,
    InvalidInput,
    MemberInactive,
    UnknownMember,
)
from kiosk.core import checkins, members
from tests.helpers import write


def test_registration_keeps_no_phone_number_in_clear(station, rider, tmp_path):
    station.conn.execute("PRAGMA wal_checkpoint(FULL)")
    raw = (tmp_path / "station.db").read_bytes()
    assert b"13812345678" not in raw
    assert rider.masked_name == "张**"
    row = station.rows("SELECT phone_hash, phone_last4, consent_at FROM members")[0]
    # Not even the last four digits: beside the hash they would narrow a guess ten thousand times.
    assert len(row["phone_hash"]) == 32 and row["phone_last4"] == "" and row["consent_at"]
    assert all("5678" not in json.dumps(e.payload) for e in station.events())


def test_registration_is_an_event_with_consent_time(station, rider):
    event = station.events()[-1]
    assert event.type == "member_registered"
    assert event.payload["member_id"] == rider.member_id
    assert event.payload["consent_at"]
    assert "phone" not in event.payload


def test_rider_is_found_by_phone_in_any_common_spelling(station, rider):
    for spelling in ("13812345678", "+86 138 1234 5678", "138-1234-5678", "008613812345678"):
        assert members.find_by_phone(station, spelling).member_id == rider.member_id


@pytest.mark.parametrize("phone", ["", "12345", "23812345678", "1381234567x", "138123456789"])
def test_malformed_phone_is_refused_and_nothing_changes(station, phone):
    before = station.one("SELECT COUNT(*) FROM events")
    with pytest.raises(InvalidInput, match="11 digits"):
        write(members.register_member, station, phone=phone, name="李四", occupation="courier", consent=True)
    assert station.one("SELECT COUNT(*) FROM events") == before


def test_registration_without_consent_is_refused(station):
    with pytest.raises(ConsentRequired):
        write(members.register_member, station, phone="13900001111", name="李四", occupation="courier", consent=False)
    assert station.one("SELECT COUNT(*) FROM members") == 0


def test_same_phone_cannot_register_twice(station, rider):
    with pytest.raises(AlreadyRegistered):
        write(members.register_member, station, phone="138 1234 5678", name="王五", occupation="courier", consent=True)


@pytest.mark.parametrize("name", ["", "   ", "a" * 21, "张\x00三"])
def test_bad_names_are_refused(station, name):
    with pytest.raises(InvalidInput):
        write(members.register_member, station, phone="13900001111", name=name, occupation="courier", consent=True)


def test_unknown_phone_says_register_first(station):
    with pytest.raises(UnknownMember, match="register"):
        members.find_by_phone(station, "13900009999")


def roster_row(station, member_id="HUB000000001", phone="13700001234", **over):
    row = {"member_id": member_id, "phone_hash": members.phone_hash(station, phone),
           "name": "赵六", "occupation": "truck_driver", "platform": "货拉拉", "union_member": True,
           "status": "active", "registered_at": "2026-01-01T00:00:00Z"}
    return {**row, **over}


def test_roster_from_hub_is_applied_and_updated(station):
    write(members.apply_roster, station, [roster_row(station)])
    write(members.apply_roster, station, [roster_row(station, status="suspended")])
    member = members.find_by_phone(station, "13700001234")
    assert member.status == "suspended"
    with pytest.raises(MemberInactive):
        write(checkins.check_in, station, member.member_id)


def test_hub_row_for_a_phone_registered_here_wins_the_look_up(station, rider):
    write(members.apply_roster, station, [roster_row(station, member_id="HUBID0000001", phone="13812345678")])
    assert members.find_by_phone(station, "13812345678").member_id == "HUBID0000001"
    assert members.get_member(station, rider.member_id).status == "merged"


@pytest.mark.parametrize("bad", [{"phone_hash": "xyz"}, {"occupation": "pilot"}, {"union_member": "yes"},
                                 {"name": ""}, {"name": True}, {"member_id": ""}])
def test_malformed_roster_page_is_refused_whole(station, bad):
    good = roster_row(station, member_id="HUB000000009", phone="13700009999")
    with pytest.raises(InvalidInput):
        write(members.apply_roster, station, [good, roster_row(station, **bad)])
    assert station.one("SELECT COUNT(*) FROM members") == 0


def test_the_phone_hash_is_memory_hard_and_keyed_at_its_real_cost(monkeypatch):
    import hashlib

    monkeypatch.delenv("KIOSK_PHONE_HASH_N")
    key = members.new_phone_key()
    scheme, n, r, p, salt = key.split("$")
    assert (scheme, int(n), int(r), int(p), len(salt)) == ("scrypt", members.PHONE_HASH_N, members.PHONE_HASH_R, 1, 64)
    assert int(n) * int(r) * 128 >= 16 * 2**20  # 16 MiB of memory per guess (`kiosk bench` prints its time)
    digest = members.hash_phone(key, "138 1234 5678")
    assert digest == hashlib.scrypt(b"13812345678", salt=bytes.fromhex(salt), n=int(n), r=int(r), p=1, dklen=32,
                                    maxmem=2**26).hex()
    assert digest == members.hash_phone(key, "+8613812345678") != members.hash_phone(members.new_phone_key(),
                                                                                      "13812345678")
    assert members.hash_phones(key, ["13812345678", "13912345678"])[0] == digest
