"""A realistic demo station built through the real core services, and a driver of rider traffic."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from kiosk.core import activities, attendants, campaigns, checkins, handouts, members, stock
from kiosk.core.clock import FixedClock
from kiosk.core.errors import AlreadyRegistered, KioskError
from kiosk.core.ids import new_member_id, short_id
from kiosk.core.station import set_up_station
from kiosk.credentials.codes import ensure_keys
from kiosk.paths import keys_dir
from kiosk.store import Store

DEMO_ATTENDANT = ("A-DEMO01", "王站长", "attendant", "1234")
DEMO_TECHNICIAN = ("A-TECH01", "李工", "technician", "9876")

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国志红斌海波鹏辉飞鑫浩宇晨阳旭东"
PLATFORMS = {
    "delivery_rider": ["美团", "饿了么", "闪送", "达达"],
    "courier": ["顺丰", "京东物流", "中通", "圆通", "韵达"],
    "ride_hailing_driver": ["滴滴出行", "曹操出行", "T3出行"],
    "truck_driver": ["货拉拉", "满帮", "快狗打车"],
    "other": [""],
}
OCCUPATION_WEIGHTS = [55, 20, 12, 8, 5]
PURPOSE_WEIGHTS = [30, 25, 15, 12, 10, 3, 5]


def demo_campaigns(today: date) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The union's usual programmes, dated around ``today`` so some run now and one has ended."""
    year = today.year
    camps = [
        {"campaign_id": "BREAKFAST", "programme": "warm_breakfast", "name_zh": "暖心早餐", "name_en": "Warm breakfast",
         "starts_on": f"{year}-01-01", "ends_on": f"{year}-12-31", "opens_at": "06:00", "closes_at": "10:30"},
        {"campaign_id": "SUMMER", "programme": "summer_cooling", "name_zh": "夏送清凉", "name_en": "Summer cooling",
         "starts_on": f"{year}-06-01", "ends_on": f"{year}-09-30"},
        {"campaign_id": "CARE", "programme": "daily_care", "name_zh": "驿站关爱", "name_en": "Station care",
         "starts_on": (today - timedelta(days=90)).isoformat(), "ends_on": (today + timedelta(days=90)).isoformat()},
        {"campaign_id": "HEALTH", "programme": "health_check", "name_zh": "健康体检", "name_en": "Health check",
         "starts_on": f"{year}-01-01", "ends_on": f"{year}-12-31", "members_only": True},
        {"campaign_id": "READING", "programme": "reading", "name_zh": "职工书屋", "name_en": "Workers' reading",
         "starts_on": f"{year}-01-01", "ends_on": f"{year}-12-31"},
        {"campaign_id": "INSURE", "programme": "nuanxinbao", "name_zh": "暖新保", "name_en": "New-worker insurance",
         "starts_on": f"{year}-01-01", "ends_on": f"{year}-12-31", "members_only": True,
         "occupations": ["delivery_rider", "courier", "ride_hailing_driver", "truck_driver"]},
    ]
    items = [
        {"item_id": "breakfast", "campaign_id": "BREAKFAST", "name_zh": "暖心早餐", "name_en": "Breakfast",
         "self_service": True, "limits": {"day": 1}},
        {"item_id": "cooling_pack", "campaign_id": "SUMMER", "name_zh": "清凉包", "name_en": "Cooling pack",
         "self_service": True, "limits": {"day": 1, "week": 3}},
        {"item_id": "water", "campaign_id": "CARE", "name_zh": "矿泉水", "name_en": "Bottled water",
         "self_service": True, "limits": {"day": 2}},
        {"item_id": "care_kit", "campaign_id": "CARE", "name_zh": "冬季关爱包", "name_en": "Winter care kit",
         "limits": {"month": 1, "campaign": 2}},
        {"item_id": "health_card", "campaign_id": "HEALTH", "name_zh": "体检卡", "name_en": "Health-check card",
         "kind": "voucher", "limits": {"year": 1}},
        {"item_id": "reading_card", "campaign_id": "READING", "name_zh": "阅读卡", "name_en": "Reading card",
         "kind": "voucher", "limits": {"year": 1}},
        {"item_id": "insurance", "campaign_id": "INSURE", "name_zh": "暖新保参保", "name_en": "Insurance enrolment",
         "limits": {"year": 1}},
    ]
    return camps, items


def random_phone(rng: random.Random) -> str:
    return "1" + rng.choice("3456789") + "".join(rng.choice("0123456789") for _ in range(9))


def random_rider(rng: random.Random) -> dict[str, Any]:
    occupation = rng.choices(members.OCCUPATIONS, OCCUPATION_WEIGHTS)[0]
    return {
        "phone": random_phone(rng),
        "name": rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2)))),
        "occupation": occupation,
        "platform": rng.choice(PLATFORMS[occupation]),
        "union_member": rng.random() < 0.7,
    }


def _restock(store: Store, attendant_id: str, rng: random.Random) -> None:
    for item in stock.stock_levels(store):
        if item["kind"] == "voucher":
            if item["on_hand"] < 20:
                codes = [f"{item['item_id'][:2].upper()}-{short_id(8)}" for _ in range(100)]
                stock.receive_stock(store, item["item_id"], 0, attendant_id, codes=codes)
        elif item["on_hand"] < 100:
            stock.receive_stock(store, item["item_id"], rng.choice((200, 300, 500)), attendant_id)


def build_demo(store: Store, n_members: int = 2000, days: int = 30, seed: int = 7,
               name: str = "西宁城中区骑手驿站") -> dict[str, Any]:
    """Make a station with a roster, campaigns, stock, staff and ``days`` days of history."""
    if n_members < 1 or days < 0:
        raise KioskError("A demo needs at least one rider and zero or more days.")
    rng = random.Random(seed)
    real_clock = store.clock
    set_up_station(store, name)
    ensure_keys(store, keys_dir(Path(store.path).parent))
    today = real_clock.day(real_clock.now())
    camps, items = demo_campaigns(today)
    campaigns.apply_campaigns(store, camps, items)
    for attendant_id, staff_name, role, pin in (DEMO_ATTENDANT, DEMO_TECHNICIAN):
        attendants.add_attendant(store, staff_name, role, pin, attendant_id=attendant_id)

    # Most riders came with the union's roster; a few register here during the demo days.
    local_count = max(1, n_members // 30) if days else 0
    roster, seen = [], set()
    start = real_clock.now() - timedelta(days=days + 365)
    while len(roster) < n_members - local_count:
        rider = random_rider(rng)
        if rider["phone"] in seen:
            continue
        seen.add(rider["phone"])
        roster.append({
            "member_id": new_member_id(), "phone_hash": members.phone_hash(store, rider["phone"]),
            "phone_last4": rider["phone"][-4:], "name": rider["name"], "occupation": rider["occupation"],
            "platform": rider["platform"], "union_member": rider["union_member"], "status": "active",
            "registered_at": (start + timedelta(minutes=rng.randrange(525600))).isoformat(),
        })
    for i in range(0, len(roster), 5000):
        members.apply_roster(store, roster[i:i + 5000])

    clock = FixedClock(real_clock.now() - timedelta(days=days))
    store.clock = clock
    outcomes: Counter[str] = Counter()
    try:
        _restock(store, DEMO_ATTENDANT[0], rng)
        ids = [r["member_id"] for r in roster]
        for day in range(days):
            day_start = datetime.combine(clock.day(clock.now()), datetime.min.time(), clock.tz)
            with store.transaction():
                _restock(store, DEMO_ATTENDANT[0], rng)
                minutes = sorted(rng.randrange(6 * 60, 22 * 60) for _ in range(max(10, n_members // 60)))
                if day % 7 == 3:
                    clock.at = day_start + timedelta(hours=14)
                    activities.open_activity(store, rng.choice(["骑手安全培训", "劳动权益讲座", "免费体检日"]),
                                             DEMO_ATTENDANT[0], hours=3)
                for minute in minutes:
                    clock.at = day_start + timedelta(minutes=minute)
                    outcome = random_action(store, rng, ids, local_count / max(days, 1) / len(minutes))
                    outcomes[outcome] += 1
            clock.at = day_start + timedelta(days=1)
        with store.transaction():
            while store.one("SELECT COUNT(*) FROM members") < n_members:
                try:
                    ids.append(members.register_member(store, consent=True, **random_rider(rng)).member_id)
                    outcomes["registered"] += 1
                except AlreadyRegistered:
                    continue
    finally:
        store.clock = real_clock
    return {"members": store.one("SELECT COUNT(*) FROM members"), "events": store.one("SELECT COUNT(*) FROM events"),
            "outcomes": dict(outcomes)}


def random_action(store: Store, rng: random.Random, ids: list[str], p_register: float = 0.02) -> str:
    """One realistic thing that happens at a station; returns what came of it (done or the refusal)."""
    staff = DEMO_ATTENDANT[0]
    try:
        roll = rng.random()
        if roll < p_register:
            member = members.register_member(store, consent=True, **random_rider(rng))
            ids.append(member.member_id)
            return "registered"
        member_id = rng.choice(ids)
        if roll < 0.55:
            purpose = rng.choices(checkins.PURPOSES, PURPOSE_WEIGHTS)[0]
            return "checked_in" if checkins.check_in(store, member_id, purpose).counted else "already_checked_in"
        if roll < 0.90:
            item_id = rng.choice(["breakfast", "water", "water", "care_kit", "health_card", "reading_card",
                                  "insurance", "cooling_pack"])
            self_service = item_id in ("breakfast", "water") and rng.random() < 0.5
            handouts.hand_out(store, member_id, item_id, channel="self" if self_service else "attended",
                              attendant_id=None if self_service else staff)
            return "handed_out"
        if roll < 0.93:
            recent = handouts.recent_handouts(store, limit=10)
            live = [h for h in recent if not h["voided"]]
            if not live:
                return "nothing_to_void"
            handouts.void_handout(store, rng.choice(live)["event_id"], "发错物品", staff)
            return "voided"
        if roll < 0.995:
            open_now = activities.open_activities(store)
            if not open_now:
                return "no_activity_open"
            signed = activities.sign_in(store, open_now[0].activity_id, member_id)
            return "signed_in" if signed else "already_signed_in"
        item = rng.choice([i for i in stock.stock_levels(store) if i["kind"] == "goods"])
        stock.receive_stock(store, item["item_id"], rng.choice((50, 100)), staff)
        return "stock_received"
    except KioskError as refusal:
        return "refused:" + refusal.code


def simulate(store: Store, n: int, seed: int | None = None) -> dict[str, int]:
    """Drive ``n`` actions through the core services now, each its own durable commit."""
    if n < 1:
        raise KioskError("Simulate at least one action.")
    rng = random.Random(seed)
    ids = [r[0] for r in store.conn.execute("SELECT member_id FROM members WHERE status = 'active'")]
    if not ids:
        raise KioskError("This station has no riders: run 'kiosk demo' first.")
    outcomes: Counter[str] = Counter(random_action(store, rng, ids) for _ in range(n))
    return dict(sorted(outcomes.items()))
