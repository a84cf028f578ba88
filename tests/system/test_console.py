"""The union office runs a programme from an empty PostgreSQL database, in a real browser (Debian's chromium
driven by Playwright), against a real `kiosk-hub serve` process and a real station enrolled from the CLI."""

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from kiosk.base.errors import InvalidInput
from kiosk.core.casework import case_number
from kiosk.hub.web import union_today
from kiosk.station import Station
from tests.helpers.hub import hub_database, served_process

CHROMIUM = "/usr/bin/chromium"
HUB = [sys.executable, "-c", "from kiosk.hub.cli import main; raise SystemExit(main())"]
KIOSK = [sys.executable, "-m", "kiosk"]
PASSWORD = "union-office-2026"
pytestmark = pytest.mark.postgres


def run(cmd, *args, env=None):
    result = subprocess.run([*cmd, *args], capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser tests, but there is no {CHROMIUM} (apt-get install chromium)")
        pytest.skip(f"no {CHROMIUM}: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def office(tmp_path):
    """`kiosk-hub init` on an empty PostgreSQL database, then `kiosk-hub serve`: its address."""
    with hub_database("postgres", tmp_path) as db:
        env = {**os.environ, "KIOSK_HUB_ROOT_KEY": str(tmp_path / "root.key")}
        (tmp_path / "password").write_text(PASSWORD)
        out = run(HUB, "init", "--db", db, "--password-file", str(tmp_path / "password"), env=env).stdout
        assert "First administrator: admin" in out and PASSWORD not in out
        assert (tmp_path / "root.key").stat().st_mode & 0o077 == 0  # the root key in its own private file
        with served_process(db, env) as url:
            yield url

def sign_in(page, url, username, password=PASSWORD):
    page.goto(url + "/")
    assert "/login" in page.url  # no session: the login page, then back where it was going
    page.fill("#f-username", username)
    page.fill("#f-password", password)
    page.click("#sign-in")
    page.wait_for_url(url + "/")


def submit(page, button):
    with page.expect_navigation():
        page.click(button)


def test_a_union_office_runs_a_programme_from_an_empty_hub(office, browser, tmp_path):
    url = office
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(url + "/")
    page.fill("#f-username", "admin")
    page.fill("#f-password", "wrong password")
    page.click("#sign-in")
    assert "用户名或密码错误" in page.text_content("#form-error")
    sign_in(page, url, "admin")
    assert page.text_content("#operator").startswith("admin")

    # The roster, from the office's own sheet: Chinese headers and occupation names.
    roster = tmp_path / "骑手名册.xlsx"
    book = Workbook()
    book.active.append(["手机号", "姓名", "职业", "平台", "是否会员"])
    book.active.append(["13912345678", "陈小明", "外卖骑手", "美团", "是"])
    book.active.append(["13700001111", "李雷", "快递员", "顺丰", "否"])
    book.save(roster)
    page.goto(url + "/riders")
    page.set_input_files("#f-file", str(roster))
    submit(page, "#import")
    assert page.text_content("#preview-adds b").strip() == "2"  # shown first; nothing changed yet
    submit(page, "#apply-import")
    assert "新增骑手 2 人" in page.text_content("#done")

    # A campaign with a self-service item at its unit cost; bad input is refused next to its field.
    today = union_today()  # the days stations count in (China Standard Time)
    page.goto(url + "/campaigns")
    fields = {"#f-campaign_id": "SUMMER", "#f-programme": "summer_cooling", "#f-name_zh": "夏送清凉",
              "#f-name_en": "Summer cooling", "#f-starts_on": today.isoformat(),
              "#f-ends_on": (today - timedelta(days=1)).isoformat(), "#f-item_id": "iced_water",
              "#f-item_name_zh": "冰镇矿泉水", "#f-item_name_en": "Iced water", "#f-unit_cost": "1.50",
              "#f-limit_day": "1"}
    for selector, value in fields.items():
        page.fill(selector, value)
    page.check("#f-self_service")
    submit(page, "#publish")
    assert "结束日期早于开始日期" in page.text_content("#error-ends_on")
    assert page.input_value("#f-name_zh") == "夏送清凉"  # what was typed is kept
    assert "还没有活动" in page.text_content("#campaigns")
    page.fill("#f-ends_on", (today + timedelta(days=90)).isoformat())
    submit(page, "#publish")
    assert "SUMMER" in page.text_content("#done") and "冰镇矿泉水" in page.text_content("#campaigns")

    # A station, its code as text and as a QR code for the technician.
    page.goto(url + "/stations")
    page.fill("#f-name", "城中区骑手驿站")
    page.select_option("#f-district", "城中区")
    submit(page, "#add-station-button")
    code = page.text_content("#enrol-code").strip()
    station_id = page.text_content("#added-id").strip()
    assert page.locator("#enrol-qr svg").count() == 1

    # Stock for it, and an attendant with a PIN.
    page.goto(url + "/stock")
    page.select_option("#f-station_id", station_id)
    page.select_option("#f-item_id", "iced_water")
    page.fill("#f-quantity", "200")
    submit(page, "#allocate")
    assert page.text_content("#done")
    page.fill("#f-name", "王站长")
    page.fill("#f-pin", "246810")
    page.select_option("#f-staff-station", station_id)
    submit(page, "#add-staff")
    assert "王站长" in page.text_content("#staff")

    # The station enrols with that code and syncs; a rider takes the item; the next sync reports it.
    directory = tmp_path / "station"
    run(KIOSK, "enrol", "--hub", url, "--code", code, "--data-dir", str(directory))
    run(KIOSK, "sync", "--once", "--data-dir", str(directory))
    station = Station.open(directory)
    try:
        rider = station.identify_by_phone("13912345678")
        station.check_in(rider.member_id, "water")
        station.claim(rider.member_id, "iced_water")
        assert station.unlock("246810").name == "王站长"
    finally:
        station.close()
    run(KIOSK, "sync", "--once", "--data-dir", str(directory))

    # The station told the office how it is: its last sync, its queue, its version, its stock.
    page.goto(url + "/stations")
    row = page.text_content("#stations tbody tr")
    assert "从未" not in row and "0.1.0" in row and "长时间未同步" not in row
    page.goto(url + "/stock")
    assert "199" in page.text_content("#station-stock")  # 200 sent, 1 taken
    flow = [c.strip().split(" ")[0] for c in page.locator("#stock-flow tbody tr td").all_text_contents()]
    assert flow[1:] == ["冰镇矿泉水", "200", "200", "1", "0", "199", "0"]  # sent, received, out, counted, on hand
    page.goto(url + "/")
    assert page.text_content("#tile-handouts b").strip() == "1"
    assert page.text_content("#tile-visits b").strip() == "1"
    page.goto(url + f"/reports?start={today.replace(month=1, day=1)}&end={today}")
    assert "夏送清凉 惠及 1 人次 / 1 人，投入 0.00 万元" in page.text_content("#headlines")
    assert page.text_content("#total-spend").strip() == "1.50"
    with page.expect_download() as download:
        page.click("#xlsx")
    saved = tmp_path / "report.xlsx"
    download.value.save_as(saved)
    sheets = load_workbook(saved)
    assert [c.value for c in sheets["按项目"][1]] == ["项目", "人次", "人数", "件数", "投入（元）"]
    assert [c.value for c in sheets["按项目"][2]] == ["夏送清凉", 1, 1, 1, 1.5]
    assert any("夏送清凉 惠及 1 人次" in str(row[0]) for row in sheets["概览"].iter_rows(values_only=True))
    assert [c.value for c in sheets["签到目的"][2]] == ["喝水", 1]
    assert [c.value for c in sheets["按活动"][2]] == ["夏送清凉", 1, 1, 1, 1.5]
    assert [c.value for c in sheets["按区县"][2]][:3] == ["城中区", 1, 1]
    csv_text = page.request.get(url + f"/reports.csv?start={today.replace(month=1, day=1)}&end={today}").body()
    assert csv_text.startswith("\ufeff".encode()) and "冰镇矿泉水,1.50,1,1,1,1.50" in csv_text.decode("utf-8-sig")

    # The office renames the station; its screens show the new name after the next sync.
    page.goto(url + f"/stations/{station_id}")
    page.fill("#f-name", "城中区骑手之家")
    submit(page, "#save-station")
    assert page.text_content("#done")
    run(KIOSK, "sync", "--once", "--data-dir", str(directory))
    station = Station.open(directory)
    try:
        assert station.status()["name"] == "城中区骑手之家"
    finally:
        station.close()

    # A viewer reads figures and cannot reach the admin pages; the audit log names every change.
    page.goto(url + "/operators")
    page.fill("#f-username", "viewer1")
    page.select_option("#f-role", "viewer")
    page.fill("#f-password", PASSWORD)
    submit(page, "#add-operator")
    viewer = browser.new_page(viewport={"width": 1366, "height": 768})
    sign_in(viewer, url, "viewer1")
    for path in ("/operators", "/audit"):
        assert viewer.goto(url + path).status == 403
    assert viewer.goto(url + "/reports").status == 200 and viewer.locator("#xlsx").count() == 1
    assert viewer.locator("#add-station").count() == 0
    page.goto(url + "/audit")
    audit = page.text_content("#audit")
    for action in ("operator.add", "roster.import", "campaign.publish", "station.add", "stock.allocate",
                   "staff.set", "station.change"):
        assert action in audit, action


def test_an_officer_finds_a_rider_hands_them_their_data_and_deletes_them_on_request(browser, tmp_path):
    from kiosk.hub.office import Hub
    from kiosk.hub.server import BackgroundHub

    hub = Hub(f"sqlite:///{tmp_path / 'hub.db'}", root_key_path=tmp_path / "root.key")
    hub.add_operator("test", "officer1", "赵主任", "officer", PASSWORD)
    hub.add_operator("test", "viewer1", "Viewer", "viewer", PASSWORD)
    hub.import_roster([{"phone": "13912345678", "name": "陈小明", "occupation": "delivery_rider"},
                       {"phone": "13700001111", "name": "陈大文", "occupation": "courier"}])
    with BackgroundHub(hub) as server:
        url = server.url
        viewer = browser.new_page()
        sign_in(viewer, url, "viewer1")
        viewer.goto(url + "/riders?q=陈")
        assert "陈**" in viewer.text_content("#found") and "陈小明" not in viewer.text_content("#found")
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        sign_in(page, url, "officer1")
        page.goto(url + "/riders")
        page.fill("#f-q", "13912345678")  # the hub holds no phones: found by the phone's hash
        submit(page, "#search")
        assert "陈小明" in page.text_content("#found") and "陈大文" not in page.text_content("#found")
        submit(page, "#found a")
        member_id = page.text_content("#member-id").strip()
        # A misspelt name corrected, and a lost card cancelled (only once the box is ticked).
        page.fill("#f-name", "陈晓明")
        page.check("#f-union_member")
        submit(page, "#correct")
        assert hub.search_riders("陈晓明")[0]["union_member"] is True
        submit(page, "#cancel-cards")
        assert page.text_content("#error-sure") and hub.export_rider(member_id)["cards_cancelled_before"] is None
        page.check("#f-sure")
        submit(page, "#cancel-cards")
        assert page.text_content("#done")
        with page.expect_download() as download:
            page.click("#export")
        copy = tmp_path / "copy.json"
        download.value.save_as(copy)
        assert json.loads(copy.read_text(encoding="utf-8"))["member"]["name"] == "陈晓明"
        assert json.loads(copy.read_text(encoding="utf-8"))["cards_cancelled_before"]
        page.fill("#f-confirm", "NOT-THE-ID")
        submit(page, "#delete")
        assert page.text_content("#error-confirm") and hub.search_riders("陈晓明")  # nothing deleted
        page.fill("#f-confirm", member_id)
        submit(page, "#delete")
        assert page.text_content("#deleted") and not hub.search_riders("陈晓明")
        assert viewer.goto(url + f"/riders/{member_id}").status == 403  # a viewer does not open riders
        # A later roster: one new rider, one whose work changed, one known here under another name.
        later = tmp_path / "roster.csv"
        later.write_text("手机号,姓名,职业\n13600002222,王芳,快递员\n13700001111,陈大文,货车司机\n"
                         "13500003333,李四,其他\n", encoding="utf-8-sig")
        hub.import_roster([{"phone": "13500003333", "name": "李思", "occupation": "other"}])
        page.goto(url + "/riders")
        page.set_input_files("#f-file", str(later))
        submit(page, "#import")
        counts = [page.text_content(f"#preview-{k} b").strip() for k in ("adds", "updates", "conflicts")]
        assert counts == ["1", "1", "1"] and "李思" in page.text_content("#conflicts")
        assert not hub.search_riders("王芳")  # not before it is applied
        submit(page, "#apply-import")
        assert hub.search_riders("王芳") and hub.search_riders("陈大文")[0]["occupation"] == "truck_driver"
        assert hub.search_riders("李思") and not hub.search_riders("李四")  # a conflict is left as it is
    actions = {(e["action"], e["target"]) for e in hub.audit_entries()}
    assert {("rider.export", member_id), ("rider.delete", member_id), ("rider.correct", member_id),
            ("rider.cancel_cards", member_id)} <= actions


def test_a_form_sent_after_the_session_ended_is_filled_in_again_after_signing_in(browser, tmp_path):
    import sqlalchemy as sa

    from kiosk.hub import schema
    from kiosk.hub.office import Hub
    from kiosk.hub.server import BackgroundHub

    hub = Hub(f"sqlite:///{tmp_path / 'hub.db'}", root_key_path=tmp_path / "root.key")
    hub.add_operator("test", "admin1", "管理员", "admin", PASSWORD)
    with BackgroundHub(hub) as server:
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        sign_in(page, server.url, "admin1")
        page.goto(server.url + "/stations")
        page.fill("#f-name", "湟源县司机之家")
        page.select_option("#f-district", "湟源县")
        with hub.writer.begin() as conn:  # the working day ends while the form is open
            conn.execute(sa.delete(schema.sessions))
        submit(page, "#add-station-button")
        assert "/login" in page.url and page.text_content("#draft-kept")
        page.fill("#f-username", "admin1")
        page.fill("#f-password", PASSWORD)
        submit(page, "#sign-in")
        assert page.url.endswith("/stations") and page.text_content("#restored")
        assert page.input_value("#f-name") == "湟源县司机之家" and page.input_value("#f-district") == "湟源县"
        assert hub.list_stations() == []  # nothing was added on the way


def test_a_district_officer_runs_a_campaign_in_their_district_for_the_occupations_ticked(browser, tmp_path):
    from kiosk.hub.office import Hub
    from kiosk.hub.server import BackgroundHub

    hub = Hub(f"sqlite:///{tmp_path / 'hub.db'}", root_key_path=tmp_path / "root.key")
    hub.add_operator("test", "east1", "城东区干事", "officer", PASSWORD, district="城东区")
    east, _ = hub.add_station("城东区驿站", "城东区")
    west, _ = hub.add_station("城西区驿站", "城西区")
    today = union_today()
    with BackgroundHub(hub) as server:
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        sign_in(page, server.url, "east1")
        page.goto(server.url + "/campaigns")
        assert page.locator("#f-stations input").count() == 1 and "城西区" not in page.text_content("#f-districts")
        fields = {"#f-campaign_id": "EASTCOOL", "#f-programme": "summer_cooling", "#f-name_zh": "城东送清凉",
                  "#f-name_en": "East cooling", "#f-starts_on": today.isoformat(),
                  "#f-ends_on": (today + timedelta(days=30)).isoformat(), "#f-item_id": "ice",
                  "#f-item_name_zh": "冰袋", "#f-item_name_en": "Ice pack"}
        for selector, value in fields.items():
            page.fill(selector, value)
        page.check("#f-occupations input[value=courier]")
        page.check("#f-occupations input[value=delivery_rider]")
        # A station of another district slipped into the form (as an attacker would) is refused by field.
        page.evaluate("""id => document.querySelector('#f-stations .choices').insertAdjacentHTML('beforeend',
            `<label><input type="checkbox" name="stations" value="${id}" checked> x</label>`)""", west)
        submit(page, "#publish")
        assert "只能在本区县" in page.text_content("#error-districts") and hub.campaigns() == []
        assert page.input_value("#f-name_zh") == "城东送清凉"  # kept, with the occupations ticked
        assert page.is_checked("#f-occupations input[value=courier]")
        page.evaluate("document.querySelectorAll('#f-stations input').forEach(i => { i.checked = false })")
        page.check(f"#f-stations input[value={east}]")
        submit(page, "#publish")
        assert page.text_content("#done")
        campaign = hub.campaign("EASTCOOL")[0]
        assert campaign["stations"] == [east] and campaign["occupations"] == ["delivery_rider", "courier"]
        assert "快递员" in page.text_content("#campaigns .reach")


def test_an_officer_merges_a_rider_registered_twice_only_once_the_box_is_ticked(browser, tmp_path):
    from kiosk.hub.office import Hub
    from kiosk.hub.server import BackgroundHub

    hub = Hub(f"sqlite:///{tmp_path / 'hub.db'}", root_key_path=tmp_path / "root.key")
    hub.add_operator("test", "officer1", "赵主任", "officer", PASSWORD)
    hub.import_roster([{"phone": "13912345678", "name": "陈小明", "occupation": "delivery_rider"},
                       {"phone": "13700001111", "name": "陈晓明", "occupation": "delivery_rider"}])
    keep, duplicate = hub.find_rider(phone="13912345678"), hub.find_rider(phone="13700001111")
    with BackgroundHub(hub) as server:
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        sign_in(page, server.url, "officer1")
        page.goto(server.url + f"/riders/{keep}")
        page.fill("#f-duplicate", duplicate)
        submit(page, "#merge")
        assert "请勾选确认" in page.text_content("#error-merge_sure")
        assert page.input_value("#f-duplicate") == duplicate  # kept as typed
        page.fill("#f-duplicate", "M-NOBODY")
        page.check("#f-merge_sure")
        submit(page, "#merge")
        assert "没有该编号的骑手" in page.text_content("#error-duplicate")
        page.fill("#f-duplicate", duplicate)
        page.check("#f-merge_sure")
        submit(page, "#merge")
        assert "已合并" in page.text_content("#done") and duplicate in page.text_content("#also")
    assert hub.export_rider(keep)["also_registered_as"] == [duplicate]


def test_an_officer_sets_a_new_pin_and_disables_an_attendant_only_once_ticked(browser, tmp_path):
    from kiosk.hub.office import Hub
    from kiosk.hub.server import BackgroundHub

    hub = Hub(f"sqlite:///{tmp_path / 'hub.db'}", root_key_path=tmp_path / "root.key")
    hub.add_operator("test", "officer1", "赵主任", "officer", PASSWORD)
    hub.add_attendant("A-1", "王站长", "attendant", "246810")
    with BackgroundHub(hub) as server:
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        sign_in(page, server.url, "officer1")
        page.goto(server.url + "/stock")
        row = "#staff-A-1"
        page.fill(f"{row} input[name=pin]", "12")
        submit(page, f"{row} button.new-pin")
        assert "6 至 8 位数字" in page.text_content(f"{row} em.error")
        page.fill(f"{row} input[name=pin]", "135790")
        submit(page, f"{row} button.new-pin")
        assert "王站长" in page.text_content("#staff-done")
        submit(page, f"{row} button.disable")
        assert "请勾选确认" in page.text_content(f"{row} em.error") and hub.list_attendants()
        page.check(f"{row} input[name=sure]")
        submit(page, f"{row} button.disable")
        assert page.text_content("#staff-disabled") and page.locator(row).count() == 0
    assert hub.list_attendants() == []


def test_a_caseworker_opens_an_urgent_help_request_and_the_rider_sees_its_status(browser, tmp_path):
    from kiosk.hub.office import Hub
    from kiosk.hub.server import BackgroundHub
    from tests.helpers.hub import Station as HubStation

    hub = Hub(f"sqlite:///{tmp_path / 'hub.db'}", root_key_path=tmp_path / "root.key")
    hub.add_operator("test", "case1", "李律师", "caseworker", PASSWORD)
    hub.add_operator("test", "case2", "王律师", "caseworker", PASSWORD)
    hub.add_operator("test", "officer1", "赵主任", "officer", PASSWORD)
    hub.import_roster([{"phone": "13912345678", "name": "陈小明", "occupation": "delivery_rider"}])
    with BackgroundHub(hub) as server:
        station = HubStation(tmp_path, hub, server.url, "st")
        station.sync()
        rider = station.identify_by_phone("13912345678").member_id
        request = station.request_help(member_id=rider, category="unpaid_wages", description="老板拖欠三个月工资",
                                       urgent=True, callback_phone="13912345678", consent=True)
        station.sync()
        officer = browser.new_page()
        sign_in(officer, server.url, "officer1")
        assert officer.goto(server.url + "/help").status == 403  # an officer does not read riders' requests
        assert officer.goto(server.url + f"/help/{request.request_id}").status == 403
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        sign_in(page, server.url, "case1")
        assert page.text_content("#tile-help b").strip() == "1"
        page.goto(server.url + "/stations")  # the station's line says a rider there needs help now
        assert page.text_content("#stations .urgent-help") == "紧急求助待处理：1 件"
        page.goto(server.url + "/")
        page.click("#tile-help a")
        row = page.text_content("#help-inbox tbody tr")
        number = case_number(request.request_id)  # as the rider's screen and slip show it
        assert number in row and "紧急" in row and "欠薪" in row and "电话回访" in row
        page.fill("#f-case", number.lower().replace("0", "o"))  # as heard on the phone and typed
        submit(page, "#find-case button")
        assert page.text_content("#case-id") == f"#{number}"
        assert page.text_content("#description") == "老板拖欠三个月工资"
        assert "13912345678" in page.text_content("#reach")
        page.select_option("#f-status", "contacted")
        page.fill("#f-note", "已电话联系，约周五面谈")
        page.select_option("#f-assignee", "case2")  # handed to the colleague who does wage cases
        submit(page, "#save-step")
        assert page.text_content("#done") and "约周五面谈" in page.text_content("#notes")
        assert [r["assignee"] for r in hub.help_inbox()] == ["case2"]
        station.sync()
        assert [(r.request_id, r.status) for r in station.help_requests(rider)] == [(request.request_id, "contacted")]

        # The office adds what riders ask about this year and stops offering another; stations follow.
        page.goto(server.url + "/help")
        page.fill("#f-key", "Social Insurance")  # not an id: refused, nothing changed, the form kept
        page.fill("#f-label_zh", "社保")
        page.fill("#f-label_en", "Social insurance")
        submit(page, "#add-category")
        assert "小写字母" in page.text_content("#error-key") and page.input_value("#f-label_zh") == "社保"
        page.fill("#f-key", "social_insurance")
        submit(page, "#add-category")
        assert page.is_visible("#categories-saved") and page.is_visible("#category-social_insurance")
        page.uncheck("#category-contract input[name=active]")
        submit(page, "#category-contract button")
        station.sync()
        offered = {c.key: c.active for c in station.help_categories()}
        assert offered["social_insurance"] and not offered["contract"]
        with pytest.raises(InvalidInput):
            station.request_help(category="contract")
        station.request_help(category="social_insurance")
        station.sync()
        assert [r["category"] for r in hub.help_inbox()].count("social_insurance") == 1
        assert {"help.category"} <= {e["action"] for e in hub.audit_entries()}
    assert ("help.read", request.request_id) in {(e["action"], e["target"]) for e in hub.audit_entries()}


def test_an_officer_defines_a_class_moves_its_waiting_rider_in_and_exports_the_list_for_the_teacher(
        browser, tmp_path):
    from kiosk.hub.office import Hub
    from kiosk.hub.server import BackgroundHub
    from tests.helpers.hub import Station as HubStation

    hub = Hub(f"sqlite:///{tmp_path / 'hub.db'}", root_key_path=tmp_path / "root.key")
    hub.add_operator("test", "officer1", "赵主任", "officer", PASSWORD)
    hub.add_operator("test", "viewer1", "钱会计", "viewer", PASSWORD)
    hub.import_roster([{"phone": "13912345678", "name": "陈小明", "occupation": "delivery_rider"},
                       {"phone": "13700001111", "name": "李雷", "occupation": "courier"}])
    today = union_today()
    with BackgroundHub(hub) as server:
        station = HubStation(tmp_path, hub, server.url, "城中驿站")
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        sign_in(page, server.url, "officer1")
        page.click("nav >> text=报名")
        assert "还没有报名项目" in page.text_content("#programmes")
        page.fill("#f-title_zh", "爱心托管班")
        page.fill("#f-title_en", "Holiday childcare class")
        page.fill("#f-ends_on", (today + timedelta(days=20)).isoformat())
        page.fill("#f-where_zh", "城中区工会二楼")
        page.fill("#f-bring_zh", "户口本")
        for key in ("child_name", "child_age", "id_number"):
            page.check(f"#f-fields input[value={key}]")
        page.fill("#f-session_zh_1", "上午班")
        page.fill("#f-capacity_1", "一个")  # not a number: refused, nothing made, the form kept as typed
        submit(page, "#create")
        assert "名额" in page.text_content("#error-sessions") and hub.programmes() == []
        assert page.input_value("#f-title_zh") == "爱心托管班" and page.is_checked("#f-fields input[value=id_number]")
        page.fill("#f-capacity_1", "1")
        submit(page, "#create")
        programme_id = page.get_attribute("#done a", "href").removeprefix("/signups/")
        assert [p["title_zh"] for p in hub.programmes()] == ["爱心托管班"]

        # Two riders sign up at the station: one place, so the second waits.
        station.sync()
        first, second = (station.identify_by_phone(p).member_id for p in ("13912345678", "13700001111"))
        answers = {"name": "陈小明", "phone": "13912345678", "child_name": "陈果果", "child_age": "6",
                   "id_number": "11010519491231002X"}
        a = station.sign_up(first, programme_id, "S1", answers)
        b = station.sign_up(second, programme_id, "S1", {**answers, "name": "李雷", "child_name": "李多多",
                                                          "id_number": "630102199003071231"})
        assert (a.status, b.status) == ("confirmed", "waiting")
        station.attend(first, a.signup_id)  # the first child comes to class: a sign-in
        station.sync()

        page.goto(server.url + "/signups")
        assert [c.strip() for c in page.locator("#programmes tbody tr").first.locator("td.num").all_text_contents()] \
            == ["1", "1", "1", "1"]  # places, confirmed, waiting, attended
        page.click(f"a[href='/signups/{programme_id}']")
        rows = page.text_content("#signups")
        assert "陈果果" in rows and "李多多" in rows
        assert "11010519491231002X" not in rows and "110" in rows  # ID numbers masked on the page
        # Cancelling is not one tap: without the box ticked nothing changes.
        row = page.locator(f"#signup-{a.signup_id}")
        row.locator("select").select_option("cancelled")
        submit(page, f"#signup-{a.signup_id} button")
        assert "勾选" in page.text_content(f"#signup-{a.signup_id} .error")
        assert {r["signup_id"]: r["status"] for r in hub.programme_signups(programme_id)[1]}[a.signup_id] == "confirmed"
        page.locator(f"#signup-{a.signup_id} select").select_option("cancelled")
        page.check(f"#signup-{a.signup_id} input[name=sure]")
        submit(page, f"#signup-{a.signup_id} button")
        page.locator(f"#signup-{b.signup_id} select").select_option("confirmed")
        submit(page, f"#signup-{b.signup_id} button")
        assert page.text_content("#done")
        station.sync()
        assert [s.status for s in station.rider_signups(second)] == ["confirmed"]  # the rider sees it at the station

        # The teacher's list in Excel: every answer in full, the ID number as text, the export audited.
        with page.expect_download() as download:
            page.click("#export")
        assert download.value.suggested_filename == f"signups-{programme_id}.xlsx"
        download.value.save_as(tmp_path / "list.xlsx")
        sheet = load_workbook(tmp_path / "list.xlsx").active
        header = [c.value for c in sheet[2]]
        assert header[:5] == ["序号", "报名号", "报名时间", "驿站", "状态"] and "身份证号" in header
        lines = {r[1]: r for r in sheet.iter_rows(min_row=3, values_only=True)}
        assert lines[b.signup_id][4] == "已确认" and "630102199003071231" in lines[b.signup_id]
        assert sheet.cell(3, header.index("身份证号") + 1).number_format == "@"
        assert "signup.export" in {e["action"] for e in hub.audit_entries()}

        # The year's figures count it.
        page.goto(server.url + "/reports")
        assert "爱心托管班 报名 1 人次（确认 1 人次，候补 0 人次），到场 1 人次" in page.text_content("#headlines")

        # Closing is ticked to confirm, and reaches the station.
        page.goto(server.url + f"/signups/{programme_id}")
        submit(page, "#close")
        assert page.text_content("#error-close") and hub.programmes()[0]["open"]
        page.check("#f-close-sure")
        submit(page, "#close")
        assert page.is_visible("#closed-flag") and not hub.programmes()[0]["open"]
        station.sync()
        third = station.identify_by_phone("13912345678").member_id
        assert station.signup_programmes(third) == []

        # A viewer sees the counts, not who signed up, and cannot export.
        viewer = browser.new_page()
        sign_in(viewer, server.url, "viewer1")
        viewer.goto(server.url + f"/signups/{programme_id}")
        assert viewer.is_visible("#sessions") and not viewer.is_visible("#signups")
        assert viewer.goto(server.url + f"/signups/{programme_id}/export.xlsx").status == 403
