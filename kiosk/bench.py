"""``kiosk bench``: measure this machine against the product's speed goals, each beside its reference.

Every figure builds its own data in a temporary directory. Ratios compare a figure with a reference
measured in the same run on the same disk (raw SQLite commits with the same durability, the hub
database's own bulk insert), so a slow machine is told apart from a slow product.
"""

from __future__ import annotations

import csv
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

SIZES = {
    "quick": {"ui_riders": 20_000, "ui_scans": 100, "riders": 20_000, "history": 50_000, "ops": 300,
              "push": 5_000, "push_riders": 2_000, "roster": 20_000, "incremental": 1_000, "office_events": 50_000,
              "stations": 50, "stations_s": 20, "stations_interval": 5},
    "full": {"ui_riders": 1_000_000, "ui_scans": 1_000, "riders": 1_000_000, "history": 5_000_000, "ops": 3_000,
             "push": 100_000, "push_riders": 100_000, "roster": 1_000_000, "incremental": 1_000,
             "office_events": 10_000_000, "stations": 2_000, "stations_s": 300, "stations_interval": 60},
}


@dataclass
class Figure:
    name: str
    value: float
    unit: str
    goal: str
    ratio: float | None
    ok: bool | None
    detail: str = ""


def timed_step(steps: dict[str, float], name: str, fn: Callable[..., Any], *args: Any) -> Any:
    start = time.perf_counter()
    result = fn(*args)
    steps[name] = time.perf_counter() - start
    return result


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def timed(samples: list[float], fn: Callable[[], Any]) -> Any:
    start = time.perf_counter()
    result = fn()
    samples.append(time.perf_counter() - start)
    return result


# -- station core -----------------------------------------------------------------------------------


def raw_commits(path: Path, n: int, before: Callable[[], Any] = lambda: None) -> list[float]:
    """The reference: one-row INSERT commits, WAL and synchronous=FULL, as the station's event log (each
    after ``before``, timed with it)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE raw (seq INTEGER PRIMARY KEY, id TEXT UNIQUE, payload TEXT)")
    samples: list[float] = []
    for i in range(n):
        def one(i: int = i) -> None:
            before()
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO raw (id, payload) VALUES (?, ?)",
                         (f"id-{i}", '{"member_id":"X","purpose":"rest"}'))
            conn.execute("COMMIT")
        timed(samples, one)
    conn.close()
    return samples


def signature_check() -> Callable[[], None]:
    """One Ed25519 signature verified, on a message the size of a membership code's."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    message = os.urandom(60)
    signature, public = key.sign(message), key.public_key()
    return lambda: public.verify(signature, message)


def build_station(directory: Path, riders: int, history: int) -> tuple[Any, Any, list[str]]:
    """A station with ``riders`` on its roster and ``history`` past check-ins and handouts."""
    from kiosk.core.cards import load_issuer
    from kiosk.core.demo_data import DEMO_ATTENDANT, demo_campaigns
    from kiosk.station import Station

    station = Station.open(directory)
    station.set_up("bench")
    station.load_catalogue(*demo_campaigns(date.today()))
    station.add_attendant("bench", "attendant", "123456", attendant_id=DEMO_ATTENDANT[0])
    rng = random.Random(1)
    ids = [f"B{i:011d}" for i in range(riders)]
    for start in range(0, riders, 50_000):
        station.load_roster([
            {"member_id": m, "phone_hash": f"{i:064x}", "name": "骑手",
             "occupation": "courier", "platform": "", "union_member": True, "status": "active",
             "registered_at": "2025-01-01T00:00:00Z"}
            for i, m in enumerate(ids[start:start + 50_000], start=start)])
    station.receive_stock("water", 100_000, DEMO_ATTENDANT[0])
    # Past history goes in directly, in bulk (not through the projectors, for speed): it is the backdrop
    # the measured actions run against.
    store = station.store
    with station.batch():
        conn = store.conn
        seq = store.one("SELECT COALESCE(MAX(seq), 0) FROM events")
        for start in range(0, history, 100_000):
            rows = []
            for j in range(start, min(history, start + 100_000)):
                seq += 1
                day = f"2026-{1 + j % 10:02d}-{1 + j % 28:02d}"
                rows.append((seq, f"hist-{j}", day, rng.choice(ids)))
            conn.executemany("INSERT INTO events (seq, id, type, at, day, payload) VALUES (?, ?, 'checked_in', "
                             "?3 || 'T02:00:00.000Z', ?3, json_object('member_id', ?4, 'purpose', 'rest'))", rows)
            conn.executemany("INSERT INTO checkins (event_id, member_id, purpose, at, day) "
                             "VALUES (?2, ?4, 'rest', ?3 || 'T02:00:00.000Z', ?3)", rows)
    store.set_setting("checkin_window_min", 30)
    return station, load_issuer(store, station.keys), ids


def core_check_in(station: Any, code: str) -> None:
    """A scanned code to a committed visit: what the goal against raw commits is about (what the rider may
    claim next is the screen's, measured end to end by "scan to confirmation on screen")."""
    from kiosk.core import checkins

    member_id = station.identify_by_code(code).member_id
    with station.batch():
        checkins.check_in(station.store, member_id)


def bench_core(work: Path, size: dict[str, int]) -> list[Figure]:
    from kiosk.credentials.codes import encode

    ops = size["ops"]
    raw = raw_commits(work / "raw.db", ops)
    # The physical limit of a check-in: one signature verified and one durable commit, timed together.
    limit = raw_commits(work / "limit.db", ops, signature_check())
    station, issuer, ids = build_station(work, size["riders"], size["history"])
    verifier = station.verifier
    now = int(time.time())
    chosen = random.Random(2).sample(ids, ops * 2)
    codes = [encode(issuer, m, "membership", now, now + 86400) for m in chosen[:ops]]
    checkin: list[float] = []
    for code in codes:
        timed(checkin, lambda code=code: core_check_in(station, code))
    handout: list[float] = []
    for member_id in chosen[ops:]:
        timed(handout, lambda m=member_id: station.claim(m, "water"))
    verify: list[float] = []
    for _ in range(5):
        for code in codes[:200]:
            timed(verify, lambda code=code: verifier.verify(code))
    station.close()
    raw_rate, raw_p99 = 1 / statistics.mean(raw), percentile(raw, 99)
    limit_rate, limit_p99 = 1 / statistics.mean(limit), percentile(limit, 99)
    scale = f"{size['riders']:,} riders, {size['history']:,} past events"
    figures = [Figure("raw single-row commits (reference)", raw_rate, "commits/s", "reference", None, None,
                      f"p50 {statistics.median(raw) * 1000:.2f} ms, p99 {raw_p99 * 1000:.2f} ms"),
               Figure("check-in's limit: Ed25519 verify + commit (reference)", limit_rate, "per s", "reference",
                      None, None, f"p50 {statistics.median(limit) * 1000:.2f} ms, p99 {limit_p99 * 1000:.2f} ms")]
    rate, p99 = 1 / statistics.mean(checkin), percentile(checkin, 99)
    figures.append(Figure("check-in, core (verify QR, rules, commit): rate", rate, "per s", ">= 0.8 of its limit",
                          rate / limit_rate, rate / limit_rate >= 0.8, scale))
    figures.append(Figure("check-in, core (verify QR, rules, commit): p99", p99 * 1000, "ms",
                          "<= 1.5x the limit's p99", p99 / limit_p99, p99 / limit_p99 <= 1.5,
                          f"p50 {statistics.median(checkin) * 1000:.2f} ms"))
    rate, p99 = 1 / statistics.mean(handout), percentile(handout, 99)
    name = "handout with limit and stock checks"
    figures.append(Figure(f"{name}: rate", rate, "per s", ">= 50% of raw commits", rate / raw_rate,
                          rate / raw_rate >= 0.5, scale))
    figures.append(Figure(f"{name}: p99", p99 * 1000, "ms", "<= 2x raw p99", p99 / raw_p99, p99 / raw_p99 <= 2.0,
                          f"p50 {statistics.median(handout) * 1000:.2f} ms"))
    p50 = statistics.median(verify) * 1000
    figures.append(Figure("QR verify", p50, "ms", "<= 0.5 ms", p50 / 0.5, p50 <= 0.5,
                          f"median of {len(verify)}, p99 {percentile(verify, 99) * 1000:.3f} ms"))
    return figures


def bench_phone_hash() -> list[Figure]:
    """The phone look-up hash at its real cost: what a stolen disk costs to reverse, what the office pays."""
    from kiosk.core import members

    key = f"scrypt${members.PHONE_HASH_N}${members.PHONE_HASH_R}$1${os.urandom(32).hex()}"  # the real cost
    phones = [f"139{i:08d}" for i in range(40)]
    single: list[float] = []
    for phone in phones[:20]:
        timed(single, lambda phone=phone: members.hash_phone(key, phone))
    start = time.perf_counter()
    members.hash_phones(key, phones)
    per_phone_all_cores = (time.perf_counter() - start) / len(phones)
    ms = statistics.median(single) * 1000
    core_years = ms / 1000 * 7e9 / (365 * 86400)
    roster_minutes_32 = ms / 1000 * 1_000_000 / 32 / 60
    return [
        Figure("phone hash (scrypt, 16 MiB)", ms, "ms per phone, one core", "enumerating 7e9 phones >= 1 core-year",
               core_years, core_years >= 1, f"{core_years:.1f} core-years to enumerate every mobile number"),
        Figure("office roster of 1,000,000 riders", roster_minutes_32, "min on 32 cores", "<= 30 min",
               roster_minutes_32 / 30, roster_minutes_32 <= 30,
               f"{per_phone_all_cores * 1e6 / 60:.0f} min on this machine's {os.cpu_count()} cores"),
    ]


def bench_camera_decode() -> Figure:
    import zxingcpp
    from PIL import Image

    from kiosk.credentials.render import qr_image

    frame = Image.new("L", (640, 480), 200)
    code = qr_image("SK1:" + "A1B2C3D4E5" * 19, box_size=3)
    frame.paste(code, ((640 - code.width) // 2, (480 - code.height) // 2))
    samples: list[float] = []
    for _ in range(30):
        found = timed(samples, lambda: zxingcpp.read_barcodes(frame))
        assert found, "the test frame did not decode"
    p50 = statistics.median(samples) * 1000
    return Figure("camera frame decode 640x480", p50, "ms", "<= 10 ms", p50 / 10, p50 <= 10,
                  f"p95 {percentile(samples, 95) * 1000:.2f} ms")


# -- hub and sync -----------------------------------------------------------------------------------


# The tables a push writes: a reference inserts the rows a push left in them, as they are.
PUSH_TABLES = ("events", "claims", "overclaims", "members", "member_aliases", "issued_codes", "changes", "incidents",
               "daily_counts", "rider_firsts", "rider_counts")


@contextmanager
def hub_process(url: str, root_key: Path) -> Iterator[str]:
    """A hub on a loopback port in its own process, as in the field: it does not share this process's
    interpreter lock with the station or the clients being measured. Yields its address."""
    child = subprocess.Popen([*kiosk_command(), "bench", "--hub-child", url], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True, env={**os.environ, "KIOSK_HUB_ROOT_KEY": str(root_key)})
    assert child.stdin is not None and child.stdout is not None
    try:
        address = child.stdout.readline().strip()
        if not address.startswith("http://"):
            raise RuntimeError("the benchmark's hub did not start")
        yield address
    finally:
        child.stdin.close()  # the child serves until its standard input closes
        child.wait(30)


def serve_hub_child(url: str) -> int:
    """``kiosk bench --hub-child URL``: serve that hub database until standard input closes."""
    from kiosk.hub.office import Hub
    from kiosk.hub.server import BackgroundHub

    with BackgroundHub(Hub(url)) as server:
        print(server.url, flush=True)
        sys.stdin.read()
    return 0


def kiosk_command() -> list[str]:
    """How to start ``kiosk``: this interpreter, or the built program itself (which has no "-m")."""
    return [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "kiosk"]


def station_with_events(directory: Path, hub: Any, url: str, n: int, name: str) -> Any:
    from kiosk.core import checkins
    from kiosk.station import Station
    from kiosk.store import Store

    station = Station(Store(directory / f"{name}.db"), directory / f"{name}-keys")
    _, code = hub.add_station(name)
    station.enrol(url, code)
    store = station.store
    store.set_setting("checkin_window_min", 0)
    ids = [r[0] for r in store.conn.execute("SELECT member_id FROM members LIMIT 500")]
    with station.batch():  # the backdrop, fast: the check-in rules without working out claims each time
        for i in range(n):
            checkins.check_in(store, ids[i % len(ids)])
    return store


def sync_timed(store: Any, keys: Path) -> tuple[float, Any]:
    from kiosk.sync.client import client_for, sync_once

    client = client_for(store, keys, timeout=120)
    try:
        start = time.perf_counter()
        result = sync_once(store, client)
        return time.perf_counter() - start, result
    finally:
        client.close()


def bench_hub_db(hub: Any, riders: int) -> dict[str, Any]:
    """A hub with the demo catalogue and ``riders`` on its roster; the items a station hands out today."""
    from kiosk.core.demo_data import demo_campaigns
    from kiosk.hub import schema as t

    campaigns, items = demo_campaigns(date.today())
    hub.set_catalogue(campaigns, items)
    for start in range(0, riders, 100_000):
        hub.import_roster([{"phone": f"13{i:09d}", "name": "骑手", "occupation": "courier"}
                           for i in range(start, min(riders, start + 100_000))])
    today = date.today().isoformat()
    running = {c["campaign_id"]: c["programme"] for c in campaigns if c["starts_on"] <= today <= c["ends_on"]}
    with hub.engine.connect() as conn:
        ids = list(conn.execute(t.members.select().with_only_columns(t.members.c.member_id)).scalars())
    return {"riders": ids, "items": [dict(i, programme=running[i["campaign_id"]]) for i in items
                                     if i["campaign_id"] in running]}


def pushed(address: str, token: str, batches: list[str]) -> tuple[float, list[float]]:
    """Push prepared batches (JSON text) in order over HTTP; (seconds, each push's latency)."""
    from kiosk.sync.client import HubClient

    client = HubClient(address, token, timeout=600)
    latencies: list[float] = []
    start = time.perf_counter()
    for text in batches:
        timed(latencies, lambda text=text: client.push(text))
    seconds = time.perf_counter() - start
    client.close()
    return seconds, latencies


def as_batches(events: list[dict[str, Any]]) -> list[str]:
    from kiosk.sync.protocol import MAX_PUSH_EVENTS

    return [json.dumps(events[i:i + MAX_PUSH_EVENTS], ensure_ascii=False)
            for i in range(0, len(events), MAX_PUSH_EVENTS)]


def rows_left(hub: Any, station_id: str, after_change: int) -> dict[str, list[dict[str, Any]]]:
    """Every row a station's pushes left in the hub's tables (the feed's after ``after_change``)."""
    from kiosk.hub import schema as t

    rows = {}
    with hub.engine.connect() as conn:
        for name in PUSH_TABLES:
            table = t.metadata.tables[name]
            query = table.select()
            if name == "changes":
                query = query.where(table.c.change_id > after_change)
            elif name == "members":
                query = query.where(table.c.station_id == station_id)
            rows[name] = [dict(r._mapping) for r in conn.execute(query)]
    return rows


def bulk_reference(url: str, station: dict[str, Any], rows: dict[str, list[dict[str, Any]]]) -> tuple[float, float]:
    """The reference: the hub database taking the same rows into the same tables (every index and key
    the hub's have) in its fastest bulk way, COPY on PostgreSQL and one executemany on SQLite, each in
    one transaction with no HTTP and no checks. (seconds for the events alone, seconds for every row)."""
    import sqlalchemy as sa

    from kiosk.hub import schema as t
    from kiosk.hub.database import bulk_insert, create_engine

    engine = create_engine(url)
    try:
        t.metadata.create_all(engine)
        with engine.begin() as conn:
            conn.execute(t.stations.insert().values(**station))
        times = []
        for names in (("events",), PUSH_TABLES):
            start = time.perf_counter()
            with engine.begin() as conn:
                for name in names:
                    bulk_insert(conn, name, rows[name])
            times.append(time.perf_counter() - start)
            with engine.begin() as conn:
                for name in names:
                    conn.execute(sa.delete(t.metadata.tables[name]))
        return times[0], times[1]
    finally:
        engine.dispose()


def bench_push(work: Path, size: dict[str, int], new_db: Callable[[], str], label: str) -> list[Figure]:
    """Push each kind of event alone, and the mix, over HTTP to a fresh hub each (with a roster and the
    campaigns), beside the hub database's own bulk insert of the rows each left."""
    import sqlalchemy as sa
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from kiosk.credentials.keys import raw_public
    from kiosk.hub import schema as t
    from kiosk.hub.bench import MIX, EventMaker
    from kiosk.hub.office import Hub

    figures = []
    shares = " / ".join(f"{k} {v:.0%}" for k, v in MIX.items())
    for number, kind in enumerate(("mix", "handouts", "check-ins", "registrations", "activity sign-ins")):
        url, key = new_db(), work / f"push-{label}-{number}.key"
        hub = Hub(url, root_key_path=key)
        setup = bench_hub_db(hub, size["push_riders"])
        station_id, code = hub.add_station(f"push-{kind}")
        token = hub.enrol(code, raw_public(Ed25519PrivateKey.generate().public_key()).hex())["token"]
        with hub.engine.connect() as conn:
            after_change = conn.execute(sa.select(sa.func.max(t.changes.c.change_id))).scalar() or 0
            station = dict(conn.execute(t.stations.select().where(t.stations.c.station_id == station_id))
                           .one()._mapping)
        maker = EventMaker(setup["riders"], setup["items"], seed=number)
        n = size["push"] if kind in ("mix", "handouts", "check-ins") else size["push"] // 5
        events = maker.mix(n) if kind == "mix" else [e for _ in range(n // (1 + (kind == "registrations")))
                                                       for e in maker.make(kind)]
        runs = [(kind, events)]
        if kind == "handouts":  # then voids of some of them, timed on their own
            runs.append(("voids", [maker.make("voids")[0] for _ in range(n // 20)]))
        with hub_process(url, key) as address:
            for what, batch in runs:
                seconds, latencies = pushed(address, token, as_batches(batch))
                rate = len(batch) / seconds
                with hub.engine.connect() as conn:
                    landed = conn.execute(sa.select(sa.func.count()).select_from(t.events).where(
                        t.events.c.station_id == station_id)).scalar_one()
                if landed != batch[-1]["seq"]:
                    raise RuntimeError(f"{what}: {landed} events landed of {batch[-1]['seq']}")
                detail = f"{len(batch):,} events in pushes of 5,000, p99 push {percentile(latencies, 99):.2f} s"
                if what not in ("mix", "handouts", "check-ins"):
                    figures.append(Figure(f"push {what} alone ({label})", rate, "events/s", "(part of the mix)",
                                          None, None, detail))
                    continue
                rows = rows_left(hub, station_id, after_change)
                events_s, all_s = bulk_reference(new_db(), station, rows)
                reference, copy = len(batch) / all_s, len(batch) / events_s
                detail += (f"; bulk insert of the same rows {reference:,.0f} events/s ({sum(map(len, rows.values())):,}"
                           f" rows in {len(PUSH_TABLES)} tables), of the events alone {copy:,.0f}/s")
                if what == "check-ins":
                    figures.append(Figure(f"push check-ins alone ({label})", rate, "events/s", "(part of the mix)",
                                          rate / reference, None, detail))
                    if label.startswith("PostgreSQL"):  # the figure the hub-speed issue started from
                        figures.append(Figure(f"push check-ins vs COPY into events ({label})", rate, "events/s",
                                              ">= 50% of COPY", rate / copy, rate / copy >= 0.5,
                                              f"COPY of the same events into the events table {copy:,.0f}/s"))
                    continue
                figures.append(Figure(f"push {what} ({label})", rate, "events/s",
                                      ">= 30,000/s and >= 50% of bulk insert", rate / reference,
                                      rate >= 30_000 and rate / reference >= 0.5,
                                      detail + (f"; {shares}" if what == "mix" else "")))
        hub.engine.dispose()
    return figures


def roster_files(work: Path, n: int) -> list[Path]:
    """A union office's roster of ``n`` riders as a CSV file and as an Excel one, with its Chinese headers."""
    from openpyxl import Workbook

    header = ["手机号", "姓名", "职业", "平台", "是否会员"]
    rows = [[f"1{3 + i % 7}{i:09d}", "骑手", ("外卖骑手", "快递员", "网约车司机")[i % 3], "美团",
             "是" if i % 3 else "否"] for i in range(n)]
    csv_path, xlsx_path = work / "roster.csv", work / "roster.xlsx"
    with open(csv_path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header, *rows])
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    for row in [header, *rows]:
        sheet.append(row)
    book.save(xlsx_path)
    return [csv_path, xlsx_path]


def bench_roster(work: Path, size: dict[str, int], new_db: Callable[[], str], label: str,
                 files: list[Path]) -> list[Figure]:
    """What ``kiosk-hub roster import`` does with a million-rider file (read, check, write), apart from the
    phone hash: its real cost is the "office roster" figure; here the phone key is the bench's cheap one."""
    from kiosk.hub.office import Hub
    from kiosk.hub.roster import read_roster

    figures = []
    for path in files:
        hub = Hub(new_db(), root_key_path=work / f"roster-{label}.key")
        steps: dict[str, float] = {}
        riders = timed_step(steps, "read", read_roster, path)
        rows = timed_step(steps, "checked", hub._checked_rows, riders)
        rows = timed_step(steps, "hashed", hub._hash_phones, rows)
        result = timed_step(steps, "written", hub._import_rows, rows, "bench")
        hub.engine.dispose()
        if result["added"] != size["roster"]:
            raise RuntimeError(f"roster import added {result['added']} of {size['roster']}")
        seconds = steps["read"] + steps["checked"] + steps["written"]
        postgres = label.startswith("PostgreSQL")
        figures.append(Figure(f"roster import {size['roster']:,} riders, {path.suffix[1:]} ({label})", seconds, "s",
                              "<= 30 s apart from the phone hash" if postgres else "(works)",
                              seconds / 30 if postgres else None, seconds <= 30 if postgres else None,
                              ", ".join(f"{k} {v:.1f} s" for k, v in steps.items())
                              + " (the hash at the bench's cheap cost)"))
    return figures


def bench_office(work: Path, size: dict[str, int], url: str, label: str) -> list[Figure]:
    """The office's overview and year report at a year of events (kiosk.hub.bench), against 1 s at p95."""
    from kiosk.hub.bench import office_timings

    n = size["office_events"]
    return [Figure(f"office {what} ({label}, {n:,} events)", p95, "s", "<= 1 s at p95", 1 / p95, p95 <= 1.0,
                   "counted from the range's events" if "events" in what else "read from the rollups kept at ingest")
            for what, p95 in office_timings(url, n, work / f"office-{label}.key")]


def bench_pull(work: Path, size: dict[str, int]) -> list[Figure]:
    from kiosk.hub.office import Hub
    from kiosk.store import Store
    from kiosk.sync.enrol import enrol_station

    hub = Hub(f"sqlite:///{work / 'pull-hub.db'}")
    phone_base = 13_000_000_000
    riders = [{"phone": str(phone_base + i), "name": "骑手", "occupation": "courier"} for i in range(size["roster"])]
    for i in range(0, len(riders), 100_000):
        hub.import_roster(riders[i:i + 100_000])
    figures = []
    with hub_process(f"sqlite:///{work / 'pull-hub.db'}", work / "pull-hub.root.key") as address:
        store = Store(work / "pull-station.db")
        _, code = hub.add_station("pull")
        enrol_station(store, work / "pull-keys", address, code)
        seconds, result = sync_timed(store, work / "pull-keys")
        rate = size["roster"] / seconds
        figures.append(Figure("initial pull of the roster", rate, "rows/s", ">= 50,000 rows/s", rate / 50_000,
                              rate >= 50_000, f"{size['roster']} riders in {seconds:.1f} s"))
        hub.import_roster([{"phone": str(phone_base + size["roster"] + i), "name": "新骑手", "occupation": "courier"}
                           for i in range(size["incremental"])])
        seconds, result = sync_timed(store, work / "pull-keys")
        figures.append(Figure("incremental pull", seconds, "s", "<= 1 s", seconds / 1.0, seconds <= 1.0,
                              f"{result.pulled} changes"))
        store.close()
    hub.engine.dispose()
    return figures


# Stations per district (county) in the many-stations figure: about what a county has of China's outdoor
# workers' service points (130,000 over some 2,800 counties).
STATIONS_PER_DISTRICT = 46


def bench_stations(work: Path, size: dict[str, int]) -> list[Figure]:
    """Thousands of stations against the hub as deployed: one ``kiosk-hub serve`` per core on PostgreSQL
    behind nginx with TLS, each station pushing its last minutes' events (the mix) and pulling the feed
    about every ``stations_interval`` seconds."""
    import asyncio

    import sqlalchemy as sa
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from kiosk.credentials.keys import raw_public
    from kiosk.hub import loadtest
    from kiosk.hub import schema as t
    from kiosk.hub.bench import EventMaker
    from kiosk.hub.office import Hub

    n, seconds, interval = size["stations"], size["stations_s"], size["stations_interval"]
    name = f"hub as deployed, {n:,} stations for {f'{seconds // 60} min' if seconds >= 60 else f'{seconds} s'}"
    missing = "no PostgreSQL server" if postgres_server() is None else "no nginx" if not loadtest.nginx_binary() \
        else "no build_spec/nginx (a source checkout has it)" if not loadtest.SITE.exists() else ""
    if missing:
        return [Figure(name, 0, "", "", None, None, f"not measured: {missing}")]
    cores = os.cpu_count() or 1
    with fresh_databases(work, "postgresql") as new:
        url, key = new(), work / "stations.key"
        hub = Hub(url, root_key_path=key)
        setup = bench_hub_db(hub, size["push_riders"])
        stations = []
        for i in range(n):
            station_id, code = hub.add_station(f"驿站{i:04d}", f"第{i // STATIONS_PER_DISTRICT + 1}区")
            stations.append((station_id, hub.enrol(code, raw_public(Ed25519PrivateKey.generate().public_key())
                                                   .hex())["token"]))
        with hub.engine.connect() as conn:
            cursor = conn.execute(sa.select(sa.func.max(t.changes.c.change_id))).scalar() or 0
        makers = [EventMaker(setup["riders"], setup["items"], seed=i) for i in range(n)]
        with loadtest.hub_processes(url, key, cores, work / "hub-logs") as procs, \
                loadtest.nginx_in_front(work / "nginx", [p.port for p in procs]) as (address, cert):
            cpu = [loadtest.cpu_seconds(p.pid) for p in procs]
            began = time.perf_counter()
            load = asyncio.run(loadtest.simulate(address, cert, stations, makers, cursor, seconds, interval))
            elapsed = time.perf_counter() - began
            cpu = [loadtest.cpu_seconds(p.pid) - before for p, before in zip(procs, cpu, strict=True)]
            memory = [loadtest.rss_mb(p.pid) for p in procs]
        with hub.engine.connect() as conn:
            held = dict(conn.execute(sa.select(t.events.c.station_id, sa.func.count()).group_by(t.events.c.station_id))
                        .all())
            acked = dict(conn.execute(sa.select(t.stations.c.station_id, t.stations.c.acked_seq)).all())
        hub.engine.dispose()
    # Exactly once: the hub holds each station's events up to its ack, no more (no doubles), and at least
    # what each station was told (an answer lost after the commit leaves the hub ahead; the next sync says so).
    whole = all(held.get(s, 0) == acked[s] >= load.pushed.get(s, 0) for s, _ in stations)
    rate, p99 = load.events / elapsed, percentile(load.push_latency, 99) if load.push_latency else float("inf")
    errors = loadtest.errors_logged(work / "hub-logs")
    logged = "; ".join(f"{n}x {what}" for what, n in errors.most_common(3))
    machine = (f"{cores} hub processes: CPU {sum(cpu) / elapsed:.2f} of {cores} cores, "
               f"RSS {', '.join(f'{m:.0f}' for m in memory)} MB")
    return [
        Figure(f"{name}: nothing lost or doubled", load.events, "events", "every acknowledged event held once", None,
               whole, f"{sum(held.values()):,} held; {load.retries} syncs retried"
               + (f" ({'; '.join(load.failures)})" if load.failures else "")
               + (f"; the hubs logged {sum(errors.values())} errors: {logged}" if errors else "")),
        Figure(f"{name}: push p99", p99, "s", "<= 1 s", p99, p99 <= 1.0,
               f"{len(load.push_latency):,} pushes, p50 {percentile(load.push_latency, 50):.3f} s; pull p99 "
               f"{percentile(load.pull_latency, 99) if load.pull_latency else 0:.3f} s over "
               f"{len(load.pull_latency):,} pages, {load.pulled:,} changes"),
        Figure(f"{name}: sustained", rate, "events/s", "(measured)", None, None,
               f"each station syncing about every {interval} s; {machine}"),
    ]


def bench_ui(work: Path, size: dict[str, int]) -> list[Figure]:
    """Start the real app in a fresh process on a big station; scan riders in; read its memory."""
    from kiosk.credentials.codes import encode

    work.mkdir()
    station, issuer, ids = build_station(work, size["ui_riders"], 0)
    now = int(time.time())
    codes = [encode(issuer, m, "membership", now, now + 86400) for m in random.Random(3).sample(ids, size["ui_scans"])]
    station.close()
    (work / "codes.txt").write_text("\n".join(codes))
    start = time.perf_counter()
    child = subprocess.Popen([*kiosk_command(), "bench", "--ui-child", str(work), str(work / "codes.txt")],
                             stdout=subprocess.PIPE, text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert child.stdout is not None
    ready = child.stdout.readline()
    cold = time.perf_counter() - start
    result = json.loads(child.stdout.readline())
    child.wait(60)
    if ready.strip() != "READY":
        raise RuntimeError("the app did not start")
    p95 = percentile(result["scan_ms"], 95)
    detail = f"{size['ui_riders']} riders"
    return [
        Figure("cold start to interactive home screen", cold, "s", "<= 2 s", cold / 2, cold <= 2, detail),
        Figure("scan to confirmation on screen: p95", p95, "ms", "<= 100 ms", p95 / 100, p95 <= 100,
               f"{detail}, {len(result['scan_ms'])} scans, p50 {statistics.median(result['scan_ms']):.1f} ms"),
        Figure(f"kiosk memory after start and {result['checkins']} check-ins", result["rss_mb"], "MB", "<= 300 MB",
               result["rss_mb"] / 300, result["rss_mb"] <= 300, detail),
    ]


def postgres_server() -> str | None:
    """The PostgreSQL server the hub figures use ($KIOSK_BENCH_PG), or None when none answers."""
    url = os.environ.get("KIOSK_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
    try:
        import psycopg

        psycopg.connect(url, connect_timeout=3).close()
        return url
    except Exception:
        return None


@contextmanager
def fresh_databases(work: Path, kind: str) -> Iterator[Callable[[], str]]:
    """Makes empty hub databases of a kind (SQLite files, or databases on the PostgreSQL server), each
    dropped at the end."""
    made: list[str] = []

    def new() -> str:
        name = f"kiosk_bench_{os.getpid()}_{len(made)}"
        made.append(name)
        if kind == "sqlite":
            return f"sqlite:///{work / name}.db"
        import psycopg

        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name}")
            conn.execute(f"CREATE DATABASE {name}")
        return server.rsplit("/", 1)[0] + f"/{name}"

    server = postgres_server() if kind == "postgresql" else ""
    try:
        yield new
    finally:
        if kind == "postgresql":
            import psycopg

            with psycopg.connect(server, autocommit=True) as conn:
                for name in made:
                    conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def on_both_hubs(work: Path, name: str, measure: Callable[[Callable[[], str], str], list[Figure]]) -> list[Figure]:
    """A hub figure on SQLite hubs and, where a server answers, on PostgreSQL ones (``measure`` is given a
    maker of fresh databases)."""
    with fresh_databases(work, "sqlite") as new:
        figures = measure(new, "SQLite hub")
    if postgres_server() is None:
        return [*figures, Figure(f"{name} (PostgreSQL hub)", 0, "", "", None, None,
                                 "not measured: no PostgreSQL server reachable")]
    with fresh_databases(work, "postgresql") as new:
        return figures + measure(new, "PostgreSQL hub")


def run_bench(quick: bool, only: list[str] | None = None) -> list[Figure]:
    """Every figure, or those of the groups named in ``only`` (see GROUPS)."""
    size = SIZES["quick" if quick else "full"]
    # The benchmark's hubs and stations hash their rosters cheaply: the phone hash's real cost is its own
    # figure (bench_phone_hash), and a million real hashes would take this machine hours before a pull.
    os.environ.setdefault("KIOSK_PHONE_HASH_N", "16")
    files: list[Path] = []  # the roster files, made once for both hubs
    groups: dict[str, Callable[[Path], list[Figure]]] = {
        "core": lambda work: bench_core(work, size),
        "hash": lambda work: bench_phone_hash(),
        "camera": lambda work: [bench_camera_decode()],
        "push": lambda work: on_both_hubs(work, "push station->hub",
                                          lambda new, label: bench_push(work, size, new, label)),
        "office": lambda work: on_both_hubs(work, "office figures",
                                            lambda new, label: bench_office(work, size, new(), label)),
        "roster": lambda work: on_both_hubs(work, "roster import", lambda new, label: bench_roster(
            work, size, new, label, files or files.extend(roster_files(work, size["roster"])) or files)),
        "pull": lambda work: bench_pull(work, size),
        "stations": lambda work: bench_stations(work, size),
        "ui": lambda work: bench_ui(work / "ui", size),
    }
    unknown = set(only or ()) - set(groups)
    if unknown:
        raise SystemExit(f"kiosk bench: no figures called {', '.join(sorted(unknown))} "
                         f"(there are {', '.join(groups)})")
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as tmp:
        for name, measure in groups.items():
            if not only or name in only:
                work = Path(tmp) / name
                work.mkdir()
                figures += measure(work)
    return figures


def format_figures(figures: list[Figure]) -> str:
    lines = [f"{'figure':58} {'value':>12} {'unit':10} {'goal':34} {'ratio':>7}  result"]
    for f in figures:
        value = f"{f.value:,.3f}" if f.value < 100 else f"{f.value:,.0f}"
        ratio = "" if f.ratio is None else f"{f.ratio:.2f}"
        result = {True: "ok", False: "MISSED", None: ""}[f.ok]
        lines.append(f"{f.name:58} {value if f.unit else '':>12} {f.unit:10} {f.goal:34} {ratio:>7}  {result}"
                     + (f"  ({f.detail})" if f.detail else ""))
    return "\n".join(lines)


def main(quick: bool, as_json: bool, only: list[str] | None = None) -> int:
    figures = run_bench(quick, only)
    if as_json:
        print(json.dumps({"quick": quick, "figures": [asdict(f) for f in figures]}, ensure_ascii=False, indent=2))
    else:
        print(format_figures(figures))
    return 0
