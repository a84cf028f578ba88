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

from kiosk.demo import build_demo
from kiosk.store import Store

CHILD = Path(__file__).with_name("crash_child.py")


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
        voided = {json.loads(p)["handout_id"] for (p,) in store.conn.execute(
            "SELECT payload FROM events WHERE type = 'handout_voided'")}
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
                elif kind == "handed_out" and event_id not in voided:
                    moved -= p["quantity"]
            assert on_hand == moved, item_id
    finally:
        store.close()


def kill_loop(tmp_path: Path, kills: int) -> int:
    directory = tmp_path / "station"
    directory.mkdir()
    store = Store(directory / "station.db")
    build_demo(store, n_members=300, days=1)
    store.close()
    rng = random.Random(99)
    confirmed: dict[int, str] = {}
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
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
