"""Claims in the change feed go to the stations of the district where they were made, not to every station.
Claims already in the feed stay for every station. The feed's index on station_id goes: no query used it,
and every change written (a million for a million-rider roster) paid for it.

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

from kiosk.hub import schema as t

revision = "0012"
down_revision = "0011"


def upgrade() -> None:
    if "district" not in {c["name"] for c in sa.inspect(op.get_bind()).get_columns(t.changes.name)}:
        op.add_column(t.changes.name, sa.Column("district", sa.String(40)))
    if "ix_changes_station_id" in {i["name"] for i in sa.inspect(op.get_bind()).get_indexes(t.changes.name)}:
        op.drop_index("ix_changes_station_id", t.changes.name)
