"""Sign-ups (报名) end to end: a programme defined at the office reaches the stations it runs at, riders sign
up offline within each station's share, the hub decides places and waiting lists as the pushes arrive,
and each rider's outcome reaches every station. On SQLite and PostgreSQL, over loopback HTTP."""

from datetime import timedelta

import pytest

from kiosk.base.errors import AlreadySignedUp, InvalidInput, NotEligible, ProgrammeClosed, ProgrammeFull
from kiosk.core.signups import id_number_valid
from kiosk.hub.web import union_today
from tests.helpers.hub import PHONES, Station, hub_database, running_hub

ID_NUMBER = "11010519491231002X"  # the standard's own example: its check character is X


@pytest.fixture(params=["sqlite", "postgresql"])
def hub_env(request, tmp_path):
    with hub_database(request.param, tmp_path) as url, running_hub(url) as (hub, server):
        hub.import_roster([{"phone": p, "name": "测试骑手", "occupation": "delivery_rider", "union_member": "yes"}
                           for p in PHONES[:6]] + [{"phone": PHONES[6], "name": "司机", "occupation": "truck_driver"}])
        yield hub, server


def childcare(hub, capacity=2, **extra):
    today = union_today()
    return hub.add_programme({
        "title_zh": "爱心托管班", "title_en": "Holiday childcare class", "starts_on": today.isoformat(),
        "ends_on": (today + timedelta(days=30)).isoformat(), "waiting_list": True,
        "fields": ["name", "child_name", "child_age"], "where_zh": "城中区工会二楼", "bring_zh": "户口本",
        "sessions": [{"label_zh": "周一班", "label_en": "Monday class", "capacity": capacity}], **extra},
        actor="officer1")


def rider(station, n):
    return station.identify_by_phone(PHONES[n]).member_id


def test_a_class_of_two_with_three_sign_ups_at_two_offline_stations_fills_two_and_waits_one(hub_env, tmp_path):
    hub, server = hub_env
    first, second = (Station(tmp_path, hub, server.url, name) for name in ("城中驿站", "城西驿站"))
    programme_id = childcare(hub)
    late = Station(tmp_path, hub, server.url, "城北驿站")  # added since: no places of its own to give
    first.sync(), second.sync(), late.sync()
    assert late.signup_programmes(rider(late, 3))[0].sessions[0].share == 0
    (offered,) = first.signup_programmes(rider(first, 0))
    assert offered.sessions[0].share == 1  # each station may give one of the two places offline
    answers = {"name": "王芳", "child_name": "小明", "child_age": "7"}
    a = first.sign_up(rider(first, 0), programme_id, "S1", answers)
    b = first.sign_up(rider(first, 1), programme_id, "S1", {**answers, "child_name": "小红"})
    c = second.sign_up(rider(second, 2), programme_id, "S1", {**answers, "child_name": "小刚"})
    assert (a.status, b.status, c.status) == ("confirmed", "waiting", "confirmed")  # as each station told them
    first.sync(), second.sync(), first.sync()
    outcome = {s["signup_id"]: s["status"] for s in hub.programme_signups(programme_id)[1]}
    assert outcome == {a.signup_id: "confirmed", b.signup_id: "waiting", c.signup_id: "confirmed"}
    # Every rider sees their own outcome at any station.
    assert [s.status for s in second.rider_signups(rider(second, 1))] == ["waiting"]
    assert [s.status for s in first.rider_signups(rider(first, 2))] == ["confirmed"]
    # A place is given up: the office moves the waiting rider in, and the station hears of it.
    with pytest.raises(InvalidInput, match="full"):
        hub.move_signup(b.signup_id, "confirmed", actor="officer1")
    hub.move_signup(a.signup_id, "cancelled", actor="officer1")
    hub.move_signup(b.signup_id, "confirmed", actor="officer1")
    first.sync()
    assert {s.signup_id: s.status for s in first.rider_signups(rider(first, 1))} == {b.signup_id: "confirmed"}
    assert {"signup.add", "signup.move", "signup.read"} <= {e["action"] for e in hub.audit_entries()}


def test_answers_are_sealed_at_the_station_and_opened_only_at_the_office(hub_env, tmp_path):
    hub, server = hub_env
    today = union_today()
    programme_id = hub.add_programme({
        "title_zh": "暖新保", "title_en": "Warm New insurance", "starts_on": today.isoformat(),
        "ends_on": today.isoformat(), "once": "year", "fields": ["name", "id_number", "phone", "platform"],
        "sessions": []}, actor="officer1")
    station = Station(tmp_path, hub, server.url, "城中驿站")
    station.sync()
    who = rider(station, 0)
    with pytest.raises(InvalidInput) as bad:
        station.sign_up(who, programme_id, "S1", {"name": "王芳", "id_number": "110105194912310021",
                                                  "phone": PHONES[0], "platform": "美团"})
    assert bad.value.details["field"] == "id_number"
    with pytest.raises(InvalidInput):
        station.sign_up(who, programme_id, "S1", {"name": "王芳", "id_number": ID_NUMBER, "phone": PHONES[0],
                                                  "platform": "拼多多"})  # not one of the choices
    station.sign_up(who, programme_id, "S1", {"name": "王芳", "id_number": ID_NUMBER.lower(), "phone": PHONES[0],
                                              "platform": "美团"})
    with pytest.raises(AlreadySignedUp):  # one a year
        station.sign_up(who, programme_id, "S1", {"name": "王芳", "id_number": ID_NUMBER, "phone": PHONES[0],
                                                  "platform": "美团"})
    station.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    disk = (station.dir / "station.db").read_bytes()
    assert ID_NUMBER.encode() not in disk and "王芳".encode() not in disk
    station.sync()
    _programme, (row,) = hub.programme_signups(programme_id)
    assert row["answers"]["id_number"] == "110" + "*" * 13 + "2X" and row["answers"]["name"] == "王芳"
    _programme, (row,) = hub.programme_signups(programme_id, reveal=True)
    assert row["answers"]["id_number"] == ID_NUMBER
    assert "signup.export" in {e["action"] for e in hub.audit_entries()}


def test_refusals_offline_change_nothing(hub_env, tmp_path):
    hub, server = hub_env
    yesterday = union_today() - timedelta(days=1)
    closed = hub.add_programme({"title_zh": "春风行动", "starts_on": yesterday.isoformat(),
                                "ends_on": yesterday.isoformat(), "fields": ["trade"], "sessions": []})
    members_only = childcare(hub, capacity=1, union_only=True, occupations=["delivery_rider"])
    station = Station(tmp_path, hub, server.url, "城中驿站")
    station.sync()
    events = station.store.one("SELECT COUNT(*) FROM events")
    with pytest.raises(ProgrammeClosed):
        station.sign_up(rider(station, 0), closed, "S1", {"trade": "厨师"})
    with pytest.raises(NotEligible):  # a truck driver, and not a union member
        station.sign_up(rider(station, 6), members_only, "S1", {"name": "司机", "child_name": "小强",
                                                                "child_age": "5"})
    with pytest.raises(InvalidInput):
        station.sign_up(rider(station, 0), members_only, "S1", {"name": "王芳", "child_name": "小明",
                                                                "child_age": "30"})
    assert station.store.one("SELECT COUNT(*) FROM events") == events
    assert [p.programme_id for p in station.signup_programmes(rider(station, 6))] == []
    hub.close_programme(members_only, actor="officer1")
    station.sync()
    with pytest.raises(ProgrammeClosed):
        station.sign_up(rider(station, 0), members_only, "S1", {"name": "王芳", "child_name": "小明",
                                                                "child_age": "3"})


def test_a_full_session_without_a_waiting_list_is_refused_at_the_station(hub_env, tmp_path):
    hub, server = hub_env
    station = Station(tmp_path, hub, server.url, "城中驿站")
    programme_id = childcare(hub, capacity=1, waiting_list=False)
    station.sync()
    answers = {"name": "王芳", "child_name": "小明", "child_age": "7"}
    station.sign_up(rider(station, 0), programme_id, "S1", answers)
    with pytest.raises(ProgrammeFull):
        station.sign_up(rider(station, 1), programme_id, "S1", answers)


@pytest.mark.parametrize("number,valid", [(ID_NUMBER, True), ("110105194912310021", False),
                                          ("11010519491331002X", False), ("1101051949123100", False)])
def test_id_numbers_are_checked_by_their_check_character_and_birth_date(number, valid):
    assert id_number_valid(number) is valid


def test_a_rider_with_a_place_signs_in_at_the_class_once_a_day_and_the_office_counts_it(hub_env, tmp_path):
    hub, server = hub_env
    first, second = (Station(tmp_path, hub, server.url, name) for name in ("城中驿站", "城西驿站"))
    programme_id = childcare(hub, capacity=4)
    first.sync(), second.sync()
    who, other = rider(first, 0), rider(first, 1)
    assert first.signups_to_attend(who) == []  # nothing to sign in to without a place
    place = first.sign_up(who, programme_id, "S1", {"name": "王芳", "child_name": "小明", "child_age": "7"})
    assert [s.signup_id for s in first.signups_to_attend(who)] == [place.signup_id]
    first.attend(who, place.signup_id)
    assert first.signups_to_attend(who) == []  # once a day
    with pytest.raises(ProgrammeClosed):
        first.attend(who, place.signup_id)
    with pytest.raises(ProgrammeClosed):  # another rider cannot sign in on someone else's place
        first.attend(other, place.signup_id)
    first.sync(), second.sync()
    # The same place signed in at another station the same day (two stations offline) counts once.
    assert [s.signup_id for s in second.signups_to_attend(rider(second, 0))] == [place.signup_id]
    second.attend(rider(second, 0), place.signup_id)
    second.sync()
    (session,) = hub.programmes()[0]["sessions"]
    assert (session["confirmed"], session["attended"], session["attendances"]) == (1, 1, 1)
    today = union_today().isoformat()
    (figures,) = hub.figures(today, today)["signups"]
    assert (figures["signups"], figures["confirmed"], figures["attendances"]) == (1, 1, 1)
