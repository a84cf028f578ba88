"""Stations at the hub: adding one, enrolment by one-time code, tokens, the signed trust list of their keys."""

from __future__ import annotations

import base64
import hashlib
import secrets
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from cryptography.hazmat.primitives import serialization

from kiosk.base.errors import InvalidInput, KioskError
from kiosk.base.ids import short_id
from kiosk.credentials.keys import key_id, public_from_raw
from kiosk.credentials.trust import TrustedKey, sign_trust_list
from kiosk.hub import schema as t
from kiosk.hub.database import HubDatabase, now_iso
from kiosk.sync.protocol import PROTOCOL_VERSION


class Unauthorized(KioskError):
    code = "unauthorized"


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class Stations(HubDatabase):
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
