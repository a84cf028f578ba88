"""A rider asks the union for help at the kiosk: taps and the on-screen keyboard at an offline station, a real
hub over loopback, the status seen at another station; and every refusal on the way."""

import json

import pytest

from kiosk.config import Config
from kiosk.demo import build_demo
from kiosk.station import Station as KioskStation
from tests.gui.test_app import unlock
from tests.helpers.hub import PHONES, prepare, running_hub
from tests.helpers.hub import Station as HubStation
from tests.helpers.ui import Driver

RIDER = PHONES[0]
CALL_BACK = "13912340000"


def open_kiosk(qtbot, directory, **config):
    from kiosk.app.main import create_app

    app = create_app(directory, Config(idle_timeout_s=600, **config))
    return app, Driver(app, qtbot)


def station_file_bytes(directory) -> bytes:
    return b"".join(p.read_bytes() for p in directory.glob("station.db*"))


def test_an_urgent_request_made_offline_reaches_the_office_and_its_status_the_rider_anywhere(qtbot, tmp_path):
    with running_hub(f"sqlite:///{tmp_path / 'hub.db'}") as (hub, server):
        prepare(hub)
        hub.add_attendant("A-1", "王站长", "attendant", "123456")
        first, second = (HubStation(tmp_path, hub, server.url, name) for name in ("城中驿站", "城西驿站"))
        first.sync(), second.sync()
        first.point_at("http://127.0.0.1:9")  # the network is down at the first station
        app, kiosk = open_kiosk(qtbot, first.dir)
        try:
            kiosk.tap("checkInButton")
            kiosk.keypad(RIDER)
            kiosk.wait_screen("purposeScreen")
            kiosk.tap("purpose_legal_help")  # the visit counts; then the request is asked for
            kiosk.wait_screen("helpScreen")
            kiosk.tap("helpCategory_unpaid_wages")
            qtbot.waitUntil(lambda: kiosk.visible("keyboard"))
            assert kiosk.find("descriptionNext").property("text") in ("Skip", "跳过")
            kiosk.tap_keys("g", "o", "n", "g", "z", "i", "工资")  # pinyin, picked from the candidates
            assert kiosk.find("helpDescription").property("text") == "工资"
            kiosk.tap("descriptionNext")
            kiosk.tap("urgentYes")
            kiosk.tap("contactCall")
            kiosk.keypad(CALL_BACK)
            assert kiosk.find("reviewContact").property("text").endswith("139 **** 0000")
            assert not kiosk.find("sendHelp").isEnabled()  # a call back needs the rider's consent first
            kiosk.tap("helpConsent")
            kiosk.tap("sendHelp")
            qtbot.waitUntil(lambda: kiosk.visible("caseNumber") and bool(kiosk.find("caseNumber").property("text")))
            number = kiosk.find("caseNumber").property("text")
            request_id = number.replace("-", "")
            data = station_file_bytes(first.dir)
            assert "工资".encode() not in data and CALL_BACK.encode() not in data  # sealed before it was written
            kiosk.tap("helpDone")
            kiosk.wait_screen("homeScreen")
            unlock(kiosk, "123456")
            kiosk.wait_screen("staffScreen")
            assert number in kiosk.find("urgentHelp").childItems()[0].property("text")  # the attendant is told
        finally:
            app.close()
        assert first.store.one("SELECT COUNT(*) FROM checkins WHERE purpose = 'legal_help'") == 1

        first.point_at(server.url)
        first.sync()  # the network is back
        case = hub.help_case(request_id)
        assert case["description"] == "工资" and case["phone"] == CALL_BACK and case["urgent"]
        hub.set_help_status(request_id, "contacted", "已电话联系")
        second.sync()
        app, kiosk = open_kiosk(qtbot, second.dir, language="zh_CN")
        try:
            kiosk.tap("checkInButton")
            kiosk.keypad(RIDER)
            kiosk.wait_screen("purposeScreen")
            shown = kiosk.find(f"helpStatus_{number}").childItems()[0].property("text")
            assert shown == f"您的求助 {number}（欠薪）：已联系"
        finally:
            app.close()
        first.sync()
        assert not first.urgent_help()  # taken up: the first station's attendant is no longer alerted


@pytest.fixture
def demo_dir(tmp_path):
    station = KioskStation.open(tmp_path / "demo")
    build_demo(station, n_members=5, days=0)
    station.close()
    return tmp_path / "demo"


def test_a_rider_may_ask_anonymously_and_in_person_with_nothing_written(qtbot, demo_dir):
    slip = demo_dir / "printer.bin"
    app, kiosk = open_kiosk(qtbot, demo_dir, language="zh_CN", printer={"kind": "file", "target": str(slip)})
    try:
        kiosk.tap("helpButton")
        kiosk.wait_screen("helpScreen")
        kiosk.tap("helpCategory_platform_penalty")
        kiosk.tap("descriptionNext")  # "Skip"
        kiosk.tap("urgentNo")
        kiosk.tap("contactInPerson")
        assert not kiosk.visible("helpConsent")
        kiosk.tap("sendHelp")
        qtbot.waitUntil(lambda: kiosk.visible("caseNumber") and bool(kiosk.find("caseNumber").property("text")))
        kiosk.tap("printCase")
        kiosk.wait_toast("已打印")
        assert slip.read_bytes().count(b"\x1dv0") == 3 and slip.read_bytes().count(b"\x1dV") == 1  # one slip, cut
    finally:
        app.close()
    station = KioskStation.open(demo_dir)
    try:
        [event] = station.store.rows("SELECT payload FROM events WHERE type = 'help_requested'")
        payload = json.loads(event["payload"])
        assert (payload["member_id"], payload["category"], payload["contact"]) == ("", "platform_penalty", "in_person")
        assert not station.urgent_help()
    finally:
        station.close()


def test_a_wrong_number_or_a_long_text_is_refused_at_its_step_and_nothing_is_saved(qtbot, demo_dir):
    app, kiosk = open_kiosk(qtbot, demo_dir, language="zh_CN")
    try:
        kiosk.tap("helpButton")
        kiosk.tap("helpCategory_contract")
        kiosk.find("helpDescription").setProperty("text", "长" * 501)  # pasted or typed on and on
        qtbot.waitUntil(lambda: kiosk.visible("descriptionProblem"))
        assert kiosk.find("descriptionProblem").property("text") == "请不超过 500 个字。"
        assert not kiosk.find("descriptionNext").isEnabled()
        kiosk.find("helpDescription").setProperty("text", "没签合同")
        kiosk.tap("descriptionNext")
        kiosk.tap("urgentNo")
        kiosk.tap("contactCall")
        kiosk.keypad("2391234")
        assert kiosk.find("helpPhoneProblem").property("text") == "请输入以1开头的11位手机号。"
        kiosk.tap("backButton")  # back to how to be reached: what was written is still there
        kiosk.tap("backButton")
        kiosk.tap("backButton")
        assert kiosk.find("helpDescription").property("text") == "没签合同"
    finally:
        app.close()
    station = KioskStation.open(demo_dir)
    try:
        assert station.store.one("SELECT COUNT(*) FROM events WHERE type = 'help_requested'") == 0
    finally:
        station.close()


def test_a_station_not_linked_to_the_office_gives_the_hotline_instead(qtbot, demo_dir):
    station = KioskStation.open(demo_dir)
    station.store.conn.execute("DELETE FROM settings WHERE key = 'hub_box_key'")
    station.close()
    app, kiosk = open_kiosk(qtbot, demo_dir, language="zh_CN")
    try:
        kiosk.tap("helpButton")
        assert "12351" in kiosk.find("helpUnavailable").property("text")
        assert not kiosk.visible("helpCategory_other")
    finally:
        app.close()


def test_a_rider_signs_up_for_a_class_with_taps_and_typing_and_sees_the_outcome_next_time(qtbot, demo_dir):
    station = KioskStation.open(demo_dir)
    phone = "13800138000"  # the demo rider
    member_id = station.identify_by_phone(phone).member_id
    station.close()
    slip = demo_dir / "printer.bin"
    app, kiosk = open_kiosk(qtbot, demo_dir, language="en", printer={"kind": "file", "target": str(slip)})
    try:
        kiosk.tap("checkInButton")
        kiosk.keypad(phone)
        kiosk.wait_screen("purposeScreen")
        kiosk.tap("signupButton")
        kiosk.wait_screen("signupScreen")
        kiosk.tap("programme_SU-DEMO2")  # the childcare class
        kiosk.tap("session_S2")
        assert not kiosk.find("answersNext").isEnabled()  # nothing answered yet
        kiosk.tap("answer_name")
        qtbot.waitUntil(lambda: kiosk.visible("keyboard"))
        kiosk.tap_keys("c", "h", "e", "n")  # on the on-screen keyboard
        kiosk.find("answer_child_name").setProperty("text", "lele")  # as typed
        kiosk.tap("age_7")  # one tap, no keyboard
        kiosk.tap("answersNext")
        qtbot.waitUntil(lambda: kiosk.visible("review_child_age"))
        assert kiosk.find("review_child_age").property("text").endswith("7")
        kiosk.tap("sendSignup")
        qtbot.waitUntil(lambda: kiosk.visible("signupOutcome"))
        assert kiosk.find("signupOutcome").property("text") == "You have a place!"
        assert "2nd floor" in kiosk.find("signupWhere").property("text")
        kiosk.tap("printSignup")
        kiosk.wait_toast("Printed")
        assert slip.read_bytes().count(b"\x1dv0") == 3 and slip.read_bytes().count(b"\x1dV") == 1  # one slip, cut
        kiosk.tap("signupDone")
        kiosk.wait_screen("homeScreen")
        kiosk.tap("checkInButton")
        kiosk.keypad(phone)
        kiosk.wait_screen("purposeScreen")
        (status,) = [i for i in kiosk._items() if i.objectName().startswith("signupStatus_")]
        assert status.property("text") == "Sign-up Holiday childcare class · Thu–Sat class: you have a place"
        assert "childcare" not in kiosk.find("signupButton").property("text")  # one sign-up each
        # The class runs today: the rider signs in to it (their attendance), once.
        (attend,) = [i for i in kiosk._items() if i.objectName().startswith("attend_")]
        kiosk.tap(attend.objectName())
        kiosk.wait_toast("Signed in: Holiday childcare class · Thu–Sat class")
        qtbot.waitUntil(lambda: not [i for i in kiosk._items() if i.objectName().startswith("attend_")])
    finally:
        app.close()
    station = KioskStation.open(demo_dir)
    try:
        (signup,) = station.rider_signups(member_id)
        assert (signup.programme_id, signup.session_id, signup.status) == ("SU-DEMO2", "S2", "confirmed")
        assert station.store.rows("SELECT signup_id FROM signup_attendance") == [{"signup_id": signup.signup_id}]
        assert b"lele" not in b"".join(p.read_bytes() for p in demo_dir.glob("station.db*"))  # sealed
    finally:
        station.close()
