"""Real hubs for tests: on SQLite or the machine's PostgreSQL, served over loopback HTTP."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import httpx
import pytest

from kiosk.base.clock import Clock
from kiosk.core.demo_data import demo_campaigns
from kiosk.hub.office import Hub
from kiosk.hub.server import BackgroundHub
from kiosk.station import Station as KioskStation
from kiosk.store import Store
from kiosk.sync.enrol import enrol_station

PG_ADMIN = os.environ.get("KIOSK_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")


def postgres_available() -> str | None:
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN, connect_timeout=3):
            return None
    except Exception as exc:  # any failure to connect means "no server here"
        return f"no PostgreSQL at {PG_ADMIN}: {str(exc).splitlines()[0] if str(exc) else exc!r}"


@contextmanager
def hub_database(kind: str, tmp_path: Path):
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path / 'hub.db'}"
        return
    reason = postgres_available()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the PostgreSQL tests, but {reason}")
        pytest.skip(reason)
    import psycopg

    name = f"kiosk_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    try:
        yield PG_ADMIN.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


class Station(KioskStation):
    """A real station enrolled with the hub under test (not yet synced)."""

    def __init__(self, root: Path, hub: Hub, url: str, name: str, clock: Clock | None = None,
                 district: str | None = None) -> None:
        self.dir = root / name
        self.dir.mkdir()
        super().__init__(Store(self.dir / "station.db", clock=clock), self.dir / "keys")
        self.station_id, code = hub.add_station(name, district)
        enrol_station(self.store, self.keys, url, code)

    def sync(self):
        return self.sync_once(timeout=5)

    def point_at(self, url: str) -> None:
        self.store.set_setting("hub_url", url)


@contextmanager
def running_hub(url: str, docs: bool = False):
    hub = Hub(url)
    with BackgroundHub(hub, docs=docs) as server:
        yield hub, server
    hub.engine.dispose()


PHONES = [f"1370000{i:04d}" for i in range(60)]


def prepare(hub: Hub) -> None:
    """The hub's catalogue and a roster of sixty riders."""
    campaigns, items = demo_campaigns(date.today())
    hub.set_catalogue(campaigns, items)
    hub.import_roster([{"phone": p, "name": "骑手", "occupation": "courier"} for p in PHONES])


def hub_events(hub: Hub, station_id: str) -> list[tuple[int, str]]:
    """(seq, event id) of every event the hub holds from one station, in order."""
    import sqlalchemy as sa

    from kiosk.hub import schema as t

    with hub.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.select(t.events.c.seq, t.events.c.event_id)
                                               .where(t.events.c.station_id == station_id)
                                               .order_by(t.events.c.seq))]


HUB_COMMAND = [sys.executable, "-c", "from kiosk.hub.cli import main; raise SystemExit(main())"]


@contextmanager
def served_process(db: str, env: dict[str, str] | None = None):
    """`kiosk-hub serve` as a process of its own on a free loopback port, until its API answers: its address."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([*HUB_COMMAND, "serve", "--db", db, "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    try:
        while True:
            try:
                httpx.get(url + "/v1/time", timeout=1)
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline and server.poll() is None, "kiosk-hub serve did not come up"
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(10)
