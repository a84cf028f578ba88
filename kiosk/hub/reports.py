"""The figures a union report is made of: person-times, unique riders, items, over-claims."""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa

from kiosk.base.errors import InvalidInput
from kiosk.hub import schema as t
from kiosk.hub.database import HubDatabase


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
        handouts per programme and item (人次, 件, and what they cost at each item's unit cost)."""
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
            scope = [s for s, r in stations.items() if district is None or r.district == district]
            set_aside = sa.select(t.incidents.c.event_id).where(t.incidents.c.event_id == t.events.c.event_id)
            events = conn.execute(sa.select(t.events.c.type, t.events.c.station_id, t.events.c.day,
                                            t.events.c.payload).where(
                t.events.c.day.between(start, end), t.events.c.station_id.in_(scope),
                t.events.c.type.in_(("checked_in", "member_registered", "activity_signed_in")),
                ~set_aside.exists())).all()
            claims = conn.execute(sa.select(t.claims).where(
                t.claims.c.day.between(start, end), t.claims.c.station_id.in_(scope),
                t.claims.c.voided.is_(False))).all()
            over = conn.execute(sa.select(t.overclaims, t.members.c.name).outerjoin(
                t.members, t.members.c.member_id == t.overclaims.c.member_id).where(
                t.overclaims.c.day.between(start, end), t.overclaims.c.station_id.in_(scope))
                .order_by(t.overclaims.c.day)).all()
            aliases = dict(conn.execute(sa.select(t.member_aliases.c.alias_id, t.member_aliases.c.member_id)).all())
            catalogue = conn.execute(sa.select(t.catalogue.c.kind, t.catalogue.c.data)).all()
        items = {d["item_id"]: d for k, d in catalogue if k == "item"}
        campaigns = {d["campaign_id"]: d for k, d in catalogue if k == "campaign"}
        programme_names = {}
        for k, d in catalogue:
            if k == "campaign":
                programme_names.setdefault(d["programme"], (d["name_zh"], d["name_en"]))
        def spend(claim: Any) -> int:
            """What a handout cost the union, in fen, at its item's unit cost."""
            return claim.quantity * int(items.get(claim.item_id, {}).get("unit_cost_fen", 0))

        visits = [e for e in events if e.type == "checked_in"]
        registrations = [e for e in events if e.type == "member_registered"]
        by_programme: dict[str, dict[str, Any]] = {}
        by_item: dict[str, dict[str, Any]] = {}
        by_campaign: dict[str, dict[str, Any]] = {}
        by_station: dict[str, dict[str, Any]] = {}
        for c in claims:
            member = aliases.get(c.member_id, c.member_id)
            cost = spend(c)
            campaign_id = items.get(c.item_id, {}).get("campaign_id", "")
            for groups, key in ((by_programme, c.programme), (by_item, c.item_id), (by_station, c.station_id),
                                (by_campaign, campaign_id)):
                g = groups.setdefault(key, {"person_times": 0, "riders": set(), "quantity": 0, "spend_fen": 0})
                g["person_times"] += 1
                g["riders"].add(member)
                g["quantity"] += c.quantity
                g["spend_fen"] += cost
        for e in visits:
            by_station.setdefault(e.station_id, {"person_times": 0, "riders": set(), "quantity": 0, "spend_fen": 0})
        visits_by_station: dict[str, int] = {}
        purposes: dict[str, int] = {}
        for e in visits:
            visits_by_station[e.station_id] = visits_by_station.get(e.station_id, 0) + 1
            purposes[e.payload.get("purpose", "")] = purposes.get(e.payload.get("purpose", ""), 0) + 1
        # Months and districts: visits and the riders behind them, handouts and what they cost.
        by_month: dict[str, dict[str, Any]] = {}
        by_district: dict[str, dict[str, Any]] = {}

        def tally(key_of: Any, groups: dict[str, dict[str, Any]]) -> None:
            def group(row: Any) -> dict[str, Any]:
                return groups.setdefault(key_of(row), {"visits": 0, "visitors": set(), "handouts": 0, "quantity": 0,
                                                       "spend_fen": 0})

            for e in visits:
                g = group(e)
                g["visits"] += 1
                g["visitors"].add(aliases.get(e.payload["member_id"], e.payload["member_id"]))
            for c in claims:
                g = group(c)
                g["handouts"] += 1
                g["quantity"] += c.quantity
                g["spend_fen"] += spend(c)

        tally(lambda r: r.day[:7], by_month)
        tally(lambda r: (stations[r.station_id].district if r.station_id in stations else None) or "", by_district)

        def summed(groups: dict[str, dict[str, Any]], label: str) -> list[dict[str, Any]]:
            return [{label: k, **{**g, "visitors": len(g["visitors"])}} for k, g in sorted(groups.items())]

        def rows(groups: dict[str, dict[str, Any]], label: Any) -> list[dict[str, Any]]:
            return [{**label(k), "person_times": g["person_times"], "riders": len(g["riders"]),
                     "quantity": g["quantity"], "spend_fen": g["spend_fen"]} for k, g in sorted(groups.items())]

        return {
            "start": start, "end": end, "district": district,
            "visits": len(visits),
            "visitors": len({aliases.get(e.payload["member_id"], e.payload["member_id"]) for e in visits}),
            "registrations": len(registrations),
            "new_members": sum(1 for e in registrations if e.payload.get("union_member")),
            "activity_signins": sum(1 for e in events if e.type == "activity_signed_in"),
            "handouts": len(claims),
            "overclaims": len(over),
            "overclaim_list": [{"day": o.day, "station_id": o.station_id,
                                "station": stations[o.station_id].name if o.station_id in stations else "",
                                "rider": (o.name or "")[:1] + "**", "item_id": o.item_id,
                                "item": items.get(o.item_id, {}).get("name_zh", o.item_id), "period": o.period,
                                "limit": o.limit_value, "total": o.total} for o in over],
            "purposes": dict(sorted(purposes.items(), key=lambda kv: -kv[1])),
            "by_month": summed(by_month, "month"),
            "by_district": summed(by_district, "district"),
            "spend_fen": sum(g["spend_fen"] for g in by_programme.values()),
            "by_programme": rows(by_programme, lambda k: {
                "programme": k, "name_zh": programme_names.get(k, (k, k))[0],
                "name_en": programme_names.get(k, (k, k))[1]}),
            "by_item": rows(by_item, lambda k: {
                "item_id": k, "name_zh": items.get(k, {}).get("name_zh", k),
                "name_en": items.get(k, {}).get("name_en", k),
                "unit_cost_fen": int(items.get(k, {}).get("unit_cost_fen", 0))}),
            "by_campaign": rows(by_campaign, lambda k: {
                "campaign_id": k, "name_zh": campaigns.get(k, {}).get("name_zh", k),
                "name_en": campaigns.get(k, {}).get("name_en", k)}),
            "by_station": [{**r, "visits": visits_by_station.get(r["station_id"], 0)} for r in rows(
                by_station, lambda k: {"station_id": k, "name": stations[k].name if k in stations else k,
                                       "district": stations[k].district if k in stations else None})],
        }
