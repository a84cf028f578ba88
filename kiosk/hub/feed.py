"""The change feed stations pull after their cursor: roster, catalogue, allocations, staff, trust, and the
claims made elsewhere that can still count against a limit."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from kiosk.base.errors import InvalidInput
from kiosk.core.entitlements import window_start
from kiosk.hub import schema as t
from kiosk.hub.catalogue import reaches
from kiosk.hub.database import HubDatabase
from kiosk.sync.protocol import MAX_PULL_CHANGES, PROTOCOL_VERSION


def _claim_for(station_id: str, claim: dict[str, Any], relevant_from: dict[str, str]) -> str | None:
    """A claim as another station needs it, or None: a station gets no claim of its own, none of an item
    without limits, none from before the limit windows that still matter, and never where it was made."""
    since = relevant_from.get(claim["item_id"])
    if claim.get("station_id") == station_id or since is None or claim["day"] < since:
        return None
    return json.dumps({**claim, "station_id": ""}, ensure_ascii=False, separators=(",", ":"))


def _catalogue_for(station_id: str, district: str | None, data: str) -> str:
    """A catalogue change as a station sees it: a campaign meant for other stations or districts comes
    inactive (it is not offered there), so a station that moves district can be sent it again."""
    if '"stations"' not in data and '"districts"' not in data:
        return data
    catalogue = json.loads(data)
    for campaign in catalogue["campaigns"]:
        if not reaches(campaign, station_id, district):
            campaign["active"] = False
    return json.dumps(catalogue, ensure_ascii=False, separators=(",", ":"))


class Feed(HubDatabase):
    def _claims_relevant_from(self, conn: sa.Connection) -> dict[str, str]:
        """Per item with limits, the first day a claim can still count against one (a day's slack for
        stations a time zone ahead of the hub)."""
        today = datetime.now(UTC).date()
        campaigns = {key: data for key, data in conn.execute(
            sa.select(t.catalogue.c.key, t.catalogue.c.data).where(t.catalogue.c.kind == "campaign"))}
        relevant = {}
        for key, item in conn.execute(sa.select(t.catalogue.c.key, t.catalogue.c.data)
                                      .where(t.catalogue.c.kind == "item")):
            limits = item.get("limits") or {}
            if limits:
                start = date.fromisoformat(campaigns.get(item["campaign_id"], {}).get("starts_on", "2000-01-01"))
                relevant[key] = (min(window_start(p, today, start) for p in limits) - timedelta(days=1)).isoformat()
        return relevant

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
        c = t.changes.c
        with self.engine.connect() as conn:
            district = conn.execute(sa.select(t.stations.c.district).where(t.stations.c.station_id == station_id)
                                    ).scalar()
            rows = conn.execute(
                sa.select(c.change_id, c.kind, sa.cast(c.data, sa.Text))
                # coalesce() keeps the planner on the primary key range: with "station_id IS NULL OR ..."
                # it chose the station_id index and read the whole feed for every page.
                .where(c.change_id > after, sa.func.coalesce(c.station_id, station_id) == station_id,
                       sa.func.coalesce(c.district, district or "") == (district or ""))
                .order_by(c.change_id).limit(limit + 1)).all()
            relevant_from = self._claims_relevant_from(conn) if any(r.kind == "claim" for r in rows) else {}
        more = len(rows) > limit
        rows = rows[:limit]
        parts = []
        for change_id, kind, data in rows:  # kinds are the hub's own constants
            if kind == "claim":
                data = _claim_for(station_id, json.loads(data), relevant_from)
                if data is None:
                    continue
            elif kind == "catalogue":
                data = _catalogue_for(station_id, district, data)
            parts.append(f'{{"id":{change_id},"kind":"{kind}","data":{data}}}')
        changes = ",".join(parts)
        head = json.dumps({"next": rows[-1].change_id if rows else after, "more": more,
                           "protocol": PROTOCOL_VERSION, **extra})
        return f'{head[:-1]},"changes":[{changes}]}}'
