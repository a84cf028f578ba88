"""Campaigns and their items as the hub (or a standalone station) defines them."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from kiosk.base.errors import InvalidInput, UnknownItem
from kiosk.core.members import OCCUPATIONS
from kiosk.store import Store

PERIODS = ("day", "week", "month", "year", "campaign")
_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$|^24:00$")


@dataclass(frozen=True)
class Campaign:
    campaign_id: str
    programme: str
    name_zh: str
    name_en: str
    starts_on: str
    ends_on: str
    opens_at: str
    closes_at: str
    occupations: tuple[str, ...] | None
    members_only: bool


@dataclass(frozen=True)
class Item:
    item_id: str
    campaign_id: str
    name_zh: str
    name_en: str
    kind: str
    self_service: bool
    limits: dict[str, int]


def check_campaign(c: dict[str, Any]) -> tuple[Any, ...]:
    try:
        starts, ends = date.fromisoformat(c["starts_on"]), date.fromisoformat(c["ends_on"])
        occupations = c.get("occupations")
        ok = (
            isinstance(c["campaign_id"], str) and 0 < len(c["campaign_id"]) <= 40
            and all(isinstance(c[k], str) and 0 < len(c[k]) <= 80 for k in ("programme", "name_zh", "name_en"))
            and starts <= ends
            and _HHMM.match(c.get("opens_at", "00:00")) and _HHMM.match(c.get("closes_at", "24:00"))
            and c.get("opens_at", "00:00") < c.get("closes_at", "24:00")
            and (occupations is None or (isinstance(occupations, list) and set(occupations) <= set(OCCUPATIONS)))
            and isinstance(c.get("members_only", False), bool)
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise InvalidInput(f"Campaign definition is malformed: {exc}") from exc
    if not ok:
        raise InvalidInput(f"Campaign definition {c.get('campaign_id')!r} is malformed.")
    return (c["campaign_id"], c["programme"], c["name_zh"], c["name_en"], c["starts_on"], c["ends_on"],
            c.get("opens_at", "00:00"), c.get("closes_at", "24:00"),
            None if occupations is None else json.dumps(occupations), int(c.get("members_only", False)),
            int(c.get("active", True)))


def check_item(i: dict[str, Any]) -> tuple[Any, ...]:
    try:
        limits = i.get("limits", {})
        ok = (
            isinstance(i["item_id"], str) and 0 < len(i["item_id"]) <= 40
            and isinstance(i["campaign_id"], str)
            and all(isinstance(i[k], str) and 0 < len(i[k]) <= 80 for k in ("name_zh", "name_en"))
            and i.get("kind", "goods") in ("goods", "voucher")
            and isinstance(i.get("self_service", False), bool)
            and isinstance(limits, dict) and set(limits) <= set(PERIODS)
            and all(type(v) is int and 0 < v <= 1000 for v in limits.values())
        )
    except (KeyError, TypeError) as exc:
        raise InvalidInput(f"Item definition is malformed: {exc}") from exc
    if not ok:
        raise InvalidInput(f"Item definition {i.get('item_id')!r} is malformed.")
    return (i["item_id"], i["campaign_id"], i["name_zh"], i["name_en"], i.get("kind", "goods"),
            int(i.get("self_service", False)), *(limits.get(p) for p in PERIODS), int(i.get("active", True)))


def apply_campaigns(store: Store, campaigns: Iterable[dict[str, Any]], items: Iterable[dict[str, Any]]) -> None:
    """Insert or replace campaign and item definitions (the hub is their authority)."""
    campaign_rows = [check_campaign(c) for c in campaigns]
    item_rows = [check_item(i) for i in items]
    store.require_transaction("apply_campaigns")
    with store.savepoint() as conn:  # an item of an unknown campaign undoes the whole catalogue
        conn.executemany(
            "INSERT INTO campaigns (campaign_id, programme, name_zh, name_en, starts_on, ends_on, opens_at, "
            "closes_at, occupations, members_only, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (campaign_id) DO UPDATE SET programme = excluded.programme, name_zh = excluded.name_zh, "
            "name_en = excluded.name_en, starts_on = excluded.starts_on, ends_on = excluded.ends_on, "
            "opens_at = excluded.opens_at, closes_at = excluded.closes_at, occupations = excluded.occupations, "
            "members_only = excluded.members_only, active = excluded.active",
            campaign_rows,
        )
        known = {r[0] for r in conn.execute("SELECT campaign_id FROM campaigns")}
        for row in item_rows:
            if row[1] not in known:
                raise InvalidInput(f"Item {row[0]!r} belongs to unknown campaign {row[1]!r}.")
        conn.executemany(
            "INSERT INTO items (item_id, campaign_id, name_zh, name_en, kind, self_service, limit_day, "
            "limit_week, limit_month, limit_year, limit_campaign, active) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (item_id) DO UPDATE SET "
            "campaign_id = excluded.campaign_id, name_zh = excluded.name_zh, name_en = excluded.name_en, "
            "kind = excluded.kind, self_service = excluded.self_service, limit_day = excluded.limit_day, "
            "limit_week = excluded.limit_week, limit_month = excluded.limit_month, "
            "limit_year = excluded.limit_year, limit_campaign = excluded.limit_campaign, active = excluded.active",
            item_rows,
        )
        conn.executemany("INSERT OR IGNORE INTO stock (item_id, on_hand) VALUES (?, 0)",
                         [(r[0],) for r in item_rows])


def _campaign(row: dict[str, Any]) -> Campaign:
    occupations = row.pop("occupations")
    members_only = bool(row.pop("members_only"))
    row.pop("active", None)
    return Campaign(**row, members_only=members_only,
                    occupations=None if occupations is None else tuple(json.loads(occupations)))


def _item(row: dict[str, Any]) -> Item:
    limits = {p: row.pop(f"limit_{p}") for p in PERIODS}
    row.pop("active", None)
    return Item(**{**row, "self_service": bool(row["self_service"])},
                limits={p: v for p, v in limits.items() if v is not None})


def get_item(store: Store, item_id: str) -> tuple[Item, Campaign]:
    items = store.rows("SELECT * FROM items WHERE item_id = ? AND active = 1", (item_id,))
    if not items:
        raise UnknownItem(f"No item {item_id!r} at this station.")
    item = _item(items[0])
    campaign = store.rows("SELECT * FROM campaigns WHERE campaign_id = ?", (item.campaign_id,))[0]
    return item, _campaign(campaign)


def list_items(store: Store, active_on: date | None = None) -> list[tuple[Item, Campaign]]:
    """Active items with their campaigns; only campaigns running on ``active_on`` when given."""
    sql = ("SELECT i.item_id FROM items i JOIN campaigns c USING (campaign_id) "
           "WHERE i.active = 1 AND c.active = 1")
    params: list[Any] = []
    if active_on is not None:
        sql += " AND c.starts_on <= ? AND c.ends_on >= ?"
        params = [active_on.isoformat()] * 2
    return [get_item(store, r["item_id"]) for r in store.rows(sql + " ORDER BY c.starts_on, i.item_id", params)]
