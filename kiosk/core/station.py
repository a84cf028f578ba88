"""The station's own identity and settings kept in its database (the rest is in kiosk.toml)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from kiosk.base.errors import InvalidInput
from kiosk.base.ids import short_id
from kiosk.core.members import new_phone_key
from kiosk.core.projections import record
from kiosk.store import Store

log = logging.getLogger("kiosk.sync")

DEFAULT_CHECKIN_WINDOW_MIN = 30


@dataclass(frozen=True)
class StationInfo:
    station_id: str
    name: str
    enrolled: bool


def set_up_station(store: Store, name: str) -> StationInfo:
    """Give a new station its id and secrets; a station that has them keeps them."""
    if store.setting("station_id") is None:
        store.set_setting("station_id", "ST-" + short_id(8))
        # Key for the phone look-up hash; the hub replaces it with the union-wide key at enrolment.
        store.set_setting("phone_key", new_phone_key())
        store.set_setting("checkin_window_min", DEFAULT_CHECKIN_WINDOW_MIN)
    store.set_setting("station_name", name.strip() or "Station")
    return station_info(store)


def clean_station_name(name: str) -> str:
    name = " ".join(name.split())
    if not 1 <= len(name) <= 40:
        raise InvalidInput("The station name must be 1 to 40 characters.", field="station_name")
    return name


def rename_station(store: Store, name: str) -> StationInfo:
    """The technician's new name for the station, as riders see it at the top of every screen."""
    name = clean_station_name(name)
    station_info(store)  # only an existing station can be renamed
    store.set_setting("station_name", name)
    return station_info(store)


def adopt_identity(store: Store, station_id: str, name: str, phone_key: str, hub_url: str) -> StationInfo:
    """Take the identity the hub gave at enrolment; only a station with no history may change hands."""
    if store.one("SELECT COUNT(*) FROM events") or store.setting("hub_url"):
        raise InvalidInput("This station already has its own history or hub: enrol a fresh data directory.")
    store.require_transaction("adopt_identity")
    store.set_setting("station_id", station_id)
    store.set_setting("station_name", name)
    store.set_setting("phone_key", phone_key)
    store.set_setting("hub_url", hub_url)
    store.set_setting("checkin_window_min", store.setting("checkin_window_min", DEFAULT_CHECKIN_WINDOW_MIN))
    store.conn.execute("DELETE FROM members")
    return station_info(store)


def station_info(store: Store) -> StationInfo:
    station_id = store.setting("station_id")
    if station_id is None:
        raise InvalidInput("This data directory holds no station yet: run 'kiosk demo' or 'kiosk enrol'.")
    return StationInfo(
        station_id=station_id,
        name=store.setting("station_name", ""),
        enrolled=store.setting("hub_url") is not None,
    )


def set_aside_change(store: Store, change_id: int, kind: str, reason: str) -> None:
    """A change from the hub this station could not take: kept out, recorded, and (as an event) reported."""
    log.warning("change %s (%s) set aside: %s", change_id, kind, reason)
    record(store, "change_set_aside", {"change_id": change_id, "kind": kind[:40], "reason": reason[:200]},
           store.clock.now())
