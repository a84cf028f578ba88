"""A realistic demo station built through the real core services, and a driver of rider traffic."""

from __future__ import annotations

import random
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from kiosk.base.clock import FixedClock
from kiosk.base.errors import AlreadyRegistered, KioskError
from kiosk.base.ids import new_member_id, short_id
from kiosk.core import checkins, members, signups
from kiosk.core.demo_data import DEMO_ATTENDANT, DEMO_TECHNICIAN, demo_campaigns, demo_programmes, random_rider
from kiosk.credentials.render import save_png
from kiosk.station import Station

DEMO_RIDER_PHONE = "13800138000"
DEMO_RIDER = {"phone": DEMO_RIDER_PHONE, "name": "陈小明", "occupation": "delivery_rider", "platform": "美团",
              "union_member": True}

PURPOSE_WEIGHTS = [30, 25, 15, 12, 10, 3, 5]


def _restock(station: Station, attendant_id: str, rng: random.Random) -> None:
    for item in station.stock():
        if item["kind"] == "voucher":
            if item["on_hand"] < 20:
                codes = [f"{item['item_id'][:2].upper()}-{short_id(8)}" for _ in range(100)]
                station.receive_stock(item["item_id"], 0, attendant_id, codes=codes)
        elif item["on_hand"] < 100:
            station.receive_stock(item["item_id"], rng.choice((200, 300, 500)), attendant_id)


def build_demo(station: Station, n_members: int = 2000, days: int = 30, seed: int = 7,
               name: str = "西宁城中区骑手驿站") -> dict[str, Any]:
    """Make a station with a roster, campaigns, stock, staff and ``days`` days of history."""
    if n_members < 1 or days < 0:
        raise KioskError("A demo needs at least one rider and zero or more days.")
    rng = random.Random(seed)
    store = station.store
    real_clock = store.clock
    station.set_up(name)
    station.store.set_setting("demo", True)  # fake riders and known PINs: never enrolled as it is
    # A stand-in for the union office's box key (its private half is thrown away): the demo's help requests
    # are sealed as a real station's are, and nobody can read them.
    station.store.set_setting("hub_box_key", X25519PrivateKey.generate().public_key().public_bytes_raw().hex())
    station.load_catalogue(*demo_campaigns(real_clock.day(real_clock.now())))
    for attendant_id, staff_name, role, pin in (DEMO_ATTENDANT, DEMO_TECHNICIAN):
        station.add_attendant(staff_name, role, pin, attendant_id=attendant_id)
    with station.store.transaction():  # the office's sign-ups, this station holding every place
        for i, spec in enumerate(demo_programmes(real_clock.day(real_clock.now()) - timedelta(days=days))):
            programme = signups.define(spec, f"SU-DEMO{i + 1}")
            for session in programme["sessions"]:
                session["share"] = session["capacity"]
            signups.apply_programme(station.store, programme)

    # Most riders came with the union's roster; a few register here during the demo days.
    local_count = max(1, n_members // 30) if days else 0
    roster, seen, phones = [], set(), []
    start = real_clock.now() - timedelta(days=days + 365)
    while len(roster) < n_members - local_count:
        # The first is the rider to try the kiosk as (README); the rest are random.
        rider = random_rider(rng) if roster else DEMO_RIDER
        if rider["phone"] in seen:
            continue
        seen.add(rider["phone"])
        phones.append(rider["phone"])
        roster.append({
            "member_id": new_member_id(), "name": rider["name"], "occupation": rider["occupation"],
            "platform": rider["platform"], "union_member": rider["union_member"], "status": "active",
            "registered_at": (start + timedelta(minutes=rng.randrange(525600))).isoformat(),
        })
    for row, digest in zip(roster, members.hash_phones(store.setting("phone_key"), phones), strict=True):
        row["phone_hash"] = digest
    for i in range(0, len(roster), 5000):
        station.load_roster(roster[i:i + 5000])

    clock = FixedClock(real_clock.now() - timedelta(days=days))
    store.clock = clock
    outcomes: Counter[str] = Counter()
    try:
        _restock(station, DEMO_ATTENDANT[0], rng)
        ids = [r["member_id"] for r in roster]
        for day in range(days):
            day_start = datetime.combine(clock.day(clock.now()), datetime.min.time(), clock.tz)
            with station.batch():
                _restock(station, DEMO_ATTENDANT[0], rng)
                minutes = sorted(rng.randrange(6 * 60, 22 * 60) for _ in range(max(10, n_members // 60)))
                if day % 7 == 3:
                    clock.at = day_start + timedelta(hours=14)
                    station.open_activity(rng.choice(["骑手安全培训", "劳动权益讲座", "免费体检日"]),
                                          DEMO_ATTENDANT[0], hours=3)
                for minute in minutes:
                    clock.at = day_start + timedelta(minutes=minute)
                    outcome = random_action(station, rng, ids, local_count / max(days, 1) / len(minutes))
                    outcomes[outcome] += 1
            clock.at = day_start + timedelta(days=1)
        with station.batch():
            while store.one("SELECT COUNT(*) FROM members") < n_members:
                try:
                    ids.append(station.register(consent=True, **random_rider(rng))[0].member_id)
                    outcomes["registered"] += 1
                except AlreadyRegistered:
                    continue
    finally:
        store.clock = real_clock
    return {"members": store.one("SELECT COUNT(*) FROM members"), "events": store.one("SELECT COUNT(*) FROM events"),
            "outcomes": dict(outcomes)}


def random_action(station: Station, rng: random.Random, ids: list[str], p_register: float = 0.02) -> str:
    """One realistic thing that happens at a station; returns what came of it (done or the refusal)."""
    staff = DEMO_ATTENDANT[0]
    try:
        roll = rng.random()
        if roll < p_register:
            member, _ = station.register(consent=True, **random_rider(rng))
            ids.append(member.member_id)
            return "registered"
        member_id = rng.choice(ids)
        if roll < 0.55:
            purpose = rng.choices(checkins.PURPOSES, PURPOSE_WEIGHTS)[0]
            return "checked_in" if station.check_in(member_id, purpose).counted else "already_checked_in"
        if roll < 0.90:
            item_id = rng.choice(["breakfast", "water", "water", "care_kit", "health_card", "reading_card",
                                  "insurance", "cooling_pack"])
            self_service = item_id in ("breakfast", "water") and rng.random() < 0.5
            if self_service:
                station.claim(member_id, item_id)
            else:
                station.hand_out(member_id, item_id, 1, staff)
            return "handed_out"
        if roll < 0.93:
            recent = station.recent_handouts(limit=10)
            live = [h for h in recent if not h["voided"]]
            if not live:
                return "nothing_to_void"
            station.void(rng.choice(live)["event_id"], "发错物品", staff)
            return "voided"
        if roll < 0.995:
            open_now = station.open_activities()
            if not open_now:
                return "no_activity_open"
            signed = station.sign_in(open_now[0].activity_id, member_id)
            return "signed_in" if signed else "already_signed_in"
        if roll > 0.997:
            return _ask_for_help(station, rng, member_id)
        if roll > 0.994:
            return _sign_up(station, rng, member_id)
        item = rng.choice([i for i in station.stock() if i["kind"] == "goods"])
        station.receive_stock(item["item_id"], rng.choice((50, 100)), staff)
        return "stock_received"
    except KioskError as refusal:
        return "refused:" + refusal.code


HELP_STORIES = {
    "unpaid_wages": "站点两个月工资没发，站长说等平台结算", "traffic_accident": "送餐路上被电动车撞了，对方不肯赔",
    "work_injury": "搬货扭伤了腰，公司不给报工伤", "platform_penalty": "超时一次被扣了200元，申诉没人理",
    "contract": "入职没签合同，现在要辞退我", "other": "想咨询一下社保怎么交",
}


def _ask_for_help(station: Station, rng: random.Random, member_id: str) -> str:
    """A rider asks the union for help: most give a number for a call back; some stay anonymous."""
    category = rng.choice([c.key for c in station.help_categories() if c.active])
    call = rng.random() < 0.7
    station.request_help(member_id="" if rng.random() < 0.15 else member_id, category=category,
                         description=HELP_STORIES.get(category, "") if rng.random() < 0.8 else "",
                         urgent=category in ("traffic_accident", "work_injury") and rng.random() < 0.6,
                         callback_phone=f"139{rng.randrange(10**8):08d}" if call else "", consent=call)
    return "help_requested"


def _sign_up(station: Station, rng: random.Random, member_id: str) -> str:
    """A rider with a place in a session running today signs in to it; another signs up for one of the
    sign-ups open to them, answering as a rider would."""
    placed = [r["member_id"] for r in station.store.rows("SELECT member_id FROM signups WHERE status = 'confirmed'")]
    if placed and rng.random() < 0.5:  # half the time, a rider with a place comes to their session
        member_id = rng.choice(placed)
        places = station.signups_to_attend(member_id)
        if places:
            station.attend(member_id, places[0].signup_id)
            return "attended_session"
    open_now = station.signup_programmes(member_id)
    if not open_now:
        return "no_signup_open"
    programme = rng.choice(open_now)
    made_up = {"name": "王芳", "id_number": "11010519491231002X", "phone": f"139{rng.randrange(10**8):08d}",
               "child_name": "小明", "child_age": str(rng.randrange(4, 13)), "trade": "厨师",
               "start_date": "2026-12-01"}
    answers = {f.key: rng.choice(f.choices) if f.kind == "choice" else made_up[f.key] for f in programme.fields}
    signup = station.sign_up(member_id, programme.programme_id, rng.choice(programme.sessions).session_id, answers)
    return "signed_up" if signup.status == "confirmed" else "signed_up_waiting"


def simulate(station: Station, n: int, seed: int | None = None) -> dict[str, int]:
    """Drive ``n`` actions through the core services now, each its own durable commit."""
    store = station.store
    if n < 1:
        raise KioskError("Simulate at least one action.")
    rng = random.Random(seed)
    ids = [r[0] for r in store.conn.execute("SELECT member_id FROM members WHERE status = 'active'")]
    if not ids:
        raise KioskError("This station has no riders: run 'kiosk demo' first.")
    outcomes: Counter[str] = Counter(random_action(station, rng, ids) for _ in range(n))
    return dict(sorted(outcomes.items()))


def demo_rider_card(station: Station, path: Path) -> Path | None:
    """The demo rider's membership code as a PNG to scan (None where the roster has no demo rider)."""
    try:
        member = station.identify_by_phone(DEMO_RIDER_PHONE)
    except KioskError:
        return None
    return save_png(station.issue_card(member.member_id), path)
