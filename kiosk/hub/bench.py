"""`kiosk-hub bench`: the office's figures at union scale (also part of `kiosk bench`).

A year of events is written straight into the hub's tables (check-ins, registrations and, for 40 %,
handouts with their claims) at 50 stations; then the overview (this month) and the year report are
timed, five renders each, p95 against the 1 s goal.
"""

from __future__ import annotations

import random
import time
from datetime import date
from pathlib import Path
from typing import Any

from kiosk.hub import schema as t
from kiosk.hub.database import insert_events
from kiosk.hub.office import Hub

SIZES = {"quick": 50_000, "full": 10_000_000}


def office_history(hub: Any, n: int, stations: int = 50) -> None:
    rng = random.Random(5)
    year = date.today().year
    ids = [hub.add_station(f"驿站{i:03d}", ("城中区", "城东区", "城西区", "城北区")[i % 4])[0] for i in range(stations)]
    items = [("water", "daily_care"), ("breakfast", "warm_breakfast"), ("cooling_pack", "summer_cooling")]
    per_station = n // stations
    for station_id in ids:
        events, claims = [], []
        for seq in range(1, per_station + 1):
            day = date.fromordinal(date(year, 1, 1).toordinal() + rng.randrange(365)).isoformat()
            member = f"M{rng.randrange(200_000):07d}"
            event_id = f"{station_id}-{seq}"
            roll = rng.random()
            at = day + "T08:00:00Z"
            if roll < 0.4:
                item_id, programme = rng.choice(items)
                events.append({"id": event_id, "seq": seq, "type": "handed_out", "at": at, "day": day,
                               "payload": {"member_id": member, "item_id": item_id, "quantity": 1}})
                claims.append({"event_id": event_id, "station_id": station_id, "member_id": member,
                               "item_id": item_id, "programme": programme, "quantity": 1, "day": day})
            elif roll < 0.95:
                events.append({"id": event_id, "seq": seq, "type": "checked_in", "at": at, "day": day,
                               "payload": {"member_id": member, "purpose": "rest"}})
            else:
                events.append({"id": event_id, "seq": seq, "type": "member_registered", "at": at, "day": day,
                               "payload": {"member_id": member, "union_member": roll < 0.98}})
        with hub.writer.begin() as conn:
            insert_events(conn, station_id, events)
            if claims:
                conn.execute(t.claims.insert(), claims)
            conn.execute(t.stations.update().where(t.stations.c.station_id == station_id)
                         .values(acked_seq=per_station))
    with hub.writer.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql("ANALYZE")


def office_timings(url: str, n: int, root_key: Path) -> list[tuple[str, float]]:
    """(what, p95 seconds) for the overview's month and the year report, at ``n`` events."""
    hub = Hub(url, root_key_path=root_key)
    try:
        office_history(hub, n)
        today = date.today()
        timings = []
        for what, start in (("overview: this month", today.replace(day=1)),
                            ("year report", today.replace(month=1, day=1))):
            samples = []
            for _ in range(5):
                begun = time.perf_counter()
                hub.figures(start.isoformat(), today.isoformat())
                samples.append(time.perf_counter() - begun)
            timings.append((what, sorted(samples)[-1]))  # of five, the slowest is the p95
        return timings
    finally:
        hub.engine.dispose()
