"""Stock per item: receipts, counted adjustments; handouts and voids move it in their own events."""

from __future__ import annotations

from collections.abc import Sequence

from kiosk.base.errors import InvalidInput
from kiosk.core.attendants import require_attendant
from kiosk.core.campaigns import get_item
from kiosk.core.projections import record
from kiosk.store import Store

MAX_QUANTITY = 100_000


def on_hand(store: Store, item_id: str) -> int:
    return store.one("SELECT on_hand FROM stock WHERE item_id = ?", (item_id,)) or 0


def receive_stock(
    store: Store, item_id: str, quantity: int, attendant_id: str, codes: Sequence[str] = ()
) -> int:
    """Add delivered stock; a voucher item receives its codes, one unit per code."""
    item, _ = get_item(store, item_id)
    require_attendant(store, attendant_id)
    if item.kind == "voucher":
        codes = [c.strip() for c in codes if c and c.strip()]
        if not codes or len(set(codes)) != len(codes) or any(len(c) > 64 for c in codes):
            raise InvalidInput("A voucher delivery needs its distinct codes (up to 64 characters each).")
        quantity = len(codes)
    elif codes:
        raise InvalidInput("Only voucher items take codes.")
    if type(quantity) is not int or not 0 < quantity <= MAX_QUANTITY:
        raise InvalidInput(f"A delivery is 1 to {MAX_QUANTITY} units.")
    store.require_transaction("receive_stock")
    if codes and store.one(f"SELECT COUNT(*) FROM voucher_codes WHERE code IN ({','.join('?' * len(codes))})",
                           list(codes)):
        raise InvalidInput("Some of these voucher codes are already in the pool.")
    record(store, "stock_received",
           {"item_id": item_id, "quantity": quantity, "attendant_id": attendant_id, "codes": list(codes)},
           store.clock.now())
    return on_hand(store, item_id)


def receive_allocation(store: Store, allocation_id: str, item_id: str, quantity: int, codes: Sequence[str]) -> None:
    """Stock the hub allocated to this station, recorded once as a receipt (inside a pull page)."""
    get_item(store, item_id)
    record(store, "stock_received", {"item_id": item_id, "quantity": quantity, "attendant_id": None,
                                     "codes": list(codes), "allocation_id": allocation_id}, store.clock.now())


def count_stock(store: Store, item_id: str, counted: int, attendant_id: str, reason: str = "count") -> int:
    """Record a physical count; the difference is an adjustment event (shrinkage, breakage, a find)."""
    item, _ = get_item(store, item_id)
    require_attendant(store, attendant_id)
    if item.kind == "voucher":
        raise InvalidInput("Voucher stock is the codes in the pool; it is not counted by hand.")
    if type(counted) is not int or not 0 <= counted <= MAX_QUANTITY:
        raise InvalidInput(f"A count is 0 to {MAX_QUANTITY}.")
    store.require_transaction("count_stock")
    record(store, "stock_counted",
           {"item_id": item_id, "counted": counted, "delta": counted - on_hand(store, item_id),
            "attendant_id": attendant_id, "reason": (reason or "count")[:100]},
           store.clock.now())
    return counted


def stock_levels(store: Store) -> list[dict[str, object]]:
    return store.rows(
        "SELECT i.item_id, i.name_zh, i.name_en, i.kind, COALESCE(s.on_hand, 0) AS on_hand "
        "FROM items i LEFT JOIN stock s USING (item_id) WHERE i.active = 1 ORDER BY i.item_id"
    )
