"""The office's figures kept as events arrive, so a report reads thousands of rows, not millions of events.

Two tables, written in the transaction that takes a push:
- ``daily_counts``: per day, station (and the district it was in), measure and key, how many and how
  many units — visits by purpose, registrations, new union members, activity sign-ins, handouts by item
  and programme. Any date range adds these up.
- ``rider_firsts``: per rider and year, and per rider and month, one row holding the rider's first day in
  each group they were seen in (every rider, a programme, an item, a campaign, a station; union-wide and
  per district), and ``rider_counts``: how many riders had their first day on each day. Riders in a
  range that starts a year or a month and ends in it are then a sum over at most a year's days, exact
  (``first_day <= end``), however many events there are. Any other range takes its riders from its
  events and claims (``distinct_facts``), by the same rules.

Retention forgets riders' ids in old periods; the histogram keeps how many they were.
"""

from __future__ import annotations

import json
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from kiosk.hub import schema as t
from kiosk.hub.database import rows_in

ALL = "*"  # the union-wide scope
SHARDS = 16
ROLLED_UP = ("checked_in", "member_registered", "activity_signed_in")  # with claims, what the figures count


@dataclass(frozen=True)
class Fact:
    """One thing the figures count, with the rider as the hub knows them (aliases resolved)."""

    measure: str  # visit, registration, activity, handout
    station_id: str
    district: str
    day: str
    member_id: str
    key: str = ""  # a visit's purpose, a handout's item
    programme: str = ""
    campaign: str = ""
    quantity: int = 1
    union_member: bool = False


def groups(fact: Fact) -> list[tuple[str, str]]:
    """(scope, group) pairs a fact's rider counts in."""
    if fact.measure == "visit":
        names = ["visit"]
    elif fact.measure == "handout":
        names = [f"p:{fact.programme}", f"i:{fact.key}", f"c:{fact.campaign}"]
    else:
        return []
    district = f"d:{fact.district}"
    pairs = [(scope, name) for name in names for scope in (ALL, district)]
    if fact.measure == "handout":
        pairs.append((ALL, f"s:{fact.station_id}"))
    return pairs


def counts_of(facts: Iterable[Fact], sign: int = 1) -> dict[tuple[str, ...], list[int]]:
    """(day, station, district, measure, key, programme) -> [how many, units]."""
    counts: dict[tuple[str, ...], list[int]] = {}

    def add(fact: Fact, measure: str, key: str, programme: str, quantity: int) -> None:
        row = counts.setdefault((fact.day, fact.station_id, fact.district, measure, key, programme), [0, 0])
        row[0] += sign
        row[1] += sign * quantity

    for fact in facts:
        add(fact, fact.measure, fact.key, fact.programme, fact.quantity)
        if fact.measure == "registration" and fact.union_member:
            add(fact, "new_member", "", "", 1)
    return counts


def firsts_of(facts: Iterable[Fact]) -> dict[tuple[str, str], dict[tuple[str, str], str]]:
    """(period, rider) -> {(scope, group): the rider's first day there}, for the year and the month."""
    firsts: dict[tuple[str, str], dict[tuple[str, str], str]] = {}
    done = set()  # a rider's second visit of a day at a station adds nothing: skip it before the groups
    for fact in facts:
        seen = (fact.member_id, fact.day, fact.measure, fact.station_id, fact.key, fact.programme)
        if seen in done:
            continue
        done.add(seen)
        pairs = groups(fact)
        if not pairs:
            continue
        day = fact.day
        for period in (day[:4], day[:7]):
            mine = firsts.setdefault((period, fact.member_id), {})
            for pair in pairs:
                if day < mine.get(pair, "9999"):
                    mine[pair] = day
    return firsts


def _encode(days: dict[tuple[str, str], str]) -> str:
    """A rider's first days as text: a line per group, "scope<TAB>group<TAB>day" (a tenth of the time of
    JSON, which is kept for a name holding a tab or a line break)."""
    text = "\n".join(f"{scope}\t{group}\t{day}" for (scope, group), day in days.items())
    if text.count("\t") == 2 * len(days) and text.count("\n") == len(days) - 1 and not text.startswith("["):
        return text
    return json.dumps([[scope, group, day] for (scope, group), day in days.items()], ensure_ascii=False)


def _decode(text: str) -> dict[tuple[str, str], str]:
    if text.startswith("["):
        return {(scope, group): day for scope, group, day in json.loads(text)}
    return {(scope, group): day for scope, group, day in (line.split("\t") for line in text.split("\n"))}


def _upsert(conn: sa.Connection, table: sa.Table) -> Any:
    return (postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert)(table)


def shard_of(station_id: str) -> int:
    """The ``rider_counts`` rows a station's pushes add to: every push changes the same few rows of the
    histogram (this year's and month's riders, today), so pushes from all stations writing one row each
    waited in turn for its lock; spread over SHARDS rows, reports add them up."""
    return zlib.crc32(station_id.encode()) % SHARDS


def store(conn: sa.Connection, facts: list[Fact], sign: int = 1) -> Counter[tuple[str, str, str, str]]:
    """Add facts to the rollups (``sign=-1`` takes their counts away; riders are then ``refresh``ed); the
    change to the riders histogram is returned, for ``count_riders`` once per transaction."""
    counts = counts_of(facts, sign)
    if counts:
        insert = _upsert(conn, t.daily_counts)
        conn.execute(insert.on_conflict_do_update(
            index_elements=[c.name for c in t.daily_counts.primary_key],
            set_={"n": t.daily_counts.c.n + insert.excluded.n,
                  "quantity": t.daily_counts.c.quantity + insert.excluded.quantity}),
            [{"day": k[0], "station_id": k[1], "district": k[2], "measure": k[3], "key": k[4], "programme": k[5],
              "n": v[0], "quantity": v[1]} for k, v in counts.items()])
    return _store_firsts(conn, firsts_of(facts)) if sign > 0 else Counter()


def _store_firsts(conn: sa.Connection, firsts: dict[tuple[str, str], dict[tuple[str, str], str]]
                  ) -> Counter[tuple[str, str, str, str]]:
    """Riders' first days into ``rider_firsts`` (one row per rider and period, holding every group's first
    day), and what that changes in the ``rider_counts`` histogram: a rider new to a group counts on
    their day; one seen earlier than known moves to the earlier day. Rows are locked as read
    (PostgreSQL), and a row another push made meanwhile is read again, so pushes from two stations
    naming one rider at once count them once."""
    deltas: Counter[tuple[str, str, str, str]] = Counter()
    if not firsts:
        return deltas
    existing = _locked(conn, list(firsts))
    fresh = sorted(k for k in firsts if k not in existing)
    if fresh:
        inserted = _insert_firsts(conn, [(key, firsts[key]) for key in fresh])
        for key in inserted:
            for (scope, group), day in firsts[key].items():
                deltas[(key[0], scope, group, day)] += 1
        raced = [k for k in fresh if k not in inserted]
        if raced:
            existing.update(_locked(conn, raced))
    changed = []
    for key, known in existing.items():
        merged = None
        for pair, day in firsts[key].items():
            old = known.get(pair)
            if old is not None and old <= day:
                continue
            if old is not None:
                deltas[(key[0], *pair, old)] -= 1
            deltas[(key[0], *pair, day)] += 1
            merged = merged or dict(known)
            merged[pair] = day
        if merged is not None:
            changed.append((key, merged))
    _rewrite(conn, sorted(changed))
    return deltas


def _insert_firsts(conn: sa.Connection, fresh: list[tuple[tuple[str, str], dict[tuple[str, str], str]]]
                   ) -> set[tuple[str, str]]:
    """Insert new riders' rows; the keys this transaction inserted (on PostgreSQL, one statement whose
    RETURNING leaves out a row another push inserted meanwhile; SQLite has one writer at a time)."""
    insert = "INSERT INTO rider_firsts (member_id, period, firsts) "
    rows = [(member, period, _encode(days)) for (period, member), days in fresh]
    if conn.dialect.name == "postgresql":
        columns = [list(column) for column in zip(*rows, strict=True)]
        return {(period, member) for member, period in conn.exec_driver_sql(
            insert + "SELECT * FROM unnest(%s::text[], %s::text[], %s::text[]) "
            "ON CONFLICT DO NOTHING RETURNING member_id, period", tuple(columns))}
    conn.exec_driver_sql(insert + "VALUES (?, ?, ?)", rows)
    return {key for key, _ in fresh}


def _rewrite(conn: sa.Connection, rows: list[tuple[tuple[str, str], dict[tuple[str, str], str]]]) -> None:
    """Riders' rows replaced by what they hold now (a row left with no group is deleted)."""
    paramstyle = "%s" if conn.dialect.name == "postgresql" else "?"
    kept = [(_encode(days), member, period) for (period, member), days in rows if days]
    gone = [(member, period) for (period, member), days in rows if not days]
    if kept:
        conn.exec_driver_sql(f"UPDATE rider_firsts SET firsts = {paramstyle} WHERE member_id = {paramstyle} "
                             f"AND period = {paramstyle}", kept)
    if gone:
        conn.exec_driver_sql(f"DELETE FROM rider_firsts WHERE member_id = {paramstyle} AND period = {paramstyle}",
                             gone)


def _locked(conn: sa.Connection, keys: list[tuple[str, str]]) -> dict[tuple[str, str], dict[tuple[str, str], str]]:
    """The rows already kept for these (period, rider) keys, locked until the push commits."""
    f = t.rider_firsts.c
    wanted = set(keys)
    periods = sorted({period for period, _ in wanted})
    found = {}
    for row in rows_in(conn, sa.select(f.period, f.member_id, f.firsts).where(f.period.in_(periods))
                       .order_by(f.member_id, f.period).with_for_update(), f.member_id,
                       [member for _, member in wanted]):
        if (row.period, row.member_id) in wanted:
            found[(row.period, row.member_id)] = _decode(row.firsts)
    return found


def count_riders(conn: sa.Connection, deltas: Counter[tuple[str, str, str, str]], shard: int = 0) -> None:
    """A transaction's change to the riders histogram, in one statement (two statements could lock its
    rows in opposite orders to another push's)."""
    rows = [{"period": k[0], "scope": k[1], "grp": k[2], "first_day": k[3], "shard": shard, "riders": n}
            for k, n in sorted(deltas.items()) if n]  # in key order: two pushes never lock in opposite orders
    if rows:
        insert = _upsert(conn, t.rider_counts)
        conn.execute(insert.on_conflict_do_update(
            index_elements=[c.name for c in t.rider_counts.primary_key],
            set_={"riders": t.rider_counts.c.riders + insert.excluded.riders}), rows)


HANDOUT_GROUPS = ("p:", "i:", "c:", "s:")


def refresh_handout_riders(conn: sa.Connection, years: set[tuple[str, str]], facts: list[Fact]
                           ) -> Counter[tuple[str, str, str, str]]:
    """Riders' handout groups for a year worked out again from ``facts`` (their claims of that year still
    standing), after some of their claims were voided; ``years``: (rider, year) pairs. Returns the change
    to the histogram."""
    f = t.rider_firsts.c
    old: Counter[tuple[str, str, str, str]] = Counter()
    rows = []
    year = sa.func.substr(f.period, sa.literal_column("1"), sa.literal_column("4"))
    of_years = year.in_(sorted({y for _, y in years}))  # not the riders' other years' rows
    for row in rows_in(conn, sa.select(f.period, f.member_id, f.firsts).where(of_years)
                       .order_by(f.member_id, f.period).with_for_update(), f.member_id, {m for m, _ in years}):
        if (row.member_id, row.period[:4]) not in years:
            continue
        days = _decode(row.firsts)
        handouts = {pair for pair in days if pair[1].startswith(HANDOUT_GROUPS)}
        if handouts:
            old.update((row.period, *pair, days[pair]) for pair in handouts)
            rows.append(((row.period, row.member_id), {p: d for p, d in days.items() if p not in handouts}))
    _rewrite(conn, sorted(rows))
    deltas = _store_firsts(conn, firsts_of(fact for fact in facts if (fact.member_id, fact.day[:4]) in years))
    deltas.subtract(old)
    return deltas


def merge_riders(conn: sa.Connection, keep: str, duplicate: str) -> None:
    """Two ids found to be one rider: the duplicate's first days become the kept id's (the earlier of the
    two where both were seen), and the rider counts once."""
    f = t.rider_firsts.c
    theirs = {row.period: _decode(row.firsts) for row in conn.execute(
        sa.select(f.period, f.firsts).where(f.member_id == duplicate).with_for_update())}
    if not theirs:
        return
    conn.execute(t.rider_firsts.delete().where(f.member_id == duplicate))
    deltas = _store_firsts(conn, {(period, keep): days for period, days in theirs.items()})
    deltas.subtract({(period, *pair, day): 1 for period, days in theirs.items() for pair, day in days.items()})
    count_riders(conn, deltas)


def forget_riders_before(conn: sa.Connection, day: str) -> None:
    """Retention: in the years and months wholly before ``day`` riders are no longer kept by id; the
    histogram keeps how many there were (the figures stay exact; nobody can be followed through them)."""
    f = t.rider_firsts.c
    conn.execute(t.rider_firsts.delete().where(sa.or_(
        sa.and_(sa.func.length(f.period) == 4, f.period < day[:4]),
        sa.and_(sa.func.length(f.period) == 7, f.period < day[:7]))))


# -- reading ---------------------------------------------------------------------------------------------


def period_of(start: str, end: str) -> str | None:
    """The year or month a range is the beginning of (then its riders come from the rollups), or None."""
    if start[:4] == end[:4] and start[5:] == "01-01":
        return start[:4]
    if start[:7] == end[:7] and start[8:] == "01":
        return start[:7]
    return None


def months_of(start: str, end: str) -> Iterator[str]:
    month = date.fromisoformat(start[:7] + "-01")
    while month.isoformat()[:7] <= end[:7]:
        yield month.isoformat()[:7]
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)


@dataclass
class Tallies:
    """What a report is made of, from the rollups or from the events: counts per (station, district,
    month, measure, key, programme), and riders per group (and per month for visits)."""

    counts: dict[tuple[str, ...], list[int]]
    riders: dict[str, int]
    visitors_by_month: dict[str, int]


def tallies(conn: sa.Connection, start: str, end: str, district: str | None, stations: dict[str, str]) -> Tallies:
    """A range's counts (from the daily counts) and riders: from the histogram when the range starts a
    year or a month, else from the distinct riders of its events and claims."""
    c = t.daily_counts.c
    month = sa.func.substr(c.day, sa.literal_column("1"), sa.literal_column("7"))
    query = (sa.select(c.station_id, c.district, month, c.measure, c.key, c.programme, sa.func.sum(c.n),
                       sa.func.sum(c.quantity))
             .where(c.day.between(start, end)).group_by(c.station_id, c.district, month, c.measure, c.key, c.programme)
             .having(sa.func.sum(c.n) != 0))  # all voided
    if district is not None:
        query = query.where(c.district == district)
    counts = {tuple(r[:6]): [int(r[6]), int(r[7])] for r in conn.execute(query)}
    period = period_of(start, end)
    if period is None:
        riders, by_month = riders_of(distinct_facts(conn, start, end, stations), district)
        return Tallies(counts, riders, by_month)
    f = t.rider_counts.c
    scope = ALL if district is None else f"d:{district}"
    mine = f.scope == scope if district is None else sa.or_(f.scope == scope,
                                                            sa.and_(f.scope == ALL, f.grp.startswith("s:")))
    riders = {g: int(n) for g, n in conn.execute(
        sa.select(f.grp, sa.func.sum(f.riders)).where(f.period == period, f.first_day <= end, mine)
        .group_by(f.grp))}
    if district is None:  # each district's visitors, for the breakdown by district
        riders.update({f"dv:{s[2:]}": int(n) for s, n in conn.execute(
            sa.select(f.scope, sa.func.sum(f.riders)).where(f.period == period, f.first_day <= end,
                                                             f.grp == "visit", f.scope != ALL).group_by(f.scope))})
    by_month = {m: int(n) for m, n in conn.execute(
        sa.select(f.period, sa.func.sum(f.riders)).where(
            f.period.in_(list(months_of(start, end))), f.first_day <= end, f.grp == "visit", f.scope == scope)
        .group_by(f.period))}
    return Tallies(counts, riders, by_month)


def riders_of(facts: Iterable[Fact], district: str | None) -> tuple[dict[str, int], dict[str, int]]:
    """Riders per group (and visitors per month) among facts, as the histogram would count them."""
    seen: dict[str, set[str]] = {}
    months: dict[str, set[str]] = {}
    for fact in facts:
        if district is not None and fact.district != district:
            continue
        for scope, group in groups(fact):
            if scope == ALL or district is not None:
                seen.setdefault(group, set()).add(fact.member_id)
            if district is None and scope != ALL and group == "visit":
                seen.setdefault(f"dv:{fact.district}", set()).add(fact.member_id)
        if fact.measure == "visit":
            months.setdefault(fact.day[:7], set()).add(fact.member_id)
    return {g: len(m) for g, m in seen.items()}, {m: len(r) for m, r in months.items()}


def distinct_facts(conn: sa.Connection, start: str, end: str, stations: dict[str, str]) -> Iterator[Fact]:
    """One fact per rider, station and month visited, and per rider, station, item and programme served,
    in a range: what its riders are counted from (the database does the DISTINCT)."""
    e, a = t.events.c, t.member_aliases.c
    member = sa.func.coalesce(a.member_id, e.payload["member_id"].as_string())
    month = sa.func.substr(e.day, sa.literal_column("1"), sa.literal_column("7"))
    set_aside = sa.select(t.incidents.c.event_id).where(t.incidents.c.event_id == e.event_id)
    visits = (sa.select(member, e.station_id, month).distinct()
              .select_from(t.events.outerjoin(t.member_aliases, a.alias_id == e.payload["member_id"].as_string()))
              .where(e.type == "checked_in", e.day.between(start, end), ~set_aside.exists()))
    for rider, station_id, in_month in conn.execute(visits):
        yield Fact("visit", station_id, stations.get(station_id) or "", f"{in_month}-01", rider)
    campaign_of = item_campaigns(conn)
    c = t.claims.c
    for rider, station_id, item_id, programme in conn.execute(
            sa.select(c.member_id, c.station_id, c.item_id, c.programme).distinct()
            .where(c.day.between(start, end), c.voided.is_(False))):
        yield Fact("handout", station_id, stations.get(station_id) or "", start, rider, key=item_id,
                   programme=programme, campaign=campaign_of.get(item_id, ""))


def facts_from_tables(conn: sa.Connection) -> list[Fact]:
    """The facts behind the figures, read from every event and claim: what the rollups are rebuilt from."""
    stations = dict(conn.execute(sa.select(t.stations.c.station_id, t.stations.c.district)).all())
    aliases = dict(conn.execute(sa.select(t.member_aliases.c.alias_id, t.member_aliases.c.member_id)).all())
    campaign_of = item_campaigns(conn)
    set_aside = sa.select(t.incidents.c.event_id).where(t.incidents.c.event_id == t.events.c.event_id)
    events = sa.select(t.events.c.type, t.events.c.station_id, t.events.c.day, t.events.c.payload).where(
        t.events.c.type.in_(ROLLED_UP), ~set_aside.exists())
    claims = sa.select(t.claims).where(t.claims.c.voided.is_(False))
    facts = []
    for kind, station_id, day, p in conn.execute(events):
        member = p.get("member_id", "")
        district = stations.get(station_id) or ""
        if kind == "checked_in":
            facts.append(Fact("visit", station_id, district, day, aliases.get(member, member),
                              key=p.get("purpose", "")))
        elif kind == "member_registered":
            facts.append(Fact("registration", station_id, district, day, member,
                              union_member=bool(p.get("union_member"))))
        else:
            facts.append(Fact("activity", station_id, district, day, aliases.get(member, member)))
    facts.extend(claim_fact(c._mapping, stations.get(c.station_id) or "", campaign_of) for c in conn.execute(claims))
    return facts


def item_campaigns(conn: sa.Connection) -> dict[str, str]:
    """Each item of the catalogue and the campaign it belongs to."""
    return {d["item_id"]: d.get("campaign_id", "") for d in conn.execute(
        sa.select(t.catalogue.c.data).where(t.catalogue.c.kind == "item")).scalars()}


def claim_fact(claim: Any, district: str, campaign_of: dict[str, str]) -> Fact:
    return Fact("handout", claim["station_id"], district, claim["day"], claim["member_id"], key=claim["item_id"],
                programme=claim["programme"], campaign=campaign_of.get(claim["item_id"], ""),
                quantity=claim["quantity"])


def rebuild(conn: sa.Connection) -> None:
    """Every rollup worked out again from the events and claims (a new hub version's migration)."""
    conn.execute(t.daily_counts.delete())
    conn.execute(t.rider_firsts.delete())
    conn.execute(t.rider_counts.delete())
    count_riders(conn, store(conn, facts_from_tables(conn)))
