"""Enrol a fresh station with the hub: one-time code and public key for id, token and root key."""

from __future__ import annotations

import ssl
from pathlib import Path

from kiosk.base.errors import InvalidInput
from kiosk.base.files import write_atomic
from kiosk.core.station import StationInfo, adopt_identity
from kiosk.credentials.boxes import load_or_create_box_key, public_raw
from kiosk.credentials.keys import load_or_create, raw_public
from kiosk.store import Store
from kiosk.sync.client import HubClient, SyncError, ca_path, check_hub_url, token_path, trusting


def enrol_station(store: Store, keys: Path, hub_url: str, code: str, ca: Path | None = None) -> StationInfo:
    """``ca``: the certificate (or CA) to trust for this hub instead of the system's, kept for every sync."""
    check_hub_url(hub_url)
    if ca is not None and not ca.is_file():
        raise InvalidInput(f"No certificate file {ca}.", field="ca")
    if store.one("SELECT COUNT(*) FROM events") or store.setting("hub_url"):
        raise InvalidInput("This station already has its own history or hub: enrol a fresh data directory.",
                           field="station_history")
    key = load_or_create(keys / "station.key")
    try:
        client = HubClient(hub_url, verify=trusting(ca))
    except ssl.SSLError as exc:
        raise InvalidInput(f"{ca} is not a PEM certificate.", field="ca") from exc
    try:
        answer = client.enrol(code.strip(), raw_public(key.public_key()).hex(),
                              public_raw(load_or_create_box_key(keys / "box.key")).hex())
    except SyncError as exc:
        raise SyncError(f"Enrolment failed: {exc.message}", retry=exc.retry) from exc
    finally:
        client.close()
    fields = ("station_id", "name", "token", "root_public_key", "phone_key")
    if any(not isinstance(answer.get(f), str) for f in fields):
        raise SyncError("The hub's enrolment answer was garbled.")
    with store.transaction():
        info = adopt_identity(store, answer["station_id"], answer["name"], answer["phone_key"], hub_url.rstrip("/"))
        store.set_setting("root_public_key", answer["root_public_key"])
        if isinstance(answer.get("box_key"), str):
            store.set_setting("hub_box_key", answer["box_key"])  # USB bundles are sealed to the office
    write_atomic(token_path(keys), answer["token"].encode("ascii"))
    if ca is not None:
        write_atomic(ca_path(keys), ca.read_bytes(), mode=0o644)
    return info
