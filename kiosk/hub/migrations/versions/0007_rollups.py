"""The office's figures kept at ingest (daily counts, riders' first days), filled from the events so far;
events and claims indexed by day for the ranges the rollups do not answer.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

from kiosk.hub import rollups
from kiosk.hub import schema as t

revision = "0007"
down_revision = "0006"


def upgrade() -> None:
    bind = op.get_bind()
    made = False
    for table in (t.daily_counts, t.rider_firsts, t.rider_counts):
        if not sa.inspect(bind).has_table(table.name):
            table.create(bind)
            made = True
    for table, name in ((t.events, "events_day"), (t.claims, "claims_day")):
        if name not in {i["name"] for i in sa.inspect(bind).get_indexes(table.name)}:
            next(i for i in table.indexes if i.name == name).create(bind)
    if made:
        rollups.rebuild(bind)
