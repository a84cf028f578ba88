"""Every parser of outside input, fed garbage: no crash, no partial write, every refusal a clear message.

Inputs are mostly a real, valid input with one part changed (so the fuzzing reaches deep into the
checks), and sometimes raw bytes. The default run tries a few hundred of each; ``pytest -m reliability``
tries 100,000 of each.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.base.errors import KioskError
from kiosk.core.cards import load_issuer
from kiosk.credentials import cose
from kiosk.credentials.boxes import load_or_create_box_key, open_sealed, public_raw
from kiosk.demo import demo_campaigns, random_action
from kiosk.hub import schema as t
from kiosk.hub.bundles import import_bundle as hub_import_bundle
from kiosk.hub.roster import read_roster
from kiosk.sync.apply import apply_pages
from kiosk.sync.bundle import export_bundle, import_reply, write_signed
from tests.helpers.hub import Station, running_hub

DEFAULT, FULL = 300, 100_000

json_leaf = st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats() | st.text(max_size=30)
json_value = st.recursive(json_leaf, lambda inner: st.lists(inner, max_size=4)
                          | st.dictionaries(st.text(max_size=10), inner, max_size=4), max_leaves=8)


def paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(value, dict):
        for key, inner in value.items():
            found += paths(inner, (*prefix, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value[:20]):  # enough of a long list to reach every kind of entry
            found += paths(inner, (*prefix, index))
    return found


@st.composite
def mutated(draw, valid: Any) -> Any:
    """The valid document with one node replaced, removed, or given an extra member."""
    doc = json.loads(json.dumps(valid))
    where = draw(st.sampled_from(paths(doc)))
    if not where:
        return draw(json_value)
    parent = doc
    for step in where[:-1]:
        parent = parent[step]
    action = draw(st.sampled_from(["replace", "remove", "extra"]))
    if action == "remove":
        del parent[where[-1]]
    elif action == "extra" and isinstance(parent, dict):
        parent[draw(st.text(max_size=8))] = draw(json_value)
    else:
        parent[where[-1]] = draw(json_value)
    return doc


def run(examples: int, strategy: st.SearchStrategy, check: Any) -> None:
    """Feed ``examples`` inputs to ``check``, which returns True when the input was refused."""
    refused = []

    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
    @given(strategy)
    def body(value: Any) -> None:
        refused.append(check(value))

    body()
    assert any(refused), "no input was refused: the fuzzing did not reach the checks"


def refusal(call: Any) -> bool:
    """True if the call refused with one clear line; any other exception fails the test."""
    try:
        call()
    except KioskError as exc:
        assert exc.message and "\n" not in exc.message and "Traceback" not in exc.message
        return True
    return False


def station_fingerprint(store) -> tuple:
    tables = [r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    counts = tuple(store.one(f"SELECT COUNT(*) FROM {name}") for name in sorted(tables))
    return counts, store.setting("pull_cursor", 0), store.setting("acked_seq", 0), store.one(
        "SELECT COALESCE(SUM(on_hand), 0) FROM stock")


def hub_fingerprint(hub) -> tuple:
    with hub.engine.connect() as conn:
        return tuple(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar()
                     for table in (t.events, t.changes, t.members, t.stations))


@pytest.fixture
def world(tmp_path):
    """A hub with a catalogue and roster, and one enrolled station that has acted and synced."""
    with running_hub(f"sqlite:///{tmp_path / 'hub.db'}") as (hub, server):
        campaigns, items = demo_campaigns(date.today())
        hub.set_catalogue(campaigns, items)
        hub.import_roster([{"phone": f"1370000{i:04d}", "name": "骑手", "occupation": "courier"} for i in range(30)])
        station = Station(tmp_path, hub, server.url, "s0")
        station.sync()
        import random

        rng = random.Random(1)
        ids = [r[0] for r in station.store.conn.execute("SELECT member_id FROM members")]
        for _ in range(40):
            random_action(station, rng, ids, p_register=0.1)
        yield hub, station, tmp_path, server.url


# -- pull pages at the station -------------------------------------------------------------------

def fuzz_pull_pages(world, examples):
    hub, station, *_ = world
    valid = hub.pull(station.station_id, 0, 200)

    def check(page):
        before = station_fingerprint(station.store)
        refused = refusal(lambda: apply_pages(station.store, [page]))
        if refused:
            assert station_fingerprint(station.store) == before
        return refused

    run(examples, mutated(valid) | json_value, check)


def test_fuzz_pull_pages(world):
    fuzz_pull_pages(world, DEFAULT)


# -- station bundles at the hub, hub replies at the station -----------------------------------------

def fuzz_bundles(world, examples):
    hub, station, tmp, _ = world
    issuer = load_issuer(station.store, station.keys)
    good = tmp / "good.bundle"
    export_bundle(station.store, issuer, good)
    valid_bytes = good.read_bytes()  # sealed to the office
    valid_body = json.loads(cose.parse(open_sealed(hub.box_key(), valid_bytes, "bundle")).payload)
    path, reply = tmp / "fuzz.bundle", tmp / "fuzz.reply"

    def check(candidate):
        kind, value = candidate
        if kind == "bytes":
            path.write_bytes(value)
        else:
            # a station with a bug, signing and sealing garbage
            write_signed(path, issuer.private_key, value, seal_to=public_raw(hub.box_key()))
        before = hub_fingerprint(hub)
        refused = refusal(lambda: hub_import_bundle(hub, path, reply))
        if refused:
            assert hub_fingerprint(hub) == before
        return refused

    raw = st.binary(max_size=600) | st.builds(lambda cut, flip: bytes(b ^ (i == flip) * 0x5A for i, b in
                                                                      enumerate(valid_bytes[:cut])),
                                               st.integers(0, len(valid_bytes)), st.integers(0, len(valid_bytes)))
    run(examples, st.tuples(st.just("bytes"), raw) | st.tuples(st.just("signed"), mutated(valid_body)), check)


def fuzz_replies(world, examples):
    hub, station, tmp, _ = world
    issuer = load_issuer(station.store, station.keys)
    bundle, reply = tmp / "r.bundle", tmp / "good.reply"
    export_bundle(station.store, issuer, bundle)
    hub_import_bundle(hub, bundle, reply)
    box = load_or_create_box_key(station.keys / "box.key")
    valid_body = json.loads(cose.parse(open_sealed(box, reply.read_bytes(), "reply")).payload)
    path = tmp / "fuzz.reply"

    def check(body):
        # genuinely from the hub and sealed to the station, but malformed
        write_signed(path, hub.root_key(), body, seal_to=public_raw(box))
        before = station_fingerprint(station.store)
        refused = refusal(lambda: import_reply(station.store, path, box))
        if refused:
            assert station_fingerprint(station.store) == before
        return refused

    run(examples, mutated(valid_body), check)


def test_fuzz_station_bundles(world):
    fuzz_bundles(world, DEFAULT)


def test_fuzz_hub_replies(world):
    fuzz_replies(world, DEFAULT)


# -- push requests at the hub, over HTTP on loopback ---------------------------------------------------

def fuzz_push(world, examples):
    import httpx

    from kiosk.sync.client import event_dicts, token_path

    hub, station, _, url = world
    token = token_path(station.keys).read_text().strip()
    valid = {"protocol": 1, "events": event_dicts(station.store, 0, 30)}
    client = httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=10)

    def check(candidate):
        kind, value = candidate
        before = hub_fingerprint(hub)
        content = value if kind == "bytes" else json.dumps(value).encode()  # NaN too, which JSON lacks
        response = client.post("/v1/push", content=content, headers={"Content-Type": "application/json"})
        assert response.status_code < 500, response.text
        body = response.json()
        if response.status_code >= 400:
            assert isinstance(body.get("message"), str) and "\n" not in body["message"]
            assert hub_fingerprint(hub) == before
        return response.status_code >= 400

    try:
        run(examples, st.tuples(st.just("json"), mutated(valid)) | st.tuples(st.just("bytes"), st.binary(max_size=300)),
            check)
    finally:
        client.close()


def test_fuzz_push_requests(world):
    fuzz_push(world, DEFAULT)


# -- roster files at the hub -----------------------------------------------------------------------

VALID_ROSTER = [["phone", "name", "occupation", "platform", "union_member"],
                ["13800001111", "张三", "courier", "顺丰", "yes"],
                ["13800002222", "李四", "delivery_rider", "美团", "no"]]


@st.composite
def roster_tables(draw) -> list[list[Any]]:
    rows = [list(r) for r in VALID_ROSTER]
    for _ in range(draw(st.integers(1, 3))):
        row, col = draw(st.integers(0, len(rows) - 1)), draw(st.integers(0, 4))
        rows[row][col] = draw(st.text(max_size=15) | st.integers(-10, 10**12).map(str) | st.just(""))
    return rows


def fuzz_roster(world, examples, kind):
    hub, _, tmp, _ = world
    path = tmp / f"roster.{kind}"

    def save(rows):
        if kind == "csv":
            out = io.StringIO()
            csv.writer(out).writerows(rows)
            path.write_text(out.getvalue(), encoding="utf-8")
        else:
            from openpyxl import Workbook
            from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

            book = Workbook()
            for row in rows:  # a spreadsheet cannot hold control characters at all
                book.active.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row])
            book.save(path)

    def check(candidate):
        form, value = candidate
        if form == "bytes":
            path.write_bytes(value)
        else:
            save(value)
        before = hub_fingerprint(hub)
        refused = refusal(lambda: hub.import_roster(read_roster(path)))
        if refused:
            assert hub_fingerprint(hub) == before
        return refused

    run(examples, st.tuples(st.just("rows"), roster_tables()) | st.tuples(st.just("bytes"), st.binary(max_size=400)),
        check)


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_fuzz_roster_files(world, kind):
    fuzz_roster(world, DEFAULT // 3 if kind == "xlsx" else DEFAULT, kind)


# -- the full sizes ----------------------------------------------------------------------------------

@pytest.mark.reliability
@pytest.mark.parametrize("target", ["pull_pages", "bundles", "replies", "push", "roster_csv", "roster_xlsx"])
def test_fuzz_one_hundred_thousand_each(world, target):
    if target.startswith("roster_"):
        fuzz_roster(world, FULL, target.removeprefix("roster_"))
    else:
        globals()[f"fuzz_{target}"](world, FULL)
    print(f"{FULL} inputs to {target}: no crash, no partial write")
