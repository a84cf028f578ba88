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

from kiosk.base.ids import new_member_id, uuid7
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


# What a union-wide campaign day's pushes carry, by share of events: what `kiosk bench` pushes as "the
# mix". A registration is two events as the station records it (the rider, then their code's issue).
MIX = {"check-ins": 0.45, "handouts": 0.40, "voids": 0.02, "registrations": 0.08, "activity sign-ins": 0.05}
PURPOSES = ("rest", "water", "charge", "toilet")


class EventMaker:
    """Events shaped as a station records them (kiosk.core), for one station's pushes: check-ins, handouts
    of goods and vouchers (within ``items``), voids of its own earlier handouts, registrations of new
    riders, activity sign-ins, each with its next seq."""

    def __init__(self, riders: list[str], items: list[dict[str, Any]], seed: int) -> None:
        self.rng = random.Random(seed)
        self.riders, self.items, self.seq, self.handouts = riders, items, 0, []
        self.day = date.today().isoformat()

    def _event(self, type_: str, payload: dict[str, Any]) -> dict[str, Any]:
        self.seq += 1
        return {"seq": self.seq, "id": uuid7(), "type": type_, "at": f"{self.day}T08:00:00.000Z", "day": self.day,
                "payload": payload}

    def make(self, kind: str) -> list[dict[str, Any]]:
        """The events of one ``kind`` of MIX (two for a registration)."""
        rng, rider = self.rng, self.rng.choice(self.riders)
        if kind == "check-ins":
            return [self._event("checked_in", {"member_id": rider, "purpose": rng.choice(PURPOSES)})]
        if kind == "activity sign-ins":
            return [self._event("activity_signed_in", {"activity_id": "A-first-aid", "member_id": rider})]
        if kind == "voids" and self.handouts:
            handout = self.handouts.pop(rng.randrange(len(self.handouts)))
            return [self._event("handout_voided", {"handout_id": handout, "reason": "handed out twice",
                                                   "attendant_id": "AT-BENCH", "code_back": False})]
        if kind == "registrations":
            member_id = new_member_id()
            self.riders.append(member_id)
            return [self._event("member_registered", {
                "member_id": member_id, "phone_hash": f"{rng.getrandbits(256):064x}", "name": "新骑手",
                "occupation": "delivery_rider", "platform": "美团", "union_member": rng.random() < 0.7,
                "consent_at": f"{self.day}T08:00:00.000Z"}),
                self._event("credential_issued", {"subject": member_id, "type": "membership", "kid": "00" * 8,
                                                  "issued_at": 1_700_000_000, "expires_at": 1_800_000_000})]
        item = rng.choice(self.items)
        event = self._event("handed_out", {
            "member_id": rider, "item_id": item["item_id"], "campaign_id": item["campaign_id"],
            "programme": item["programme"], "quantity": 1, "channel": "attended", "attendant_id": "AT-BENCH",
            "voucher_code": f"V{self.seq:09d}" if item.get("kind") == "voucher" else None})
        self.handouts.append(event["id"])
        return [event]

    def mix(self, n: int) -> list[dict[str, Any]]:
        """About ``n`` events drawn in MIX's shares."""
        kinds, weights = list(MIX), list(MIX.values())
        events: list[dict[str, Any]] = []
        while len(events) < n:
            kind = self.rng.choices(kinds, weights)[0]
            events += self.make("check-ins" if kind == "voids" and not self.handouts else kind)
        return events


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
        # Spread over the shards as the stations' pushes spread them (each count in every shard: the most
        # rows a report can find).
        conn.execute(t.rider_counts.insert(), [
            {"period": k[0], "scope": k[1], "grp": k[2], "first_day": k[3], "shard": shard, "riders": n}
            for k, v in histogram.items() for shard in range(rollups.SHARDS)
            if (n := v // rollups.SHARDS + (shard < v % rollups.SHARDS))])
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
