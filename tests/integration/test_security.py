"""A hostile or broken station against a real hub on loopback: it is trusted only with what happened at it."""

import json
import time
import zlib
from datetime import date

import base45
import cbor2
import pytest
import sqlalchemy as sa

from kiosk.base.errors import InvalidCredential, InvalidInput
from kiosk.credentials import cose
from kiosk.credentials.codes import IAT, PREFIX, SUB, encode, unpack
from kiosk.hub import schema as t
from kiosk.hub.stations import Unauthorized
from tests.helpers.hub import Station, hub_events, prepare, running_hub

RIDER = {"name": "韩梅梅", "occupation": "courier", "consent": True}


@pytest.fixture
def union(tmp_path):
    """A hub with its catalogue and roster, and two enrolled, synced stations A and B."""
    with running_hub(f"sqlite:///{tmp_path / 'hub.db'}") as (hub, server):
        prepare(hub)
        a, b = (Station(tmp_path, hub, server.url, name) for name in ("A", "B"))
        for s in (a, b):
            hub.allocate(s.station_id, "water", 100)
            s.sync()
        yield hub, server, a, b


def raw_push(hub, station, type_, payload, day=None):
    """What a tampered station could push as its next event, straight to the hub."""
    seq = hub.acked(station.station_id) + 1
    day = day or date.today().isoformat()
    event = {"seq": seq, "id": f"00000000-0000-7000-9000-{seq:012d}", "type": type_,
             "at": f"{day}T01:00:00.000Z", "day": day, "payload": payload}
    return hub.push(station.station_id, [event])


def test_a_station_cannot_revoke_another_stations_rider_but_the_office_can(union):
    hub, _server, a, b = union
    member, code = b.register(phone="13912340001", **RIDER)
    b.sync()
    a.sync()
    assert a.verify(code).subject == member.member_id
    # A pushes a revocation of B's rider, once honestly (the office decides) and once with a cut-off
    # in the far future (never believed).
    a.revoke_cards(member.member_id, "lost card", None)
    a.sync()
    raw_push(hub, a, "credential_revoked", {"subject": member.member_id, "issued_before": 2**52, "reason": "x"})
    b.sync()
    assert b.verify(code).subject == member.member_id  # still good everywhere the hub's list reaches
    kinds = sorted((i["kind"], i["reason"]) for i in hub.incidents())
    assert kinds == [("event_set_aside", "a revocation cut-off in the future"),
                     ("revocation_request", "the rider's codes were issued elsewhere: the office decides")]
    # A new card for the rider is valid now, not "not yet valid" for centuries.
    fresh = b.issue_card(member.member_id)
    assert abs(unpack(fresh)[1][IAT] - time.time()) < 600
    # The office approves the request: the card is cancelled at every station; then it undoes that.
    request = next(i for i in hub.incidents() if i["kind"] == "revocation_request")
    assert hub.resolve_incident(request["incident_id"], approve=True) == "approved"
    b.sync()
    with pytest.raises(InvalidCredential, match="cancelled"):
        b.verify(code)
    hub.undo_revocation(member.member_id)
    b.sync()
    assert b.verify(code).subject == member.member_id


def test_a_station_revokes_the_codes_of_its_own_riders_at_once(union):
    hub, _server, a, b = union
    member, code = a.register(phone="13912340002", **RIDER)
    a.revoke_cards(member.member_id, "lost card")
    a.sync()
    b.sync()
    with pytest.raises(InvalidCredential, match="cancelled"):
        b.verify(code)
    assert hub.incidents() == []


def test_one_phone_registered_at_two_offline_stations_is_one_rider_and_no_pull_stops(union, tmp_path):
    hub, server, a, b = union
    first, _ = a.register(phone="13912340003", **RIDER)
    second, _ = b.register(phone="13912340003", **RIDER)
    b.claim(second.member_id, "water")  # offline, under B's id for the rider
    for s in (a, b, a, b):
        s.sync()
    later = Station(tmp_path, hub, server.url, "C")
    later.sync()
    assert later.identify_by_phone("13912340003").member_id == first.member_id
    assert later.store.one("SELECT COUNT(*) FROM members") == a.store.one(
        "SELECT COUNT(*) FROM members WHERE status != 'merged'")
    assert b.identify_by_phone("13912340003").member_id == first.member_id  # B's own record merged into it
    # What B recorded under its id still counts, for the one rider.
    with hub.engine.connect() as conn:
        claims = conn.execute(sa.select(t.claims.c.member_id)).scalars().all()
        aliases = conn.execute(sa.select(t.member_aliases.c.alias_id, t.member_aliases.c.member_id)).all()
    assert claims == [first.member_id] and aliases == [(second.member_id, first.member_id)]


def test_what_a_station_may_not_say_is_kept_but_not_believed(union):
    hub, _server, a, b = union
    rider = b.identify_by_phone("13700000001")
    handout = b.claim(rider.member_id, "water")
    b.sync()
    a.sync()
    before = hub.report("station")
    # A voids B's claim; claims of absurd size, of an unknown item or rider, and far-off days.
    raw_push(hub, a, "handout_voided", {"handout_id": handout.event_id, "reason": "mine now"})
    claim = {"member_id": rider.member_id, "item_id": "water", "programme": "p", "quantity": 1}
    raw_push(hub, a, "handed_out", {**claim, "quantity": 1_000_000})
    raw_push(hub, a, "handed_out", {**claim, "quantity": -1000})
    raw_push(hub, a, "handed_out", {**claim, "item_id": "gold"})
    raw_push(hub, a, "handed_out", {**claim, "member_id": "NOBODY"})
    raw_push(hub, a, "handed_out", claim, day="9999-12-31")
    raw_push(hub, a, "checked_in", {"member_id": rider.member_id, "purpose": "rest"}, day="0001-01-01")
    reasons = [i["reason"] for i in hub.incidents()]
    assert len(reasons) == 7 and "a void of a claim this station did not record" in reasons
    assert hub.report("station") == before
    assert len(hub_events(hub, a.station_id)) == hub.acked(a.station_id)  # kept, the queue moves on
    b.sync()
    assert b.claimable(rider.member_id)  # nothing A said blocks the rider


def test_enrolment_refuses_another_stations_key_and_old_or_guessed_codes(union):
    hub, _server, a, _b = union
    taken = a.store.one("SELECT lower(hex(public_key)) FROM trusted_keys WHERE station_id = ?", (a.station_id,))
    _, code = hub.add_station("copycat")
    assert len(code.replace("-", "")) * 4 >= 80
    with pytest.raises(InvalidInput, match="another station"):
        hub.enrol(code, taken)
    _, old = hub.add_station("late")
    with hub.writer.begin() as conn:  # made long ago and never used
        conn.execute(t.stations.update().where(t.stations.c.name == "late").values(
            created_at="2000-01-01T00:00:00.000Z"))
    with pytest.raises(Unauthorized):
        hub.enrol(old, "ab" * 32)


def test_a_revoked_stations_key_signs_nothing_valid_from_then_on(union):
    hub, _server, a, b = union
    member, before = a.register(phone="13912340004", **RIDER)
    a.sync()
    hub.revoke_station(a.station_id)
    issuer = a._issuer()
    now = int(time.time())
    after = encode(issuer, member.member_id, "membership", now + 60, now + 86400)
    b.sync()
    assert b.verify(before).subject == member.member_id  # the card it printed still works
    with pytest.raises(InvalidCredential) as refused:
        b.verify(after)
    assert refused.value.reason in ("unknown_key", "not_yet_valid")
    assert [s["state"] for s in hub.list_stations() if s["station_id"] == a.station_id] == ["revoked"]


def test_a_stolen_key_cannot_mint_a_code_for_a_thousand_years(union):
    _hub, _server, a, b = union
    now = int(time.time())
    forever = encode(a._issuer(), "M1", "membership", now, now + 1000 * 365 * 86400)
    b.sync()
    with pytest.raises(InvalidCredential) as refused:
        b.verify(forever)
    assert refused.value.reason == "malformed"


def test_claims_with_a_key_twice_are_refused(union):
    _hub, _server, a, b = union
    issuer = a._issuer()
    now = int(time.time())
    payload = cbor2.dumps({1: issuer.station_id, SUB: "M1", 4: now + 3600, IAT: now, -65537: "m"})
    # The same map with the subject given twice, the second time naming another rider.
    doubled = b"\xa6" + payload[1:] + cbor2.dumps(SUB) + cbor2.dumps("M2")
    assert cbor2.loads(doubled)[SUB] == "M2"  # a lax decoder keeps the last
    text = PREFIX + base45.b45encode(zlib.compress(cose.sign(issuer.private_key, issuer.kid, doubled))).decode()
    with pytest.raises(InvalidCredential) as refused:
        b.verify(text)
    assert refused.value.reason == "malformed"


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_an_event_the_hub_cannot_read_is_set_aside_and_the_queue_moves_on(kind, tmp_path):
    from tests.helpers.hub import hub_database

    with hub_database(kind, tmp_path) as url, running_hub(url) as (hub, server):
        prepare(hub)
        station = Station(tmp_path, hub, server.url, "odd")
        station.sync()
        rider = station.identify_by_phone("13700000002")
        station.check_in(rider.member_id)
        # Events a buggy or tampered station database could hold: a day that does not exist, an integer
        # beyond 2^63, a rider id longer than any column.
        with station.store.transaction() as conn:
            for day, payload in (("2026-13-45", {"member_id": rider.member_id, "purpose": "rest"}),
                                 (None, {"subject": rider.member_id, "issued_at": 2**64, "type": "membership"}),
                                 (None, {"member_id": "M" * 100, "purpose": "rest"})):
                event = station.store.append_event("credential_issued" if "subject" in payload else "checked_in",
                                                   payload, station.store.clock.now())
                if day:
                    conn.execute("UPDATE events SET day = ? WHERE seq = ?", (day, event.seq))
        station.check_in(station.identify_by_phone("13700000003").member_id)
        result = station.sync()
        last = station.store.one("SELECT MAX(seq) FROM events")
        assert result.acked_seq == last == hub.acked(station.station_id)
        set_aside = [i for i in hub.incidents() if "set aside" in i["reason"]]
        assert len(set_aside) == 3 and station.store.setting("events_set_aside") == [last - 3, last - 2, last - 1]
        assert {r["person_times"] for r in hub.report("station")} == {2}  # the two real visits


def test_the_api_checks_the_token_before_the_body_and_hides_its_schema(union, api_client):
    _hub, server, _a, _b = union
    anyone = api_client(server.url)
    huge = b"[" * (4 * 1024 * 1024)
    refused = anyone.post("/v1/push", content=huge, headers={"Content-Type": "application/json",
                                                             "Authorization": "Bearer wrong"})
    assert refused.status_code == 401 and refused.json()["error"] == "unauthorized"
    for path in ("/docs", "/redoc", "/openapi.json"):
        assert anyone.get(path).status_code == 404
    answer = anyone.get("/v1/time")
    assert answer.headers["X-Content-Type-Options"] == "nosniff" and answer.headers["X-Frame-Options"] == "DENY"


@pytest.fixture
def api_client():
    import httpx

    clients = []

    def make(url):
        clients.append(httpx.Client(base_url=url, timeout=10))
        return clients[-1]

    yield make
    for client in clients:
        client.close()


class TamperingProxy:
    """A man in the middle on loopback: forwards to the hub and, in each pull page, adds a technician
    A-EVIL and moves the hub's time 400 days on."""

    def __init__(self, target: str) -> None:
        import http.server
        import json
        import threading

        import httpx

        self.forward = forward = httpx.Client(base_url=target, timeout=10)

        class Handler(http.server.BaseHTTPRequestHandler):
            def relay(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length")}
                answer = forward.request(self.command, self.path, content=body, headers=headers)
                content = answer.content
                if self.path.startswith("/v1/pull") and answer.status_code == 200:
                    page = json.loads(content)
                    page["server_time"] += 400 * 86400
                    page["changes"].append({"id": page["next"] + 1, "kind": "attendant", "data": {
                        "attendant_id": "A-EVIL", "name": "evil", "role": "technician", "pin_hash": "x"}})
                    page["next"] += 1
                    content = json.dumps(page).encode()
                self.send_response(answer.status_code)
                for name, value in answer.headers.items():
                    if name.lower() not in ("content-length", "transfer-encoding", "connection"):
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)

            do_GET = do_POST = relay

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.forward.close()


def test_a_tampered_pull_page_is_refused_and_changes_nothing(union):
    from kiosk.sync.client import SyncError

    _hub, server, a, _b = union
    proxy = TamperingProxy(server.url)
    try:
        before = (a.store.setting("pull_cursor"), a.store.setting("clock_offset_s"))
        with pytest.raises(SyncError, match="not signed"):
            a.sync_once(hub_url=proxy.url)
        assert a.store.one("SELECT COUNT(*) FROM attendants WHERE attendant_id = 'A-EVIL'") == 0
        assert (a.store.setting("pull_cursor"), a.store.setting("clock_offset_s")) == before
    finally:
        proxy.close()
    assert a.sync().pulled >= 0  # straight to the hub, the pages verify


def test_one_sync_moves_the_clock_only_a_bounded_step():
    from kiosk.sync.client import MAX_CLOCK_STEP_S, bounded_offset

    assert bounded_offset(None, 400 * 86400.0) == 400 * 86400.0  # the first sync, at enrolment
    assert bounded_offset(0.0, 400 * 86400.0) == MAX_CLOCK_STEP_S
    assert bounded_offset(10.0, -400 * 86400.0) == 10.0 - MAX_CLOCK_STEP_S
    assert bounded_offset(10.0, 12.5) == 12.5


@pytest.mark.parametrize("url", ["http://hub.union.example", "http://10.0.0.5:8700", "ftp://hub", "hub.example"])
def test_a_hub_in_clear_over_the_network_is_refused(tmp_path, url):
    from kiosk.station import Station as KioskStation

    station = KioskStation.open(tmp_path / "fresh")
    with pytest.raises(InvalidInput, match="https"):
        station.enrol(url, "0000-0000-0000-0000-0000-0000")
    assert station.store.setting("hub_url") is None


def test_revocations_go_down_as_one_newest_list_and_a_station_is_capped_per_day(union):
    from kiosk.hub.ingest import MAX_REVOCATIONS_PER_DAY
    from tests.helpers.hub import PHONES

    hub, _server, a, b = union
    riders = [a.identify_by_phone(p).member_id for p in PHONES]
    with a.batch():
        for member_id in riders:
            a.issue_card(member_id)
            a.revoke_cards(member_id, "lost card")
    a.sync()
    with hub.engine.connect() as conn:
        kinds = conn.execute(sa.select(t.changes.c.kind, sa.func.count()).group_by(t.changes.c.kind)).all()
        revoked = conn.execute(sa.select(sa.func.count()).select_from(t.revocations)).scalar_one()
    assert dict(kinds)["revocations"] == 1 and dict(kinds)["trust_list"] == 1
    assert revoked == MAX_REVOCATIONS_PER_DAY
    assert len([i for i in hub.incidents() if "revocations in a day" in i["reason"]]) == len(riders) - revoked
    b.sync()
    assert b.store.one("SELECT COUNT(*) FROM revocations") == MAX_REVOCATIONS_PER_DAY


def test_a_voucher_code_is_allocated_to_one_station_only(union):
    hub, _server, a, b = union
    hub.allocate(a.station_id, "health_card", 0, codes=["HC-ONCE-1", "HC-ONCE-2"])
    with pytest.raises(InvalidInput, match="already allocated"):
        hub.allocate(b.station_id, "health_card", 0, codes=["HC-ONCE-2", "HC-ONCE-3"])
    b.sync()
    assert b.store.one("SELECT COUNT(*) FROM voucher_codes WHERE code LIKE 'HC-ONCE-%'") == 0


def test_a_stolen_disk_finds_the_data_readable_only_by_its_owner(tmp_path):
    import stat

    from kiosk.demo import build_demo
    from kiosk.hub.office import Hub
    from kiosk.station import Station as KioskStation

    def mode(path):
        return stat.S_IMODE(path.stat().st_mode)

    station = KioskStation.open(tmp_path / "station")
    build_demo(station, n_members=20, days=1)
    station.close()
    data = tmp_path / "station"
    assert mode(data) == 0o700 and mode(data / "keys") == 0o700
    for name in ("station.db", "station.db-wal", "keys/station.key", "keys/root.key"):
        if (data / name).exists():
            assert mode(data / name) == 0o600, name
    hub = Hub(f"sqlite:///{tmp_path / 'office' / 'hub.db'}")
    assert mode(tmp_path / "office" / "hub.db") == 0o600
    assert mode(hub.root_key_path) == 0o600 and hub.root_key_path.parent == tmp_path / "office"
    with hub.engine.connect() as conn:
        assert conn.execute(sa.select(t.settings.c.key).where(t.settings.c.key == "root_private_key")).first() is None
    hub.engine.dispose()


def test_a_root_key_an_older_hub_kept_in_its_database_moves_to_its_file(tmp_path):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from kiosk.credentials.keys import raw_public
    from kiosk.hub.office import Hub

    url = f"sqlite:///{tmp_path / 'hub.db'}"
    first = Hub(url)
    old = Ed25519PrivateKey.generate()
    first.root_key_path.unlink()
    with first.writer.begin() as conn:  # as an older hub left it
        conn.execute(t.settings.insert().values(key="root_private_key", value=json.dumps(old.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode())))
    first.engine.dispose()
    again = Hub(url)
    assert raw_public(again.root_key().public_key()) == raw_public(old.public_key())
    with again.engine.connect() as conn:
        assert conn.execute(sa.select(t.settings.c.key).where(t.settings.c.key == "root_private_key")).first() is None
    again.engine.dispose()


def test_a_station_gets_only_the_claims_that_can_still_count_and_never_where_they_were_made(union):
    from kiosk.hub.feed import _claim_for

    _hub, _server, a, b = union
    rider = b.identify_by_phone("13700000005")
    b.claim(rider.member_id, "water")
    b.sync()
    a.sync()
    assert a.store.rows("SELECT member_id, item_id, station_id FROM remote_claims") == [
        {"member_id": rider.member_id, "item_id": "water", "station_id": ""}]
    claim = {"event_id": "E1", "station_id": b.station_id, "member_id": "M1", "item_id": "water", "quantity": 1,
             "day": "2026-11-20"}
    relevant = {"water": "2026-11-23"}  # a daily limit: only yesterday (a time zone's slack) and today count
    assert _claim_for(a.station_id, claim, relevant) is None  # too old to count against any limit
    assert _claim_for(a.station_id, {**claim, "day": "2026-11-24"}, relevant) is not None
    assert _claim_for(b.station_id, {**claim, "day": "2026-11-24"}, relevant) is None  # its own
    assert _claim_for(a.station_id, {**claim, "item_id": "no_limits", "day": "2026-11-24"}, relevant) is None


def test_the_office_unlinks_old_visits_from_riders_and_keeps_the_figures(union):
    hub, _server, a, _b = union
    rider = a.identify_by_phone("13700000006")
    a.check_in(rider.member_id)
    a.claim(rider.member_id, "water")
    a.sync()
    before = hub.report("month")
    with hub.writer.begin() as conn:  # as if it all happened three years ago
        conn.execute(t.events.update().values(day="2023-11-24"))
        conn.execute(t.claims.update().values(day="2023-11-24"))
    dated = hub.report("month")
    assert hub.forget_old_links() == 2 and hub.forget_old_links() == 0
    after = hub.report("month")
    assert [(r["person_times"], r["items_handed_out"]) for r in after] == [
        (r["person_times"], r["items_handed_out"]) for r in dated]
    with hub.engine.connect() as conn:
        assert rider.member_id not in str(conn.execute(sa.select(t.events.c.payload).where(
            t.events.c.type.in_(("checked_in", "handed_out")))).all())
        assert conn.execute(sa.select(t.claims.c.member_id)).scalars().all() == ["-"]
    assert before  # the report had the visit before it was dated back


def test_usb_bundles_are_sealed_to_their_receiver(union, tmp_path):
    from kiosk.hub.bundles import import_bundle
    from kiosk.sync.bundle import write_signed

    hub, _server, a, b = union
    a.register(phone="13912340009", name="欧阳娜娜", occupation="courier", consent=True)
    stick = tmp_path / "stick"
    stick.mkdir()
    assert a.export_bundle(stick / "a.bundle") > 0
    assert "欧阳娜娜".encode() not in (stick / "a.bundle").read_bytes()  # a lost stick shows nothing
    import_bundle(hub, stick / "a.bundle", stick / "a.reply")
    assert "骑手".encode() not in (stick / "a.reply").read_bytes()  # nor does the office's answer
    with pytest.raises(InvalidInput, match="sealed for someone else"):
        b.import_reply(stick / "a.reply")  # only A can open A's reply
    assert a.import_reply(stick / "a.reply")["acked_seq"] == a.store.one("SELECT MAX(seq) FROM events")
    # A bundle in the clear from a station that seals is not taken.
    issuer = a._issuer()
    body = {"kind": "station_bundle", "protocol": 1, "station_id": a.station_id, "acked_seq": 0, "cursor": 0,
            "events": []}
    write_signed(stick / "open.bundle", issuer.private_key, body)
    with pytest.raises(InvalidInput, match="seals its bundles"):
        import_bundle(hub, stick / "open.bundle", stick / "open.reply")


def short_kid_code(issuer, subject: str, kid: bytes | None = None) -> str:
    """A code as stations printed it before key ids grew: the first 4 bytes of the id in its header."""
    now = int(time.time())
    claims = cbor2.dumps({1: issuer.station_id, SUB: subject, 4: now + 3600, IAT: now, -65537: "m"})
    signed = cose.sign(issuer.private_key, kid or issuer.kid[:4], claims)
    return PREFIX + base45.b45encode(zlib.compress(signed)).decode()


def test_key_ids_are_sixteen_bytes_unique_and_short_ids_on_printed_cards_still_verify(union):
    from dataclasses import replace

    from kiosk.core.trust import apply_trust_list
    from kiosk.credentials.trust import sign_trust_list, trusted_entry

    hub, _server, a, b = union
    b.sync()
    with hub.engine.connect() as conn:
        kids = dict(conn.execute(sa.select(t.stations.c.station_id, t.stations.c.kid)
                                 .where(t.stations.c.kid.is_not(None))).all())
    assert len(kids) == 2 and all(len(bytes.fromhex(k)) == 16 for k in kids.values())
    with pytest.raises(sa.exc.IntegrityError), hub.writer.begin() as conn:  # unique at the hub
        conn.execute(t.stations.update().where(t.stations.c.station_id == b.station_id)
                     .values(kid=kids[a.station_id]))
    issuer = a._issuer()
    assert len(issuer.kid) == 16 and unpack(encode(issuer, "M1", "membership", 0, 10))[0].kid == issuer.kid
    assert b.verify(short_kid_code(issuer, "M1")).subject == "M1"
    forged = short_kid_code(type(issuer)(issuer.station_id, b._issuer().private_key), "M1", kid=issuer.kid[:4])
    with pytest.raises(InvalidCredential) as refused:
        b.verify(forged)
    assert refused.value.reason == "bad_signature"  # another key under A's short id

    # A list naming a key under another key's id, or one key twice, is refused whole and changes nothing.
    before = b.store.rows("SELECT * FROM trusted_keys ORDER BY kid")
    entry_a = trusted_entry(a.station_id, issuer.private_key.public_key(), 0)
    entry_b = trusted_entry(b.station_id, b._issuer().private_key.public_key(), 0)
    for keys, message in (([entry_a, replace(entry_b, kid=entry_a.kid)], "another key's id"),
                          ([entry_a, replace(entry_a, station_id="ST-OTHER")], "one key twice")):
        with pytest.raises(InvalidInput, match=message), b.store.transaction():
            apply_trust_list(b.store, sign_trust_list(hub.root_key(), 10**9, keys))
    assert b.store.rows("SELECT * FROM trusted_keys ORDER BY kid") == before


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_an_older_hub_with_four_byte_key_ids_upgrades_them(kind, tmp_path):
    from kiosk.credentials.keys import key_id, public_from_raw
    from kiosk.hub.office import Hub
    from tests.helpers.hub import hub_database

    with hub_database(kind, tmp_path) as url:
        with running_hub(url) as (hub, server):
            prepare(hub)
            a = Station(tmp_path, hub, server.url, "a")
            with hub.writer.begin() as conn:  # as a hub before revision 0005 left it
                conn.execute(sa.text("DROP INDEX stations_kid"))
                conn.execute(t.stations.update().values(kid=sa.func.substr(t.stations.c.kid, 1, 8)))
                if kind == "postgres":
                    conn.execute(sa.text("ALTER TABLE stations ALTER COLUMN kid TYPE VARCHAR(16)"))
                conn.execute(sa.text("UPDATE alembic_version SET version_num = '0004'"))
        again = Hub(url)
        with again.engine.connect() as conn:
            row = conn.execute(sa.select(t.stations.c.kid, t.stations.c.public_key)
                               .where(t.stations.c.station_id == a.station_id)).one()
            indexes = {i["name"]: i for i in sa.inspect(conn).get_indexes("stations")}
        assert row.kid == key_id(public_from_raw(row.public_key)).hex() and len(row.kid) == 32
        assert indexes["stations_kid"]["unique"]
        again.engine.dispose()
