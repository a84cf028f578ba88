"""Taking pushed events: exactly once per station sequence, with what the hub derives from them."""

from __future__ import annotations

import base64
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from kiosk.base.errors import InvalidInput, KioskError
from kiosk.core.entitlements import window_start
from kiosk.core.handouts import MAX_PER_HANDOUT as MAX_QUANTITY
from kiosk.core.members import roster_values
from kiosk.credentials.trust import sign_revocations
from kiosk.hub import rollups
from kiosk.hub import schema as t
from kiosk.hub.database import insert_events, now_iso
from kiosk.hub.help import categories_in
from kiosk.hub.signups import Signups
from kiosk.sync.protocol import check_batch

# How far a station's clock may run ahead of the hub's before what it says happened is not believed.
SKEW_S = 300
# A station that cancels more cards than this in a day is asked about the rest (a stolen one, a bug).
MAX_REVOCATIONS_PER_DAY = 50


class GapError(KioskError):
    code = "gap"


@dataclass
class _Known:
    days: tuple[str, str]  # the first and last day a station's events may fall on
    riders: dict[str, str]  # a rider id the push names -> the hub's id for that rider (aliases resolved)
    items: dict[str, str]  # item -> its campaign
    district: str  # the station's, for the figures
    facts: list[rollups.Fact]  # what the figures count from this push
    voided: list[str]  # handouts this push voided
    help_categories: set[str]  # every category the office ever offered (read only for a push with requests)


class Ingest(Signups):  # a sign-up's outcome is decided as it arrives
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
            known = self._known(conn, station_id, fresh)
            revoked = False
            for event in fresh:
                # Every event is kept (the log is the station's), but the hub acts only on what this
                # station may say; the rest waits for the office as an incident.
                doubt = self._doubt(conn, station_id, event, known)
                if doubt is None:
                    revoked |= self._derive(conn, station_id, event, known)
                else:
                    self._incident(conn, station_id, *doubt, event)
            if revoked:  # one signed list per push, however many revocations it carried
                self._publish_revocations(conn)
            self._roll_up(conn, known)
            acked = fresh[-1]["seq"]
            conn.execute(t.stations.update().where(t.stations.c.station_id == station_id).values(acked_seq=acked))
        return acked

    def _known(self, conn: sa.Connection, station_id: str, events: list[dict[str, Any]]) -> _Known:
        """What a push's checks need, read once: the days its events may fall on (the day before the
        station's enrolment to tomorrow), the riders it names, the catalogue's items."""
        enrolled = conn.execute(sa.select(t.stations.c.enrolled_at, t.stations.c.created_at, t.stations.c.district)
                                .where(t.stations.c.station_id == station_id)).one()
        first = date.fromisoformat((enrolled.enrolled_at or enrolled.created_at)[:10]) - timedelta(days=1)
        named = list({m for e in events if isinstance(m := e["payload"].get("member_id"), str)})
        riders = {m: m for m in conn.execute(sa.select(t.members.c.member_id)
                                             .where(t.members.c.member_id.in_(named))).scalars()}
        riders.update({alias: member for alias, member in conn.execute(
            sa.select(t.member_aliases.c.alias_id, t.member_aliases.c.member_id)
            .where(t.member_aliases.c.alias_id.in_(named)))})
        asks = any(e["type"] == "help_requested" for e in events)
        return _Known((first.isoformat(), (datetime.now(UTC).date() + timedelta(days=1)).isoformat()), riders,
                      rollups.item_campaigns(conn), enrolled.district or "", [], [],
                      {c["key"] for c in categories_in(conn)} if asks else set())

    def _roll_up(self, conn: sa.Connection, known: _Known) -> None:
        """The push's figures into the rollups; a voided handout's counts out, and its rider's groups for
        that year worked out again from the claims that stand."""
        rollups.store(conn, known.facts)
        if not known.voided:
            return
        districts = dict(conn.execute(sa.select(t.stations.c.station_id, t.stations.c.district)).all())
        for event_id in known.voided:
            claim = conn.execute(sa.select(t.claims).where(t.claims.c.event_id == event_id)).one()._mapping
            rollups.store(conn, [rollups.claim_fact(claim, known.district, known.items)], sign=-1)
            year = claim["day"][:4]
            standing = conn.execute(sa.select(t.claims).where(
                t.claims.c.member_id == claim["member_id"], t.claims.c.voided.is_(False),
                t.claims.c.day.between(f"{year}-01-01", f"{year}-12-31"))).all()
            rollups.refresh_handout_riders(conn, claim["member_id"], claim["day"], [
                rollups.claim_fact(c._mapping, districts.get(c.station_id) or "", known.items) for c in standing])

    def _doubt(self, conn: sa.Connection, station_id: str, event: dict[str, Any],
               known: _Known) -> tuple[str, str] | None:
        """(incident kind, reason) if the hub should not act on this event from this station."""
        p, kind = event["payload"], event["type"]
        if kind == "event_set_aside":
            return "event_set_aside", f"the station set aside its {p['type']} event: {p['reason']}"
        if kind == "change_set_aside":
            return "change_set_aside", (f"the station could not take change {p['change_id']} ({p['kind']}): "
                                        f"{p['reason']}")
        first, last = known.days
        if not first <= event["day"] <= last:
            return "event_set_aside", f"day {event['day']} is outside {first}..{last}"
        if kind == "member_registered":
            try:
                roster_values({**p, "status": "active", "registered_at": event["at"]})
            except KioskError as exc:
                return "event_set_aside", exc.message
        elif kind in ("checked_in", "handed_out", "activity_signed_in", "signed_up", "signup_attended") and \
                p["member_id"] not in known.riders:
            return "event_set_aside", f"unknown rider {p['member_id']}"
        if kind == "handed_out":
            if not 1 <= p["quantity"] <= MAX_QUANTITY:
                return "event_set_aside", f"quantity {p['quantity']} is not 1..{MAX_QUANTITY}"
            if p["item_id"] not in known.items:
                return "event_set_aside", f"unknown item {p['item_id']}"
        elif kind == "handout_voided":
            owner = conn.execute(sa.select(t.claims.c.station_id)
                                 .where(t.claims.c.event_id == p["handout_id"])).scalar()
            if owner != station_id:
                return "event_set_aside", "a void of a claim this station did not record"
        elif kind == "help_requested":
            if p["category"] not in known.help_categories or p["contact"] not in ("call", "in_person"):
                return "event_set_aside", "a help request of an unknown category or contact"
            if conn.execute(sa.select(t.help_requests.c.request_id).where(
                    t.help_requests.c.request_id == p["request_id"])).first():
                return "event_set_aside", "a help request whose number is already taken"
        elif kind in ("signed_up", "signup_attended") and (
                why := self.signup_doubt(conn, kind, p, known.riders[p["member_id"]])):
            return "event_set_aside", why
        elif kind == "credential_revoked":
            if not 0 <= p["issued_before"] <= time.time() + SKEW_S:
                return "event_set_aside", "a revocation cut-off in the future"
            if not self._issued_here(conn, station_id, p["subject"]):
                return "revocation_request", "the rider's codes were issued elsewhere: the office decides"
            if self._revocations_today(conn, station_id, event) > MAX_REVOCATIONS_PER_DAY:
                return "revocation_request", f"more than {MAX_REVOCATIONS_PER_DAY} revocations in a day"
        return None

    def _revocations_today(self, conn: sa.Connection, station_id: str, event: dict[str, Any]) -> int:
        """This station's revocations on the event's day, up to and including it."""
        return conn.execute(sa.select(sa.func.count()).select_from(t.events).where(
            t.events.c.station_id == station_id, t.events.c.type == "credential_revoked",
            t.events.c.day == event["day"], t.events.c.seq <= event["seq"])).scalar_one()

    def _issued_here(self, conn: sa.Connection, station_id: str, subject: str) -> bool:
        """Whether a station issued codes to a rider or registered them (then it may revoke their codes)."""
        return bool(
            conn.execute(sa.select(t.issued_codes.c.subject).where(t.issued_codes.c.station_id == station_id,
                                                                   t.issued_codes.c.subject == subject)).scalar()
            or conn.execute(sa.select(t.members.c.member_id).where(t.members.c.member_id == subject,
                                                                   t.members.c.station_id == station_id)).scalar()
            or conn.execute(sa.select(t.member_aliases.c.alias_id).where(
                t.member_aliases.c.alias_id == subject, t.member_aliases.c.station_id == station_id)).scalar())

    def _incident(self, conn: sa.Connection, station_id: str, kind: str, reason: str, event: dict[str, Any]) -> None:
        conn.execute(t.incidents.insert().values(station_id=station_id, kind=kind, event_id=event["id"],
                                                 reason=reason[:300], data=event, at=now_iso()))

    def _derive(self, conn: sa.Connection, station_id: str, event: dict[str, Any], known: _Known) -> bool:
        """Act on an event; True if it changed the revocation list (published once per push)."""
        p, kind = event["payload"], event["type"]
        fact = {"station_id": station_id, "district": known.district, "day": event["day"]}
        if kind == "checked_in":
            known.facts.append(rollups.Fact("visit", member_id=known.riders[p["member_id"]],
                                            key=p.get("purpose", ""), **fact))
        elif kind == "activity_signed_in":
            known.facts.append(rollups.Fact("activity", member_id=known.riders[p["member_id"]], **fact))
        elif kind == "member_registered":
            known.facts.append(rollups.Fact("registration", member_id=p["member_id"],
                                            union_member=bool(p.get("union_member")), **fact))
        if kind == "member_registered":
            if p["member_id"] in known.riders:
                return False
            taken = conn.execute(sa.select(t.members.c.member_id).where(
                t.members.c.phone_hash == p["phone_hash"])).scalar()
            if taken is not None:
                # One phone registered at two stations offline (or already on the roster): one rider, the
                # later id an alias of the first; both stations' events are kept and count for that rider.
                conn.execute(t.member_aliases.insert().values(alias_id=p["member_id"], member_id=taken,
                                                              station_id=station_id))
                known.riders[p["member_id"]] = taken
                return False
            row = {k: p[k] for k in ("member_id", "phone_hash", "name", "occupation", "platform", "union_member")}
            row["phone_last4"] = ""  # not kept: with the hash it would narrow a guess ten thousand times
            row.update(status="active", station_id=station_id, registered_at=event["at"])
            conn.execute(t.members.insert().values(**row))
            self._change(conn, "member", row)
            known.riders[p["member_id"]] = p["member_id"]
        elif kind == "credential_issued":
            if not self._issued_here(conn, station_id, p["subject"]):
                conn.execute(t.issued_codes.insert().values(station_id=station_id, subject=p["subject"]))
        elif kind == "handed_out":
            claim = {"event_id": event["id"], "station_id": station_id, "member_id": known.riders[p["member_id"]],
                     "item_id": p["item_id"], "programme": p["programme"], "quantity": p["quantity"],
                     "day": event["day"]}
            conn.execute(t.claims.insert().values(**claim))
            known.facts.append(rollups.claim_fact(claim, known.district, known.items))
            self._flag_overclaim(conn, claim)
            self._change(conn, "claim", {k: claim[k] for k in ("event_id", "station_id", "member_id", "item_id",
                                                                "quantity", "day")})
        elif kind == "handout_voided":
            voided = conn.execute(t.claims.update().where(t.claims.c.event_id == p["handout_id"],
                                                          t.claims.c.voided.is_(False)).values(voided=True)).rowcount
            if voided:
                known.voided.append(p["handout_id"])
                conn.execute(t.overclaims.delete().where(t.overclaims.c.event_id == p["handout_id"]))
                self._change(conn, "claim_void", {"event_id": p["handout_id"]})
        elif kind == "credential_revoked":
            return self._revoke(conn, p["subject"], p["issued_before"], p["reason"])
        elif kind == "signed_up":
            self._take_signup(conn, station_id, event, known.riders[p["member_id"]])
        elif kind == "signup_attended":
            conn.execute(t.signup_attendance.insert().values(event_id=event["id"], signup_id=p["signup_id"],
                                                             station_id=station_id, day=event["day"]))
        elif kind == "help_requested":
            conn.execute(t.help_requests.insert().values(
                request_id=p["request_id"], station_id=station_id, member_id=known.riders.get(p["member_id"], ""),
                category=p["category"], urgent=p["urgent"], contact=p["contact"], sealed=p["sealed"], status="new",
                notes=[], at=event["at"]))
        return False

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

    def _revoke(self, conn: sa.Connection, subject: str, issued_before: int, reason: str) -> bool:
        """Widen a subject's revocation; True if that changed the list."""
        current = conn.execute(sa.select(t.revocations.c.issued_before)
                               .where(t.revocations.c.subject == subject)).scalar()
        if current is None:
            conn.execute(t.revocations.insert().values(subject=subject, issued_before=issued_before,
                                                       reason=reason[:200]))
        elif issued_before > current:
            conn.execute(t.revocations.update().where(t.revocations.c.subject == subject)
                         .values(issued_before=issued_before, reason=reason[:200]))
        else:
            return False
        return True

    # -- the office's answers to incidents --------------------------------------------------------

    def incidents(self, open_only: bool = True) -> list[dict[str, Any]]:
        query = sa.select(t.incidents).order_by(t.incidents.c.incident_id)
        if open_only:
            query = query.where(t.incidents.c.resolved.is_(None))
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def resolve_incident(self, incident_id: int, approve: bool) -> str:
        """Dismiss an incident, or approve it: a revocation request is then carried out (its cut-off no
        later than now); an event set aside stays set aside (only a revocation can be approved)."""
        with self.writer.begin() as conn:
            row = conn.execute(sa.select(t.incidents).where(t.incidents.c.incident_id == incident_id)).first()
            if row is None:
                raise InvalidInput(f"No incident {incident_id}.")
            if row.resolved:
                raise InvalidInput(f"Incident {incident_id} was already {row.resolved}.")
            if approve and row.kind != "revocation_request":
                raise InvalidInput("Only a revocation request can be approved; dismiss the others.")
            if approve:
                p = row.data["payload"]
                if self._revoke(conn, p["subject"], min(p["issued_before"], int(time.time())), p["reason"]):
                    self._publish_revocations(conn)
            outcome = "approved" if approve else "dismissed"
            conn.execute(t.incidents.update().where(t.incidents.c.incident_id == incident_id)
                         .values(resolved=outcome))
        return outcome

    def cancel_cards(self, member_id: str, actor: str = "kiosk-hub") -> None:
        """Every code a rider holds stops working (a lost card); the next code a station shows them works."""
        with self.writer.begin() as conn:
            if conn.execute(sa.select(t.members.c.member_id).where(t.members.c.member_id == member_id)).first() is None:
                raise InvalidInput("No such rider at the union office.")
            if self._revoke(conn, member_id, int(time.time()), "cancelled by the union office"):
                self._publish_revocations(conn)
            self._audit(conn, actor, "rider.cancel_cards", member_id)

    def merge_riders(self, keep: str, duplicate: str, actor: str = "kiosk-hub") -> None:
        """One rider known under two ids (registered twice, by phone and on the roster): at the office the
        duplicate's visits, handouts and over-claims count for the kept id; stations hear the duplicate is
        merged and its codes stop working (the rider checks in by phone, or with a new code)."""
        duplicate = (duplicate or "").strip().upper()
        if duplicate == keep:
            raise InvalidInput("A rider cannot be merged into themselves.", field="duplicate")
        with self.writer.begin() as conn:
            rows = {r.member_id: r for r in conn.execute(sa.select(t.members).where(
                t.members.c.member_id.in_((keep, duplicate)), t.members.c.status.in_(("active", "suspended"))))}
            if keep not in rows:
                raise InvalidInput("No such rider at the union office.")
            if duplicate not in rows:
                raise InvalidInput("No rider with that id to merge (or already merged).", field="duplicate")
            conn.execute(t.member_aliases.update().where(t.member_aliases.c.member_id == duplicate)
                         .values(member_id=keep))
            conn.execute(t.member_aliases.insert().values(alias_id=duplicate, member_id=keep,
                                                          station_id=rows[duplicate].station_id or ""))
            for table in (t.claims, t.overclaims):
                conn.execute(table.update().where(table.c.member_id == duplicate).values(member_id=keep))
            rollups.merge_riders(conn, keep, duplicate)
            conn.execute(t.members.update().where(t.members.c.member_id == duplicate).values(status="merged"))
            self._change(conn, "member_merged", {"member_id": duplicate, "into": keep})
            if self._revoke(conn, duplicate, int(time.time()), "merged into another rider"):
                self._publish_revocations(conn)
            self._audit(conn, actor, "rider.merge", keep, {"duplicate": duplicate}, {"kept": keep})

    def undo_revocation(self, subject: str) -> None:
        """The office takes back a revocation (a card found, a mistake): every station hears it."""
        with self.writer.begin() as conn:
            if not conn.execute(t.revocations.delete().where(t.revocations.c.subject == subject)).rowcount:
                raise InvalidInput(f"No revocation for {subject!r}.")
            self._publish_revocations(conn)

    def _publish_revocations(self, conn: sa.Connection) -> None:
        """The whole list, newly signed, replacing the last one in the feed (stations need only the newest:
        the feed grows with the revocations, not with how often they changed)."""
        version = self._setting(conn, "revocation_version", lambda: 0) + 1
        self._set(conn, "revocation_version", version)
        entries = [(r.subject, r.issued_before, r.reason[:40]) for r in conn.execute(sa.select(t.revocations))]
        blob = sign_revocations(self.root_key(), version, entries)
        self._replace_change(conn, "revocations", {"blob": base64.b64encode(blob).decode()})
