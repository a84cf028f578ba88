"""The hub database: engine (SQLite or PostgreSQL), migrations, settings, keys, and the raw event insert."""

from __future__ import annotations

import json
import logging
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import platformdirs
import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy.dialects import postgresql

from kiosk.base.clock import iso
from kiosk.base.errors import InvalidInput
from kiosk.base.files import private_file, write_atomic
from kiosk.core.members import new_phone_key
from kiosk.credentials.boxes import load_or_create_box_key
from kiosk.credentials.keys import load_or_create, raw_public
from kiosk.hub import schema as t

log = logging.getLogger("kiosk.hub")
MIGRATIONS = Path(__file__).with_name("migrations")


def now_iso() -> str:
    return iso(datetime.now(UTC))


# Requests a hub process serves at once, each with a database connection of its own: with one process per
# core, PostgreSQL's default 100 connections serve four cores.
HUB_THREADS = 20

# Values asked for in one statement as one parameter (``one_of``), at most.
ONE_OF_CHUNK = 100_000


def one_of(conn: sa.Connection, column: sa.ColumnElement, values: list[Any]) -> sa.ColumnElement[bool]:
    """``column`` is one of ``values``, sent as one parameter: an array on PostgreSQL, a JSON array on
    SQLite. (An IN list of a parameter per value cost more to build and send than to run: at 200,000
    riders SQLAlchemy spent 4 s of a roster import's 9 rendering one.)"""
    if conn.dialect.name == "postgresql":
        return column == sa.any_(sa.bindparam(None, values, type_=postgresql.ARRAY(column.type)))
    listed = sa.select(sa.literal_column("value")).select_from(
        sa.func.json_each(sa.bindparam(None, json.dumps(values), type_=sa.String)))
    return column.in_(listed)


def rows_in(conn: sa.Connection, query: sa.Select, column: sa.ColumnElement, values: Any) -> list[sa.Row]:
    """The rows of ``query`` whose ``column`` is one of ``values``, asked in chunks; nothing for none.
    The chunks are in no order: a query that locks rows in its own order (the rollups') must ask for one
    chunk's worth at most, as a push does (5,000 events); sorting a million-rider roster's costs seconds."""
    unique = list(set(values))
    return [row for start in range(0, len(unique), ONE_OF_CHUNK)
            for row in conn.execute(query.where(one_of(conn, column, unique[start:start + ONE_OF_CHUNK])))]


def bulk_insert(conn: sa.Connection, table: str, rows: list[dict[str, Any]]) -> None:
    """Rows (all with the first one's keys) into a table in one go, straight through the driver: COPY on
    PostgreSQL, one executemany on SQLite (SQLAlchemy's per-row parameter handling cost more than the
    insert itself). A JSON column's value goes in as JSON text."""
    if not rows:
        return
    names = list(rows[0])
    values = [tuple(row[n] for n in names) for row in rows]
    for i, name in enumerate(names):
        if isinstance(t.metadata.tables[table].c[name].type, sa.JSON):
            values = [(*v[:i], None if v[i] is None else json.dumps(v[i]), *v[i + 1:]) for v in values]
    columns = f"{table} ({', '.join(names)})"
    if conn.dialect.name == "postgresql":
        with conn.connection.dbapi_connection.cursor() as cursor, cursor.copy(f"COPY {columns} FROM STDIN") as copy:
            for row in values:
                copy.write_row(row)
    else:
        conn.exec_driver_sql(f"INSERT INTO {columns} VALUES ({', '.join('?' * len(names))})", values)


def feed_members(conn: sa.Connection, which: sa.ColumnElement[bool]) -> None:
    """The riders ``which`` names, their rows as they now are, to the end of the feed in id order, made in
    the database: a million-rider import's JSON encoded in Python and copied in took twice as long."""
    m = t.members.c
    pairs = [part for column in m for part in (sa.literal_column(f"'{column.name}'"), column)]
    if conn.dialect.name == "postgresql":
        data = sa.func.json_build_object(*pairs)
    else:  # SQLite keeps a boolean as 0 or 1; the feed says true or false, as PostgreSQL's does
        data = sa.func.json_object(*(sa.func.json(sa.case((part, "true"), else_="false"))
                                     if part is m.union_member else part for part in pairs))
    conn.execute(t.changes.insert().from_select(
        ["kind", "data"], sa.select(sa.literal("member"), data).where(which).order_by(m.member_id)))


def insert_events(conn: sa.Connection, station_id: str, events: list[dict[str, Any]], table: str = "events") -> None:
    """Insert pushed events in bulk; an event id already taken is refused."""
    try:
        bulk_insert(conn, table, [{"event_id": e["id"], "station_id": station_id, "seq": e["seq"], "type": e["type"],
                                   "at": e["at"], "day": e["day"], "payload": e["payload"]} for e in events])
    except (sa.exc.IntegrityError, conn.dialect.dbapi.IntegrityError) as exc:
        raise InvalidInput("Some of these event ids are already recorded: they belong to another station.") from exc


def default_root_key_path(url: str) -> Path:
    """$KIOSK_HUB_ROOT_KEY, else beside a SQLite hub's database, else in the hub's data directory (hub
    processes sharing one PostgreSQL share this file)."""
    if os.environ.get("KIOSK_HUB_ROOT_KEY"):
        return Path(os.environ["KIOSK_HUB_ROOT_KEY"])
    if url.startswith("sqlite:///"):
        return Path(url[len("sqlite:///"):]).with_suffix(".root.key")
    return Path(platformdirs.user_data_dir("station-kiosk-hub")) / "root.key"


def create_engine(url: str) -> sa.Engine:
    if url.startswith("sqlite"):
        if url.startswith("sqlite:///"):
            database = Path(url[len("sqlite:///"):])
            database.parent.mkdir(parents=True, exist_ok=True)
            private_file(database)
        engine = sa.create_engine(url, connect_args={"timeout": 30})

        @sa.event.listens_for(engine, "connect")
        def _pragmas(conn: Any, _record: Any) -> None:
            conn.isolation_level = None  # SQLAlchemy says when a transaction begins, not the driver
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")

        @sa.event.listens_for(engine, "begin")
        def _begin(conn: sa.Connection) -> None:
            # SQLite has no SELECT ... FOR UPDATE: a writing transaction takes the write lock at its
            # start, so what it reads (a station's ack, an unused enrolment code) still holds at commit.
            conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("writes") else "BEGIN")

        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    # A connection for each request thread (kiosk.hub.api) and a few for the hub's own work (retention);
    # a request never gives up waiting for one.
    return sa.create_engine(url, pool_pre_ping=True, pool_size=HUB_THREADS, max_overflow=4, pool_timeout=600)




class HubDatabase:
    """All hub state lives in the database, so several hub processes can share one PostgreSQL."""

    def __init__(self, url: str, root_key_path: Path | None = None) -> None:
        self.url = url
        self.root_key_path = root_key_path or default_root_key_path(url)
        self.engine = create_engine(url)
        self.writer = self.engine.execution_options(writes=True)  # for every transaction that writes
        self.migrate()
        self._root: Ed25519PrivateKey | None = None
        self._box: X25519PrivateKey | None = None
        self._phone_key: str | None = None
        # Both keys read (or made) now, once, outside any request's transaction: a push that writes must
        # never open a second transaction for them (on SQLite it would wait on its own write lock).
        self.root_key()
        self.box_key()
        self.phone_key()

    def migrate(self) -> None:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with self.writer.begin() as conn:
            if conn.dialect.name == "postgresql":  # one migrator at a time across hub processes
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(727274)"))
            config.attributes["connection"] = conn
            command.upgrade(config, "head")

    # -- settings and keys ------------------------------------------------------------------------

    def _setting(self, conn: sa.Connection, key: str, make: Any = None) -> Any:
        value = conn.execute(sa.select(t.settings.c.value).where(t.settings.c.key == key)).scalar()
        if value is None and make is not None:
            value = json.dumps(make())
            conn.execute(t.settings.insert().values(key=key, value=value))
        return None if value is None else json.loads(value)

    def _set(self, conn: sa.Connection, key: str, value: Any) -> None:
        updated = conn.execute(t.settings.update().where(t.settings.c.key == key).values(value=json.dumps(value)))
        if not updated.rowcount:
            conn.execute(t.settings.insert().values(key=key, value=json.dumps(value)))

    def root_key(self) -> Ed25519PrivateKey:
        """The union's root signing key, from its own 0600 file (never the database, whose backups and
        replicas travel further). A key an older hub kept in the database moves to the file once."""
        if self._root is None:
            with self.writer.begin() as conn:
                pem = self._setting(conn, "root_private_key")
                if pem is not None:
                    held = load_or_create(self.root_key_path) if self.root_key_path.exists() else None
                    if held is not None and raw_public(held.public_key()) != raw_public(
                            serialization.load_pem_private_key(pem.encode(), None).public_key()):
                        raise InvalidInput(f"The root key in {self.root_key_path} is not the one this hub's "
                                           "stations trust (kept in its database): move one of them aside.")
                    if held is None:
                        write_atomic(self.root_key_path, pem.encode())
                    conn.execute(t.settings.delete().where(t.settings.c.key == "root_private_key"))
            self._root = load_or_create(self.root_key_path)
        return self._root

    def box_key(self) -> X25519PrivateKey:
        """The key stations seal their USB bundles to: its own 0600 file beside the root key."""
        if self._box is None:
            self._box = load_or_create_box_key(Path(str(self.root_key_path) + ".box"))
        return self._box

    def phone_key(self) -> str:
        """The union-wide phone key; read once (it never changes after it is made)."""
        if self._phone_key is None:
            with self.writer.begin() as conn:
                self._phone_key = self._setting(conn, "phone_key", new_phone_key)
        return self._phone_key

    def _audit(self, conn: sa.Connection, actor: str, action: str, target: str, before: Any = None,
               after: Any = None) -> None:
        """Record an office change in the same transaction that makes it: no change without its line."""
        conn.execute(t.audit_log.insert().values(at=now_iso(), actor=actor, action=action, target=target[:120],
                                                 before=before, after=after))

    def _change(self, conn: sa.Connection, kind: str, data: dict[str, Any], station_id: str | None = None) -> None:
        """Add a change to the feed stations pull (``station_id``: for that station only)."""
        conn.execute(t.changes.insert().values(kind=kind, data=data, station_id=station_id))

    def _replace_change(self, conn: sa.Connection, kind: str, data: dict[str, Any]) -> None:
        """A signed whole list (trust, revocations): the new version goes to the end of the feed and the
        older ones leave it."""
        newest = conn.execute(t.changes.insert().values(kind=kind, data=data, station_id=None)
                              ).inserted_primary_key[0]
        # Deleted after the insert: SQLite would give a deleted last id to the next row, which stations
        # whose cursor passed it would never see.
        conn.execute(t.changes.delete().where(t.changes.c.kind == kind, t.changes.c.change_id < newest))
