"""Riders' first days kept in one row per rider and period (all their groups' first days together), not one
row per rider, period, scope and group: a handout wrote fourteen rows, now at most two. Filled again from
the events and claims.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

from kiosk.hub import rollups
from kiosk.hub import schema as t

revision = "0011"
down_revision = "0010"


def upgrade() -> None:
    bind = op.get_bind()
    if "firsts" in {c["name"] for c in sa.inspect(bind).get_columns(t.rider_firsts.name)}:
        return  # made by 0007 from the current schema
    op.drop_table(t.rider_firsts.name)
    t.rider_firsts.create(bind)
    rollups.rebuild(bind)
