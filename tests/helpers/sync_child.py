"""Act and sync in a loop against a real hub, printing each confirmation; killed at random by the test.

    sync_child.py DATA_DIR SEED

Small push batches and pull pages, so a kill lands inside a push or inside a page being applied.
"""

import random
import sys
from pathlib import Path

import kiosk.sync.client as client_module
from kiosk.demo import random_action
from kiosk.station import Station
from kiosk.sync.client import client_for, sync_once

client_module.PUSH_BATCH = 20
client_module.PULL_PAGE = 50
directory = Path(sys.argv[1])
station = Station.open(directory)
store = station.store
rng = random.Random(int(sys.argv[2]))
ids = [r[0] for r in store.conn.execute("SELECT member_id FROM members")]
last = store.one("SELECT COALESCE(MAX(seq), 0) FROM events")
client = client_for(store, directory / "keys", timeout=10)
print("START", flush=True)
while True:
    for _ in range(rng.randint(1, 30)):
        random_action(station, rng, ids, p_register=0.05)
    for seq, event_id in store.conn.execute("SELECT seq, id FROM events WHERE seq > ? ORDER BY seq", (last,)):
        print("CONFIRMED", seq, event_id, flush=True)
        last = seq
    print("SYNC", flush=True)
    sync_once(store, client)
    print("SYNCED", flush=True)
