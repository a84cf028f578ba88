"""Taking pushed events: exactly once per station sequence, with what the hub derives from them."""

from __future__ import annotations

import base64
from datetime import date
from typing import Any

import sqlalchemy as sa

from kiosk.base.errors import KioskError
from kiosk.core.entitlements import window_start
from kiosk.core.members import roster_values
from kiosk.credentials.trust import sign_revocations
from kiosk.hub import schema as t
from kiosk.hub.database import HubDatabase, insert_events
from kiosk.sync.protocol import check_batch


class GapError(KioskError):
    code = "gap"


class Ingest(HubDatabase):
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
