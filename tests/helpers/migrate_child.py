"""Open a station whose kiosk brings a slow new migration; killed at random by the test while it runs.

    migrate_child.py DB_PATH ROWS
"""

import sys

from kiosk.store import Store, migrations

ROWS = int(sys.argv[2])
NEW = migrations.MIGRATIONS[-1][0] + 1
migrations.MIGRATIONS.append((NEW, "slow test migration", f"""
CREATE TABLE big (n INTEGER PRIMARY KEY, v TEXT NOT NULL);
WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < {ROWS})
INSERT INTO big SELECT n, hex(randomblob(16)) FROM c;
CREATE INDEX big_v ON big (v);
"""))
print("START", flush=True)
Store(sys.argv[1])
print("MIGRATED", flush=True)
