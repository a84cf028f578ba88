"""The office's JSON API (/admin/v1) on a real hub over HTTP: the console's rules, for scripts."""

import re
from datetime import date

import httpx
import pytest

from kiosk.core.demo_data import demo_campaigns
from kiosk.hub.office import Hub
from kiosk.hub.server import BackgroundHub

PASSWORD = "a long enough password"


@pytest.fixture
def hub_url(tmp_path):
    hub = Hub(f"sqlite:///{tmp_path / 'hub.db'}", root_key_path=tmp_path / "root.key")
    hub.add_operator("test", "admin", "Admin", "admin", PASSWORD)
    hub.add_operator("test", "viewer", "Viewer", "viewer", PASSWORD)
    hub.add_operator("test", "east", "East officer", "officer", PASSWORD, district="城东区")
    with BackgroundHub(hub) as server:
        yield server.url, hub


def token(url, username):
    answer = httpx.post(url + "/admin/v1/session", json={"username": username, "password": PASSWORD})
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['token']}"}


def test_scripts_do_what_the_console_does_under_the_same_rules(hub_url):
    url, _hub = hub_url
    assert httpx.get(url + "/admin/v1/stations").status_code == 401
    assert httpx.post(url + "/admin/v1/session", json={"username": "admin", "password": "wrong"}).status_code == 400
    admin, viewer, east = token(url, "admin"), token(url, "viewer"), token(url, "east")
    added = httpx.post(url + "/admin/v1/stations", json={"name": "城东驿站", "district": "城东区"}, headers=admin)
    assert added.status_code == 200 and len(added.json()["code"]) == 29
    httpx.post(url + "/admin/v1/stations", json={"name": "城西驿站", "district": "城西区"}, headers=admin)
    refused = httpx.post(url + "/admin/v1/stations", json={"name": "x"}, headers=viewer)
    assert refused.status_code == 403 and refused.json()["error"] == "not_permitted"
    # An officer of one district sees only its stations.
    assert [s["name"] for s in httpx.get(url + "/admin/v1/stations", headers=east).json()] == ["城东驿站"]
    campaigns, items = demo_campaigns(date.today())
    campaign = next(c for c in campaigns if c["campaign_id"] == "CARE")
    mine = [i for i in items if i["campaign_id"] == "CARE"]
    assert httpx.post(url + "/admin/v1/campaigns", json={"campaign": campaign, "items": mine},
                      headers=east).json() == {"before": None}
    bad = httpx.post(url + "/admin/v1/campaigns", json={"campaign": {**campaign, "ends_on": "2000-01-01"},
                                                        "items": mine}, headers=east)
    assert bad.status_code == 400 and "\n" not in bad.json()["message"]
    allocated = httpx.post(url + "/admin/v1/allocations", json={"station_id": added.json()["station_id"],
                                                                "item_id": "water", "quantity": 50}, headers=east)
    assert allocated.status_code == 200
    figures = httpx.get(url + "/admin/v1/figures", params={"start": "2026-01-01", "end": "2026-12-31"},
                        headers=viewer)
    assert figures.status_code == 200 and figures.json()["visits"] == 0
    assert httpx.get(url + "/admin/v1/audit", headers=east).status_code == 403
    audit = httpx.get(url + "/admin/v1/audit", headers=admin).json()
    assert {(e["actor"], e["action"]) for e in audit} >= {("admin", "station.add"), ("east", "campaign.publish"),
                                                          ("east", "stock.allocate")}


def test_a_browser_session_cannot_be_used_across_sites_to_change_anything(hub_url):
    url, _hub = hub_url
    with httpx.Client(base_url=url) as browser:
        signed_in = browser.post("/login", data={"username": "admin", "password": PASSWORD})
        assert signed_in.status_code == 303 and "kiosk_session" in browser.cookies
        assert browser.get("/admin/v1/stations").status_code == 200  # reading with the cookie is fine
        forged = browser.post("/admin/v1/stations", json={"name": "伪造驿站"})
        assert forged.status_code == 403 and forged.json()["error"] == "csrf"
        page = browser.post("/stations", data={"name": "伪造驿站", "csrf": "guessed"})
        assert page.status_code == 403
        assert "伪造驿站" not in browser.get("/stations").text


def test_five_wrong_passwords_lock_an_operator_out_for_fifteen_minutes(hub_url):
    from kiosk.hub.operators import LoginFailed

    _url, hub = hub_url
    for _ in range(5):
        with pytest.raises(LoginFailed, match="Wrong user name or password"):
            hub.login("viewer", "not the password", now=1_000_000)
    with pytest.raises(LoginFailed, match="locked"):
        hub.login("viewer", PASSWORD, now=1_000_060)  # even the right one, while locked
    with pytest.raises(LoginFailed, match="Wrong user name or password"):
        hub.login("nobody", PASSWORD, now=1_000_060)  # an unknown name reads the same as a wrong password
    token, _csrf = hub.login("viewer", PASSWORD, now=1_000_000 + 16 * 60)
    assert hub.session(token, now=1_000_000 + 17 * 60)[0].username == "viewer"
    assert hub.session(token, now=1_000_000 + 9 * 3600) is None  # a session lasts a working day
    assert ("viewer", "operator.locked") in {(e["actor"], e["action"]) for e in hub.audit_entries()}


def test_long_tables_narrow_sort_and_page(hub_url):
    url, hub = hub_url
    for n in range(105):
        hub.add_station(f"驿站{n:03d}", "城东区" if n % 2 else "城西区")
    with httpx.Client(base_url=url) as browser:
        browser.post("/login", data={"username": "admin", "password": PASSWORD})
        east = browser.get("/stations", params={"district": "城东区", "sort": "name"}).text
        assert "驿站001" in east and "驿站002" not in east and east.index("驿站001") < east.index("驿站003")
        first = browser.get("/audit", params={"action": "station."}).text
        assert first.count("station.add") == 100 and 'id="older"' in first and 'id="newer"' not in first
        second = browser.get("/audit", params={"action": "station.", "page": 2}).text
        assert second.count("station.add") == 5 and 'id="newer"' in second
        assert "operator.add" not in first  # narrowed to stations


def test_an_admin_disables_an_operator_and_resets_a_password_and_operators_change_their_own(hub_url):
    url, hub = hub_url
    with httpx.Client(base_url=url) as admin, httpx.Client(base_url=url) as viewer:
        admin.post("/login", data={"username": "admin", "password": PASSWORD})
        viewer.post("/login", data={"username": "viewer", "password": PASSWORD})
        csrf = re.search(r'name="csrf" value="([^"]+)"', admin.get("/operators").text).group(1)
        admin.post("/operators/viewer", data={"csrf": csrf, "do": "disable"})
        assert viewer.get("/").status_code == 303  # signed out at once
        assert viewer.post("/login", data={"username": "viewer", "password": PASSWORD}).status_code == 400
        admin.post("/operators/viewer", data={"csrf": csrf, "do": "enable"})
        page = admin.post("/operators/viewer", data={"csrf": csrf, "do": "password"}).text
        new = re.search(r'id="new-password-text">([^<]+)<', page).group(1)
        assert viewer.post("/login", data={"username": "viewer", "password": new}).status_code == 303
        mine = re.search(r'name="csrf" value="([^"]+)"', viewer.get("/password").text).group(1)
        wrong = viewer.post("/password", data={"csrf": mine, "old": "not it", "new": "x" * 12, "again": "x" * 12})
        assert wrong.status_code == 400 and 'id="error-old"' in wrong.text
        changed = viewer.post("/password", data={"csrf": mine, "old": new, "new": "y" * 12, "again": "y" * 12})
        assert changed.status_code == 303
        assert viewer.post("/login", data={"username": "viewer", "password": "y" * 12}).status_code == 303
    actions = [e["action"] for e in hub.audit_entries()]
    assert {"operator.disable", "operator.enable", "operator.password"} <= set(actions)


def test_pages_rendered_at_once_each_keep_their_own_language(hub_url):
    from concurrent.futures import ThreadPoolExecutor

    url, _hub = hub_url

    def heading(language: str) -> tuple[str, str]:
        page = httpx.get(url + "/login", cookies={"lang": language}).text
        return language, re.search(r"<h1>([^<]+)</h1>", page).group(1)

    with ThreadPoolExecutor(8) as pool:
        seen = list(pool.map(heading, ["zh_CN", "en"] * 40))
    assert {h for lang, h in seen if lang == "zh_CN"} == {"登录"}
    assert {h for lang, h in seen if lang == "en"} == {"Sign in"}
