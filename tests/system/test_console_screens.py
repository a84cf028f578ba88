"""Every console page at an office screen's 1366x768, in Chinese and in English, saved as PNG files
(to $CONSOLE_SHOTS, else the test's folder) and checked for text in the wrong language."""

import base64
import json
import os
import re
from datetime import timedelta
from pathlib import Path

import pytest

from kiosk.core.demo_data import demo_campaigns, demo_programmes
from kiosk.credentials.boxes import public_raw, seal
from kiosk.hub import schema
from kiosk.hub.office import Hub
from kiosk.hub.server import BackgroundHub
from kiosk.hub.web import union_today
from tests.system.test_console import PASSWORD, browser  # noqa: F401  (the fixture)

PAGES = ("/", "/stations", "/campaigns", "/stock", "/riders", "/signups", "/signups/{programme}", "/help",
         "/help/CASE0001", "/reports", "/audit", "/operators", "/login")
HAN = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture
def hub(tmp_path):
    hub = Hub(f"sqlite:///{tmp_path / 'hub.db'}", root_key_path=tmp_path / "root.key")
    hub.add_operator("test", "admin", "Admin", "admin", PASSWORD)
    campaigns, items = demo_campaigns(union_today() - timedelta(days=30))
    for item in items:
        item["unit_cost_fen"] = 250
    hub.set_catalogue(campaigns, items)
    for name, district, pin in (("城中区骑手驿站", "城中区", "246810"), ("湟中区司机之家", "湟中区", "135790")):
        station_id, _code = hub.add_station(name, district)
        hub.allocate(station_id, "water", 100)
        hub.add_attendant(f"A-{pin}", f"{district}站长", "attendant", pin, station_id)
    # A rider's urgent help request as a station seals and pushes it.
    sealed = seal(public_raw(hub.box_key()),
                  json.dumps({"description": "平台无故封号，申诉无人回应", "phone": "13912345678"}).encode())
    with hub.writer.begin() as conn:
        conn.execute(schema.help_requests.insert().values(
            request_id="CASE0001", station_id=station_id, member_id="", category="platform_penalty", urgent=True,
            contact="call", sealed=base64.b64encode(sealed).decode(), status="new", notes=[],
            at="2026-11-20T09:30:00Z"))
    # The insurance enrolment with two riders' sealed answers, as their stations pushed them.
    hub.import_roster([{"phone": p, "name": n, "occupation": "delivery_rider"}
                       for p, n in (("13912345678", "陈小明"), ("13700001111", "李雷"))])
    hub.demo_programme = hub.add_programme(demo_programmes(union_today())[0])
    for n, (phone, name, id_number) in enumerate((("13912345678", "陈小明", "11010519491231002X"),
                                                   ("13700001111", "李雷", "630102199003071231"))):
        answers = {"name": name, "id_number": id_number, "phone": phone, "platform": "美团"}
        with hub.writer.begin() as conn:
            conn.execute(schema.signups.insert().values(
                signup_id=f"SIGNUP0{n}", programme_id=hub.demo_programme, session_id="S1", station_id=station_id,
                member_id=hub.find_rider(phone=phone), status="confirmed", in_share=True, at="2026-11-21T10:00:00Z",
                sealed=base64.b64encode(seal(public_raw(hub.box_key()), json.dumps(answers).encode())).decode()))
    return hub


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_console_page_in_both_languages(hub, browser, language, tmp_path):  # noqa: F811
    out = Path(os.environ.get("CONSOLE_SHOTS", tmp_path))
    out.mkdir(parents=True, exist_ok=True)
    with BackgroundHub(hub) as server:
        context = browser.new_context(viewport={"width": 1366, "height": 768})
        context.add_cookies([{"name": "lang", "value": language, "url": server.url}])
        page = context.new_page()
        page.goto(server.url + "/login")
        page.fill("#f-username", "admin")
        page.fill("#f-password", PASSWORD)
        page.click("#sign-in")
        page.wait_for_url(server.url + "/")
        for path in PAGES:
            if path == "/login":
                context.clear_cookies()
                context.add_cookies([{"name": "lang", "value": language, "url": server.url}])
            assert page.goto(server.url + path.format(programme=hub.demo_programme)).status == 200, path
            name = path.strip("/").replace("/", "-").replace("{programme}", "programme") or "overview"
            page.screenshot(path=str(out / f"console-{name}-{language}.png"), full_page=True)
            heading = page.text_content("h1")
            chrome = page.text_content("header") + heading
            if language == "en":  # names of stations and people aside, nothing in Chinese
                assert not HAN.search(chrome.replace("中文", "").replace("城中区", "")), (path, chrome)
            else:
                assert HAN.search(heading), (path, heading)
        context.close()
