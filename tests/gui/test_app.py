"""The touchscreen app, driven offscreen through the real QML screens, checked on screen and in the database."""

import json
import re
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from PySide6.QtCore import QObject, Qt
from PySide6.QtQml import QQmlComponent, QQmlEngine
from PySide6.QtTest import QTest

from kiosk.app.main import UI_DIR, create_app, register_types
from kiosk.config import Config, load_config
from kiosk.core import checkins, members
from kiosk.core.cards import Verifier, ensure_keys, issue
from kiosk.demo import build_demo
from kiosk.station import Station as KioskStation
from kiosk.store import Store
from tests.helpers import write
from tests.helpers.ui import Driver

QML_FILES = sorted(UI_DIR.rglob("*.qml"))


@pytest.mark.parametrize("path", QML_FILES, ids=lambda p: p.name)
def test_every_qml_file_compiles(qtbot, path: Path):
    register_types()  # the view-model types the screens declare
    engine = QQmlEngine()
    component = QQmlComponent(engine, str(path))
    assert component.status() != QQmlComponent.Status.Error, component.errorString()


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory):
    directory = tmp_path_factory.mktemp("kiosk-template")
    station = KioskStation.open(directory)
    build_demo(station, n_members=60, days=0)
    station.close()
    return directory


@pytest.fixture
def data_dir(demo_template, tmp_path):
    import shutil

    target = tmp_path / "station"
    shutil.copytree(demo_template, target)
    return target


@pytest.fixture
def station_db(data_dir):
    store = Store(data_dir / "station.db")
    yield store
    store.close()


@pytest.fixture
def rider(station_db):
    return write(members.register_member, station_db, phone="13912345678", name="陈小明", occupation="delivery_rider",
                                   union_member=True, consent=True)


@pytest.fixture
def kiosk(qtbot, data_dir):
    app = create_app(data_dir, Config(idle_timeout_s=600))
    driver = Driver(app, qtbot)
    yield driver
    app.close()


def count(store, sql, *params):
    return store.one(sql, params)


def test_check_in_by_phone_greets_the_rider_and_records_the_visit(kiosk, station_db, rider):
    kiosk.tap("checkInButton")
    kiosk.wait_screen("phoneScreen")
    kiosk.keypad("13912345678")  # on by itself at the 11th digit
    kiosk.wait_screen("purposeScreen")
    kiosk.tap("purpose_charging")
    kiosk.wait_screen("confirmScreen")
    assert kiosk.taps == 13  # README, "Taps per task": about 16 before the second pass
    assert kiosk.find("greeting").property("text") == "欢迎您，陈**！签到成功。"
    assert count(station_db, "SELECT COUNT(*) FROM checkins WHERE member_id = ? AND purpose = 'charging'",
                 rider.member_id) == 1


def test_every_purpose_and_occupation_the_core_knows_has_a_button_in_both_languages(kiosk, station_db, rider):
    labels = {}
    for language in ("zh_CN", "en"):
        kiosk.app.language.setLanguage(language)
        labels[language] = {p["key"]: p["label"] for p in kiosk.app.rider.property("purposes")}
        labels[language].update({o["key"]: o["label"] for o in kiosk.app.rider.property("occupations")})
    assert set(labels["en"]) == set(checkins.PURPOSES) | set(members.OCCUPATIONS)
    assert all(labels["zh_CN"][key] != labels["en"][key] for key in labels["en"])  # translated, not left in English
    kiosk.tap("checkInButton")
    kiosk.keypad("13912345678")
    kiosk.wait_screen("purposeScreen")
    for purpose in checkins.PURPOSES:
        assert kiosk.find(f"purpose_{purpose}").property("text") == labels["en"][purpose]


def test_unknown_phone_is_told_to_register_and_nothing_changes(kiosk, station_db):
    events = count(station_db, "SELECT COUNT(*) FROM events")
    kiosk.tap("checkInButton")
    kiosk.keypad("13900000000")
    kiosk.wait_toast("没有找到您的信息")
    assert kiosk.screen() == "phoneScreen"
    assert count(station_db, "SELECT COUNT(*) FROM events") == events


def test_malformed_phone_gets_a_clear_message(kiosk):
    kiosk.tap("checkInButton")
    kiosk.keypad("12345")
    kiosk.wait_toast("11位手机号")


def test_keyboard_wedge_scan_with_nothing_focused_checks_the_rider_in(kiosk, station_db, rider, data_dir):
    code = write(issue, station_db, write(ensure_keys, station_db, data_dir / "keys"), rider.member_id)
    kiosk.type_text(code, enter=True)  # a scanner types fast and ends with Enter
    kiosk.wait_screen("purposeScreen")
    kiosk.tap("purpose_rest")
    kiosk.wait_screen("confirmScreen")
    assert count(station_db, "SELECT COUNT(*) FROM checkins WHERE member_id = ?", rider.member_id) == 1


def test_a_scan_into_a_focused_text_field_is_taken_as_a_scan_and_never_typed(kiosk, station_db, rider, data_dir):
    code = write(issue, station_db, write(ensure_keys, station_db, data_dir / "keys"), rider.member_id)
    kiosk.tap("registerButton")
    kiosk.tap("agreeButton")
    kiosk.keypad("13700004444")
    kiosk.qtbot.waitUntil(lambda: kiosk.visible("nameField"))
    kiosk.type_text("Li", gap_ms=120)  # a technician's USB keyboard, at a person's pace: into the field
    assert kiosk.find("nameField").property("text") == "Li"
    kiosk.type_text(code, enter=True)  # the scanner, while the name field has focus
    kiosk.wait_screen("purposeScreen")
    assert "SK1" not in kiosk.window.findChild(QObject, "nameField").property("text")


def test_a_code_with_a_pause_inside_or_a_line_feed_at_the_end_is_still_one_scan(kiosk, station_db, rider, data_dir):
    code = write(issue, station_db, write(ensure_keys, station_db, data_dir / "keys"), rider.member_id)
    kiosk.type_text(code[:30])
    kiosk.qtbot.wait(300)  # the scanner hesitates (a long code, a slow USB hub)
    kiosk.type_text(code[30:])
    QTest.sendKeyEvent(QTest.KeyAction.Click, kiosk.window, Qt.Key.Key_J, "\n", Qt.KeyboardModifier.ControlModifier)
    kiosk.wait_screen("purposeScreen")
    assert kiosk.app.rider.property("memberId") == rider.member_id


def test_a_forged_scan_is_refused_in_the_riders_language(kiosk, station_db):
    kiosk.type_text("SK1:NOTAREALCODE0000000", enter=True)
    kiosk.wait_toast("无法识别此码")
    assert kiosk.screen() == "homeScreen"


def test_a_scanned_voucher_card_says_it_is_a_voucher_and_changes_nothing(kiosk, station_db, rider, data_dir):
    voucher = station_db.one("SELECT code FROM voucher_codes ORDER BY code LIMIT 1")
    signed = write(issue, station_db, write(ensure_keys, station_db, data_dir / "keys"), rider.member_id,
                   "voucher")
    events = count(station_db, "SELECT COUNT(*) FROM events")
    for code in (voucher, signed):  # a pool code printed on a card, and a voucher signed by the station
        kiosk.type_text(code, enter=True)
        kiosk.wait_toast("这是兑换券，不是会员码")
        assert kiosk.screen() == "homeScreen"
        kiosk.qtbot.wait(200)
    unlock(kiosk, "123456")
    kiosk.wait_screen("staffScreen")
    kiosk.type_text(voucher, enter=True)  # the attendant's screen tells them too
    kiosk.wait_toast("这是兑换券")
    assert kiosk.find("staffRider").property("text") == "尚未选择骑手"
    assert count(station_db, "SELECT COUNT(*) FROM events") == events


def check_in(kiosk, phone="13912345678"):
    kiosk.tap("checkInButton")
    kiosk.keypad(phone)
    kiosk.wait_screen("purposeScreen")
    kiosk.tap("purpose_water")
    kiosk.wait_screen("confirmScreen")


def test_self_service_claim_until_the_limit(kiosk, station_db, rider):
    check_in(kiosk)
    for left in ("您还可以再领 1 份。", "这一份领完了，下次再来。"):
        before = count(station_db, "SELECT COUNT(*) FROM handouts")
        kiosk.tap("take_water")
        kiosk.qtbot.waitUntil(lambda b=before: count(station_db, "SELECT COUNT(*) FROM handouts") == b + 1)
        kiosk.qtbot.waitUntil(lambda left=left: kiosk.visible("takenBanner")
                              and kiosk.find("takenLeft").property("text") == left)
        assert kiosk.find("takenText").property("text") == "请取走矿泉水。路上注意安全！"
    kiosk.qtbot.waitUntil(lambda: not kiosk.visible("take_water"))
    assert count(station_db, "SELECT SUM(quantity) FROM handouts WHERE member_id = ? AND channel = 'self'",
                 rider.member_id) == 2


def test_language_switches_at_any_time_without_restart(kiosk, rider):
    check_in(kiosk)
    kiosk.tap("languageButton")
    kiosk.qtbot.waitUntil(lambda: kiosk.find("greeting").property("text").startswith("Welcome, 陈**"))
    kiosk.tap("languageButton")
    kiosk.qtbot.waitUntil(lambda: kiosk.find("greeting").property("text").startswith("欢迎您"))


def test_registration_ends_with_a_scannable_membership_code(kiosk, station_db, qtbot):
    kiosk.tap("registerButton")
    kiosk.wait_screen("consentScreen")
    kiosk.tap("agreeButton")
    kiosk.wait_screen("registerScreen")
    kiosk.keypad("13700001111")
    kiosk.qtbot.waitUntil(lambda: kiosk.visible("nameField"))  # once the number is checked
    kiosk.type_text("Li Lei")  # the name field has focus after the phone step
    kiosk.tap("nameNext")
    kiosk.tap("occupation_courier")
    kiosk.tap("platform_顺丰")
    kiosk.tap("workNext")
    assert (kiosk.find("reviewName").property("text"), kiosk.find("reviewPhone").property("text"),
            kiosk.find("reviewWork").property("text")) == ("Li Lei", "137 **** 1111", "快递员 · 顺丰")
    kiosk.tap("submitRegistration")
    kiosk.wait_screen("cardScreen")
    image = kiosk.find("memberCode")
    qtbot.waitUntil(lambda: image.property("implicitWidth") > 0)  # the provider drew it
    member = members.find_by_phone(station_db, "13700001111")
    assert (member.name, member.occupation, member.union_member) == ("Li Lei", "courier", False)  # not ticked for them
    assert station_db.one("SELECT platform FROM members WHERE member_id = ?", (member.member_id,)) == "顺丰"
    assert kiosk.find("cardTitle").property("text") == "登记成功，L*****！"  # not welcomed to a union not joined
    frame = kiosk.window.grabWindow()
    path = str(Path(station_db.path).parent / "card.png")
    frame.save(path)
    with Image.open(path) as picture:
        decoded = zxingcpp.read_barcodes(picture)
    assert decoded and Verifier(station_db).verify(decoded[0].text).subject == member.member_id
    kiosk.tap("continueButton")  # registration ends checked in, the new code still in view
    kiosk.wait_screen("purposeScreen")
    kiosk.tap("purpose_water")
    kiosk.wait_screen("confirmScreen")
    assert kiosk.visible("newMemberCode") and kiosk.visible("take_water")
    assert count(station_db, "SELECT COUNT(*) FROM checkins WHERE member_id = ?", member.member_id) == 1


def test_registration_without_a_valid_phone_is_refused_at_its_step(kiosk, station_db):
    members_before = count(station_db, "SELECT COUNT(*) FROM members")
    kiosk.tap("registerButton")
    kiosk.tap("agreeButton")
    kiosk.wait_screen("registerScreen")
    kiosk.keypad("123")
    kiosk.wait_toast("11位手机号")
    assert kiosk.visible("registerKeypad") and not kiosk.visible("nameField")  # not on to the next step
    assert count(station_db, "SELECT COUNT(*) FROM members") == members_before


def test_a_registered_phone_is_offered_a_check_in_and_back_goes_one_step(kiosk, station_db, rider):
    kiosk.tap("registerButton")
    kiosk.tap("agreeButton")
    kiosk.wait_screen("registerScreen")
    kiosk.keypad("13700003333")
    kiosk.qtbot.waitUntil(lambda: kiosk.visible("nameField"))
    kiosk.type_text("Wang")
    kiosk.tap("backButton")  # one step back: the number, as typed
    assert kiosk.visible("registerKeypad") and kiosk.find("keypadDisplay").property("text") == "137 0000 3333"
    kiosk.keypad("")  # OK again: on to the name, as typed
    kiosk.qtbot.waitUntil(lambda: kiosk.visible("nameField"))
    assert kiosk.find("nameField").property("text") == "Wang"
    kiosk.tap("backButton")
    kiosk.tap("backButton")
    kiosk.wait_screen("consentScreen")
    kiosk.tap("agreeButton")
    kiosk.wait_screen("registerScreen")
    kiosk.keypad("13912345678")  # the rider registered already
    kiosk.qtbot.waitUntil(lambda: kiosk.visible("phoneTaken"))
    assert "陈**" in kiosk.find("phoneTaken").property("text")
    kiosk.tap("checkInInstead")
    kiosk.wait_screen("purposeScreen")
    kiosk.tap("purpose_rest")
    kiosk.wait_screen("confirmScreen")
    assert count(station_db, "SELECT COUNT(*) FROM checkins WHERE member_id = ?", rider.member_id) == 1


def unlock(kiosk, pin, purpose="purposeAttendant"):
    kiosk.long_press("stationName")
    kiosk.wait_screen("pinScreen")
    kiosk.tap(purpose)
    assert not [i for i in kiosk._items() if i.objectName().startswith("attendant_")]  # no names listed
    kiosk.keypad(pin)


def close_breakfast(store):
    """Serve breakfast half a day away from now, whatever the time the tests run: it is closed."""
    hour = (store.clock.now().hour + 12) % 24
    opens, closes = f"{hour:02d}:00", f"{hour:02d}:30"
    with store.transaction():
        store.conn.execute("UPDATE campaigns SET opens_at = ?, closes_at = ? WHERE campaign_id = 'BREAKFAST'",
                           (opens, closes))
    return opens, closes


def test_rows_keep_their_place_after_a_handout_and_the_stepper_stops_at_the_allowance(kiosk, station_db, rider):
    close_breakfast(station_db)  # so water, self-service and open, is the first row
    unlock(kiosk, "123456")
    kiosk.wait_screen("staffScreen")
    kiosk.keypad("13912345678")
    kiosk.qtbot.waitUntil(lambda: kiosk.find("staffRider").property("text").startswith("陈**"))

    def rows():
        found = [i for i in kiosk._items() if i.objectName().startswith("itemRow_")]
        return [i.objectName() for i in sorted(found, key=lambda i: i.mapToScene(i.position()).y())]

    before = rows()
    assert before[0] == "itemRow_water"  # the first row, the one that runs out below
    kiosk.tap("more_water")
    assert kiosk.find("quantity_water").property("text") == "2"
    assert not kiosk.find("more_water").isEnabled()  # two a day: no third
    kiosk.tap("give_water")
    kiosk.wait_toast("已发放")
    kiosk.qtbot.waitUntil(lambda: not kiosk.visible("give_water"))  # used up, and it says why in its row
    assert rows() == before
    assert station_db.one("SELECT SUM(quantity) FROM handouts WHERE item_id = 'water'") == 2


def test_attendant_hands_out_and_voids_with_a_reason(kiosk, station_db, rider):
    unlock(kiosk, "0000")
    kiosk.wait_toast("密码错误，还可尝试2次")
    kiosk.keypad("123456")
    kiosk.wait_screen("staffScreen")
    kiosk.keypad("13912345678")
    kiosk.qtbot.waitUntil(lambda: kiosk.find("staffRider").property("text").startswith("陈**"))
    kiosk.tap("give_care_kit")
    kiosk.wait_toast("已发放")
    handout = station_db.rows("SELECT event_id, attendant_id FROM handouts WHERE item_id = 'care_kit'")
    assert handout == [{"event_id": handout[0]["event_id"], "attendant_id": "A-DEMO01"}]
    kiosk.qtbot.waitUntil(lambda: kiosk.visible(f"void_{handout[0]['event_id']}"))
    kiosk.tap(f"void_{handout[0]['event_id']}")  # one tap only asks
    kiosk.tap(f"keep_{handout[0]['event_id']}")
    assert station_db.events()[-1].type == "handed_out"
    kiosk.tap(f"void_{handout[0]['event_id']}")
    assert not kiosk.find(f"confirmVoid_{handout[0]['event_id']}").property("enabled")  # no reason chosen for them
    kiosk.tap(f"voidReason_{handout[0]['event_id']}")
    kiosk.tap_text("发错物品")
    kiosk.tap(f"confirmVoid_{handout[0]['event_id']}")
    kiosk.wait_toast("已作废")
    event = station_db.events()[-1]
    assert event.type == "handout_voided" and event.payload["reason"] == "发错物品"


def test_a_voided_voucher_keeps_its_code_out_of_the_pool_unless_the_card_is_back(kiosk, station_db, rider):
    unlock(kiosk, "123456")
    kiosk.wait_screen("staffScreen")
    kiosk.keypad("13912345678")
    kiosk.qtbot.waitUntil(lambda: kiosk.visible("give_health_card"))
    kiosk.tap("give_health_card")
    kiosk.wait_toast("已发放")
    (first,) = station_db.rows("SELECT event_id, voucher_code FROM handouts WHERE item_id = 'health_card'")
    assert kiosk.find("voucherCode").property("text") == first["voucher_code"]  # large, where the attendant looks
    kiosk.qtbot.waitUntil(lambda: kiosk.visible(f"void_{first['event_id']}"))
    kiosk.tap(f"void_{first['event_id']}")
    assert kiosk.visible(f"codeBack_{first['event_id']}")  # asked only for vouchers
    kiosk.tap(f"voidReason_{first['event_id']}")
    kiosk.tap_text("物品已退回")
    kiosk.tap(f"confirmVoid_{first['event_id']}")
    kiosk.wait_toast("兑换码已作废")
    assert station_db.one("SELECT handout_id FROM voucher_codes WHERE code = ?", (first["voucher_code"],)) \
        == first["event_id"]


def test_technician_screen_needs_a_technician_pin(kiosk, station_db):
    unlock(kiosk, "123456", purpose="purposeTechnician")
    kiosk.wait_toast("只有技术人员可以打开")
    assert kiosk.screen() == "pinScreen"
    kiosk.keypad("987654")
    kiosk.wait_screen("techScreen")
    kiosk.tap("checkDatabase")
    kiosk.qtbot.waitUntil(lambda: kiosk.find("integrity").property("text") == "未发现问题")


def test_idle_timeout_returns_home_and_forgets_the_rider(qtbot, data_dir, rider):
    app = create_app(data_dir, Config(idle_timeout_s=1))
    kiosk = Driver(app, qtbot)
    try:
        check_in(kiosk)
        assert app.rider.property("memberName") == "陈**"
        kiosk.wait_screen("homeScreen", timeout=4000)
        assert app.rider.property("memberName") == ""
    finally:
        app.close()


def test_translations_are_complete_and_built():
    """Every message of the .ts source is translated, and the built .qm gives that translation."""
    import xml.etree.ElementTree as ET

    from PySide6.QtCore import QTranslator

    ts = UI_DIR.parent / "resources" / "translations" / "kiosk_zh_CN.ts"
    translator = QTranslator()
    assert translator.load(str(ts.with_suffix(".qm")))
    messages = [(context.findtext("name"), m.findtext("source"), m.find("translation"))
                for context in ET.parse(ts).iter("context") for m in context.iter("message")]
    assert len(messages) > 100
    for context, source, translation in messages:
        text = translation.findtext("numerusform") if translation.find("numerusform") is not None \
            else translation.text
        assert translation.get("type") is None and text, f"untranslated: {source}"
        assert translator.translate(context, source, None, 7) == text, f"not in the .qm: {source}"
    english = QTranslator()
    assert english.load(str(ts.with_name("kiosk_en.qm")))
    counted = [(c.findtext("name"), m.findtext("source")) for c in ET.parse(ts.with_name("kiosk_en.ts")).iter("context")
               for m in c.iter("message")]
    assert len(counted) >= 7
    for context, source in counted:  # one and many read as English does
        one, many = english.translate(context, source, None, 1), english.translate(context, source, None, 2)
        assert one and many and one != many and "(s)" not in one + many, source


@pytest.mark.slow
def test_every_screen_renders_in_both_languages_and_orientations(tmp_path):
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "kiosk.app.screenshots", str(tmp_path)], capture_output=True,
                            text=True, timeout=420, env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    shots = sorted(tmp_path.glob("*.png"))
    screens = ("home", "phone", "idle-warning", "phone-refused", "purpose", "confirm", "taken", "help-category",
               "help-description", "help-urgent", "help-contact", "help-phone", "help-review", "help-sent",
               "help-unavailable", "purpose-help-status", "purpose-signups", "signup-list", "signup-session",
               "signup-form", "signup-review", "signup-slip", "purpose-signup-status", "purpose-attended", "consent",
               "register", "register-name", "register-work", "register-review", "card", "pin", "staff", "staff-voucher",
               "staff-void", "staff-count", "technician", "unattended-home", "unattended-confirm", "setup")
    assert {s.name for s in shots} == {f"{screen}-{language}-{orientation}.png" for screen in screens
                                       for language in ("zh_CN", "en") for orientation in ("landscape", "portrait")}
    for shot in shots:
        with Image.open(shot) as image:
            assert image.size == ((1280, 800) if "landscape" in shot.name else (800, 1280)), shot.name
            assert image.convert("L").getextrema()[0] < 100  # something dark was drawn: text
    assert "Warning" not in result.stderr and "Error" not in result.stderr, result.stderr


def test_coming_for_an_activity_signs_the_rider_in(kiosk, station_db, rider):
    from kiosk.core.activities import open_activity

    activity = write(open_activity, station_db, "骑手安全培训", "A-DEMO01", hours=2)
    kiosk.tap("checkInButton")
    kiosk.keypad("13912345678")
    kiosk.wait_screen("purposeScreen")
    kiosk.tap("purpose_activity")
    kiosk.wait_screen("confirmScreen")
    assert count(station_db, "SELECT COUNT(*) FROM activity_signins WHERE activity_id = ? AND member_id = ?",
                 activity.activity_id, rider.member_id) == 1


def staff_with_rider(kiosk):
    unlock(kiosk, "123456")
    kiosk.wait_screen("staffScreen")
    kiosk.keypad("13912345678")
    kiosk.qtbot.waitUntil(lambda: kiosk.find("staffRider").property("text").startswith("陈**"))


def test_attendant_replaces_a_lost_card(kiosk, station_db, rider, data_dir):
    old = write(issue, station_db, write(ensure_keys, station_db, data_dir / "keys"), rider.member_id)
    staff_with_rider(kiosk)
    kiosk.tap("revokeButton")  # one tap only asks
    kiosk.tap("keepCard")
    assert Verifier(station_db).verify(old).subject == rider.member_id
    kiosk.tap("revokeButton")
    kiosk.tap("confirmRevoke")
    kiosk.wait_toast("挂失成功")
    kiosk.qtbot.waitUntil(lambda: kiosk.visible("staffCode"))
    new = kiosk.app.staff.property("code")
    assert Verifier(station_db).verify(new).subject == rider.member_id
    with pytest.raises(Exception, match="cancelled"):
        Verifier(station_db).verify(old)


def test_a_count_shows_what_it_does_to_the_stock_and_a_big_drop_needs_a_reason(kiosk, station_db):
    before = station_db.one("SELECT on_hand FROM stock WHERE item_id = 'cooling_pack'")
    assert before > 20
    events = count(station_db, "SELECT COUNT(*) FROM events")
    unlock(kiosk, "123456")
    kiosk.wait_screen("staffScreen")
    kiosk.tap("tabStock")
    kiosk.tap("count_cooling_pack")  # nothing is written by the tap itself
    kiosk.keypad("1")
    assert kiosk.find("stockChange").property("text") == f"库存 {before} → 1（−{before - 1}）"
    kiosk.tap("stockBack")  # a mistyped figure is typed again
    kiosk.keypad("10")
    assert kiosk.find("stockChange").property("text") == f"库存 {before} → 10（−{before - 10}）"
    assert not kiosk.find("stockConfirm").isEnabled()  # not before a reason is chosen
    kiosk.tap("countReason")
    kiosk.tap_text("已损坏或过期")
    assert count(station_db, "SELECT COUNT(*) FROM events") == events
    kiosk.tap("stockConfirm")
    kiosk.wait_toast("盘点已记录")
    assert station_db.one("SELECT on_hand FROM stock WHERE item_id = 'cooling_pack'") == 10
    payload = json.loads(station_db.one("SELECT payload FROM events WHERE type = 'stock_counted'"))
    assert (payload["delta"], payload["reason"]) == (10 - before, "damaged")
    assert not kiosk.visible("stockEntry")


def test_attendant_receives_stock_and_opens_an_activity(kiosk, station_db):
    before = station_db.one("SELECT on_hand FROM stock WHERE item_id = 'water'")
    unlock(kiosk, "123456")
    kiosk.wait_screen("staffScreen")
    kiosk.tap("tabStock")
    kiosk.tap("receive_water")
    kiosk.keypad("10", ok=False)
    kiosk.tap("key_OK")
    assert kiosk.find("stockChange").property("text") == f"库存 {before} → {before + 10}（+10）"
    kiosk.tap("stockConfirm")
    kiosk.wait_toast("已入库")
    assert station_db.one("SELECT on_hand FROM stock WHERE item_id = 'water'") == before + 10
    kiosk.tap("tabActivity")
    kiosk.find("activityTitle").forceActiveFocus()
    kiosk.type_text("Safety talk")
    kiosk.tap("openActivity")
    kiosk.wait_toast("活动已开放签到")
    assert station_db.one("SELECT title FROM activities") == "Safety talk"


def tech_screen(kiosk):
    unlock(kiosk, "987654", purpose="purposeTechnician")
    kiosk.wait_screen("techScreen")


def test_technician_edits_the_settings_and_they_take_effect_at_once(kiosk, station_db, data_dir):
    tech_screen(kiosk)
    kiosk.tap("stationNameField")
    QTest.keyClick(kiosk.window, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    kiosk.type_text("North Gate")
    for name in ("modeUnattended", "languageEn", "idle_60", "saveSettings"):
        kiosk.tap(name)
    kiosk.wait_toast("设置已保存")  # the technician's own language holds on their screen
    config = load_config(data_dir)
    assert (config.mode, config.language, config.idle_timeout_s) == ("unattended", "en", 60)
    assert station_db.setting("station_name") == "North Gate"
    assert kiosk.app.input.idle_seconds == 60 and kiosk.app.language.property("current") == "zh_CN"
    kiosk.tap("lockButton")
    kiosk.wait_screen("homeScreen")
    assert kiosk.app.language.property("current") == "en"  # the station's language, from the next rider
    kiosk.qtbot.waitUntil(lambda: kiosk.find("stationName").property("text") == "North Gate")
    assert kiosk.visible("selfServiceNote")


def test_a_wrong_station_name_is_refused_and_nothing_is_saved(kiosk, station_db, data_dir):
    tech_screen(kiosk)
    kiosk.tap("stationNameField")
    QTest.keyClick(kiosk.window, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(kiosk.window, Qt.Key.Key_Backspace)
    kiosk.tap("modeUnattended")
    kiosk.tap("saveSettings")
    kiosk.wait_toast("驿站名称须为1至40个字")
    assert not (data_dir / "kiosk.toml").exists() and station_db.setting("station_name") == "西宁城中区骑手驿站"


def tap_with_printer(qtbot, data_dir, target, button, expect):
    """Open the kiosk with a printer writing to ``target``, find the rider on the staff screen, tap."""
    app = create_app(data_dir, Config(idle_timeout_s=600, printer={"kind": "file", "target": str(target)}))
    kiosk = Driver(app, qtbot)
    try:
        staff_with_rider(kiosk)
        kiosk.tap(button)
        kiosk.wait_toast(expect)
    finally:
        app.close()


def test_attendant_prints_a_card_and_a_failed_print_leaves_no_trace(qtbot, data_dir, station_db, rider):
    events = count(station_db, "SELECT COUNT(*) FROM events")
    tap_with_printer(qtbot, data_dir, data_dir / "no-such-dir" / "p.bin", "printCardButton", "打印机没有打印")
    assert count(station_db, "SELECT COUNT(*) FROM events") == events
    printed = data_dir / "printer.bin"
    tap_with_printer(qtbot, data_dir, printed, "printCardButton", "会员卡已打印")
    data = printed.read_bytes()
    assert data.count(b"\x1dv0") >= 2 and data.count(b"\x1dV") == 1  # the text and the QR as raster, one cut


def test_a_handout_prints_its_receipt_first_and_a_jammed_printer_uses_up_nothing(qtbot, data_dir, station_db,
                                                                                 rider):
    stock = station_db.one("SELECT on_hand FROM stock WHERE item_id = 'care_kit'")
    tap_with_printer(qtbot, data_dir, data_dir / "no-such-dir" / "p.bin", "give_care_kit", "打印机没有打印")
    assert count(station_db, "SELECT COUNT(*) FROM handouts") == 0
    assert station_db.one("SELECT on_hand FROM stock WHERE item_id = 'care_kit'") == stock
    printed = data_dir / "receipt.bin"
    tap_with_printer(qtbot, data_dir, printed, "give_care_kit", "已发放")
    assert count(station_db, "SELECT COUNT(*) FROM handouts WHERE item_id = 'care_kit'") == 1
    assert station_db.one("SELECT on_hand FROM stock WHERE item_id = 'care_kit'") == stock - 1
    assert printed.read_bytes().count(b"\x1dV") == 1  # one receipt, cut once


def qr_frame(text):
    """A 640x480 camera frame with the code held up in the middle, as QtMultimedia delivers frames."""
    from PIL import Image
    from PySide6.QtGui import QImage
    from PySide6.QtMultimedia import QVideoFrame

    from kiosk.credentials.render import qr_image

    frame = Image.new("RGB", (640, 480), (190, 180, 170))
    if text:
        code = qr_image(text, box_size=3).convert("RGB")
        frame.paste(code, ((640 - code.width) // 2, (480 - code.height) // 2))
    data = frame.tobytes()
    return QVideoFrame(QImage(data, 640, 480, 640 * 3, QImage.Format.Format_RGB888).copy())


def test_camera_frames_check_the_rider_in_once_and_busy_frames_are_dropped(kiosk, station_db, rider, data_dir):
    code = write(issue, station_db, write(ensure_keys, station_db, data_dir / "keys"), rider.member_id)
    sink = kiosk.app.camera.property("videoSink")
    assert sink is not None  # the home screen's preview hands its sink to the decoder
    sink.setVideoFrame(qr_frame(""))
    kiosk.qtbot.waitUntil(lambda: kiosk.app.camera.decoded == 1)
    assert kiosk.screen() == "homeScreen"  # a frame without a code does nothing
    identified = []
    kiosk.app.rider.identified.connect(lambda: identified.append(1))
    frames = [qr_frame(code) for _ in range(30)]  # a rider holds the phone up for a second at 30 frames/s
    for i, frame in enumerate(frames):
        sink.setVideoFrame(frame)  # in bursts, as a camera's frames outrun a decode on a slow machine
        if i % 10 == 9:
            kiosk.qtbot.wait(40)
    kiosk.wait_screen("purposeScreen")
    kiosk.qtbot.waitUntil(lambda: kiosk.app.camera.decoded + kiosk.app.camera.dropped == 31)
    assert kiosk.app.camera.dropped > 0 and identified == [1]
    assert kiosk.app.rider.property("memberName") == "陈**"


def test_a_scan_on_the_technician_screen_tests_the_scanner(kiosk, station_db, rider, data_dir):
    code = write(issue, station_db, write(ensure_keys, station_db, data_dir / "keys"), rider.member_id)
    tech_screen(kiosk)
    kiosk.type_text(code, enter=True)
    kiosk.wait_toast(f"有效会员码：{rider.member_id}")
    assert kiosk.screen() == "techScreen" and count(station_db, "SELECT COUNT(*) FROM checkins") == 0


def test_a_chinese_name_is_typed_on_the_on_screen_keyboard_in_pinyin(kiosk, station_db):
    kiosk.tap("registerButton")
    kiosk.tap("agreeButton")
    kiosk.wait_screen("registerScreen")
    kiosk.keypad("13700002222")
    kiosk.qtbot.waitUntil(lambda: kiosk.visible("keyboard"))  # risen for the name field, once the number is checked
    kiosk.tap_keys("l", "i", "李", "l", "e", "i")
    kiosk.qtbot.waitUntil(lambda: kiosk.visible("pickCharacters"))  # "lei" is still pinyin: not taken as is
    candidate = kiosk.keyboard_key("雷")  # a strip of candidates a gloved finger can pick from
    assert candidate.parentItem().height() >= 60 and candidate.property("font").pixelSize() >= 28
    for name in ("nameField", "nameNext", "pickCharacters"):
        assert not overlaps(kiosk.find(name), kiosk.find("keyboard")), name
    assert not kiosk.find("nameNext").isEnabled()
    kiosk.tap_keys("雷")
    assert kiosk.find("nameField").property("text") == "李雷"
    assert not kiosk.visible("pickCharacters")
    kiosk.tap("nameNext")
    kiosk.qtbot.waitUntil(lambda: not kiosk.visible("keyboard"))  # and it goes down again
    kiosk.tap("occupation_delivery_rider")
    kiosk.tap("workNext")
    kiosk.tap("submitRegistration")
    kiosk.wait_screen("cardScreen")
    assert members.find_by_phone(station_db, "13700002222").name == "李雷"
    assert kiosk.taps == 24  # README, "Taps per task": 26–30 before the second pass


def test_technician_enrols_a_fresh_station_and_syncs_by_usb_stick(qtbot, tmp_path):
    from kiosk.core.attendants import add_attendant
    from kiosk.core.station import set_up_station
    from kiosk.hub.bundles import import_bundle as hub_import_bundle
    from tests.helpers.hub import prepare, running_hub

    fresh = tmp_path / "fresh"
    fresh.mkdir()
    store = Store(fresh / "station.db")
    set_up_station(store, "新驿站")
    write(add_attendant, store, "李工", "technician", "987654", attendant_id="A-TECH01")
    stick = tmp_path / "usb"
    stick.mkdir()
    with running_hub(f"sqlite:///{tmp_path / 'hub.db'}") as (hub, server):
        prepare(hub)
        station_id, code = hub.add_station("城北驿站")
        app = create_app(fresh, Config(idle_timeout_s=600))
        kiosk = Driver(app, qtbot)
        try:
            tech_screen(kiosk)
            kiosk.find("hubField").setProperty("text", server.url)  # typed on the on-screen keyboard
            kiosk.find("codeField").setProperty("text", code)
            kiosk.tap("enrolButton")
            kiosk.wait_toast("已接入", timeout=15000)
            assert store.setting("station_id") == station_id and store.one("SELECT COUNT(*) FROM members") == 60
            write(members.register_member, store, phone="13900001111", name="王五", occupation="courier", consent=True)
            kiosk.find("folderField").setProperty("text", str(stick))
            kiosk.tap("exportBundle")
            kiosk.wait_toast("条记录写入")
            bundle = next(stick.glob("*.bundle"))
            hub_import_bundle(hub, bundle, stick / "office.reply")  # at the union office
            kiosk.tap("importReply")
            kiosk.wait_toast("服务器已收到本驿站第")
            assert store.setting("acked_seq") == store.one("SELECT MAX(seq) FROM events")
        finally:
            app.close()
            store.close()


def test_riders_are_not_offered_the_staff_screens_and_staff_hold_the_station_name(kiosk):
    kiosk.wait_screen("homeScreen")
    for name in ("staffButton", "technicianButton", "purposeAttendant"):
        with pytest.raises(LookupError):
            kiosk.find(name)
    kiosk.tap("stationName")  # a rider's tap does nothing
    kiosk.qtbot.wait(300)
    assert kiosk.screen() == "homeScreen"
    kiosk.long_press("stationName")
    kiosk.wait_screen("pinScreen")
    kiosk.tap("purposeTechnician")
    assert kiosk.find("purposeTechnician").property("primary")
    assert not kiosk.find("purposeAttendant").property("primary")


def test_reasons_worded_in_python_follow_a_language_switch(kiosk, station_db, rider):
    opens, closes = close_breakfast(station_db)
    unlock(kiosk, "123456")
    kiosk.wait_screen("staffScreen")
    kiosk.keypad("13912345678")
    kiosk.qtbot.waitUntil(lambda: kiosk.find("staffRider").property("text").startswith("陈**"))
    def shown():
        row = kiosk.find("itemRow_breakfast")
        return row.property("name") + " — " + row.property("note")

    assert shown().startswith("暖心早餐") and "发放时间" in shown()
    kiosk.tap("languageButton")
    english = f"Breakfast — This is handed out from {opens} to {closes}. Please come back then."
    kiosk.qtbot.waitUntil(lambda: shown() == english)  # the name and the reason, both in English


def test_an_idle_rider_is_asked_before_the_kiosk_goes_home(kiosk, station_db):
    kiosk.tap("checkInButton")
    kiosk.wait_screen("phoneScreen")
    kiosk.keypad("1391", ok=False)
    assert kiosk.find("keypadDisplay").property("text") == "139 1"  # read in its 3-4-4 groups
    kiosk.app.input.idle_seconds = 6  # a warning 2 s before the reset
    kiosk.app.input.touch()
    kiosk.qtbot.waitUntil(lambda: kiosk.visible("idleWarning"), timeout=6000)
    assert kiosk.find("idleCountdown").property("text") == "2 秒后回到首页。"
    kiosk.tap("stillHere")
    kiosk.qtbot.waitUntil(lambda: not kiosk.visible("idleWarning"))
    assert kiosk.screen() == "phoneScreen" and kiosk.find("keypadDisplay").property("text") == "139 1"  # kept
    kiosk.qtbot.waitUntil(lambda: kiosk.visible("idleWarning"), timeout=6000)
    kiosk.wait_screen("homeScreen", timeout=6000)  # nobody answered
    assert not kiosk.visible("idleWarning")


def test_counts_read_as_english_does_one_and_many(kiosk, station_db, rider):
    kiosk.tap("languageButton")
    assert kiosk.app.home.property("checkinsToday") == 0  # the demo template has no history
    write(checkins.check_in, station_db, rider.member_id, "rest")
    kiosk.app.home.refresh()
    kiosk.qtbot.waitUntil(lambda: kiosk.find("todayCounts").property("text") == "Today: 1 check-in by 1 rider")
    kiosk.tap("languageButton")
    kiosk.qtbot.waitUntil(lambda: kiosk.find("todayCounts").property("text") == "今日签到 1 人次，共 1 人")


def test_the_claim_screen_says_so_when_nothing_is_handed_out_today(kiosk, station_db, rider):
    with station_db.transaction():  # every campaign over
        station_db.conn.execute("UPDATE campaigns SET ends_on = '2000-01-01'")
    check_in(kiosk)
    kiosk.qtbot.waitUntil(lambda: kiosk.find("claimHeading").property("text") == "本驿站今天没有发放的物品。")


def test_an_unattended_station_never_sends_a_rider_to_an_attendant(qtbot, data_dir, station_db, rider):
    app = create_app(data_dir, Config(idle_timeout_s=600, mode="unattended"))
    kiosk = Driver(app, qtbot)
    try:
        assert kiosk.visible("selfServiceNote")
        check_in(kiosk)
        notes = [row["name"] for row in app.rider.property("items") if row["attendedOnly"]]
        assert notes  # the demo's health card and insurance are handed out by an attendant
        shown = [i.property("note") for i in kiosk._items() if i.objectName().startswith("claim_")]
        assert "此项请找工作人员领取。" not in shown and shown.count("仅在有工作人员的驿站发放。") == len(notes)
    finally:
        app.close()


HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def chinese_on_screen(kiosk, names) -> set[tuple[str, str]]:
    """(screen, text) for every visible text holding Chinese once the given names are taken out."""
    found = set()
    for item in kiosk._items():
        for prop in ("text", "placeholderText", "displayText"):
            text = item.property(prop)
            if isinstance(text, str):
                for name in names:
                    text = text.replace(name, "")
                if HAN.search(text):
                    found.add((kiosk.screen(), item.property(prop)))
    return found


def test_english_screens_show_no_chinese_except_names(qtbot, data_dir, station_db, rider):
    app = create_app(data_dir, Config(language="en", idle_timeout_s=600))
    kiosk = Driver(app, qtbot)
    # The station's name, the riders' and attendants' names (masked) and the button back to Chinese.
    names = [app.home.stationName, "陈**", "王站长", "中文"]
    seen = set()

    def look() -> None:
        kiosk.qtbot.wait(300)  # transitions finish
        seen.update(chinese_on_screen(kiosk, names))

    try:
        look()
        kiosk.tap("checkInButton")
        kiosk.wait_screen("phoneScreen")
        look()
        kiosk.keypad("12345")
        look()  # the refusal
        for _ in "12345":
            kiosk.tap("key_back")
        kiosk.keypad("13912345678")
        kiosk.wait_screen("purposeScreen")
        look()
        kiosk.tap("purpose_water")
        kiosk.wait_screen("confirmScreen")
        look()
        kiosk.tap("take_water")
        kiosk.qtbot.waitUntil(lambda: kiosk.visible("takenBanner"))
        look()  # the success state
        kiosk.tap("doneButton")
        kiosk.wait_screen("homeScreen")
        kiosk.tap("registerButton")
        kiosk.wait_screen("consentScreen")
        look()
        kiosk.tap("agreeButton")
        kiosk.wait_screen("registerScreen")
        look()
        kiosk.keypad("13700005555")
        kiosk.qtbot.waitUntil(lambda: kiosk.visible("nameField"))
        kiosk.type_text("Li Lei")
        look()
        kiosk.tap("nameNext")
        look()
        kiosk.tap("occupation_courier")
        kiosk.tap("platform_顺丰")
        kiosk.tap("workNext")
        look()  # the review
        kiosk.tap("submitRegistration")
        kiosk.wait_screen("cardScreen")
        look()
        kiosk.tap("continueButton")
        kiosk.wait_screen("purposeScreen")
        kiosk.tap("backButton")
        kiosk.wait_screen("homeScreen")
        unlock(kiosk, "123456")
        kiosk.wait_screen("staffScreen")
        kiosk.keypad("13912345678")
        kiosk.qtbot.waitUntil(lambda: kiosk.visible("give_care_kit"))
        look()
        for tab in ("tabStock", "tabActivity", "tabToday"):
            kiosk.tap(tab)
            look()
        kiosk.tap("lockButton")
        kiosk.wait_screen("homeScreen")
        unlock(kiosk, "987654", purpose="purposeTechnician")
        kiosk.wait_screen("techScreen")
        look()
    finally:
        app.close()
    assert seen == set()


def scene_rect(item):
    top_left = item.mapToScene(item.boundingRect().topLeft())
    return top_left.x(), top_left.y(), item.width(), item.height()


def overlaps(a, b) -> bool:
    (ax, ay, aw, ah), (bx, by, bw, bh) = scene_rect(a), scene_rect(b)
    return ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah


def test_the_layouts_fit_and_keep_the_main_actions_in_reach(qtbot, data_dir, rider):
    app = create_app(data_dir, Config(language="en", idle_timeout_s=600), width=800, height=1280)
    kiosk = Driver(app, qtbot)
    try:  # portrait: the main buttons in the lower half, within a standing rider's reach
        kiosk.qtbot.wait(300)
        for name in ("checkInButton", "registerButton", "scanPrompt"):
            _x, y, _w, h = scene_rect(kiosk.find(name))
            assert y > 1280 / 2 - 200 and y + h <= 1280, name
        assert not kiosk.visible("syncText")  # riders see a dot, not words about syncing
        kiosk.tap("registerButton")
        kiosk.tap("agreeButton")
        kiosk.wait_screen("registerScreen")
        kiosk.qtbot.wait(300)
        x, y, w, h = scene_rect(kiosk.find("registerKeypad"))
        assert abs(x + w / 2 - 400) < 2 and y > 1280 / 3  # centred, and low enough to reach
    finally:
        app.close()
    app = create_app(data_dir, Config(language="en", idle_timeout_s=600), width=1280, height=800)
    kiosk = Driver(app, qtbot)
    try:  # landscape, English, the attendant's screen: the whole keypad shows and Lock covers no tab
        unlock(kiosk, "123456")
        kiosk.wait_screen("staffScreen")
        kiosk.qtbot.wait(300)
        _x, y, _w, h = scene_rect(kiosk.find("key_OK"))
        assert y + h <= 800
        lock = kiosk.find("lockButton")
        assert not any(overlaps(lock, kiosk.find(tab)) for tab in ("tabRider", "tabStock", "tabActivity", "tabToday"))
        assert kiosk.find("syncText").property("text") == "Not linked to the union office"
    finally:
        app.close()
