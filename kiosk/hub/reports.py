"""The figures a union report is made of: person-times, unique riders, items, over-claims."""

from __future__ import annotations

import statistics
from datetime import UTC, date, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from kiosk.base.clock import Clock
from kiosk.base.errors import InvalidInput
from kiosk.core.signups import STATUSES
from kiosk.hub import rollups
from kiosk.hub import schema as t
from kiosk.hub.database import HubDatabase
from kiosk.hub.help import categories_in
from kiosk.hub.signups import SessionCounts, session_counts


class Reports(HubDatabase):
    def report(self, by: str = "station") -> list[dict[str, Any]]:
        """Person-times, unique riders, items handed out and over-claims, grouped as asked."""
        if by not in ("station", "programme", "month"):
            raise InvalidInput("A report is by station, programme or month.")
        with self.engine.connect() as conn:
            set_aside = sa.select(t.incidents.c.event_id).where(t.incidents.c.event_id == t.events.c.event_id)
            checkins = conn.execute(sa.select(t.events.c.station_id, t.events.c.day, t.events.c.payload).where(
                t.events.c.type == "checked_in", ~set_aside.exists())).all()
            aliases = dict(conn.execute(sa.select(t.member_aliases.c.alias_id, t.member_aliases.c.member_id)).all())
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
            g["riders"].add(aliases.get(row.payload["member_id"], row.payload["member_id"]))
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

    def figures(self, start: str, end: str, district: str | None = None) -> dict[str, Any]:
        """What happened between two days (inclusive), kept apart as the federation counts it: visits
        (签到人次) and the riders behind them, registrations, new union members, activity sign-ins, and
        handouts per programme and item (人次, 件, and what they cost at each item's unit cost).

        Read from the rollups kept at ingest; riders in a range that is not the start of a year or a
        month are counted from that range's events (kiosk.hub.rollups)."""
        for day in (start, end):
            try:
                date.fromisoformat(day)
            except (TypeError, ValueError):
                raise InvalidInput("A date is YYYY-MM-DD.", field="date") from None
        if start > end:
            raise InvalidInput("The first day comes after the last.", field="date")
        with self.engine.connect() as conn:
            stations = {r.station_id: r for r in conn.execute(
                sa.select(t.stations.c.station_id, t.stations.c.name, t.stations.c.district))}
            tallies = rollups.tallies(conn, start, end, district, {k: r.district for k, r in stations.items()})
            scope = [s for s, r in stations.items() if district is None or r.district == district]
            over = conn.execute(sa.select(t.overclaims, t.members.c.name).outerjoin(
                t.members, t.members.c.member_id == t.overclaims.c.member_id).where(
                t.overclaims.c.day.between(start, end), t.overclaims.c.station_id.in_(scope))
                .order_by(t.overclaims.c.day)).all()
            catalogue = conn.execute(sa.select(t.catalogue.c.kind, t.catalogue.c.data)).all()
            h = t.help_requests.c
            since, until = utc_bounds(start, end)
            asked = conn.execute(sa.select(h.station_id, h.category, h.urgent, h.status, h.at, h.first_contact_at,
                                           h.closed_at).where(h.at >= since, h.at < until,
                                                              h.station_id.in_(scope))).all()
            by_session = session_counts(
                conn, [t.signups.c.at >= since, t.signups.c.at < until, t.signups.c.station_id.in_(scope)],
                [t.signup_attendance.c.day.between(start, end), t.signup_attendance.c.station_id.in_(scope)])
            labels = {c["key"]: c for c in categories_in(conn)}
            offered = conn.execute(sa.select(t.signup_programmes.c.data).order_by(t.signup_programmes.c.created_at)
                                   ).scalars().all()
        items = {d["item_id"]: d for k, d in catalogue if k == "item"}
        campaigns = {d["campaign_id"]: d for k, d in catalogue if k == "campaign"}
        programme_names: dict[str, tuple[str, str]] = {}
        for k, d in catalogue:
            if k == "campaign":
                programme_names.setdefault(d["programme"], (d["name_zh"], d["name_en"]))
        riders = tallies.riders

        def total(measure: str) -> int:
            return sum(n for k, (n, _) in tallies.counts.items() if k[3] == measure)

        purposes: dict[str, int] = {}
        by_month: dict[str, dict[str, Any]] = {}
        by_district: dict[str, dict[str, Any]] = {}
        visits_by_station: dict[str, int] = {}
        handouts: dict[str, dict[str, dict[str, int]]] = {"p": {}, "i": {}, "c": {}, "s": {}}
        for (station_id, district_of, month, measure, key, programme), (n, quantity) in tallies.counts.items():
            if measure not in ("visit", "handout"):
                continue
            spend = quantity * int(items.get(key, {}).get("unit_cost_fen", 0)) if measure == "handout" else 0
            # The district the station was in that day; none recorded then: the one it is in now.
            place = district_of or (stations[station_id].district if station_id in stations else None) or ""
            for groups, label in ((by_month, month), (by_district, place)):
                g = groups.setdefault(label, {"visits": 0, "handouts": 0, "quantity": 0, "spend_fen": 0})
                if measure == "visit":
                    g["visits"] += n
                else:
                    g["handouts"] += n
                    g["quantity"] += quantity
                    g["spend_fen"] += spend
            if measure == "visit":
                purposes[key] = purposes.get(key, 0) + n
                visits_by_station[station_id] = visits_by_station.get(station_id, 0) + n
                continue
            for kind, group in (("p", programme), ("i", key), ("c", items.get(key, {}).get("campaign_id", "")),
                                ("s", station_id)):
                g = handouts[kind].setdefault(group, {"person_times": 0, "quantity": 0, "spend_fen": 0})
                g["person_times"] += n
                g["quantity"] += quantity
                g["spend_fen"] += spend
        for station_id in visits_by_station:
            handouts["s"].setdefault(station_id, {"person_times": 0, "quantity": 0, "spend_fen": 0})

        def rows(kind: str, label: Any) -> list[dict[str, Any]]:
            return [{**label(k), "person_times": g["person_times"], "riders": riders.get(f"{kind}:{k}", 0),
                     "quantity": g["quantity"], "spend_fen": g["spend_fen"]} for k, g in sorted(handouts[kind].items())]

        return {
            "start": start, "end": end, "district": district,
            "visits": total("visit"),
            "visitors": riders.get("visit", 0),
            "registrations": total("registration"),
            "new_members": total("new_member"),
            "activity_signins": total("activity"),
            "handouts": total("handout"),
            "overclaims": len(over),
            "overclaim_list": [{"day": o.day, "station_id": o.station_id,
                                "station": stations[o.station_id].name if o.station_id in stations else "",
                                "rider": (o.name or "")[:1] + "**", "item_id": o.item_id,
                                "item": items.get(o.item_id, {}).get("name_zh", o.item_id), "period": o.period,
                                "limit": o.limit_value, "total": o.total} for o in over],
            "purposes": dict(sorted(purposes.items(), key=lambda kv: -kv[1])),
            "by_month": [{"month": m, **g, "visitors": tallies.visitors_by_month.get(m, 0)}
                         for m, g in sorted(by_month.items())],
            "by_district": [{"district": d, **g, "visitors": riders.get(f"dv:{d}", 0) if district is None
                             else riders.get("visit", 0)} for d, g in sorted(by_district.items())],
            "spend_fen": sum(g["spend_fen"] for g in handouts["p"].values()),
            "by_programme": rows("p", lambda k: {
                "programme": k, "name_zh": programme_names.get(k, (k, k))[0],
                "name_en": programme_names.get(k, (k, k))[1]}),
            "by_item": rows("i", lambda k: {
                "item_id": k, "name_zh": items.get(k, {}).get("name_zh", k),
                "name_en": items.get(k, {}).get("name_en", k),
                "unit_cost_fen": int(items.get(k, {}).get("unit_cost_fen", 0))}),
            "by_campaign": rows("c", lambda k: {
                "campaign_id": k, "name_zh": campaigns.get(k, {}).get("name_zh", k),
                "name_en": campaigns.get(k, {}).get("name_en", k)}),
            "by_station": [{**r, "visits": visits_by_station.get(r["station_id"], 0)} for r in rows(
                "s", lambda k: {"station_id": k, "name": stations[k].name if k in stations else k,
                                "district": stations[k].district if k in stations else None})],
            "help": help_figures(asked, {k: (r.name, r.district) for k, r in stations.items()}, labels),
            "signups": signup_figures(offered, by_session),
        }


UNION = Clock()  # the union's calendar (China Standard Time): the days its figures are counted in


def utc_bounds(start: str, end: str) -> tuple[str, str]:
    """The union's days ``start`` to ``end`` (inclusive) as the UTC times its records are stamped with:
    from the first day's midnight to the midnight after the last."""
    def midnight(day: date) -> str:
        local = datetime.combine(day, datetime.min.time(), UNION.tz)
        return local.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")

    return midnight(date.fromisoformat(start)), midnight(date.fromisoformat(end) + timedelta(days=1))


def _utc(at: str) -> datetime:
    return datetime.fromisoformat(at.replace("Z", "+00:00"))


def union_day(at: str) -> str:
    """The union's day a UTC time stamp falls on."""
    return UNION.day(_utc(at)).isoformat()


def _hours(since: str, until: str | None) -> float | None:
    return None if until is None else (_utc(until) - _utc(since)).total_seconds() / 3600


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None


def help_figures(asked: list[Any], stations: dict[str, tuple[str, str | None]],
                 labels: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Help requests made in a period: how many, about what (with the category's names), where, in which
    month and where each stands, with the median hours to the first contact and to resolution (of those
    that got there)."""
    groups: dict[str, dict[str, dict[str, Any]]] = {"category": {}, "station": {}, "district": {}, "month": {}}
    status: dict[str, int] = {}
    first, closed = [], []
    for r in asked:
        status[r.status] = status.get(r.status, 0) + 1
        name, district = stations.get(r.station_id, (r.station_id, None))
        for kind, key in (("category", r.category), ("station", name), ("district", district or ""),
                          ("month", union_day(r.at)[:7])):
            g = groups[kind].setdefault(key, {kind: key, "requests": 0, "urgent": 0, "contacted": 0, "closed": 0})
            g["requests"] += 1
            g["urgent"] += int(r.urgent)
            g["contacted"] += int(r.first_contact_at is not None)
            g["closed"] += int(r.closed_at is not None)
        if (hours := _hours(r.at, r.first_contact_at)) is not None:
            first.append(hours)
        if (hours := _hours(r.at, r.closed_at)) is not None:
            closed.append(hours)
    for g in groups["category"].values():
        named = labels.get(g["category"], {})
        g.update(label_zh=named.get("label_zh", g["category"]), label_en=named.get("label_en", g["category"]))
    return {"requests": len(asked), "urgent": sum(int(r.urgent) for r in asked), "by_status": status,
            "median_first_contact_h": _median(first), "median_resolution_h": _median(closed),
            **{f"by_{kind}": sorted(g.values(), key=lambda g, kind=kind: (
                0 if kind == "month" else -g["requests"], str(g[kind]))) for kind, g in groups.items()}}


def signup_figures(programmes: list[dict[str, Any]], counts: SessionCounts) -> list[dict[str, Any]]:
    """The programmes with sign-ups or sign-ins in a period, each session's counts (kiosk.hub.signups
    session_counts) and the programme's totals."""
    out = []
    for p in programmes:
        sessions = [{"session_id": s["session_id"], "label_zh": s["label_zh"], "label_en": s["label_en"],
                     "capacity": s.get("capacity"), **counts[(p["programme_id"], s["session_id"])]}
                    for s in p["sessions"]]
        if any(s["signups"] or s["attendances"] for s in sessions):
            out.append({"programme_id": p["programme_id"], "title_zh": p["title_zh"], "title_en": p["title_en"],
                        "sessions": sessions, **{k: sum(s[k] for s in sessions) for k in (
                            "signups", *STATUSES, "attended", "attendances")}})
    return out
