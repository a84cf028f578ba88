"""What a station reports about itself: today's figures, stock and sync state."""

from __future__ import annotations

from typing import Any

from kiosk.core.casework import help_counts
from kiosk.core.signups import signup_counts
from kiosk.core.station import station_info
from kiosk.core.stock import stock_levels
from kiosk.store import Store


def day_counts(store: Store, day: str) -> dict[str, Any]:
    """One day's figures, from the derived tables (the tests recount them from the events)."""
    handouts = store.rows(
        "SELECT item_id, SUM(quantity) AS quantity FROM handouts WHERE day = ? AND void_event_id IS NULL "
        "GROUP BY item_id ORDER BY item_id",
        (day,),
    )
    return {
        "day": day,
        "checkins": store.one("SELECT COUNT(*) FROM checkins WHERE day = ?", (day,)),
        "unique_riders": store.one("SELECT COUNT(DISTINCT member_id) FROM checkins WHERE day = ?", (day,)),
        "registrations": store.one("SELECT COUNT(*) FROM events WHERE day = ? AND type = 'member_registered'",
                                   (day,)),
        "activity_signins": store.one("SELECT COUNT(*) FROM activity_signins WHERE day = ?", (day,)),
        "handouts": {r["item_id"]: r["quantity"] for r in handouts},
    }


def station_status(store: Store) -> dict[str, Any]:
    info = station_info(store)
    last_seq = store.one("SELECT COALESCE(MAX(seq), 0) FROM events")
    acked = store.setting("acked_seq", 0)
    return {
        "station_id": info.station_id,
        "name": info.name,
        "enrolled": info.enrolled,
        "hub_url": store.setting("hub_url"),
        "schema_version": store.schema_version(),
        "members": store.one("SELECT COUNT(*) FROM members"),
        "events": last_seq,
        "pending_events": last_seq - acked,
        "sync": {
            "last_success": store.setting("last_sync_ok"),
            "last_error": store.setting("last_sync_error"),
            "clock_offset_s": store.setting("clock_offset_s", 0.0),
        },
        "today": day_counts(store, store.clock.day(store.clock.now()).isoformat()),
        "stock": {r["item_id"]: r["on_hand"] for r in stock_levels(store)},
        "help_requests": help_counts(store),
        "signups": signup_counts(store),
    }
