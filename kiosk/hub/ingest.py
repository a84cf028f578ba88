"""Taking pushed events: exactly once per station sequence, with what the hub derives from them."""

from __future__ import annotations

import base64
import logging
import time
from collections import Counter
from dataclasses import dataclass, field
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
from kiosk.hub.database import bulk_insert, insert_events, now_iso, one_of
from kiosk.hub.database import rows_in as _in
from kiosk.hub.help import categories_in
from kiosk.hub.signups import Signups
from kiosk.sync.protocol import check_batch

# How far a station's clock may run ahead of the hub's before what it says happened is not believed.
SKEW_S = 300
# Times a push is tried when the database ends it in a deadlock (two pushes naming the same riders).
RETRIES = 3
# A station that cancels more cards than this in a day is asked about the rest (a stolen one, a bug).
MAX_REVOCATIONS_PER_DAY = 50


log = logging.getLogger("kiosk.hub")


class GapError(KioskError):
    code = "gap"


# The event types whose effects a push gathers as it reads them and writes at the end, one statement per
# table for the whole batch: all but a few of what stations send. Before any other type, what was gathered
# is written (that event reads and writes the tables itself, in the order the station recorded it).
GATHERED = frozenset({"checked_in", "activity_signed_in", "member_registered", "credential_issued", "handed_out",
                      "handout_voided", "stock_received", "stock_counted", "activity_opened", "event_set_aside",
                      "change_set_aside"})


@dataclass
class _Push:
    """One push's state: what its checks need, read once at its start, and the rows it will write."""

    station_id: str
    district: str  # the station's, for the figures
    days: tuple[str, str]  # the first and last day a station's events may fall on
    riders: dict[str, str]  # a rider id the push names -> the hub's id for that rider (aliases resolved)
    items: dict[str, dict[str, Any]]  # the catalogue's items
    campaign_of: dict[str, str]  # item -> its campaign
    campaign_starts: dict[str, str]  # campaign -> the day it starts
    phones: dict[str, str]  # a registration's phone hash -> the rider already holding it
    here: set[str]  # riders this station registered or issued codes to (it may revoke their codes)
    named_claims: dict[str, dict[str, Any]]  # a claim a void names (or one made in this push) -> its row
    totals: dict[tuple[str, str], dict[str, int]]  # (rider, limited item) -> day -> units claimed
    help_categories: set[str]  # every category the office ever offered (read only for a push with requests)
    facts: list[rollups.Fact] = field(default_factory=list)  # what the figures count from this push
    voided: list[dict[str, Any]] = field(default_factory=list)  # the claims this push voided
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # table -> rows not yet written
    voids: list[str] = field(default_factory=list)  # claims to mark voided (and unflag) at the next write
    windows: dict[tuple[str, str, str], str] = field(default_factory=dict)  # (item, day, period) -> window start

    def add(self, table: str, row: dict[str, Any]) -> None:
        self.rows.setdefault(table, []).append(row)

    def change(self, kind: str, data: dict[str, Any], district: str | None = None) -> None:
        """A change for every station's feed, or only for those of ``district``."""
        self.add("changes", {"kind": kind, "station_id": None, "district": district, "data": data})


class Ingest(Signups):  # a sign-up's outcome is decided as it arrives
    def acked(self, station_id: str) -> int:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(t.stations.c.acked_seq)
                                .where(t.stations.c.station_id == station_id)).scalar_one()

    def push(self, station_id: str, events: Any) -> int:
        """Apply a batch in one transaction: skip what is here, refuse a gap, return the new ack. A
        transaction PostgreSQL chose to end in a deadlock with another push is tried again."""
        batch = check_batch(events)
        attempt = 1
        while True:
            try:
                return self._push(station_id, batch)
            except sa.exc.OperationalError as exc:
                if getattr(exc.orig, "sqlstate", None) not in ("40P01", "40001") or attempt == RETRIES:
                    raise
                log.warning("push from %s tried again after %s", station_id, type(exc.orig).__name__)
                attempt += 1

    def _push(self, station_id: str, batch: list[dict[str, Any]]) -> int:
        with self.writer.begin() as conn:
            acked = conn.execute(sa.select(t.stations.c.acked_seq).where(t.stations.c.station_id == station_id)
                                 .with_for_update()).scalar_one()
            fresh = [e for e in batch if e["seq"] > acked]
            if not fresh:
                return acked
            if fresh[0]["seq"] != acked + 1:
                raise GapError(f"Expected event {acked + 1} next, got {fresh[0]['seq']}.", acked_seq=acked)
            insert_events(conn, station_id, fresh)  # the station's row is locked: no other push races it
            push = self._read(conn, station_id, fresh)
            revoked = False
            for event in fresh:
                if event["type"] not in GATHERED:
                    self._write(conn, push)
                # Every event is kept (the log is the station's), but the hub acts only on what this
                # station may say; the rest waits for the office as an incident.
                doubt = self._doubt(conn, push, event)
                if doubt is None:
                    revoked |= self._derive(conn, push, event)
                else:
                    push.add("incidents", {"station_id": station_id, "kind": doubt[0], "event_id": event["id"],
                                           "reason": doubt[1][:300], "data": event, "at": now_iso()})
            self._write(conn, push)
            if revoked:  # one signed list per push, however many revocations it carried
                self._publish_revocations(conn)
            self._roll_up(conn, push)
            acked = fresh[-1]["seq"]
            conn.execute(t.stations.update().where(t.stations.c.station_id == station_id).values(acked_seq=acked))
        return acked

    def _read(self, conn: sa.Connection, station_id: str, events: list[dict[str, Any]]) -> _Push:
        """What a push's checks and derivations need, read once, a statement per kind of thing: the days its
        events may fall on (the day before the station's enrolment to tomorrow), the riders it names, the
        catalogue, the phones it registers, the claims its voids name, the riders it may revoke, and what
        its riders already claimed of items with limits."""
        enrolled = conn.execute(sa.select(t.stations.c.enrolled_at, t.stations.c.created_at, t.stations.c.district)
                                .where(t.stations.c.station_id == station_id)).one()
        first = date.fromisoformat((enrolled.enrolled_at or enrolled.created_at)[:10]) - timedelta(days=1)
        named = {kind: [] for kind in ("member_id", "phone_hash", "handout_id", "subject")}
        for event in events:
            for key, values in named.items():
                if isinstance(value := event["payload"].get(key), str):
                    values.append(value)
        m, a = t.members.c, t.member_aliases.c
        riders = {r.member_id: r.member_id for r in _in(conn, sa.select(m.member_id), m.member_id, named["member_id"])}
        riders.update(_in(conn, sa.select(a.alias_id, a.member_id), a.alias_id, named["member_id"]))
        phones = dict(_in(conn, sa.select(m.phone_hash, m.member_id), m.phone_hash, named["phone_hash"]))
        catalogue = {(kind, key): data for kind, key, data in conn.execute(
            sa.select(t.catalogue.c.kind, t.catalogue.c.key, t.catalogue.c.data)
            .where(t.catalogue.c.kind.in_(("item", "campaign"))))}
        items = {key: data for (kind, key), data in catalogue.items() if kind == "item"}
        c = t.claims.c
        claims = {r.event_id: dict(r._mapping) for r in _in(conn, sa.select(t.claims), c.event_id, named["handout_id"])}
        here = set()
        if named["subject"]:
            i = t.issued_codes.c
            for column, owner in ((i.subject, i.station_id), (m.member_id, m.station_id), (a.alias_id, a.station_id)):
                here.update(r[0] for r in _in(conn, sa.select(column).where(owner == station_id), column,
                                              named["subject"]))
        asks = any(e["type"] == "help_requested" for e in events)
        push = _Push(station_id, enrolled.district or "", (first.isoformat(), (datetime.now(UTC).date() + timedelta(
            days=1)).isoformat()), riders, items, {i: d.get("campaign_id", "") for i, d in items.items()},
            {key: data["starts_on"] for (kind, key), data in catalogue.items() if kind == "campaign"}, phones, here,
            claims, {}, {cat["key"] for cat in categories_in(conn)} if asks else set())
        self._read_totals(conn, push, events)
        return push

    def _read_totals(self, conn: sa.Connection, push: _Push, events: list[dict[str, Any]]) -> None:
        """What the push's riders already claimed, per day, of the items with limits they are handed here,
        from the earliest day any of those limits looks back to (the rider a registration turns out to
        be, by phone, included)."""
        limited = [e for e in events if e["type"] == "handed_out" and push.items.get(e["payload"]["item_id"], {})
                   .get("limits")]
        if not limited:
            return
        since = min(self._window(push, e["payload"]["item_id"], e["day"], period)
                    for e in limited for period in push.items[e["payload"]["item_id"]]["limits"])
        riders = {*push.riders.values(), *push.phones.values()}
        c = t.claims.c
        query = (sa.select(c.member_id, c.item_id, c.day, sa.func.sum(c.quantity))
                 .where(c.item_id.in_({e["payload"]["item_id"] for e in limited}), c.voided.is_(False),
                        c.day.between(since, max(e["day"] for e in limited)))
                 .group_by(c.member_id, c.item_id, c.day))
        for member_id, item_id, day, units in _in(conn, query, c.member_id, list(riders)):
            push.totals.setdefault((member_id, item_id), {})[day] = int(units)

    @staticmethod
    def _window(push: _Push, item_id: str, day: str, period: str) -> str:
        """The first day a limit's period reaches back to from ``day`` (worked out once per push)."""
        key = (item_id, day, period)
        if key not in push.windows:
            campaign_start = push.campaign_starts.get(push.campaign_of.get(item_id, ""))
            when = date.fromisoformat(day)
            push.windows[key] = window_start(period, when, date.fromisoformat(campaign_start) if campaign_start
                                             else when).isoformat()
        return push.windows[key]

    def _write(self, conn: sa.Connection, push: _Push) -> None:
        """The rows gathered so far, a statement per table, in an order that keeps every reference whole
        (a claim before its void; the feed in the order its changes were made)."""
        for table in ("members", "member_aliases", "issued_codes", "claims", "overclaims"):
            bulk_insert(conn, table, push.rows.pop(table, []))
        if push.voids:  # at most a push's 5,000: one parameter each
            conn.execute(t.claims.update().where(one_of(conn, t.claims.c.event_id, push.voids)).values(voided=True))
            conn.execute(t.overclaims.delete().where(one_of(conn, t.overclaims.c.event_id, push.voids)))
            push.voids.clear()
        for table in ("changes", "incidents"):
            bulk_insert(conn, table, push.rows.pop(table, []))

    def _roll_up(self, conn: sa.Connection, push: _Push) -> None:
        """The push's figures into the rollups; a voided handout's counts out, and its rider's groups for
        that year worked out again from the claims that stand."""
        riders = rollups.store(conn, push.facts)
        if push.voided:
            rollups.store(conn, [rollups.claim_fact(c, push.district, push.campaign_of) for c in push.voided], sign=-1)
            riders.update(self._refresh_voided(conn, push))
        rollups.count_riders(conn, riders, rollups.shard_of(push.station_id))

    def _refresh_voided(self, conn: sa.Connection, push: _Push) -> Counter[tuple[str, str, str, str]]:
        """The riders of voided handouts: their groups for that year from the claims that stand."""
        years = {(c["member_id"], c["day"][:4]) for c in push.voided}
        districts = dict(conn.execute(sa.select(t.stations.c.station_id, t.stations.c.district)).all())
        c = t.claims.c
        standing = [rollups.claim_fact(r._mapping, districts.get(r.station_id) or "", push.campaign_of)
                    for r in _in(conn, sa.select(t.claims).where(c.voided.is_(False)), c.member_id,
                                 sorted({m for m, _ in years}))
                    if (r.member_id, r.day[:4]) in years]
        return rollups.refresh_handout_riders(conn, years, standing)

    def _doubt(self, conn: sa.Connection, push: _Push, event: dict[str, Any]) -> tuple[str, str] | None:
        """(incident kind, reason) if the hub should not act on this event from this station."""
        p, kind = event["payload"], event["type"]
        if kind == "event_set_aside":
            return "event_set_aside", f"the station set aside its {p['type']} event: {p['reason']}"
        if kind == "change_set_aside":
            return "change_set_aside", (f"the station could not take change {p['change_id']} ({p['kind']}): "
                                        f"{p['reason']}")
        first, last = push.days
        if not first <= event["day"] <= last:
            return "event_set_aside", f"day {event['day']} is outside {first}..{last}"
        if kind == "member_registered":
            try:
                roster_values({**p, "status": "active", "registered_at": event["at"]})
            except KioskError as exc:
                return "event_set_aside", exc.message
        elif kind in ("checked_in", "handed_out", "activity_signed_in", "signed_up", "signup_attended") and \
                p["member_id"] not in push.riders:
            return "event_set_aside", f"unknown rider {p['member_id']}"
        if kind == "handed_out":
            if not 1 <= p["quantity"] <= MAX_QUANTITY:
                return "event_set_aside", f"quantity {p['quantity']} is not 1..{MAX_QUANTITY}"
            if p["item_id"] not in push.items:
                return "event_set_aside", f"unknown item {p['item_id']}"
        elif kind == "handout_voided":
            if push.named_claims.get(p["handout_id"], {}).get("station_id") != push.station_id:
                return "event_set_aside", "a void of a claim this station did not record"
        elif kind == "help_requested":
            if p["category"] not in push.help_categories or p["contact"] not in ("call", "in_person"):
                return "event_set_aside", "a help request of an unknown category or contact"
            if conn.execute(sa.select(t.help_requests.c.request_id).where(
                    t.help_requests.c.request_id == p["request_id"])).first():
                return "event_set_aside", "a help request whose number is already taken"
        elif kind in ("signed_up", "signup_attended") and (
                why := self.signup_doubt(conn, kind, p, push.riders[p["member_id"]])):
            return "event_set_aside", why
        elif kind == "credential_revoked":
            if not 0 <= p["issued_before"] <= time.time() + SKEW_S:
                return "event_set_aside", "a revocation cut-off in the future"
            if p["subject"] not in push.here:
                return "revocation_request", "the rider's codes were issued elsewhere: the office decides"
            if self._revocations_today(conn, push.station_id, event) > MAX_REVOCATIONS_PER_DAY:
                return "revocation_request", f"more than {MAX_REVOCATIONS_PER_DAY} revocations in a day"
        return None

    def _revocations_today(self, conn: sa.Connection, station_id: str, event: dict[str, Any]) -> int:
        """This station's revocations on the event's day, up to and including it."""
        return conn.execute(sa.select(sa.func.count()).select_from(t.events).where(
            t.events.c.station_id == station_id, t.events.c.type == "credential_revoked",
            t.events.c.day == event["day"], t.events.c.seq <= event["seq"])).scalar_one()

    def _derive(self, conn: sa.Connection, push: _Push, event: dict[str, Any]) -> bool:
        """Act on an event (a gathered type only adds to the push's rows); True if it changed the
        revocation list (published once per push)."""
        p, kind, station_id = event["payload"], event["type"], push.station_id
        fact = {"station_id": station_id, "district": push.district, "day": event["day"]}
        if kind == "checked_in":
            push.facts.append(rollups.Fact("visit", member_id=push.riders[p["member_id"]],
                                           key=p.get("purpose", ""), **fact))
        elif kind == "activity_signed_in":
            push.facts.append(rollups.Fact("activity", member_id=push.riders[p["member_id"]], **fact))
        elif kind == "member_registered":
            push.facts.append(rollups.Fact("registration", member_id=p["member_id"],
                                           union_member=bool(p.get("union_member")), **fact))
            if p["member_id"] in push.riders:
                return False
            push.here.add(p["member_id"])
            taken = push.phones.get(p["phone_hash"])
            if taken is not None:
                # One phone registered at two stations offline (or already on the roster): one rider, the
                # later id an alias of the first; both stations' events are kept and count for that rider.
                push.add("member_aliases", {"alias_id": p["member_id"], "member_id": taken, "station_id": station_id})
                push.riders[p["member_id"]] = taken
                return False
            row = {k: p[k] for k in ("member_id", "phone_hash", "name", "occupation", "platform", "union_member")}
            row["phone_last4"] = ""  # not kept: with the hash it would narrow a guess ten thousand times
            row.update(status="active", station_id=station_id, registered_at=event["at"])
            push.add("members", row)
            push.change("member", row)
            push.riders[p["member_id"]] = push.phones[p["phone_hash"]] = p["member_id"]
        elif kind == "credential_issued":
            if p["subject"] not in push.here:
                push.add("issued_codes", {"station_id": station_id, "subject": p["subject"]})
                push.here.add(p["subject"])
        elif kind == "handed_out":
            claim = {"event_id": event["id"], "station_id": station_id, "member_id": push.riders[p["member_id"]],
                     "item_id": p["item_id"], "programme": p["programme"], "quantity": p["quantity"],
                     "day": event["day"], "voided": False}
            push.add("claims", claim)
            push.named_claims[event["id"]] = claim
            push.facts.append(rollups.claim_fact(claim, push.district, push.campaign_of))
            self._flag_overclaim(push, claim)
            # Limits hold across the stations of a district (where a rider rides): the claim goes to their
            # feeds only; one also made in another district offline is flagged as an over-claim here.
            push.change("claim", {k: claim[k] for k in ("event_id", "station_id", "member_id", "item_id", "quantity",
                                                        "day")}, push.district)
        elif kind == "handout_voided":
            claim = push.named_claims[p["handout_id"]]
            if not claim["voided"]:
                claim["voided"] = True  # a claim of this push not yet written goes in voided
                push.voids.append(claim["event_id"])
                push.voided.append(claim)
                push.rows["overclaims"] = [r for r in push.rows.get("overclaims", [])
                                           if r["event_id"] != claim["event_id"]]
                days = push.totals.get((claim["member_id"], claim["item_id"]), {})
                days[claim["day"]] = days.get(claim["day"], 0) - claim["quantity"]
                push.change("claim_void", {"event_id": claim["event_id"]}, push.district)
        elif kind == "credential_revoked":
            return self._revoke(conn, p["subject"], p["issued_before"], p["reason"])
        elif kind == "signed_up":
            self._take_signup(conn, station_id, event, push.riders[p["member_id"]])
        elif kind == "signup_attended":
            conn.execute(t.signup_attendance.insert().values(event_id=event["id"], signup_id=p["signup_id"],
                                                             station_id=station_id, day=event["day"]))
        elif kind == "help_requested":
            conn.execute(t.help_requests.insert().values(
                request_id=p["request_id"], station_id=station_id, member_id=push.riders.get(p["member_id"], ""),
                category=p["category"], urgent=p["urgent"], contact=p["contact"], sealed=p["sealed"], status="new",
                notes=[], at=event["at"]))
        return False

    def _flag_overclaim(self, push: _Push, claim: dict[str, Any]) -> None:
        """Record, never refuse: a handout that took a rider past a limit across offline stations (the
        first of its item's limits it went past), counting the claims standing up to its day."""
        days = push.totals.setdefault((claim["member_id"], claim["item_id"]), {})
        days[claim["day"]] = days.get(claim["day"], 0) + claim["quantity"]
        for period, limit in push.items[claim["item_id"]].get("limits", {}).items():
            since = self._window(push, claim["item_id"], claim["day"], period)
            total = sum(units for day, units in days.items() if since <= day <= claim["day"])
            if total > limit:
                push.add("overclaims", {k: claim[k] for k in ("event_id", "station_id", "member_id", "item_id")}
                         | {"period": period, "limit_value": limit, "total": total, "day": claim["day"]})
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

