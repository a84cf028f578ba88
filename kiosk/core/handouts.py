"""Handing out items (by an attendant or self-service) and voiding a mistaken handout."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.base.errors import AlreadyVoided, InvalidInput, OutOfStock, UnknownHandout
from kiosk.core.attendants import require_attendant
from kiosk.core.campaigns import get_item
from kiosk.core.entitlements import check_claim
from kiosk.core.members import get_member, require_active
from kiosk.core.projections import record
from kiosk.store import Store

CHANNELS = ("attended", "self")
MAX_PER_HANDOUT = 20


@dataclass(frozen=True)
class Handout:
    event_id: str
    member_id: str
    item_id: str
    quantity: int
    voucher_code: str | None
    at: str


def hand_out(
    store: Store,
    member_id: str,
    item_id: str,
    quantity: int = 1,
    *,
    channel: str = "attended",
    attendant_id: str | None = None,
) -> Handout:
    """Give a rider an item if every rule allows it; stock and allowance change in the caller's transaction
    (checked inside it, so two screens cannot both take the last unit)."""
    if channel not in CHANNELS:
        raise InvalidInput(f"Channel must be one of {', '.join(CHANNELS)}.")
    if type(quantity) is not int or not 1 <= quantity <= MAX_PER_HANDOUT:
        raise InvalidInput(f"A handout is 1 to {MAX_PER_HANDOUT} units.")
    if channel == "attended":
        require_attendant(store, attendant_id)
    member = require_active(get_member(store, member_id))
    item, campaign = get_item(store, item_id)
    if item.kind == "voucher" and quantity != 1:
        raise InvalidInput("Vouchers are handed out one at a time.")
    store.require_transaction("hand_out")
    now = store.clock.now()
    check_claim(store, member, item, campaign, quantity, channel, now)
    code = None
    if item.kind == "voucher":
        code = store.one(
            "SELECT code FROM voucher_codes WHERE item_id = ? AND handout_id IS NULL ORDER BY code LIMIT 1",
            (item_id,),
        )
        if code is None:
            raise OutOfStock(f"No {item.name_en} codes are left here.", on_hand=0)
    event = record(
        store, "handed_out",
        {"member_id": member_id, "item_id": item_id, "campaign_id": campaign.campaign_id,
         "programme": campaign.programme, "quantity": quantity, "channel": channel,
         "attendant_id": attendant_id, "voucher_code": code},
        now,
    )
    return Handout(event.id, member_id, item_id, quantity, code, event.at)


def void_handout(store: Store, handout_id: str, reason: str, attendant_id: str, code_back: bool = False) -> str:
    """Cancel a mistaken handout with a reason: the allowance and stock come back; a voucher's code comes
    back to the pool only with ``code_back`` (the attendant holds the card again), else it is retired."""
    reason = (reason or "").strip()
    if not 2 <= len(reason) <= 200:
        raise InvalidInput("A void needs a reason (2 to 200 characters).")
    require_attendant(store, attendant_id)
    store.require_transaction("void_handout")
    voided = store.rows("SELECT void_event_id FROM handouts WHERE event_id = ?", (handout_id,))
    if not voided:
        raise UnknownHandout(f"No handout {handout_id!r} at this station.")
    if voided[0]["void_event_id"]:
        raise AlreadyVoided("This handout was already voided.")
    event = record(store, "handout_voided", {"handout_id": handout_id, "reason": reason,
                                             "attendant_id": attendant_id, "code_back": bool(code_back)},
                   store.clock.now())
    return event.id


def is_voucher_code(store: Store, text: str) -> bool:
    """Whether this text is one of the station's voucher codes (what a rider may scan by mistake)."""
    return store.one("SELECT COUNT(*) FROM voucher_codes WHERE code = ?", (text.strip(),)) > 0


def recent_handouts(store: Store, member_id: str | None = None, limit: int = 20) -> list[dict[str, object]]:
    where, params = ("WHERE h.member_id = ?", [member_id]) if member_id else ("", [])
    return store.rows(
        "SELECT h.event_id, h.member_id, h.item_id, i.name_zh, i.name_en, h.quantity, h.at, h.voucher_code, "
        f"h.void_event_id IS NOT NULL AS voided FROM handouts h JOIN items i USING (item_id) {where} "
        "ORDER BY h.at DESC LIMIT ?",
        [*params, limit],
    )
