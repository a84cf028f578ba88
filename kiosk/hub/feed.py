"""The change feed stations pull after their cursor: roster, catalogue, allocations, staff, trust."""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa

from kiosk.base.errors import InvalidInput
from kiosk.hub import schema as t
from kiosk.hub.database import HubDatabase
from kiosk.sync.protocol import MAX_PULL_CHANGES, PROTOCOL_VERSION


class Feed(HubDatabase):
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
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(t.changes.c.change_id, t.changes.c.kind, sa.cast(t.changes.c.data, sa.Text))
                # coalesce() keeps the planner on the primary key range: with "station_id IS NULL OR ..."
                # it chose the station_id index and read the whole feed for every page.
                .where(t.changes.c.change_id > after,
                       sa.func.coalesce(t.changes.c.station_id, station_id) == station_id)
                .order_by(t.changes.c.change_id).limit(limit + 1)).all()
        more = len(rows) > limit
        rows = rows[:limit]
        # Kinds are the hub's own constants; a station is not sent back its own claims.
        changes = ",".join(f'{{"id":{change_id},"kind":"{kind}","data":{data}}}' for change_id, kind, data in rows
                           if not (kind == "claim" and json.loads(data).get("station_id") == station_id))
        head = json.dumps({"next": rows[-1].change_id if rows else after, "more": more,
                           "protocol": PROTOCOL_VERSION, **extra})
        return f'{head[:-1]},"changes":[{changes}]}}'
