"""`kiosk-hub bench`: the office's figures at union scale (also part of `kiosk bench`).

A year of events (the 365 days to today) at 50 stations in four districts, written into the hub's tables
as ingest leaves them: events, claims, and the rollups reports read (daily counts and the histogram of
riders' first days, worked out by kiosk.hub.rollups from the same facts). Riders mostly use the station
nearest them (85 %); 45 % of events are visits, 40 % handouts, the rest registrations and activity
sign-ins. The per-rider first days (``rider_firsts``) that ingest keeps to maintain the histogram are not
written: reports never read them (their cost is ingest's, measured by the push benchmarks).

Then the overview (today and this month, as its page renders them), the year report, and a week (a
range the rollups do not answer: counted from its events) are timed, five renders each, p95 against 1 s.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from kiosk.core.demo_data import demo_campaigns
from kiosk.hub import rollups
from kiosk.hub import schema as t
from kiosk.hub.database import insert_events
from kiosk.hub.office import Hub

SIZES = {"quick": 50_000, "full": 10_000_000}
STATIONS = 50
DISTRICTS = ("城中区", "城东区", "城西区", "城北区")
ITEMS = (("water", "daily_care", "CARE"), ("breakfast", "warm_breakfast", "BREAKFAST"),
         ("cooling_pack", "summer_cooling", "SUMMER"))


def office_history(hub: Any, n: int) -> None:
    rng = random.Random(5)
    campaigns, items = demo_campaigns(date.today())
    hub.set_catalogue(campaigns, items)
    stations = [hub.add_station(f"驿站{i:03d}", DISTRICTS[i % 4])[0] for i in range(STATIONS)]
    riders = max(n // 50, 100)  # about fifty visits a rider a year
    today = date.today()
    days = [today - timedelta(days=d) for d in range(364, -1, -1)]
    seq = dict.fromkeys(stations, 0)
    seen: dict[tuple[str, str, str], set[str]] = {}  # (period, scope, group) -> riders already counted
    histogram: Counter[tuple[str, str, str, str]] = Counter()
    counts: dict[tuple[str, ...], list[int]] = {}
    for number, day in enumerate(days):
        iso = day.isoformat()
        todays = n * (number + 1) // len(days) - n * number // len(days)
        events: dict[str, list[dict[str, Any]]] = {s: [] for s in stations}
        claims, facts = [], []
        for _ in range(todays):
            rider = rng.randrange(riders)
            home = rider % STATIONS if rng.random() < 0.85 else rng.randrange(STATIONS)
            station_id, district, member = stations[home], DISTRICTS[home % 4], f"M{rider:07d}"
            seq[station_id] += 1
            event_id, roll = f"{station_id}-{seq[station_id]}", rng.random()
            event = {"id": event_id, "seq": seq[station_id], "at": iso + "T08:00:00Z", "day": iso}
            if roll < 0.40:
                item_id, programme, campaign = rng.choice(ITEMS)
                event.update(type="handed_out", payload={"member_id": member, "item_id": item_id, "quantity": 1,
                                                         "programme": programme})
                claims.append({"event_id": event_id, "station_id": station_id, "member_id": member,
                               "item_id": item_id, "programme": programme, "quantity": 1, "day": iso})
                facts.append(rollups.Fact("handout", station_id, district, iso, member, key=item_id,
                                          programme=programme, campaign=campaign))
            elif roll < 0.85:
                event.update(type="checked_in", payload={"member_id": member, "purpose": "rest"})
                facts.append(rollups.Fact("visit", station_id, district, iso, member, key="rest"))
            elif roll < 0.95:
                event.update(type="activity_signed_in", payload={"activity_id": "A1", "member_id": member})
                facts.append(rollups.Fact("activity", station_id, district, iso, member))
            else:
                event.update(type="member_registered", payload={"member_id": member, "union_member": roll < 0.98})
                facts.append(rollups.Fact("registration", station_id, district, iso, member,
                                          union_member=roll < 0.98))
            events[station_id].append(event)
        # Days come in order: a rider not yet seen in a group this year or month has their first day today.
        for fact in facts:
            for scope, group in rollups.groups(fact):
                for period in (iso[:4], iso[:7]):
                    riders_seen = seen.setdefault((period, scope, group), set())
                    if fact.member_id not in riders_seen:
                        riders_seen.add(fact.member_id)
                        histogram[(period, scope, group, iso)] += 1
        counts.update(rollups.counts_of(facts))
        with hub.writer.begin() as conn:
            for station_id, batch in events.items():
                if batch:
                    insert_events(conn, station_id, batch)
            if claims:
                conn.execute(t.claims.insert(), claims)
    with hub.writer.begin() as conn:
        conn.execute(t.daily_counts.insert(), [
            {"day": k[0], "station_id": k[1], "district": k[2], "measure": k[3], "key": k[4], "programme": k[5],
             "n": v[0], "quantity": v[1]} for k, v in counts.items()])
        conn.execute(t.rider_counts.insert(), [{"period": k[0], "scope": k[1], "grp": k[2], "first_day": k[3],
                                                "riders": v} for k, v in histogram.items()])
        for station_id, last in seq.items():
            conn.execute(t.stations.update().where(t.stations.c.station_id == station_id).values(acked_seq=last))
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql("ANALYZE")


def office_timings(url: str, n: int, root_key: Path) -> list[tuple[str, float]]:
    """(what, p95 seconds) for the overview, the year report and a week, at ``n`` events."""
    hub = Hub(url, root_key_path=root_key)
    try:
        office_history(hub, n)
        today = date.today()
        renders = {
            "overview (today and this month)": lambda: [hub.figures(today.isoformat(), today.isoformat()),
                                                        hub.figures(today.replace(day=1).isoformat(),
                                                                    today.isoformat())],
            "year report": lambda: hub.figures(today.replace(month=1, day=1).isoformat(), today.isoformat()),
            "a week (counted from its events)": lambda: hub.figures((today - timedelta(days=6)).isoformat(),
                                                                    today.isoformat()),
        }
        timings = []
        for what, render in renders.items():
            samples = []
            for _ in range(5):
                begun = time.perf_counter()
                render()
                samples.append(time.perf_counter() - begun)
            timings.append((what, sorted(samples)[-1]))  # of five, the slowest is the p95
        return timings
    finally:
        hub.engine.dispose()
