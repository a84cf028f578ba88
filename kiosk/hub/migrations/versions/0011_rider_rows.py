"""Riders' first days kept in one row per rider and period (all their groups' first days together), not one
row per rider, period, scope and group: a handout wrote fourteen rows, now at most two. The histogram of
first days gets a shard in its key, so pushes from different stations no longer wait for each other's lock
on this year's and today's rows. Both filled again from the events and claims.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

from kiosk.hub import rollups
from kiosk.hub import schema as t

revision = "0011"
down_revision = "0010"


def _has(bind: sa.Connection, table: sa.Table, column: str) -> bool:
    return column in {c["name"] for c in sa.inspect(bind).get_columns(table.name)}


def upgrade() -> None:
    bind = op.get_bind()
    if _has(bind, t.rider_firsts, "firsts") and _has(bind, t.rider_counts, "shard"):
        return  # made by 0007 from the current schema
    for table in (t.rider_firsts, t.rider_counts):
        op.drop_table(table.name)
        table.create(bind)
    rollups.rebuild(bind)
