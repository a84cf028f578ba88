"""Drive a stream of actions at a station and print each confirmation after it returns (killed at random)."""

import random
import sys
from pathlib import Path

from kiosk.demo import random_action
from kiosk.station import Station

station = Station.open(Path(sys.argv[1]))
store = station.store
rng = random.Random(int(sys.argv[2]))
ids = [r[0] for r in store.conn.execute("SELECT member_id FROM members")]
last = store.one("SELECT COALESCE(MAX(seq), 0) FROM events")
print("START", flush=True)
while True:
    random_action(station, rng, ids, p_register=0.05)
    for seq, event_id in store.conn.execute("SELECT seq, id FROM events WHERE seq > ? ORDER BY seq", (last,)):
        print("CONFIRMED", seq, event_id, flush=True)  # only after the action returned, i.e. committed
        last = seq
