"""The hub and the sync, end to end over loopback HTTP, on SQLite and on PostgreSQL."""

import io
import json
import random
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import httpx
import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from kiosk.base.errors import InvalidInput, LimitReached
from kiosk.core import checkins, handouts, members
from kiosk.core.cards import Verifier, ensure_keys, issue, load_issuer
from kiosk.demo import DEMO_ATTENDANT, demo_campaigns, random_action
from kiosk.hub import schema as t
from kiosk.hub.web import union_today
from kiosk.sync import client as sync_client
from kiosk.sync.apply import apply_pages
from kiosk.sync.client import SyncError, client_for, pull_all
from tests.helpers import write
from tests.helpers.hub import Station, hub_database, running_hub

STAFF = DEMO_ATTENDANT[0]
PHONES = [f"1390000{i:04d}" for i in range(40)]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def hub_env(request, tmp_path):
    with hub_database(request.param, tmp_path) as url, running_hub(url) as (hub, server):
        campaigns, items = demo_campaigns(date.today())
        hub.set_catalogue(campaigns, items)
        hub.import_roster([{"phone": p, "name": "测试骑手", "occupation": "delivery_rider", "platform": "美团",
                            "union_member": "yes"} for p in PHONES])
        hub.add_attendant(STAFF, "王站长", "attendant", "123456")
        yield hub, server


def stations(hub, server, tmp_path, n=3):
    result = []
    for i in range(n):
        station = Station(tmp_path, hub, server.url, f"station{i}")
        hub.allocate(station.station_id, "water", 500)
        hub.allocate(station.station_id, "care_kit", 500)
        station.sync()
        result.append(station)
    return result


def station_figures(stations_):
    """What the hub's report must say, computed from the stations' own events."""
    figures = {}
    for s in stations_:
        events = s.store.events()
        voided = {e.payload["handout_id"] for e in events if e.type == "handout_voided"}
        live = [e for e in events if e.type == "handed_out" and e.id not in voided]
        visits = [e for e in events if e.type == "checked_in"]
        figures[s.station_id] = {
            "person_times": len(visits) + len(live),
            "unique_riders": len({e.payload["member_id"] for e in visits + live}),
            "items_handed_out": sum(e.payload["quantity"] for e in live),
        }
    return figures


def test_three_offline_stations_sync_in_any_order_and_the_hub_adds_up(hub_env, tmp_path):
    hub, server = hub_env
    trio = stations(hub, server, tmp_path)
    rider = members.find_by_phone(trio[0].store, PHONES[0])  # the union's roster reached the station
    rng = random.Random(5)
    for s in trio:
        ids = [r[0] for r in s.store.conn.execute("SELECT member_id FROM members") if r[0] != rider.member_id]
        for _ in range(120):
            random_action(s, rng, ids, p_register=0.05)
    # Offline, two stations both hand out the rider's last allowance of water today.
    for s in trio[:2]:
        write(handouts.hand_out, s.store, rider.member_id, "water", 2, channel="self")
    for round_ in range(3):
        for s in rng.sample(trio, len(trio)):
            s.sync()
        if round_ == 0:
            write(checkins.check_in, trio[2].store, rider.member_id)  # more happens between syncs
    report = {row["station"]: row for row in hub.report("station")}
    for station_id, expected in station_figures(trio).items():
        got = report[station_id]
        assert {k: got[k] for k in expected} == expected
    assert sum(r["overclaims"] for r in report.values()) >= 1
    with hub.engine.connect() as conn:
        flagged = conn.execute(sa.select(t.overclaims.c.member_id, t.overclaims.c.item_id)).all()
        assert (rider.member_id, "water") in [tuple(f) for f in flagged]
        for s in trio:
            hub_seqs = conn.execute(sa.select(t.events.c.seq).where(t.events.c.station_id == s.station_id)
                                    .order_by(t.events.c.seq)).scalars().all()
            assert hub_seqs == [e.seq for e in s.store.events()]
    # The limit now holds at the third station too: the other stations' claims came down.
    with pytest.raises(LimitReached):
        write(handouts.hand_out, trio[2].store, rider.member_id, "water", 1, channel="self")


def test_a_claim_reaches_the_stations_of_its_district_only_and_one_elsewhere_is_flagged(hub_env, tmp_path):
    hub, server = hub_env
    east, east2, west = (Station(tmp_path, hub, server.url, name, district=district) for name, district in
                         (("east", "城东区"), ("east2", "城东区"), ("west", "城西区")))
    for s in (east, east2, west):
        hub.allocate(s.station_id, "water", 50)
        s.sync()
    rider = members.find_by_phone(east.store, PHONES[1])
    write(handouts.hand_out, east.store, rider.member_id, "water", 2, channel="self")  # the day's whole allowance
    for s in (east, east2, west):
        s.sync()
    with pytest.raises(LimitReached):  # the claim came down to the other station of its district
        write(handouts.hand_out, east2.store, rider.member_id, "water", 1, channel="self")
    # A station of another district never pulled it: it hands out, and the office sees the over-claim.
    write(handouts.hand_out, west.store, rider.member_id, "water", 1, channel="self")
    west.sync()
    with hub.engine.connect() as conn:
        flagged = conn.execute(sa.select(t.overclaims.c.station_id, t.overclaims.c.member_id)).all()
    assert [tuple(f) for f in flagged] == [(west.station_id, rider.member_id)]


def test_sync_again_changes_nothing(hub_env, tmp_path):
    hub, server = hub_env
    (s,) = stations(hub, server, tmp_path, 1)
    rider = members.find_by_phone(s.store, PHONES[1])
    write(checkins.check_in, s.store, rider.member_id)
    first = s.sync()
    assert first.pushed == s.store.one("SELECT COUNT(*) FROM events") == 3  # 2 stock receipts, 1 visit
    before = hub.report("station")
    again = s.sync()
    assert (again.pushed, again.pulled) == (0, 0) and hub.report("station") == before
    assert s.store.setting("acked_seq") == s.store.one("SELECT MAX(seq) FROM events")


def test_codes_from_one_station_verify_at_another_after_sync(hub_env, tmp_path):
    hub, server = hub_env
    a, b = stations(hub, server, tmp_path, 2)
    issuer = write(ensure_keys, a.store, a.keys)
    rider = members.find_by_phone(a.store, PHONES[2])
    text = write(issue, a.store, issuer, rider.member_id)
    b.sync()
    assert Verifier(b.store).verify(text).subject == rider.member_id
    # A card revoked at one station is refused at the other once both have synced.
    from kiosk.core.cards import revoke

    write(revoke, a.store, rider.member_id, "lost card")
    a.sync()
    b.sync()
    with pytest.raises(Exception, match="cancelled"):
        Verifier(b.store).verify(text)
    assert load_issuer(a.store, a.keys).station_id == a.station_id


@pytest.fixture
def api():
    clients = []

    def make(server, token=None):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        clients.append(httpx.Client(base_url=server.url, headers=headers, timeout=10))
        return clients[-1]

    yield make
    for client in clients:
        client.close()


def token_of(station):
    return (station.keys / "hub.token").read_text()


def event(seq, type_="checked_in", **payload):
    return {"seq": seq, "id": f"00000000-0000-7000-8000-{seq:012d}", "type": type_, "at": "2026-11-24T01:00:00.000Z",
            "day": "2026-11-24", "payload": payload or {"member_id": "M1", "purpose": "rest"}}


def hub_event_count(hub):
    with hub.engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(t.events)).scalar_one()


def test_bad_requests_get_a_clear_4xx_and_change_nothing(hub_env, tmp_path, api):
    hub, server = hub_env
    a, b = stations(hub, server, tmp_path, 2)
    good = {"protocol": 1, "events": [event(1)]}
    cases = [
        (api(server, "wrong-token").post("/v1/push", json=good), 401),
        (api(server).post("/v1/push", json=good), 401),
        (api(server, token_of(a)).post("/v1/push", content=b"{not json", headers={"Content-Type": "application/json"}),
         422),
        (api(server, token_of(a)).post("/v1/push", json={"protocol": 1, "events": [event(2)]}), 409),
        (api(server, token_of(a)).post("/v1/push", json={"protocol": 1, "events": [event(1, "teleported")]}), 400),
        (api(server, token_of(a)).post("/v1/push", json={"protocol": 1, "events": [event(1, "handed_out")]}), 400),
        (api(server, token_of(a)).post("/v1/push", json={"protocol": 9, "events": [event(1)]}), 400),
        (api(server, token_of(a)).post("/v1/push", json={"protocol": 1, "events": [
            {**event(1), "day": "2026-11-24\n"}]}), 400),
        (api(server, token_of(a)).post("/v1/push", json={"protocol": 1, "events": [
            {**event(1), "at": "２０２６-11-24T01:00:00Z"}]}), 400),
        (api(server, token_of(a)).post("/v1/push", json={"protocol": 1, "events": [event(1)] * 5001}), 422),
        (api(server, token_of(a)).post("/v1/push", content=b"x" * (9 * 1024 * 1024),
                                       headers={"Content-Type": "application/json"}), 413),
        (api(server).post("/v1/enrol", json={"code": "NOPE", "public_key": "00" * 32}), 401),
        (api(server, token_of(a)).get("/v1/pull", params={"after": -1}), 422),
    ]
    for response, status in cases:
        assert response.status_code == status, response.text
        body = response.json()
        assert body["message"] and body["error"]
    assert hub_event_count(hub) == 0
    # Events already pushed by one station cannot be pushed again by another.
    assert api(server, token_of(a)).post("/v1/push", json=good).json()["acked_seq"] == 1
    taken = api(server, token_of(b)).post("/v1/push", json=good)
    assert taken.status_code == 400 and "another station" in taken.json()["message"]
    assert hub_event_count(hub) == 1


def test_a_replayed_batch_is_applied_once(hub_env, tmp_path, api):
    hub, server = hub_env
    (a,) = stations(hub, server, tmp_path, 1)
    client = api(server, token_of(a))
    batch = {"protocol": 1, "events": [event(1), event(2), event(3)]}
    for _ in range(3):
        assert client.post("/v1/push", json=batch).json()["acked_seq"] == 3
    overlapping = {"protocol": 1, "events": [event(2), event(3), event(4)]}
    assert client.post("/v1/push", json=overlapping).json()["acked_seq"] == 4
    assert hub_event_count(hub) == 4


def test_the_same_events_pushed_at_once_by_network_and_usb_stick_land_once(hub_env, tmp_path):
    """A technician imports a station's bundle at the office while the station pushes the same events."""
    hub, server = hub_env
    (a,) = stations(hub, server, tmp_path, 1)
    for start in range(1, 200, 10):
        batch = [event(seq) for seq in range(start, start + 10)]
        assert pool_run(hub.push, [(a.station_id, batch)] * 4) == [start + 9] * 4
    assert hub_event_count(hub) == 200
    codes = [hub.add_station(f"race{i}")[1] for i in range(5)]
    for i, code in enumerate(codes):  # tablets typing the same enrolment code, each its own key: one gets in
        outcomes = pool_run(hub.enrol, [(code, f"{i:02x}{key}" * 16) for key in ("11", "22", "33")])
        assert sum(isinstance(o, dict) for o in outcomes) == 1, outcomes


def pool_run(fn, calls):
    """Each call's result, or what it raised, all started together."""
    with ThreadPoolExecutor(len(calls)) as pool:
        futures = [pool.submit(fn, *args) for args in calls]
    return [future.exception() or future.result() for future in futures]


def test_a_revoked_station_token_is_refused_at_once(hub_env, tmp_path, api):
    hub, server = hub_env
    (a,) = stations(hub, server, tmp_path, 1)
    hub.revoke_station(a.station_id)
    response = api(server, token_of(a)).get("/v1/pull")
    assert response.status_code == 401 and "withdrawn" in response.json()["message"]
    with pytest.raises(SyncError, match="withdrawn"):
        a.sync()
    assert "withdrawn" in a.store.setting("last_sync_error")


def test_a_station_reads_only_its_own_stock_codes_and_staff(hub_env, tmp_path, api):
    hub, server = hub_env
    a, b = stations(hub, server, tmp_path, 2)
    hub.allocate(a.station_id, "health_card", 2, codes=["HC-SECRET-1", "HC-SECRET-2"])
    hub.add_attendant("A-ONLY-A", "甲站员工", "attendant", "432100", station_id=a.station_id)
    seen_by_b = api(server, token_of(b)).get("/v1/pull", params={"after": 0, "limit": 5000}).json()
    text = str(seen_by_b["changes"])
    assert "HC-SECRET" not in text and "A-ONLY-A" not in text
    seen_by_a = str(api(server, token_of(a)).get("/v1/pull", params={"after": 0, "limit": 5000}).json()["changes"])
    assert "HC-SECRET-1" in seen_by_a and "A-ONLY-A" in seen_by_a


def test_an_enrolment_code_works_once(hub_env, tmp_path, api):
    hub, server = hub_env
    _, code = hub.add_station("once")
    assert api(server).post("/v1/enrol", json={"code": code, "public_key": "11" * 32}).status_code == 200
    assert api(server).post("/v1/enrol", json={"code": code, "public_key": "22" * 32}).status_code == 401


def test_a_bad_change_is_set_aside_and_a_page_without_ids_is_refused_whole(hub_env, tmp_path):
    hub, server = hub_env
    (a,) = stations(hub, server, tmp_path, 1)
    cursor = a.store.setting("pull_cursor")
    members_before = a.store.one("SELECT COUNT(*) FROM members")
    good = {"id": cursor + 1, "kind": "member", "data": {
        "member_id": "NEWRIDER0001", "phone_hash": "a" * 64, "name": "新骑手",
        "occupation": "courier", "platform": "", "union_member": False, "status": "active",
        "registered_at": "2026-11-24T00:00:00Z"}}
    no_id = {"id": "x", "kind": "member", "data": good["data"]}
    with pytest.raises(InvalidInput):
        apply_pages(a.store, [{"changes": [good, no_id], "next": cursor + 2, "more": False}])
    with pytest.raises(InvalidInput):  # a bad page spoils the whole batch it arrived in
        apply_pages(a.store, [{"changes": [good], "next": cursor + 1, "more": True},
                              {"changes": [no_id], "next": cursor + 2, "more": False}])
    assert a.store.setting("pull_cursor") == cursor
    assert a.store.one("SELECT COUNT(*) FROM members") == members_before
    # One change the station cannot take (a bad phone hash, an unknown kind, a list that does not verify)
    # is set aside and recorded; the rest of the page is taken and the pulls go on.
    bad = [{"id": cursor + 2, "kind": "member", "data": {**good["data"], "member_id": "NEWRIDER0002",
                                                         "phone_hash": "zz"}},
           {"id": cursor + 3, "kind": "rocket", "data": {}},
           {"id": cursor + 4, "kind": "trust_list", "data": {"blob": "bm90IGEgbGlzdA=="}}]
    assert apply_pages(a.store, [{"changes": [good, *bad], "next": cursor + 4, "more": False}]) == 4
    assert a.store.setting("pull_cursor") == cursor + 4
    assert a.store.one("SELECT COUNT(*) FROM members") == members_before + 1
    set_aside = [e.payload for e in a.store.events() if e.type == "change_set_aside"]
    assert [(p["change_id"], p["kind"]) for p in set_aside] == [(cursor + 2, "member"), (cursor + 3, "rocket"),
                                                                (cursor + 4, "trust_list")]
    assert apply_pages(a.store, [{"changes": [good], "next": cursor + 1, "more": False}]) == 0
    a.sync()  # the hub hears of them
    assert [i["kind"] for i in hub.incidents()] == ["change_set_aside"] * 3


def test_a_long_exchange_goes_in_batches_each_change_and_event_once(hub_env, tmp_path, monkeypatch):
    """Pushes of 7 events and pulls of 7 changes, written 20 to a transaction, each next batch fetched
    or read while the last one is with the hub or being written."""
    hub, server = hub_env
    for name, value in (("PUSH_BATCH", 7), ("PULL_PAGE", 7), ("PULL_BATCH_ROWS", 20)):
        monkeypatch.setattr(sync_client, name, value)
    hub.import_roster([{"phone": f"1360000{i:04d}", "name": "新骑手", "occupation": "courier"} for i in range(60)])
    a = Station(tmp_path, hub, server.url, "paged")
    feed = hub.pull(a.station_id, 0, 5000)
    result = a.sync()
    assert result.pulled == len(feed["changes"]) and a.store.setting("pull_cursor") == feed["next"]
    assert a.store.one("SELECT COUNT(*) FROM members") == len(PHONES) + 60
    hub.allocate(a.station_id, "water", 100)
    a.sync()
    ids = [r[0] for r in a.store.conn.execute("SELECT member_id FROM members")]
    for member_id in ids[:30]:
        write(checkins.check_in, a.store, member_id)
    result = a.sync()
    assert result.acked_seq == a.store.one("SELECT MAX(seq) FROM events") and result.pushed == 31  # + stock receipt
    assert hub_event_count(hub) == a.store.one("SELECT COUNT(*) FROM events")


def test_pages_that_arrived_are_kept_when_the_hub_goes_away_mid_pull(hub_env, tmp_path, monkeypatch):
    hub, server = hub_env
    monkeypatch.setattr(sync_client, "PULL_PAGE", 7)
    a = Station(tmp_path, hub, server.url, "flaky")
    client = client_for(a.store, a.keys, timeout=5)
    asked = []

    def pull(after, limit=None):
        asked.append(after)
        if len(asked) == 4:
            raise SyncError("The hub did not answer: ConnectError.")
        return type(client).pull(client, after, limit)

    client.pull = pull
    with pytest.raises(SyncError):
        pull_all(a.store, client)
    client.close()
    assert a.store.setting("pull_cursor") == asked[3] > 0  # the three pages that came are written
    a.sync()
    assert a.store.one("SELECT COUNT(*) FROM members") == len(PHONES)


def test_openapi_schema_is_served_only_where_configured(hub_env, api, tmp_path):
    _, server = hub_env
    assert api(server).get("/openapi.json").status_code == 404
    with running_hub(f"sqlite:///{tmp_path / 'docs.db'}", docs=True) as (_, documented):
        schema = api(documented).get("/openapi.json").json()
    assert {"/v1/enrol", "/v1/push", "/v1/pull", "/v1/time"} <= set(schema["paths"])


def test_hub_database_matches_its_migrations(hub_env):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    hub, _ = hub_env
    with hub.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), t.metadata)
    assert diff == []


def test_roster_import_refuses_a_bad_file_whole(tmp_path):
    from kiosk.hub.office import Hub
    from kiosk.hub.roster import read_roster

    hub = Hub(f"sqlite:///{tmp_path / 'h.db'}")
    good = tmp_path / "good.csv"
    good.write_text("phone,name,occupation,platform,union_member\n13800000001,张三,courier,顺丰,是\n"
                    "13800000002,李四,delivery_rider,美团,no\n", encoding="utf-8")
    assert hub.import_roster(read_roster(good)) == 2
    assert hub.import_roster(read_roster(good)) == 0  # the same riders again add nothing
    bad = tmp_path / "bad.csv"
    bad.write_text("phone,name,occupation\n13800000003,王五,courier\n12345,赵六,courier\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="Row 3"):
        hub.import_roster(read_roster(bad))
    with hub.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(t.members)).scalar_one() == 2
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["phone", "name", "occupation"])
    book.active.append(["13800000009", "钱七", "truck_driver"])
    book.save(tmp_path / "roster.xlsx")
    assert hub.import_roster(read_roster(tmp_path / "roster.xlsx")) == 1
    for name, content in (("x.txt", "a"), ("empty.csv", ""), ("nohead.csv", "a,b\n1,2\n")):
        (tmp_path / name).write_text(content)
        with pytest.raises(InvalidInput):
            read_roster(tmp_path / name)
    assert json.loads(json.dumps(hub.report("month"))) == []


def test_a_campaign_for_some_districts_or_stations_runs_only_there_and_follows_a_moved_station(hub_env, tmp_path):
    from kiosk.core.campaigns import list_items

    hub, server = hub_env
    east, west, named = stations(hub, server, tmp_path)
    hub.change_station(east.station_id, "东站", "城东区")
    hub.change_station(west.station_id, "西站", "城西区")
    today = date.today()
    campaign = {"campaign_id": "EASTWATER", "programme": "summer_cooling", "name_zh": "城东送水",
                "name_en": "East water", "starts_on": today.isoformat(), "ends_on": today.isoformat(),
                "districts": ["城东区"], "stations": [named.station_id]}
    item = {"item_id": "east_water", "campaign_id": "EASTWATER", "name_zh": "冰水", "name_en": "Iced water",
            "self_service": True, "limits": {"day": 1}}
    hub.publish_campaign(campaign, [item])

    def offered(station):
        station.sync()
        return "east_water" in {i.item_id for i, _ in list_items(station.store, active_on=today)}

    assert [offered(s) for s in (east, west, named)] == [True, False, True]
    hub.change_station(west.station_id, "西站", "城东区")  # moved: it runs there now
    hub.change_station(east.station_id, "东站", "城北区")  # and no longer here
    assert [offered(s) for s in (east, west, named)] == [False, True, True]
    with pytest.raises(InvalidInput, match="No station 'nowhere'"):
        hub.publish_campaign({**campaign, "stations": ["nowhere"]}, [item])
    assert hub.campaign("EASTWATER")[0]["stations"] == [named.station_id]


def test_a_rider_the_office_merges_is_found_by_either_phone_at_a_station(hub_env, tmp_path):
    hub, server = hub_env
    (station,) = stations(hub, server, tmp_path, n=1)
    keep, duplicate = hub.find_rider(phone=PHONES[0]), hub.find_rider(phone=PHONES[1])
    assert station.identify_by_phone(PHONES[1]).member_id == duplicate
    hub.merge_riders(keep, duplicate)
    station.sync()
    assert station.identify_by_phone(PHONES[1]).member_id == keep  # the rider's other phone finds them
    assert station.identify_by_phone(PHONES[0]).member_id == keep
    assert station.store.one("SELECT status FROM members WHERE member_id = ?", (duplicate,)) == "merged"


def test_the_office_gives_an_attendant_a_new_pin_and_disables_one_who_left(hub_env, tmp_path):
    from kiosk.base.errors import KioskError

    hub, server = hub_env
    (station,) = stations(hub, server, tmp_path, n=1)
    assert station.unlock("123456").attendant_id == STAFF
    assert hub.new_pin(STAFF, "654321", actor="test") == "王站长"
    station.sync()
    assert station.unlock("654321").attendant_id == STAFF
    with pytest.raises(KioskError):
        station.unlock("123456")  # the forgotten PIN no longer opens anything
    hub.disable_attendant(STAFF, actor="test")
    station.sync()
    with pytest.raises(KioskError):
        station.unlock("654321")
    assert STAFF not in {a["attendant_id"] for a in hub.list_attendants()}
    assert {"staff.set", "staff.disable"} <= {e["action"] for e in hub.audit_entries()}


def test_an_urgent_help_request_is_sealed_at_the_station_read_at_the_office_and_its_status_reaches_any_station(
        hub_env, tmp_path):
    hub, server = hub_env
    here, elsewhere = stations(hub, server, tmp_path, n=2)
    rider = here.identify_by_phone(PHONES[3]).member_id
    words = "老板拖欠三个月工资 unpaid since August"
    with pytest.raises(InvalidInput, match="agree"):  # a call back needs the rider's consent
        here.request_help(member_id=rider, category="unpaid_wages", description=words, callback_phone=PHONES[3])
    with pytest.raises(InvalidInput, match="500"):
        here.request_help(member_id=rider, category="unpaid_wages", description="欠" * 501)
    with pytest.raises(InvalidInput):
        here.request_help(member_id=rider, category="lottery")
    request = here.request_help(member_id=rider, category="unpaid_wages", description=words, urgent=True,
                                callback_phone=PHONES[3], consent=True)
    assert here.help_requests(rider)[0].status == "new"
    here.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    disk = (here.dir / "station.db").read_bytes()
    for secret in (words.encode(), "拖欠".encode(), PHONES[3].encode()):
        assert secret not in disk  # neither the description nor the phone is readable on the station's disk
    here.sync()
    (case,) = hub.help_inbox()
    assert (case["request_id"], case["urgent"], case["member_id"], case["contact"]) == (
        request.request_id, True, rider, "call")
    opened = hub.help_case(request.request_id, actor="caseworker1")
    assert (opened["description"], opened["phone"]) == (words, PHONES[3])
    with pytest.raises(InvalidInput):
        hub.set_help_status(request.request_id, "forgotten")
    from kiosk.base.errors import NotPermitted
    with pytest.raises(NotPermitted):  # a caseworker of another district neither reads nor moves it
        hub.help_case(request.request_id, "caseworker2", stations={elsewhere.station_id})
    with pytest.raises(NotPermitted):
        hub.set_help_status(request.request_id, "closed", actor="caseworker2", stations={elsewhere.station_id})
    hub.set_help_status(request.request_id, "contacted", note="called back at 15:00", actor="caseworker1")
    elsewhere.sync()
    assert [(r.request_id, r.status) for r in elsewhere.help_requests(rider)] == [(request.request_id, "contacted")]
    assert {("help.read", request.request_id), ("help.status", request.request_id)} <= {
        (e["action"], e["target"]) for e in hub.audit_entries()}


def test_a_help_request_with_a_taken_number_or_unknown_category_is_set_aside_not_a_stuck_push(hub_env, tmp_path):
    hub, server = hub_env
    first, second = stations(hub, server, tmp_path, n=2)
    request = first.request_help(category="traffic_accident", description="电动车被撞")
    first.sync()
    forged = [{"id": f"{second.station_id}-X1", "seq": hub.acked(second.station_id) + 1, "type": "help_requested",
               "at": "2026-11-25T01:00:00Z", "day": date.today().isoformat(),
               "payload": {"request_id": request.request_id, "member_id": "", "category": "other", "urgent": False,
                           "contact": "in_person", "sealed": "AAAA"}}]
    forged.append({**forged[0], "id": f"{second.station_id}-X2", "seq": forged[0]["seq"] + 1,
                   "payload": {**forged[0]["payload"], "request_id": "NEWONE01", "category": "lottery"}})
    assert hub.push(second.station_id, forged) == forged[-1]["seq"]
    assert [c["request_id"] for c in hub.help_inbox()] == [request.request_id]
    reasons = {i["reason"] for i in hub.incidents()}
    assert "a help request whose number is already taken" in reasons
    assert "a help request of an unknown category or contact" in reasons


def test_the_report_counts_help_requests_by_category_station_and_status_with_median_hours(hub_env, tmp_path):
    from kiosk.base.clock import FixedClock
    from kiosk.hub.excel import figures_workbook

    hub, server = hub_env
    here, there = stations(hub, server, tmp_path, n=2)
    now = here.store.clock.now()
    made = []
    for station, hours_ago, category, urgent in ((here, 10, "unpaid_wages", True), (here, 4, "unpaid_wages", False),
                                                 (there, 2, "work_injury", True)):
        real = station.store.clock
        station.store.clock = FixedClock(now - timedelta(hours=hours_ago))
        made.append(station.request_help(category=category, urgent=urgent))
        station.store.clock = real
        station.sync()
    hub.set_help_status(made[0].request_id, "contacted")  # 10 h after it was made
    hub.set_help_status(made[1].request_id, "resolved")  # 4 h after
    today = here.store.clock.day(now)  # the union's day (China Standard Time), not UTC's
    figures = hub.figures((today - timedelta(days=2)).isoformat(), today.isoformat())
    help_ = figures["help"]
    assert (help_["requests"], help_["urgent"]) == (3, 2)
    assert help_["by_status"] == {"contacted": 1, "resolved": 1, "new": 1}
    assert [(r["category"], r["requests"], r["urgent"], r["contacted"], r["closed"]) for r in help_["by_category"]] == [
        ("unpaid_wages", 2, 1, 2, 1), ("work_injury", 1, 1, 0, 0)]
    assert {r["station"]: r["requests"] for r in help_["by_station"]} == {"station0": 2, "station1": 1}
    assert help_["median_first_contact_h"] == pytest.approx(7.0, abs=0.2)  # the median of 10 h and 4 h
    assert help_["median_resolution_h"] == pytest.approx(4.0, abs=0.2)
    book = load_workbook(io.BytesIO(figures_workbook(figures)))
    assert [c.value for c in book["求助按类别"][2]][:3] == ["欠薪", 2, 1]
    assert ["维权求助（件）", 3] in [[c.value for c in row][:2] for row in book["概览"].iter_rows()]


def test_the_office_changes_what_riders_may_ask_about_and_a_request_filed_offline_meanwhile_still_counts(
        hub_env, tmp_path):
    hub, server = hub_env
    (station,) = stations(hub, server, tmp_path, n=1)
    for key, zh, en, active, field in (("Bad Key", "社保", "Social insurance", True, "key"),
                                       ("social_insurance", "", "Social insurance", True, "label_zh"),
                                       ("unpaid_wages", "欠薪", "Unpaid wages", False, None)):
        if field is None:  # retiring every category but one, then the last: refused
            for other in ("traffic_accident", "work_injury", "platform_penalty", "contract", "other"):
                hub.set_help_category(other, "x", "x", active=False)
        with pytest.raises(InvalidInput) as refused:
            hub.set_help_category(key, zh, en, active=active)
        assert refused.value.details.get("field") == (field or "active")
    hub.set_help_category("social_insurance", "社保", "Social insurance")
    hub.set_help_category("contract", "劳动合同", "Labour contract", active=True)
    station.sync()
    offline = station.request_help(category="contract")  # made before the office retires it
    hub.set_help_category("contract", "劳动合同", "Labour contract", active=False)
    station.sync()  # the request arrives after the change, and the station hears of it
    assert offline.request_id in {r["request_id"] for r in hub.help_inbox()}
    assert {c.key for c in station.help_categories() if c.active} == {"unpaid_wages", "social_insurance"}
    with pytest.raises(InvalidInput):
        station.request_help(category="contract")
    today = union_today().isoformat()  # help requests count in the union's days, not UTC's
    assert [r["label_zh"] for r in hub.figures(today, today)["help"]["by_category"]] == ["劳动合同"]


def test_a_roster_longer_than_one_lookup_is_matched_in_chunks(tmp_path, monkeypatch):
    from kiosk.hub import database
    from kiosk.hub.office import Hub

    monkeypatch.setattr(database, "ONE_OF_CHUNK", 2)  # as a million riders meet the 100,000 of a real chunk
    hub = Hub(f"sqlite:///{tmp_path / 'h.db'}")
    riders = [{"phone": f"1380000000{i}", "name": f"骑手{i}", "occupation": "courier"} for i in range(5)]
    assert hub.import_roster(riders) == 5
    riders[1]["occupation"], riders[3]["name"] = "delivery_rider", "别人"
    report = hub.import_roster_report(riders)
    assert (report["added"], len(report["updated"]), len(report["conflicts"])) == (0, 1, 1)


def test_an_imported_roster_reaches_the_feed_as_the_riders_rows_at_the_hub(hub_env):
    """The feed's rows of an import are made in the database (JSON built there, not in Python): each is
    the rider's row as the hub holds it, true and false as JSON's, in the order of the riders' ids."""
    hub, _server = hub_env
    hub.import_roster([{"phone": f"1355555{i:04d}", "name": f"骑手{i}", "occupation": "courier",
                        "union_member": "是" if i % 2 else "否"} for i in range(5)])
    changes = [c for c in hub.pull("nowhere", 0, 5000)["changes"] if c["kind"] == "member"]
    with hub.engine.connect() as conn:
        rows = {r.member_id: dict(r._mapping) for r in conn.execute(sa.select(t.members))}
    assert len(changes) == len(rows) == len(PHONES) + 5
    assert [c["data"] for c in changes] == [rows[c["data"]["member_id"]] for c in changes]
    assert [c["data"]["member_id"] for c in changes[-5:]] == sorted(c["data"]["member_id"] for c in changes[-5:])
    assert {c["data"]["union_member"] for c in changes[-5:]} == {True, False}


def test_a_push_the_database_ends_in_a_deadlock_is_tried_again_and_lands_once(hub_env, tmp_path, monkeypatch):
    hub, server = hub_env
    (station,) = stations(hub, server, tmp_path, n=1)
    rider = members.find_by_phone(station.store, PHONES[2])
    write(checkins.check_in, station.store, rider.member_id)

    class Deadlock(Exception):
        sqlstate = "40P01"

    real, tries = hub._push, []

    def deadlocked_once(station_id, batch):
        tries.append(len(batch))
        if len(tries) == 1:  # the database ended the transaction: nothing of it stays
            raise sa.exc.OperationalError("INSERT INTO rider_counts ...", {}, Deadlock())
        return real(station_id, batch)

    monkeypatch.setattr(hub, "_push", deadlocked_once)
    station.sync()
    assert len(tries) == 2
    with hub.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(t.events).where(
            t.events.c.station_id == station.station_id)).scalar() == station.store.one("SELECT MAX(seq) FROM events")
