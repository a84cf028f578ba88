"""Stations at the hub: adding one, enrolment by one-time code, tokens, the signed trust list of their keys."""

from __future__ import annotations

import base64
import hashlib
import secrets
import time
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from cryptography.hazmat.primitives import serialization

from kiosk.base.errors import InvalidInput, KioskError
from kiosk.base.ids import short_id
from kiosk.credentials.boxes import public_raw
from kiosk.credentials.keys import key_id, public_from_raw
from kiosk.credentials.trust import TrustedKey, sign_trust_list
from kiosk.hub import schema as t
from kiosk.hub.database import now_iso
from kiosk.hub.signups import Signups
from kiosk.sync.protocol import PROTOCOL_VERSION


class Unauthorized(KioskError):
    code = "unauthorized"


ENROL_CODE_HOURS = 72


def _age_s(iso_time: str) -> float:
    return time.time() - datetime.fromisoformat(iso_time.replace("Z", "+00:00")).timestamp()


def _raw32(hex_text: str | None) -> bytes | None:
    try:
        raw = bytes.fromhex(hex_text or "")
    except (TypeError, ValueError):
        return None
    return raw if len(raw) == 32 else None


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class Stations(Signups):  # a new or moved station is offered the sign-ups that run there
    def add_station(self, name: str, district: str | None = None, actor: str = "kiosk-hub") -> tuple[str, str]:
        """A new station and its one-time enrolment code (only its hash is kept)."""
        name = (name or "").strip()
        if not 1 <= len(name) <= 120:
            raise InvalidInput("A station name is 1 to 120 characters.", field="name")
        district = (district or "").strip() or None
        if district is not None and len(district) > 40:
            raise InvalidInput("A district name is at most 40 characters.", field="district")
        station_id = "ST-" + short_id(8)
        code = "-".join(secrets.token_hex(2).upper() for _ in range(6))  # 96 bits
        with self.writer.begin() as conn:
            conn.execute(t.stations.insert().values(station_id=station_id, name=name, enrol_code_hash=digest(code),
                                                    district=district, created_at=now_iso()))
            self.offer_programmes(conn, station_id)
            self._audit(conn, actor, "station.add", station_id, None, {"name": name, "district": district})
        return station_id, code

    def enrol(self, code: str, public_key_hex: str, box_key_hex: str | None = None) -> dict[str, Any]:
        """Trade a one-time code and the station's public keys (signing; sealing, for USB replies) for its
        id, token, the root key and the office's sealing key."""
        public, box = _raw32(public_key_hex), _raw32(box_key_hex) if box_key_hex else None
        if public is None or (box_key_hex and box is None):
            raise InvalidInput("The station's public keys must be 32 bytes each, in hex.")
        root = self.root_key()
        token = secrets.token_urlsafe(32)
        wrong = Unauthorized("This enrolment code is wrong, expired or was already used.")
        with self.engine.connect() as conn:  # a wrong guess never takes the write lock
            if conn.execute(sa.select(t.stations.c.station_id).where(
                    t.stations.c.enrol_code_hash == digest(code or ""))).first() is None:
                raise wrong
        with self.writer.begin() as conn:
            row = conn.execute(
                sa.select(t.stations).where(t.stations.c.enrol_code_hash == digest(code or ""),
                                            t.stations.c.token_hash.is_(None)).with_for_update()
            ).first()
            if row is None or _age_s(row.created_at) > ENROL_CODE_HOURS * 3600:
                raise wrong
            if conn.execute(sa.select(t.stations.c.station_id).where(t.stations.c.public_key == public)).first():
                raise InvalidInput("This public key belongs to another station: each station makes its own.")
            kid = key_id(public_from_raw(public)).hex()
            conn.execute(t.stations.update().where(t.stations.c.station_id == row.station_id).values(
                token_hash=digest(token), public_key=public, kid=kid, enrolled_at=now_iso(), enrol_code_hash=None,
                box_public_key=box))
            self._publish_trust_list(conn)
        return {"station_id": row.station_id, "name": row.name, "token": token,
                "root_public_key": root.public_key().public_bytes(serialization.Encoding.Raw,
                                                                  serialization.PublicFormat.Raw).hex(),
                "phone_key": self.phone_key(), "protocol": PROTOCOL_VERSION,
                "box_key": public_raw(self.box_key()).hex()}

    def _publish_trust_list(self, conn: sa.Connection) -> None:
        """Every station key, a revoked station's valid only for what it signed before its revocation."""
        rows = conn.execute(sa.select(t.stations).where(t.stations.c.public_key.is_not(None))).all()
        version = self._setting(conn, "trust_version", lambda: 0) + 1
        self._set(conn, "trust_version", version)
        keys = [TrustedKey(bytes.fromhex(r.kid), r.station_id, r.public_key,
                           int(datetime.fromisoformat(r.created_at.replace("Z", "+00:00")).timestamp()),
                           r.revoked_at if r.revoked else None)
                for r in rows]
        blob = sign_trust_list(self.root_key(), version, keys)
        self._replace_change(conn, "trust_list", {"blob": base64.b64encode(blob).decode()})

    def authenticate(self, token: str) -> str:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(t.stations.c.station_id, t.stations.c.revoked)
                               .where(t.stations.c.token_hash == digest(token or ""))).first()
        if row is None:
            raise Unauthorized("Unknown station token.")
        if row.revoked:
            raise Unauthorized("This station's access was withdrawn by the union office.")
        return row.station_id

    def revoke_station(self, station_id: str, actor: str = "kiosk-hub") -> None:
        """A stolen or retired station: its token stops at once and its key signs nothing valid from now
        (the cards it printed before keep working)."""
        with self.writer.begin() as conn:
            done = conn.execute(t.stations.update().where(t.stations.c.station_id == station_id,
                                                          t.stations.c.revoked.is_(False))
                                .values(revoked=True, revoked_at=int(time.time()))).rowcount
            if not done:
                raise InvalidInput(f"No station {station_id!r} that is not revoked already.")
            self._publish_trust_list(conn)
            self._audit(conn, actor, "station.revoke", station_id, {"revoked": False}, {"revoked": True})

    def rotate_token(self, station_id: str, actor: str = "kiosk-hub") -> str:
        """A new token for a station (the old one stops working); the technician enters it at the station."""
        token = secrets.token_urlsafe(32)
        with self.writer.begin() as conn:
            done = conn.execute(t.stations.update().where(t.stations.c.station_id == station_id,
                                                          t.stations.c.token_hash.is_not(None),
                                                          t.stations.c.revoked.is_(False))
                                .values(token_hash=digest(token))).rowcount
            if done:
                self._audit(conn, actor, "station.rotate_token", station_id)
        if not done:
            raise InvalidInput(f"No enrolled, unrevoked station {station_id!r}.")
        return token

    def change_station(self, station_id: str, name: str, district: str | None, actor: str = "kiosk-hub") -> None:
        """Rename a station or move it to another district; a new name reaches its screens at its next sync."""
        name = " ".join((name or "").split())
        if not 1 <= len(name) <= 40:
            raise InvalidInput("A station name is 1 to 40 characters.", field="name")
        district = (district or "").strip() or None
        if district is not None and len(district) > 40:
            raise InvalidInput("A district name is at most 40 characters.", field="district")
        with self.writer.begin() as conn:
            before = conn.execute(sa.select(t.stations.c.name, t.stations.c.district)
                                  .where(t.stations.c.station_id == station_id)).first()
            if before is None:
                raise InvalidInput(f"No station {station_id!r}.")
            conn.execute(t.stations.update().where(t.stations.c.station_id == station_id)
                         .values(name=name, district=district))
            if name != before.name:
                self._change(conn, "station_name", {"name": name}, station_id=station_id)
            if district != before.district:
                # Campaigns that run in some districts only are sent again: the feed says which run here now.
                targeted = [d for d in conn.execute(sa.select(t.catalogue.c.data).where(
                    t.catalogue.c.kind == "campaign")).scalars() if d.get("districts")]
                if targeted:
                    self._change(conn, "catalogue", {"campaigns": targeted, "items": []}, station_id=station_id)
                self.offer_programmes(conn, station_id)
            self._audit(conn, actor, "station.change", station_id, dict(before._mapping),
                        {"name": name, "district": district})

    def record_health(self, station_id: str, health: Any) -> None:
        """What a station says of itself at each sync, for the office's station list (shown, never acted on)."""
        fields = {"app_version": str, "pending_events": int, "clock_offset_s": (int, float), "disk_free_mb": int,
                  "last_error": str, "stock": dict}
        if not isinstance(health, dict) or set(health) - set(fields) or any(
                not isinstance(v, fields[k]) or isinstance(v, bool) for k, v in health.items()):
            raise InvalidInput("A station's health is a small object of known fields.")
        stock = health.get("stock", {})
        if len(stock) > 500 or any(not isinstance(k, str) or len(k) > 40 or type(v) is not int
                                   for k, v in stock.items()):
            raise InvalidInput("A station's stock report names items and whole numbers.")
        health = {**health, "app_version": health.get("app_version", "")[:20],
                  "last_error": health.get("last_error", "")[:300]}
        with self.writer.begin() as conn:
            conn.execute(t.stations.update().where(t.stations.c.station_id == station_id)
                         .values(health=health, last_seen_at=now_iso()))

    def list_stations(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(t.stations.c.station_id, t.stations.c.name, t.stations.c.kid,
                                          t.stations.c.acked_seq, t.stations.c.enrolled_at, t.stations.c.revoked,
                                          t.stations.c.district, t.stations.c.last_seen_at, t.stations.c.health)
                                .order_by(t.stations.c.created_at)).all()
            urgent = dict(conn.execute(  # urgent help requests made there that nobody has taken up yet
                sa.select(t.help_requests.c.station_id, sa.func.count())
                .where(t.help_requests.c.urgent, t.help_requests.c.status == "new")
                .group_by(t.help_requests.c.station_id)).all())
        return [{**r._mapping, "state": "revoked" if r.revoked else ("enrolled" if r.enrolled_at else "waiting"),
                 "urgent_help": urgent.get(r.station_id, 0)} for r in rows]
