"""Kill -9 at random instants while actions are being confirmed: nothing confirmed is lost, nothing doubles."""

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.base.paths import keys_dir
from kiosk.core import projections
from kiosk.demo import build_demo
from kiosk.station import Station
from kiosk.store import Store
from kiosk.store.migrations import MIGRATIONS

CHILD = Path(__file__).parents[1] / "helpers" / "crash_child.py"


def check_station(directory: Path, confirmed: dict[int, str]) -> None:
    store = Store(directory / "station.db")
    try:
        assert store.integrity_check() == "ok"
        rows = dict(store.conn.execute("SELECT seq, id FROM events"))
        assert sorted(rows) == list(range(1, len(rows) + 1)), "the sequence has a gap"
        for seq, event_id in confirmed.items():
            assert rows.get(seq) == event_id, f"confirmed event {seq} is missing or changed"
        # Derived state agrees with the events: visits, and stock item by item.
        assert store.one("SELECT COUNT(*) FROM checkins") == store.one(
            "SELECT COUNT(*) FROM events WHERE type = 'checked_in'")
        # A void returns the units, except a voucher whose card was not back in hand (its code is retired).
        voids = {p["handout_id"]: p.get("code_back", True) for p in (json.loads(r[0]) for r in store.conn.execute(
            "SELECT payload FROM events WHERE type = 'handout_voided'"))}
        for item_id, on_hand in store.conn.execute("SELECT item_id, on_hand FROM stock"):
            moved = 0
            for event_id, kind, payload in store.conn.execute("SELECT id, type, payload FROM events"):
                p = json.loads(payload)
                if p.get("item_id") != item_id:
                    continue
                if kind == "stock_received":
                    moved += p["quantity"]
                elif kind == "stock_counted":
                    moved += p["delta"]
                elif kind == "handed_out" and not (event_id in voids and (voids[event_id] or not p["voucher_code"])):
                    moved -= p["quantity"]
            assert on_hand == moved, item_id
        # And every derived table is exactly what the log's projectors give.
        with store.transaction():
            assert projections.replay(store, store.events()) == projections.derived_tables(store)
    finally:
        store.close()


def kill_loop(tmp_path: Path, kills: int) -> int:
    directory = tmp_path / "station"
    directory.mkdir()
    station = Station.open(directory)
    build_demo(station, n_members=300, days=1)
    station.close()
    rng = random.Random(99)
    confirmed: dict[int, str] = {}
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    for round_ in range(kills):
        child = subprocess.Popen([sys.executable, str(CHILD), str(directory), str(round_)], stdout=subprocess.PIPE,
                                 stderr=subprocess.DEVNULL, text=True, env=env)
        assert child.stdout.readline().strip() == "START"
        time.sleep(rng.uniform(0.01, 0.4))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate(timeout=30)
        for line in out.splitlines():
            parts = line.split()
            if len(parts) == 3 and parts[0] == "CONFIRMED":
                confirmed[int(parts[1])] = parts[2]
        check_station(directory, confirmed)
    return len(confirmed)


def test_kill_nine_loses_no_confirmed_action(tmp_path):
    assert kill_loop(tmp_path, kills=15) > 50


@pytest.mark.reliability
def test_kill_nine_two_hundred_times(tmp_path):
    confirmed = kill_loop(tmp_path, kills=200)
    print(f"200 kills survived, {confirmed} confirmed actions all present")


SYNC_CHILD = Path(__file__).parents[1] / "helpers" / "sync_child.py"


def sync_kill_loop(tmp_path: Path, kills: int) -> tuple[int, int, int]:
    """Kill a station that acts and syncs in a loop, often inside a push or a pull page; the hub's
    roster keeps growing so that every round has pages to apply. Returns (confirmed, riders, kills in sync)."""
    import sqlalchemy as sa

    from kiosk.hub import schema as t
    from kiosk.sync.client import client_for, sync_once
    from tests.helpers.hub import Station, hub_events, prepare, running_hub

    rng = random.Random(7)
    confirmed: dict[int, str] = {}
    in_sync = 0
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    with running_hub(f"sqlite:///{tmp_path / 'hub.db'}") as (hub, server):
        prepare(hub)
        station = Station(tmp_path, hub, server.url, "s0")
        station.sync()
        station.store.close()
        phone = 13000000000
        for round_ in range(kills):
            hub.import_roster([{"phone": str(phone + i), "name": "骑手", "occupation": "courier"} for i in range(120)])
            phone += 120
            child = subprocess.Popen([sys.executable, str(SYNC_CHILD), str(station.dir), str(round_)],
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
            assert child.stdout.readline().strip() == "START"
            time.sleep(rng.uniform(0.05, 0.6))
            child.send_signal(signal.SIGKILL)
            out, _ = child.communicate(timeout=30)
            lines = out.splitlines()
            in_sync += bool(lines) and lines[-1] == "SYNC"
            for line in lines:
                parts = line.split()
                if len(parts) == 3 and parts[0] == "CONFIRMED":
                    confirmed[int(parts[1])] = parts[2]
            check_station(station.dir, confirmed)
        assert in_sync >= kills // 4, f"only {in_sync} of {kills} kills landed inside a sync"
        store = Store(station.dir / "station.db")
        client = client_for(store, station.keys, timeout=10)
        try:
            sync_once(store, client)  # a last, undisturbed sync: the hub now equals the station
        finally:
            client.close()
        assert [tuple(r) for r in hub_events(hub, station.station_id)] == [(e.seq, e.id) for e in store.events()]
        members = store.one("SELECT COUNT(*) FROM members")
        store.close()
        with hub.engine.connect() as conn:
            hub_members = conn.execute(sa.select(sa.func.count()).select_from(t.members)).scalar()
        assert members == hub_members
        return len(confirmed), members, in_sync


def test_kill_nine_during_sync_push_and_pull(tmp_path):
    confirmed, members, _ = sync_kill_loop(tmp_path, kills=8)
    assert confirmed > 20 and members > 900


@pytest.mark.reliability
def test_kill_nine_during_sync_two_hundred_times(tmp_path):
    confirmed, members, in_sync = sync_kill_loop(tmp_path, kills=200)
    print(f"200 kills ({in_sync} inside a push or pull) survived, {confirmed} confirmed actions at the hub "
          f"once each, {members} riders pulled")


def migration_kill_loop(tmp_path: Path, kills: int, rows: int = 800_000) -> tuple[int, int]:
    """Kill the kiosk while it applies a slow migration: the database is either wholly before it or
    wholly after it, never in between, and holds every event it had. Returns (cut short, completed)."""
    import shutil
    import sqlite3

    pristine = tmp_path / "pristine.db"
    store = Store(pristine)
    build_demo(Station(store, keys_dir(tmp_path)), n_members=50, days=1)
    events = [tuple(r) for r in store.conn.execute("SELECT seq, id FROM events")]
    store.close()
    rng = random.Random(5)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    db = tmp_path / "station.db"

    def start() -> subprocess.Popen[str]:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        shutil.copy(pristine, db)
        child = subprocess.Popen([sys.executable, str(MIGRATE_CHILD), str(db), str(rows)], stdout=subprocess.PIPE,
                                 stderr=subprocess.DEVNULL, text=True, env=env)
        assert child.stdout.readline().strip() == "START"
        return child

    began = time.monotonic()  # how long the migration takes on this machine, to kill within it
    assert start().communicate(timeout=60)[0].strip() == "MIGRATED"
    duration = time.monotonic() - began
    cut_short = completed = 0
    for i in range(kills):  # one instant in each slice of the run, the last slices just past its end
        child = start()
        time.sleep(1.2 * duration * (i + rng.random()) / kills)
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate(timeout=30)
        conn = sqlite3.connect(db)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            version = conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if version == MIGRATIONS[-1][0] + 1:
                assert conn.execute("SELECT COUNT(*) FROM big").fetchone()[0] == rows
                completed += 1
            else:
                assert version == MIGRATIONS[-1][0] and "big" not in tables, "a migration was left half-applied"
                cut_short += "MIGRATED" not in out
            assert [tuple(r) for r in conn.execute("SELECT seq, id FROM events")] == events
        finally:
            conn.close()
        if version == MIGRATIONS[-1][0]:
            Store(db).close()  # and the kiosk still opens it afterwards
    return cut_short, completed


MIGRATE_CHILD = Path(__file__).parents[1] / "helpers" / "migrate_child.py"


def test_kill_nine_during_a_migration(tmp_path):
    cut_short, _ = migration_kill_loop(tmp_path, kills=6)
    assert cut_short >= 1


@pytest.mark.reliability
def test_kill_nine_during_a_migration_two_hundred_times(tmp_path):
    cut_short, completed = migration_kill_loop(tmp_path, kills=200)
    assert cut_short >= 50 and completed >= 1
    print(f"200 kills during a migration: {cut_short} cut it short (database as before), {completed} after it")
