"""Claims in the change feed go to the stations of the district where they were made, not to every station.
Claims already in the feed stay for every station.

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
