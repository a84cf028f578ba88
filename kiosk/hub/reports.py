"""The figures a union report is made of: person-times, unique riders, items, over-claims."""

from __future__ import annotations

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
