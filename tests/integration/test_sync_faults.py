"""Sync through a hostile network: nothing lost, nothing doubled, and it recovers by itself."""

import random
import socket
import time

import pytest

from kiosk.demo import random_action
from kiosk.hub.office import Hub
from kiosk.hub.server import BackgroundHub
from kiosk.station import Station as KioskStation
from kiosk.sync.scheduler import SyncScheduler, next_delay
from tests.helpers.faultproxy import FaultProxy
from tests.helpers.hub import Station, hub_events, prepare, running_hub


def drive(station, n, seed):
    rng = random.Random(seed)
    ids = [r[0] for r in station.store.conn.execute("SELECT member_id FROM members")]
    while station.store.one("SELECT COUNT(*) FROM events") < n:
        random_action(station, rng, ids, p_register=0.1)


def wait_until(predicate, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def run_through_faults(tmp_path, monkeypatch, events_per_station, timeout):
    monkeypatch.setattr("kiosk.sync.client.PUSH_BATCH", 25)  # many small pushes: many chances to fail
    with running_hub(f"sqlite:///{tmp_path / 'hub.db'}") as (hub, server):
        prepare(hub)
        port = int(server.url.rsplit(":", 1)[1])
        trio = [Station(tmp_path, hub, server.url, f"s{i}") for i in range(3)]
        for i, s in enumerate(trio):
            s.sync()
            drive(s, events_per_station, seed=i)
        with FaultProxy(("127.0.0.1", port), fault_rate=0.5, stall_s=1.2) as proxy:
            schedulers = []
            for s in trio:
                s.point_at(proxy.url)
                schedulers.append(SyncScheduler(lambda s=s: KioskStation.open(s.dir), interval=0.05, timeout=1.0,
                                                backoff_base=0.05, backoff_cap=0.4).start())
            try:
                done = wait_until(lambda: all(len(hub_events(hub, s.station_id)) == s.store.one(
                    "SELECT MAX(seq) FROM events") for s in trio), timeout)
                # Let the schedulers also record the acknowledgements through the faults.
                wait_until(lambda: all(s.store.setting("acked_seq") == s.store.one("SELECT MAX(seq) FROM events")
                                       for s in trio), timeout)
            finally:
                for scheduler in schedulers:
                    scheduler.stop()
        assert done, f"not every event reached the hub; faults so far: {dict(proxy.counts)}"
        for s in trio:
            assert [tuple(r) for r in hub_events(hub, s.station_id)] == [(e.seq, e.id) for e in s.store.events()]
            assert s.store.setting("acked_seq") == s.store.one("SELECT MAX(seq) FROM events")
        faults = sum(v for k, v in proxy.counts.items() if k != "ok")
        assert faults >= 20 and len(proxy.counts) >= 6, dict(proxy.counts)
        return proxy.counts


def test_faulty_network_loses_and_doubles_nothing(tmp_path, monkeypatch):
    run_through_faults(tmp_path, monkeypatch, events_per_station=300, timeout=150)


@pytest.mark.reliability
def test_faulty_network_ten_thousand_events(tmp_path, monkeypatch):
    counts = run_through_faults(tmp_path, monkeypatch, events_per_station=3400, timeout=900)
    print(f"faults injected: {dict(counts)}")


def test_scheduler_syncs_by_itself_once_the_hub_comes_up(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    hub = Hub(f"sqlite:///{tmp_path / 'hub.db'}")
    prepare(hub)
    with BackgroundHub(hub, port=port) as server:
        station = Station(tmp_path, hub, server.url, "lonely")
        station.sync()
    drive(station, 50, seed=3)  # the hub is down now; riders keep coming
    scheduler = SyncScheduler(lambda: KioskStation.open(station.dir), interval=0.1, timeout=1.0,
                              backoff_base=0.05, backoff_cap=0.3).start()
    try:
        assert wait_until(lambda: station.store.setting("last_sync_error") is not None, 20)
        assert "did not answer" in station.store.setting("last_sync_error")
        with BackgroundHub(hub, port=port):
            assert wait_until(lambda: station.store.setting("acked_seq") == 50, 30)
    finally:
        scheduler.stop()
    assert station.store.setting("last_sync_error") is None or "did not answer" in station.store.setting(
        "last_sync_error")
    assert len(hub_events(hub, station.station_id)) == 50


def test_backoff_grows_to_a_cap_with_jitter():
    rng = random.Random(0)
    delays = [next_delay(f, 60, base=2, cap=300, rng=rng) for f in range(12)]
    assert 48 <= delays[0] <= 72  # the normal interval after a success
    assert 1.6 <= delays[1] <= 2.4 and 3.2 <= delays[2] <= 4.8
    assert all(d <= 360 for d in delays) and delays[-1] >= 240
