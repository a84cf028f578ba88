"""Real hubs for tests: on SQLite or the machine's PostgreSQL, served over loopback HTTP."""

from __future__ import annotations

import os
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest

from kiosk.base.clock import Clock
from kiosk.hub.office import Hub
from kiosk.hub.server import BackgroundHub
from kiosk.store import Store
from kiosk.sync.client import client_for, sync_once
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


class Station:
    """A real station database enrolled with the hub under test."""

    def __init__(self, root: Path, hub: Hub, url: str, name: str, clock: Clock | None = None) -> None:
        self.dir = root / name
        self.dir.mkdir()
        self.keys = self.dir / "keys"
        self.store = Store(self.dir / "station.db", clock=clock)
        self.station_id, code = hub.add_station(name)
        enrol_station(self.store, self.keys, url, code)

    def sync(self):
        client = client_for(self.store, self.keys, timeout=5)
        try:
            return sync_once(self.store, client)
        finally:
            client.close()

    def point_at(self, url: str) -> None:
        self.store.set_setting("hub_url", url)


@contextmanager
def running_hub(url: str):
    hub = Hub(url)
    with BackgroundHub(hub) as server:
        yield hub, server
    hub.engine.dispose()
