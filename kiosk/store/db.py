"""The station's SQLite database: pragmas, migrations, transactions and the event log."""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from kiosk.base.clock import Clock, iso
from kiosk.base.errors import StoreError
from kiosk.base.files import private_file
from kiosk.base.ids import uuid7
from kiosk.store.migrations import MIGRATIONS

log = logging.getLogger("kiosk.store")


@dataclass(frozen=True)
class Event:
    seq: int
    id: str
    type: str
    at: str
    day: str
    payload: dict[str, Any]


def _environment_error(exc: sqlite3.Error) -> StoreError:
    text = str(exc)
    if "full" in text:
        return StoreError("The station's disk is full: nothing was saved.", cause="disk_full")
    if "locked" in text or "busy" in text:
        return StoreError("The station database is busy: nothing was saved.", cause="locked")
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return StoreError("The station database is damaged.", cause="corrupt")
    return StoreError(f"The station database failed: {text}", cause="other")


class Store:
    """One connection to a station database; writes go through ``transaction()``."""

    def __init__(self, path: str | Path, clock: Clock | None = None, check: bool = True) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            private_file(Path(self.path))
        try:
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA busy_timeout = 5000")
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if self.path != ":memory:" and mode != "wal":
                raise StoreError(f"The station database cannot use WAL (got {mode}).", cause="other")
            # FULL: a commit is on disk before the screen says "done", even across a power cut.
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            # Deleted or overwritten content is zeroed, not left in free pages: a rider the union forgets
            # is not left readable on a stolen disk.
            conn.execute("PRAGMA secure_delete = ON")
            # A million riders' indexes do not fit SQLite's 2 MB default cache; 64 MB does.
            conn.execute("PRAGMA cache_size = -65536")
            conn.create_function("hex_to_blob", 1, bytes.fromhex, deterministic=True)  # for migration 2
            if check:
                result = conn.execute("PRAGMA quick_check").fetchone()[0]
                if result != "ok":
                    raise StoreError(f"The station database is damaged: {result}", cause="corrupt")
        except sqlite3.Error as exc:
            raise _environment_error(exc) from exc
        self.conn = conn
        self._depth = 0
        self._lock = threading.RLock()
        self.migrate()
        self.clock = clock or Clock(offset_s=float(self.setting("clock_offset_s", 0.0)))

    def close(self) -> None:
        self.conn.close()

    # -- schema -----------------------------------------------------------------------------------

    def schema_version(self) -> int:
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        row = self.conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
        return row[0] or 0

    def migrate(self) -> list[int]:
        """Apply the migrations this database has not had yet; refuse one from a newer kiosk."""
        current = self.schema_version()
        known = MIGRATIONS[-1][0]
        if current > known:
            raise StoreError(
                f"The station database is from a newer kiosk (schema {current} > {known}).",
                cause="too_new",
            )
        applied = []
        for version, name, sql in MIGRATIONS:
            if version <= current:
                continue
            script = (
                "BEGIN IMMEDIATE;\n" + sql + "\nINSERT INTO schema_migrations VALUES "
                f"({version}, '{name}', '{iso(Clock().now())}');\nCOMMIT;"
            )
            try:
                self.conn.executescript(script)
            except sqlite3.Error as exc:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise _environment_error(exc) from exc
            log.info("applied migration %s: %s", version, name)
            applied.append(version)
        return applied

    # -- transactions -----------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One durable write: all of it commits or none of it does. Nested calls join the outer one as a
        savepoint. The Station opens these (and sync, one per pull page); the core only writes inside."""
        with self._lock:
            if self._depth:
                with self.savepoint():
                    yield self.conn
                return
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise _environment_error(exc) from exc
            self._depth = 1
            try:
                yield self.conn
                self.conn.execute("COMMIT")
            except BaseException as exc:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.OperationalError | sqlite3.DatabaseError) and not isinstance(
                    exc, sqlite3.IntegrityError
                ):
                    raise _environment_error(exc) from exc
                raise
            finally:
                self._depth = 0

    @contextmanager
    def savepoint(self) -> Iterator[sqlite3.Connection]:
        """A part of the caller's transaction that a refusal undoes alone."""
        self.require_transaction("a savepoint")
        name = f"sp{self._depth}"
        self.conn.execute(f"SAVEPOINT {name}")
        self._depth += 1
        try:
            yield self.conn
        except BaseException:
            self.conn.execute(f"ROLLBACK TO {name}")
            raise
        finally:
            self._depth -= 1
            self.conn.execute(f"RELEASE {name}")

    def require_transaction(self, what: str) -> None:
        if not self._depth:
            raise RuntimeError(f"{what} must run inside store.transaction()")

    def append_event(self, type_: str, payload: dict[str, Any], at: datetime) -> Event:
        """Record one immutable event with the next gap-free sequence number."""
        self.require_transaction("append_event")
        seq = self.conn.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM events").fetchone()[0]
        event = Event(
            seq=seq,
            id=uuid7(int(at.timestamp() * 1000)),
            type=type_,
            at=iso(at),
            day=self.clock.day(at).isoformat(),
            payload=payload,
        )
        self.conn.execute(
            "INSERT INTO events (seq, id, type, at, day, payload) VALUES (?, ?, ?, ?, ?, ?)",
            (event.seq, event.id, event.type, event.at, event.day,
             json.dumps(payload, ensure_ascii=False, separators=(",", ":"))),
        )
        return event

    def events(self, after_seq: int = 0, limit: int | None = None) -> list[Event]:
        sql = "SELECT seq, id, type, at, day, payload FROM events WHERE seq > ? ORDER BY seq"
        params: list[Any] = [after_seq]
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [Event(r[0], r[1], r[2], r[3], r[4], json.loads(r[5])) for r in self.conn.execute(sql, params)]

    def all_events(self, batch: int = 10_000) -> Iterator[Event]:
        """Every event in order, read ``batch`` at a time (a replay of millions need not hold them all)."""
        after = 0
        while chunk := self.events(after_seq=after, limit=batch):
            yield from chunk
            after = chunk[-1].seq

    # -- queries and settings ---------------------------------------------------------------------

    def one(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> Any:
        row = self.conn.execute(sql, params).fetchone()
        return None if row is None else row[0]

    def rows(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> list[dict[str, Any]]:
        cursor = self.conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor]

    def setting(self, key: str, default: Any = None) -> Any:
        value = self.one("SELECT value FROM settings WHERE key = ?", (key,))
        return default if value is None else json.loads(value)

    def set_setting(self, key: str, value: Any) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, json.dumps(value, ensure_ascii=False)),
            )

    def integrity_check(self) -> str:
        return ", ".join(r[0] for r in self.conn.execute("PRAGMA integrity_check"))
