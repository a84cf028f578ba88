"""Who may claim what, when: campaign dates and hours, eligibility and per-person limits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from kiosk.base.errors import (
    AttendantRequired,
    CampaignNotActive,
    KioskError,
    LimitReached,
    NotEligible,
    OutOfStock,
    OutsideHours,
)
from kiosk.core.campaigns import Campaign, Item, list_items
from kiosk.core.members import Member
from kiosk.store import Store


def window_start(period: str, today: date, campaign_start: date) -> date:
    """First day of the limit window that contains ``today``."""
    if period == "day":
        return today
    if period == "week":
        return today - timedelta(days=today.weekday())
    if period == "month":
        return today.replace(day=1)
    if period == "year":
        return today.replace(month=1, day=1)
    return campaign_start


def resets_on(period: str, today: date) -> date | None:
    """The day a limit window starts again; None for a whole-campaign limit."""
    if period == "day":
        return today + timedelta(days=1)
    if period == "week":
        return today + timedelta(days=7 - today.weekday())
    if period == "month":
        return (today.replace(day=28) + timedelta(days=4)).replace(day=1)
    if period == "year":
        return date(today.year + 1, 1, 1)
    return None


def claimed_since(store: Store, member_id: str, item_id: str, since: date) -> int:
    """Quantity of an item a rider claimed from ``since`` on, here and (once synced) elsewhere."""
    return store.one(
        "SELECT COALESCE((SELECT SUM(quantity) FROM handouts WHERE member_id = ?1 AND item_id = ?2 "
        "AND day >= ?3 AND void_event_id IS NULL), 0) + COALESCE((SELECT SUM(quantity) FROM remote_claims "
        "WHERE member_id = ?1 AND item_id = ?2 AND day >= ?3 AND voided = 0), 0)",
        (member_id, item_id, since.isoformat()),
    )


def remaining_allowance(store: Store, member: Member, item: Item, campaign: Campaign, today: date) -> int | None:
    """How many more the rider may claim now (None: no limit); raise LimitReached at zero."""
    remaining: int | None = None
    campaign_start = date.fromisoformat(campaign.starts_on)
    for period, limit in item.limits.items():
        since = window_start(period, today, campaign_start)
        left = limit - claimed_since(store, member.member_id, item.item_id, since)
        if left <= 0:
            reset = resets_on(period, today)
            raise LimitReached(
                f"Limit reached: {limit} per {period}"
                + (f"; available again on {reset.isoformat()}." if reset else " for this campaign."),
                period=period, limit=limit, resets_on=reset.isoformat() if reset else None,
            )
        remaining = left if remaining is None else min(remaining, left)
    return remaining


def check_claim(
    store: Store, member: Member, item: Item, campaign: Campaign, quantity: int, channel: str, now: datetime
) -> int | None:
    """Refuse a claim that breaks any rule (in the order a rider can act on first); else how many remain."""
    local = store.clock.local(now)
    today = local.date()
    if not campaign.starts_on <= today.isoformat() <= campaign.ends_on:
        raise CampaignNotActive(
            f"{campaign.name_en} runs from {campaign.starts_on} to {campaign.ends_on}.",
            starts_on=campaign.starts_on, ends_on=campaign.ends_on,
        )
    hhmm = local.strftime("%H:%M")
    if not campaign.opens_at <= hhmm < campaign.closes_at:
        raise OutsideHours(
            f"{item.name_en} is handed out from {campaign.opens_at} to {campaign.closes_at}.",
            opens_at=campaign.opens_at, closes_at=campaign.closes_at,
        )
    if campaign.occupations is not None and member.occupation not in campaign.occupations:
        raise NotEligible(f"{campaign.name_en} is for other occupations.", rule="occupation")
    if campaign.members_only and not member.union_member:
        raise NotEligible(f"{campaign.name_en} is for union members: join the union first.", rule="union_member")
    if channel == "self" and not item.self_service:
        raise AttendantRequired(f"Please ask an attendant for {item.name_en}.")
    remaining = remaining_allowance(store, member, item, campaign, today)
    if remaining is not None and quantity > remaining:
        raise LimitReached(
            f"Only {remaining} more {item.name_en} allowed now.", period="request", limit=remaining, resets_on=None
        )
    on_hand = store.one("SELECT on_hand FROM stock WHERE item_id = ?", (item.item_id,)) or 0
    if on_hand < quantity:
        raise OutOfStock(f"{item.name_en} is out of stock here.", on_hand=on_hand)
    return remaining


@dataclass(frozen=True)
class ItemStatus:
    item: Item
    campaign: Campaign
    available: bool
    remaining: int | None
    refusal: KioskError | None


def claim_status(store: Store, member: Member, channel: str = "attended") -> list[ItemStatus]:
    """Every running campaign item and whether this rider may claim one now (for the greeting screen)."""
    now = store.clock.now()
    result = []
    for item, campaign in list_items(store, active_on=store.clock.day(now)):
        try:
            remaining = check_claim(store, member, item, campaign, 1, channel, now)
            result.append(ItemStatus(item, campaign, True, remaining, None))
        except KioskError as refusal:
            # Kept for the screen, so drop the traceback: its frames would keep every earlier list alive.
            result.append(ItemStatus(item, campaign, False, 0, refusal.with_traceback(None)))
    return result
