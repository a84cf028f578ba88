"""The office's half of sync by USB stick: take a station's signed bundle, write the signed reply."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa

from kiosk.base.errors import InvalidInput
from kiosk.credentials.keys import kid_prefix, public_from_raw, same_key_id
from kiosk.hub import schema as t
from kiosk.hub.office import Hub
from kiosk.sync.bundle import read_signed, write_signed
from kiosk.sync.protocol import MAX_PUSH_EVENTS, PROTOCOL_VERSION, check_batch


def import_bundle(hub: Hub, path: Path, reply: Path) -> dict[str, int]:
    """At the hub: verify a station's bundle, take its events, write the signed reply to carry back."""
    found: list[Any] = []

    def station_key(kid: bytes) -> Any:
        with hub.engine.connect() as conn:  # a bundle written before key ids grew carries their first 4 bytes
            rows = conn.execute(sa.select(t.stations).where(t.stations.c.kid.startswith(kid_prefix(kid).hex()),
                                                            t.stations.c.revoked.is_(False))).all()
        rows = [r for r in rows if same_key_id(bytes.fromhex(r.kid), kid)]
        if not rows:
            raise InvalidInput("This bundle comes from a station that is not enrolled here.")
        if len(rows) > 1:
            raise InvalidInput("This bundle's key id is shared by two stations: export it again at the station.")
        found.append(rows[0])
        return public_from_raw(rows[0].public_key)

    _, body, sealed = read_signed(path, "station bundle", station_key, box_key=hub.box_key())
    station = found[0]
    if station.box_public_key and not sealed:
        raise InvalidInput("This station seals its bundles: an open one did not come from it as it is.")
    events, cursor = body.get("events"), body.get("cursor")
    if body.get("kind") != "station_bundle" or body.get("station_id") != station.station_id \
            or not isinstance(events, list) or type(cursor) is not int or cursor < 0:
        raise InvalidInput("The station bundle is malformed.")
    for start in range(0, len(events), MAX_PUSH_EVENTS):  # every event checked before any is taken
        check_batch(events[start:start + MAX_PUSH_EVENTS])
        if start and events[start]["seq"] != events[start - 1]["seq"] + 1:
            raise InvalidInput(f"Events are not consecutive at seq {events[start - 1]['seq']}.")
    acked = hub.acked(station.station_id)
    for start in range(0, len(events), MAX_PUSH_EVENTS):
        acked = hub.push(station.station_id, events[start:start + MAX_PUSH_EVENTS])
    pages = []
    while True:
        page = hub.pull(station.station_id, cursor, 5000)
        pages.append(page)
        cursor = page["next"]
        if not page["more"]:
            break
    write_signed(reply, hub.root_key(), {"kind": "hub_reply", "protocol": PROTOCOL_VERSION,
                                         "station_id": station.station_id, "acked_seq": acked, "pages": pages},
                 seal_to=station.box_public_key)
    return {"acked_seq": acked, "events": len(events), "changes": sum(len(p["changes"]) for p in pages)}
