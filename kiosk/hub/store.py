"""The union office's storage and rules: stations, enrolment, push, pull feed, roster, reports."""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import secrets
from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.base.clock import iso
from kiosk.base.errors import InvalidInput, KioskError, NotPermitted
from kiosk.base.ids import new_member_id, short_id
from kiosk.core.attendants import ROLES, hash_pin
from kiosk.core.campaigns import check_campaign, check_item
from kiosk.core.entitlements import window_start
from kiosk.core.members import OCCUPATIONS, clean_name, hash_phone, normalize_phone, roster_values
from kiosk.credentials.keys import key_id, public_from_raw
from kiosk.credentials.trust import TrustedKey, sign_revocations, sign_trust_list
from kiosk.hub import schema as t
from kiosk.sync.protocol import MAX_PULL_CHANGES, PROTOCOL_VERSION, check_batch

log = logging.getLogger("kiosk.hub")
MIGRATIONS = Path(__file__).with_name("migrations")


class GapError(KioskError):
    code = "gap"


class Unauthorized(KioskError):
    code = "unauthorized"


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def now_iso() -> str:
    return iso(datetime.now(UTC))


def insert_events(conn: sa.Connection, station_id: str, events: list[dict[str, Any]], table: str = "events") -> None:
    """Insert pushed events straight through the driver (SQLAlchemy's per-row parameter handling cost
    more than the insert itself); PostgreSQL takes them by COPY. An event id already taken is refused."""
    rows = [(e["id"], station_id, e["seq"], e["type"], e["at"], e["day"], json.dumps(e["payload"])) for e in events]
    columns = f"{table} (event_id, station_id, seq, type, at, day, payload)"
    try:
        if conn.dialect.name == "postgresql":
            with conn.connection.dbapi_connection.cursor() as cursor, \
                    cursor.copy(f"COPY {columns} FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            conn.exec_driver_sql(f"INSERT INTO {columns} VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    except (sa.exc.IntegrityError, conn.dialect.dbapi.IntegrityError) as exc:
        raise InvalidInput("Some of these event ids are already recorded: they belong to another station.") from exc


def create_engine(url: str) -> sa.Engine:
    if url.startswith("sqlite"):
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
    return sa.create_engine(url, pool_pre_ping=True)


class Hub:
    """All hub state lives in the database, so several hub processes can share one PostgreSQL."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = create_engine(url)
        self.writer = self.engine.execution_options(writes=True)  # for every transaction that writes
        self.migrate()
        self._root: Ed25519PrivateKey | None = None
        self._phone_key: str | None = None

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
        if self._root is None:
            with self.writer.begin() as conn:
                pem = self._setting(conn, "root_private_key", lambda: Ed25519PrivateKey.generate().private_bytes(
                    serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                    serialization.NoEncryption()).decode())
            key = serialization.load_pem_private_key(pem.encode(), password=None)
            assert isinstance(key, Ed25519PrivateKey)
            self._root = key
        return self._root

    def phone_key(self) -> str:
        """The union-wide phone key; read once (it never changes after it is made)."""
        if self._phone_key is None:
            with self.writer.begin() as conn:
                self._phone_key = self._setting(conn, "phone_key", lambda: os.urandom(32).hex())
        return self._phone_key

    # -- stations ---------------------------------------------------------------------------------

    def add_station(self, name: str) -> tuple[str, str]:
        """A new station and its one-time enrolment code (only its hash is kept)."""
        name = (name or "").strip()
        if not 1 <= len(name) <= 120:
            raise InvalidInput("A station name is 1 to 120 characters.")
        station_id = "ST-" + short_id(8)
        code = "-".join(secrets.token_hex(2).upper() for _ in range(4))
        with self.writer.begin() as conn:
            conn.execute(t.stations.insert().values(station_id=station_id, name=name, enrol_code_hash=digest(code),
                                                    created_at=now_iso()))
        return station_id, code

    def enrol(self, code: str, public_key_hex: str) -> dict[str, Any]:
        """Trade a one-time code and the station's public key for its id, token and the root key."""
        try:
            public = bytes.fromhex(public_key_hex)
        except (TypeError, ValueError):
            public = b""
        if len(public) != 32:
            raise InvalidInput("The station's public key must be 32 bytes of Ed25519, in hex.")
        root = self.root_key()
        token = secrets.token_urlsafe(32)
        with self.writer.begin() as conn:
            row = conn.execute(
                sa.select(t.stations).where(t.stations.c.enrol_code_hash == digest(code or ""),
                                            t.stations.c.token_hash.is_(None)).with_for_update()
            ).first()
            if row is None:
                raise Unauthorized("This enrolment code is wrong or was already used.")
            kid = key_id(public_from_raw(public)).hex()
            conn.execute(t.stations.update().where(t.stations.c.station_id == row.station_id).values(
                token_hash=digest(token), public_key=public, kid=kid, enrolled_at=now_iso(), enrol_code_hash=None))
            self._publish_trust_list(conn)
        return {"station_id": row.station_id, "name": row.name, "token": token,
                "root_public_key": root.public_key().public_bytes(serialization.Encoding.Raw,
                                                                  serialization.PublicFormat.Raw).hex(),
                "phone_key": self.phone_key(), "protocol": PROTOCOL_VERSION}

    def _publish_trust_list(self, conn: sa.Connection) -> None:
        rows = conn.execute(sa.select(t.stations).where(t.stations.c.public_key.is_not(None),
                                                        t.stations.c.revoked.is_(False))).all()
        version = self._setting(conn, "trust_version", lambda: 0) + 1
        self._set(conn, "trust_version", version)
        keys = [TrustedKey(bytes.fromhex(r.kid), r.station_id, r.public_key,
                           int(datetime.fromisoformat(r.created_at.replace("Z", "+00:00")).timestamp()), None)
                for r in rows]
        blob = sign_trust_list(self.root_key(), version, keys)
        self._change(conn, "trust_list", {"blob": base64.b64encode(blob).decode()})

    def authenticate(self, token: str) -> str:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(t.stations.c.station_id, t.stations.c.revoked)
                               .where(t.stations.c.token_hash == digest(token or ""))).first()
        if row is None:
            raise Unauthorized("Unknown station token.")
        if row.revoked:
            raise Unauthorized("This station's access was withdrawn by the union office.")
        return row.station_id

    def revoke_station(self, station_id: str) -> None:
        with self.writer.begin() as conn:
            done = conn.execute(t.stations.update().where(t.stations.c.station_id == station_id)
                                .values(revoked=True)).rowcount
            if not done:
                raise InvalidInput(f"No station {station_id!r}.")
            self._publish_trust_list(conn)

    def station_public_key(self, station_id: str) -> bytes:
        with self.engine.connect() as conn:
            key = conn.execute(sa.select(t.stations.c.public_key).where(
                t.stations.c.station_id == station_id, t.stations.c.revoked.is_(False))).scalar()
        if key is None:
            raise Unauthorized(f"Station {station_id!r} is not enrolled here.")
        return key

    # -- push -------------------------------------------------------------------------------------

    def acked(self, station_id: str) -> int:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(t.stations.c.acked_seq)
                                .where(t.stations.c.station_id == station_id)).scalar_one()

    def push(self, station_id: str, events: Any) -> int:
        """Apply a batch in one transaction: skip what is here, refuse a gap, return the new ack."""
        batch = check_batch(events)
        with self.writer.begin() as conn:
            acked = conn.execute(sa.select(t.stations.c.acked_seq).where(t.stations.c.station_id == station_id)
                                 .with_for_update()).scalar_one()
            fresh = [e for e in batch if e["seq"] > acked]
            if not fresh:
                return acked
            if fresh[0]["seq"] != acked + 1:
                raise GapError(f"Expected event {acked + 1} next, got {fresh[0]['seq']}.", acked_seq=acked)
            insert_events(conn, station_id, fresh)  # the station's row is locked: no other push races it
            for event in fresh:
                self._derive(conn, station_id, event)
            acked = fresh[-1]["seq"]
            conn.execute(t.stations.update().where(t.stations.c.station_id == station_id).values(acked_seq=acked))
        return acked

    def _derive(self, conn: sa.Connection, station_id: str, event: dict[str, Any]) -> None:
        p, kind = event["payload"], event["type"]
        if kind == "member_registered":
            row = {k: p[k] for k in ("member_id", "phone_hash", "phone_last4", "name", "occupation", "platform",
                                     "union_member")}
            roster_values({**row, "status": "active", "registered_at": event["at"]})
            taken = conn.execute(sa.select(t.members.c.member_id).where(
                t.members.c.phone_hash == p["phone_hash"])).scalar()
            if taken is not None and taken != p["member_id"]:
                row["phone_hash"] = None  # registered twice offline: the first registration keeps the phone
            exists = conn.execute(sa.select(t.members.c.member_id).where(
                t.members.c.member_id == p["member_id"])).scalar()
            if exists is None:
                row.update(status="active", station_id=station_id, registered_at=event["at"])
                conn.execute(t.members.insert().values(**row))
                self._change(conn, "member", {**row, "station_id": station_id})
        elif kind == "handed_out":
            claim = {"event_id": event["id"], "station_id": station_id, "member_id": p["member_id"],
                     "item_id": p["item_id"], "programme": p["programme"], "quantity": p["quantity"],
                     "day": event["day"]}
            conn.execute(t.claims.insert().values(**claim))
            self._flag_overclaim(conn, claim)
            self._change(conn, "claim", {k: claim[k] for k in ("event_id", "station_id", "member_id", "item_id",
                                                                "quantity", "day")})
        elif kind == "handout_voided":
            voided = conn.execute(t.claims.update().where(t.claims.c.event_id == p["handout_id"])
                                  .values(voided=True)).rowcount
            if voided:
                conn.execute(t.overclaims.delete().where(t.overclaims.c.event_id == p["handout_id"]))
                self._change(conn, "claim_void", {"event_id": p["handout_id"]})
        elif kind == "credential_revoked":
            self._revoke(conn, p["subject"], p["issued_before"], p["reason"])

    def _flag_overclaim(self, conn: sa.Connection, claim: dict[str, Any]) -> None:
        """Record, never refuse: a handout that took a rider past a limit across offline stations."""
        item = conn.execute(sa.select(t.catalogue.c.data).where(t.catalogue.c.kind == "item",
                                                                 t.catalogue.c.key == claim["item_id"])).scalar()
        if item is None:
            return
        campaign = conn.execute(sa.select(t.catalogue.c.data).where(
            t.catalogue.c.kind == "campaign", t.catalogue.c.key == item["campaign_id"])).scalar()
        day = date.fromisoformat(claim["day"])
        start = date.fromisoformat(campaign["starts_on"]) if campaign else day
        for period, limit in item.get("limits", {}).items():
            since = window_start(period, day, start).isoformat()
            total = conn.execute(sa.select(sa.func.coalesce(sa.func.sum(t.claims.c.quantity), 0)).where(
                t.claims.c.member_id == claim["member_id"], t.claims.c.item_id == claim["item_id"],
                t.claims.c.voided.is_(False), t.claims.c.day >= since,
                t.claims.c.day <= claim["day"])).scalar_one()
            if total > limit:
                conn.execute(t.overclaims.insert().values(
                    event_id=claim["event_id"], station_id=claim["station_id"], member_id=claim["member_id"],
                    item_id=claim["item_id"], period=period, limit_value=limit, total=total, day=claim["day"]))
                return

    def _revoke(self, conn: sa.Connection, subject: str, issued_before: int, reason: str) -> None:
        current = conn.execute(sa.select(t.revocations.c.issued_before)
                               .where(t.revocations.c.subject == subject)).scalar()
        if current is None:
            conn.execute(t.revocations.insert().values(subject=subject, issued_before=issued_before,
                                                       reason=reason[:200]))
        elif issued_before > current:
            conn.execute(t.revocations.update().where(t.revocations.c.subject == subject)
                         .values(issued_before=issued_before, reason=reason[:200]))
        else:
            return
        version = self._setting(conn, "revocation_version", lambda: 0) + 1
        self._set(conn, "revocation_version", version)
        entries = [(r.subject, r.issued_before, r.reason) for r in conn.execute(sa.select(t.revocations))]
        blob = sign_revocations(self.root_key(), version, entries)
        self._change(conn, "revocations", {"blob": base64.b64encode(blob).decode()})

    # -- pull -------------------------------------------------------------------------------------

    def _change(self, conn: sa.Connection, kind: str, data: dict[str, Any], station_id: str | None = None) -> None:
        conn.execute(t.changes.insert().values(kind=kind, data=data, station_id=station_id))

    def pull(self, station_id: str, after: int, limit: int = 1000) -> dict[str, Any]:
        """Changes for this station after its cursor, oldest first, at most ``limit``."""
        return json.loads(self.pull_json(station_id, after, limit))

    def pull_json(self, station_id: str, after: int, limit: int = 1000, **extra: Any) -> str:
        """``pull`` as the JSON text sent to stations, with ``extra`` fields at the top level.

        The stored JSON text of each change goes out as it is: decoding a million roster rows only to
        encode them again was most of the hub's time in a station's first pull.
        """
        if type(after) is not int or after < 0 or type(limit) is not int or not 1 <= limit <= MAX_PULL_CHANGES:
            raise InvalidInput(f"Pull takes a cursor of 0 or more and a limit of 1 to {MAX_PULL_CHANGES}.")
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(t.changes.c.change_id, t.changes.c.kind, sa.cast(t.changes.c.data, sa.Text))
                # coalesce() keeps the planner on the primary key range: with "station_id IS NULL OR ..."
                # it chose the station_id index and read the whole feed for every page.
                .where(t.changes.c.change_id > after,
                       sa.func.coalesce(t.changes.c.station_id, station_id) == station_id)
                .order_by(t.changes.c.change_id).limit(limit + 1)).all()
        more = len(rows) > limit
        rows = rows[:limit]
        # Kinds are the hub's own constants; a station is not sent back its own claims.
        changes = ",".join(f'{{"id":{change_id},"kind":"{kind}","data":{data}}}' for change_id, kind, data in rows
                           if not (kind == "claim" and json.loads(data).get("station_id") == station_id))
        head = json.dumps({"next": rows[-1].change_id if rows else after, "more": more,
                           "protocol": PROTOCOL_VERSION, **extra})
        return f'{head[:-1]},"changes":[{changes}]}}'

    # -- administration ---------------------------------------------------------------------------

    def set_catalogue(self, campaigns: Iterable[dict[str, Any]], items: Iterable[dict[str, Any]]) -> None:
        campaigns, items = list(campaigns), list(items)
        for c in campaigns:
            check_campaign(c)
        for i in items:
            check_item(i)
        with self.writer.begin() as conn:
            for kind, key, rows in (("campaign", "campaign_id", campaigns), ("item", "item_id", items)):
                for row in rows:
                    conn.execute(t.catalogue.delete().where(t.catalogue.c.kind == kind,
                                                            t.catalogue.c.key == row[key]))
                    conn.execute(t.catalogue.insert().values(kind=kind, key=row[key], data=row))
            self._change(conn, "catalogue", {"campaigns": campaigns, "items": items})

    def allocate(self, station_id: str, item_id: str, quantity: int, codes: list[str] | None = None) -> None:
        """Send stock to a station; it arrives there as a stock receipt when the station pulls."""
        codes = list(codes or [])
        if codes:
            quantity = len(codes)
        if type(quantity) is not int or quantity < 1:
            raise InvalidInput("An allocation is 1 unit or more.")
        with self.writer.begin() as conn:
            if conn.execute(sa.select(t.stations.c.station_id).where(t.stations.c.station_id == station_id)
                            ).scalar() is None:
                raise InvalidInput(f"No station {station_id!r}.")
            if conn.execute(sa.select(t.catalogue.c.key).where(t.catalogue.c.kind == "item",
                                                               t.catalogue.c.key == item_id)).scalar() is None:
                raise InvalidInput(f"No item {item_id!r} in the catalogue.")
            self._change(conn, "allocation", {"allocation_id": short_id(10), "item_id": item_id,
                                              "quantity": quantity, "codes": codes}, station_id=station_id)

    def add_attendant(self, attendant_id: str, name: str, role: str, pin: str, station_id: str | None = None) -> None:
        if role not in ROLES:
            raise InvalidInput(f"Role must be one of {', '.join(ROLES)}.")
        row = {"attendant_id": attendant_id, "name": name, "role": role, "pin_hash": hash_pin(pin)}
        with self.writer.begin() as conn:
            conn.execute(t.attendants.delete().where(t.attendants.c.attendant_id == attendant_id))
            conn.execute(t.attendants.insert().values(**row, station_id=station_id))
            self._change(conn, "attendant", row, station_id=station_id)

    def import_roster(self, riders: list[dict[str, Any]]) -> int:
        """Add riders (phone in clear, hashed here with the union's key); all rows or none."""
        rows, seen = [], set()
        for number, rider in enumerate(riders, start=2):
            try:
                phone = normalize_phone(str(rider.get("phone", "")))
                name = clean_name(str(rider.get("name", "")))
                occupation = str(rider.get("occupation", "")).strip()
                if occupation not in OCCUPATIONS:
                    raise InvalidInput(f"occupation must be one of {', '.join(OCCUPATIONS)}")
                flag = str(rider.get("union_member", "")).strip().lower()
                if flag not in ("1", "0", "true", "false", "yes", "no", "是", "否", ""):
                    raise InvalidInput("union_member must be yes or no")
            except InvalidInput as exc:
                raise InvalidInput(f"Row {number}: {exc.message}") from exc
            if phone in seen:
                raise InvalidInput(f"Row {number}: the same phone appears twice.")
            seen.add(phone)
            rows.append({"member_id": new_member_id(), "phone_hash": hash_phone(self.phone_key(), phone),
                         "phone_last4": phone[-4:],
                         "name": name, "occupation": occupation, "platform": str(rider.get("platform") or "")[:40],
                         "union_member": flag in ("1", "true", "yes", "是"), "status": "active",
                         "station_id": None, "registered_at": now_iso()})
        with self.writer.begin() as conn:
            known = {r[0] for r in conn.execute(sa.select(t.members.c.phone_hash).where(
                t.members.c.phone_hash.in_([r["phone_hash"] for r in rows])))}
            fresh = [r for r in rows if r["phone_hash"] not in known]
            if fresh:
                conn.execute(t.members.insert(), fresh)
                conn.execute(t.changes.insert(), [{"kind": "member", "data": r, "station_id": None} for r in fresh])
        return len(fresh)

    def require_admin(self, station_id: str | None) -> None:
        if station_id is not None:
            raise NotPermitted("Stations may not call the union office's administration.")

    # -- reports ----------------------------------------------------------------------------------

    def report(self, by: str = "station") -> list[dict[str, Any]]:
        """Person-times, unique riders, items handed out and over-claims, grouped as asked."""
        if by not in ("station", "programme", "month"):
            raise InvalidInput("A report is by station, programme or month.")
        with self.engine.connect() as conn:
            checkins = conn.execute(sa.select(t.events.c.station_id, t.events.c.day,
                                              t.events.c.payload).where(t.events.c.type == "checked_in")).all()
            claims = conn.execute(sa.select(t.claims).where(t.claims.c.voided.is_(False))).all()
            over = conn.execute(sa.select(t.overclaims)).all()
            names = dict(conn.execute(sa.select(t.stations.c.station_id, t.stations.c.name)).all())

        def key(station_id: str, day: str, programme: str) -> str:
            return {"station": station_id, "programme": programme, "month": day[:7]}[by]

        groups: dict[str, dict[str, Any]] = {}

        def group(k: str) -> dict[str, Any]:
            return groups.setdefault(k, {"person_times": 0, "riders": set(), "items": 0, "overclaims": 0})

        for row in checkins:
            g = group(key(row.station_id, row.day, "station_visits"))
            g["person_times"] += 1
            g["riders"].add(row.payload["member_id"])
        for row in claims:
            g = group(key(row.station_id, row.day, row.programme))
            g["person_times"] += 1
            g["riders"].add(row.member_id)
            g["items"] += row.quantity
        claim_programme = {c.event_id: c.programme for c in claims}
        for row in over:
            group(key(row.station_id, row.day, claim_programme.get(row.event_id, "")))["overclaims"] += 1
        result = []
        for k in sorted(groups):
            g = groups[k]
            label = {by: k}
            if by == "station":
                label["station_name"] = names.get(k, "")
            result.append({**label, "person_times": g["person_times"], "unique_riders": len(g["riders"]),
                           "items_handed_out": g["items"], "overclaims": g["overclaims"]})
        return result
