"""A rider's own data at the hub: a copy on request, and deletion that reaches every station (PIPL)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from kiosk.base.errors import InvalidInput
from kiosk.core.members import OCCUPATIONS, clean_name, hash_phone
from kiosk.core.retention import ANONYMOUS, FORGETS, RETENTION_MONTHS, cutoff
from kiosk.hub import rollups
from kiosk.hub import schema as t
from kiosk.hub.database import HubDatabase

# What a deleted rider's registration keeps: figures, nothing that names or reaches the person.
KEPT_ON_DELETION = ("member_id", "occupation", "union_member")


class Riders(HubDatabase):
    def find_rider(self, member_id: str = "", phone: str = "") -> str:
        """The hub's id of a rider named by member id (or an alias of it) or by phone."""
        with self.engine.connect() as conn:
            if phone:
                found = conn.execute(sa.select(t.members.c.member_id).where(
                    t.members.c.phone_hash == hash_phone(self.phone_key(), phone))).scalar()
            else:
                found = conn.execute(sa.select(t.members.c.member_id).where(
                    t.members.c.member_id == member_id)).scalar() or conn.execute(
                    sa.select(t.member_aliases.c.member_id).where(t.member_aliases.c.alias_id == member_id)).scalar()
        if found is None:
            raise InvalidInput("No such rider at the union office.")
        return found

    def search_riders(self, query: str, limit: int = 50) -> list[dict[str, Any]]:
        """Riders by member id, by phone (looked up by its hash: the hub holds no phone numbers) or by the
        start of their name."""
        query = (query or "").strip()
        if not query:
            return []
        if query.isdigit() and len(query) == 11:
            try:
                ids = [self.find_rider(phone=query)]
            except InvalidInput:
                ids = []
            where = t.members.c.member_id.in_(ids)
        else:
            where = sa.or_(t.members.c.member_id == query.upper(),
                           t.members.c.name.like(query.replace("%", "").replace("_", "") + "%"))
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(t.members.c.member_id, t.members.c.name, t.members.c.occupation,
                                          t.members.c.platform, t.members.c.union_member, t.members.c.status,
                                          t.members.c.registered_at)
                                .where(where, t.members.c.status != "deleted")
                                .order_by(t.members.c.name, t.members.c.member_id).limit(limit)).all()
        return [dict(r._mapping) for r in rows]

    def correct_rider(self, member_id: str, name: str, occupation: str, platform: str, union_member: bool,
                      actor: str = "kiosk-hub") -> None:
        """Correct a rider's details (a misspelt name, a new job, joining the union); stations take the
        corrected row at their next sync."""
        name = clean_name(name)
        if occupation not in OCCUPATIONS:
            raise InvalidInput("Choose an occupation.", field="occupation")
        platform = (platform or "").strip()[:40]
        with self.writer.begin() as conn:
            row = conn.execute(sa.select(t.members).where(t.members.c.member_id == member_id,
                                                           t.members.c.status != "deleted")).first()
            if row is None:
                raise InvalidInput("No such rider at the union office.")
            before = {k: row._mapping[k] for k in ("name", "occupation", "platform", "union_member")}
            after = {"name": name, "occupation": occupation, "platform": platform, "union_member": bool(union_member)}
            if before == after:
                return
            conn.execute(t.members.update().where(t.members.c.member_id == member_id).values(**after))
            self._change(conn, "member", {**dict(row._mapping), **after})
            self._audit(conn, actor, "rider.correct", member_id, before, after)

    def _ids(self, conn: sa.Connection, member_id: str) -> list[str]:
        aliases = conn.execute(sa.select(t.member_aliases.c.alias_id)
                               .where(t.member_aliases.c.member_id == member_id)).scalars().all()
        return [member_id, *aliases]

    def export_rider(self, member_id: str, actor: str | None = None) -> dict[str, Any]:
        """Everything the union holds about one rider, as a copy to hand them (an operator's copy is
        in the audit log)."""
        if actor is not None:
            with self.writer.begin() as conn:
                self._audit(conn, actor, "rider.export", member_id)
        with self.engine.connect() as conn:
            ids = self._ids(conn, member_id)
            row = conn.execute(sa.select(t.members).where(t.members.c.member_id == member_id)).one()
            mine = conn.execute(sa.select(t.events.c.station_id, t.events.c.type, t.events.c.at,
                                          t.events.c.payload).where(
                t.events.c.type.in_(("checked_in", "handed_out", "activity_signed_in")),
                t.events.c.payload["member_id"].as_string().in_(ids)).order_by(t.events.c.at)).all()
            revoked = conn.execute(sa.select(t.revocations.c.issued_before)
                                   .where(t.revocations.c.subject.in_(ids))).scalars().all()
        member = {k: v for k, v in row._mapping.items() if k not in ("phone_hash", "phone_last4")}
        return {"member": member, "also_registered_as": ids[1:],
                "visits": [{"station_id": e.station_id, "at": e.at, "purpose": e.payload["purpose"]}
                           for e in mine if e.type == "checked_in"],
                "items_received": [{"station_id": e.station_id, "at": e.at, "item_id": e.payload["item_id"],
                                    "quantity": e.payload["quantity"]} for e in mine if e.type == "handed_out"],
                "activities": [{"station_id": e.station_id, "at": e.at} for e in mine
                               if e.type == "activity_signed_in"],
                "cards_cancelled_before": max(revoked) if revoked else None}

    def delete_rider(self, member_id: str, actor: str = "kiosk-hub") -> int:
        """Forget a rider: name, platform and phone hash go, at the hub and (through the feed) at every
        station; visits and handouts stay as figures under an id that names no one. Returns the ids."""
        with self.writer.begin() as conn:
            ids = self._ids(conn, member_id)
            conn.execute(t.members.update().where(t.members.c.member_id == member_id).values(
                name="", platform="", phone_hash=None, phone_last4="", status="deleted"))
            for event_id, payload in conn.execute(sa.select(t.events.c.event_id, t.events.c.payload).where(
                    t.events.c.type == "member_registered",
                    t.events.c.payload["member_id"].as_string().in_(ids))).all():
                conn.execute(t.events.update().where(t.events.c.event_id == event_id).values(
                    payload={k: payload[k] for k in KEPT_ON_DELETION if k in payload}))
            # A tombstone tells stations to forget too; then the feed's copies of the rider's row leave it
            # (in that order: on SQLite a deleted last id would be given again, unseen by stations past it).
            for forgotten in ids:
                self._change(conn, "member_deleted", {"member_id": forgotten})
            conn.execute(t.changes.delete().where(t.changes.c.kind == "member",
                                                  t.changes.c.data["member_id"].as_string().in_(ids)))
            self._audit(conn, actor, "rider.delete", member_id, None, {"ids": len(ids)})
        return len(ids)

    def forget_old_links(self, months: int = RETENTION_MONTHS) -> int:
        """Retention at the office: visits and handouts older than ``months`` keep their counts in every
        report but no longer name the rider. Returns how many events were unlinked."""
        day = cutoff(datetime.now(UTC).date(), months).isoformat()
        unlinked = 0
        with self.writer.begin() as conn:
            rows = conn.execute(sa.select(t.events.c.event_id, t.events.c.payload).where(
                t.events.c.type.in_(FORGETS), t.events.c.day < day,
                t.events.c.payload["member_id"].as_string() != ANONYMOUS)).all()
            for event_id, payload in rows:
                conn.execute(t.events.update().where(t.events.c.event_id == event_id)
                             .values(payload={**payload, "member_id": ANONYMOUS}))
                unlinked += 1
            for table in (t.claims, t.overclaims):
                conn.execute(table.update().where(table.c.day < day).values(member_id=ANONYMOUS))
            rollups.forget_riders_before(conn, day)
        return unlinked
