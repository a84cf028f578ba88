"""The demo union's programmes, staff and riders: made-up but realistic, for demos, tests and benchmarks."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from kiosk.core import members

DEMO_ATTENDANT = ("A-DEMO01", "王站长", "attendant", "123456")
DEMO_TECHNICIAN = ("A-TECH01", "李工", "technician", "987654")

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


def demo_programmes(today: date) -> list[dict[str, Any]]:
    """The union's sign-ups as an office would define them (questions named from FIELD_PRESETS)."""
    return [
        {"title_zh": "暖新保参保", "title_en": "Warm New insurance enrolment", "starts_on": today.isoformat(),
         "ends_on": (today + timedelta(days=60)).isoformat(), "once": "year",
         "fields": ["name", "id_number", "phone", "platform"], "where_zh": "保单在一周内发到您的手机",
         "where_en": "The policy is sent to your phone within a week", "sessions": []},
        {"title_zh": "爱心托管班", "title_en": "Holiday childcare class", "starts_on": today.isoformat(),
         "ends_on": (today + timedelta(days=30)).isoformat(), "waiting_list": True,
         "fields": ["name", "child_name", "child_age"], "where_zh": "城中区总工会二楼活动室",
         "where_en": "Chengzhong district union, 2nd floor", "bring_zh": "孩子的户口本",
         "bring_en": "The child's hukou book",
         "sessions": [{"label_zh": "周一至周三班", "label_en": "Mon–Wed class", "capacity": 30},
                      {"label_zh": "周四至周六班", "label_en": "Thu–Sat class", "capacity": 30}]},
        {"title_zh": "春风行动招聘会", "title_en": "Spring Breeze job fair", "starts_on": today.isoformat(),
         "ends_on": (today + timedelta(days=14)).isoformat(), "fields": ["trade", "district"],
         "where_zh": "市人才市场", "where_en": "City job centre", "sessions": []},
    ]
