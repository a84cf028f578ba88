"""The office's figures kept as events arrive, so a report reads thousands of rows, not millions of events.

Two tables, written in the transaction that takes a push:
- ``daily_counts``: per day, station (and the district it was in), measure and key, how many and how
  many units — visits by purpose, registrations, new union members, activity sign-ins, handouts by item
  and programme. Any date range adds these up.
- ``rider_firsts``: per year and per month, per group (every rider, a programme, an item, a campaign, a
  station; union-wide and per district), each rider's first day in it, and ``rider_counts``: how many
  riders had their first day on each day. Riders in a range that starts a year or a month and ends in it
  are then a sum over at most a year's days, exact (``first_day <= end``), however many events there are.
  Any other range takes its riders from its events and claims (``distinct_facts``), by the same rules.

Retention forgets riders' ids in old periods; the histogram keeps how many they were.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from kiosk.hub import schema as t

ALL = "*"  # the union-wide scope
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


def firsts_of(facts: Iterable[Fact]) -> dict[tuple[str, str, str, str], str]:
    """(period, scope, group, rider) -> the rider's first day there, for the year and the month."""
    firsts: dict[tuple[str, str, str, str], str] = {}
    done = set()  # a rider's second visit of a day at a station adds nothing: skip it before the groups
    for fact in facts:
        seen = (fact.member_id, fact.day, fact.measure, fact.station_id, fact.key, fact.programme)
        if seen in done:
            continue
        done.add(seen)
        for scope, group in groups(fact):
            for period in (fact.day[:4], fact.day[:7]):
                key = (period, scope, group, fact.member_id)
                if fact.day < firsts.get(key, "9999"):
                    firsts[key] = fact.day
    return firsts


def _upsert(conn: sa.Connection, table: sa.Table) -> Any:
    return (postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert)(table)


def store(conn: sa.Connection, facts: list[Fact], sign: int = 1) -> None:
    """Add facts to the rollups (``sign=-1`` takes their counts away; riders are then ``refresh``ed)."""
    counts = counts_of(facts, sign)
    if counts:
        insert = _upsert(conn, t.daily_counts)
        conn.execute(insert.on_conflict_do_update(
            index_elements=[c.name for c in t.daily_counts.primary_key],
            set_={"n": t.daily_counts.c.n + insert.excluded.n,
                  "quantity": t.daily_counts.c.quantity + insert.excluded.quantity}),
            [{"day": k[0], "station_id": k[1], "district": k[2], "measure": k[3], "key": k[4], "programme": k[5],
              "n": v[0], "quantity": v[1]} for k, v in counts.items()])
    if sign > 0:
        _store_firsts(conn, firsts_of(facts))


def _store_firsts(conn: sa.Connection, firsts: dict[tuple[str, str, str, str], str]) -> None:
    """Riders' first days into ``rider_firsts``, and what that changes into the ``rider_counts`` histogram:
    a rider new to a group counts on their day; one seen earlier than known moves to the earlier day.
    Rows are locked as read (PostgreSQL), and one another push made meanwhile is read again, so pushes
    from two stations naming one rider at once count them once."""
    if not firsts:
        return
    existing = _locked(conn, firsts)
    fresh = sorted((k, d) for k, d in firsts.items() if k not in existing)
    deltas: Counter[tuple[str, str, str, str]] = Counter()
    if fresh:
        inserted = _insert_firsts(conn, fresh)
        for key, day in fresh:
            if key in inserted:
                deltas[(*key[:3], day)] += 1
        raced = {k: d for k, d in fresh if k not in inserted}
        if raced:
            existing.update(_locked(conn, raced))
    moved = sorted((k, d, existing[k]) for k, d in firsts.items() if k in existing and d < existing[k])
    if moved:
        f = t.rider_firsts.c
        conn.execute(t.rider_firsts.update().where(
            f.period == sa.bindparam("k_period"), f.scope == sa.bindparam("k_scope"), f.grp == sa.bindparam("k_grp"),
            f.member_id == sa.bindparam("k_member")).values(first_day=sa.bindparam("k_day")),
            [{"k_period": k[0], "k_scope": k[1], "k_grp": k[2], "k_member": k[3], "k_day": d} for k, d, _ in moved])
        for key, day, old in moved:
            deltas[(*key[:3], old)] -= 1
            deltas[(*key[:3], day)] += 1
    _count_riders(conn, deltas)


def _insert_firsts(conn: sa.Connection, fresh: list[tuple[tuple[str, str, str, str], str]]) -> set[tuple[str, ...]]:
    """Insert new first days; the keys this transaction inserted (on PostgreSQL, one statement whose
    RETURNING leaves out a row another push inserted meanwhile; SQLite has one writer at a time)."""
    insert = "INSERT INTO rider_firsts (period, scope, grp, member_id, first_day) "
    rows = [(*key, day) for key, day in fresh]
    if conn.dialect.name == "postgresql":
        columns = [list(column) for column in zip(*rows, strict=True)]
        return {tuple(r) for r in conn.exec_driver_sql(
            insert + "SELECT * FROM unnest(%s::text[], %s::text[], %s::text[], %s::text[], %s::text[]) "
            "ON CONFLICT DO NOTHING RETURNING period, scope, grp, member_id", tuple(columns))}
    conn.exec_driver_sql(insert + "VALUES (?, ?, ?, ?, ?)", rows)
    return {key for key, _ in fresh}


def _locked(conn: sa.Connection, keys: dict[tuple[str, str, str, str], str]) -> dict[tuple[str, ...], str]:
    """The first days already kept for these keys, their rows locked until the push commits."""
    f = t.rider_firsts.c
    members = sorted({k[3] for k in keys})
    periods = sorted({k[0] for k in keys})
    found = {}
    for i in range(0, len(members), 5000):  # PostgreSQL's driver takes at most 65,535 parameters
        for row in conn.execute(sa.select(f.period, f.scope, f.grp, f.member_id, f.first_day).where(
                f.member_id.in_(members[i:i + 5000]), f.period.in_(periods)).with_for_update()):
            if tuple(row[:4]) in keys:
                found[tuple(row[:4])] = row[4]
    return found


def _count_riders(conn: sa.Connection, deltas: Counter[tuple[str, str, str, str]]) -> None:
    rows = [{"period": k[0], "scope": k[1], "grp": k[2], "first_day": k[3], "riders": n}
            for k, n in sorted(deltas.items()) if n]  # in key order: two pushes never lock in opposite orders
    if rows:
        insert = _upsert(conn, t.rider_counts)
        conn.execute(insert.on_conflict_do_update(
            index_elements=[c.name for c in t.rider_counts.primary_key],
            set_={"riders": t.rider_counts.c.riders + insert.excluded.riders}), rows)


def refresh_handout_riders(conn: sa.Connection, years: set[tuple[str, str]], facts: list[Fact]) -> None:
    """Riders' handout groups for a year worked out again from ``facts`` (their claims of that year still
    standing), after some of their claims were voided; ``years``: (rider, year) pairs."""
    f = t.rider_firsts.c
    handouts = sa.or_(*(f.grp.startswith(p) for p in ("p:", "i:", "c:", "s:")))
    old: Counter[tuple[str, str, str, str]] = Counter()
    for year in sorted({y for _, y in years}):
        riders = sorted(m for m, y in years if y == year)
        for start in range(0, len(riders), 5000):
            mine = sa.and_(f.member_id.in_(riders[start:start + 5000]), f.period.startswith(year), handouts)
            old.update((r.period, r.scope, r.grp, r.first_day) for r in conn.execute(
                sa.select(f.period, f.scope, f.grp, f.first_day).where(mine).with_for_update()))
            conn.execute(t.rider_firsts.delete().where(mine))
    _count_riders(conn, Counter({k: -n for k, n in old.items()}))
    _store_firsts(conn, firsts_of(fact for fact in facts if (fact.member_id, fact.day[:4]) in years))


def merge_riders(conn: sa.Connection, keep: str, duplicate: str) -> None:
    """Two ids found to be one rider: the duplicate's first days become the kept id's (the earlier of the
    two where both were seen), and the rider counts once."""
    f = t.rider_firsts.c
    theirs = {tuple(r[:3]): r[3] for r in conn.execute(sa.select(f.period, f.scope, f.grp, f.first_day).where(
        f.member_id == duplicate).with_for_update())}
    if not theirs:
        return
    conn.execute(t.rider_firsts.delete().where(f.member_id == duplicate))
    _count_riders(conn, Counter({(*k, d): -1 for k, d in theirs.items()}))
    _store_firsts(conn, {(*k, keep): d for k, d in theirs.items()})


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
    store(conn, facts_from_tables(conn))
