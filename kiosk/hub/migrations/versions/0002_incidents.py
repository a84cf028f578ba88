"""Incidents, member aliases, who issued codes to whom, and when a station was revoked.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

from kiosk.hub import schema as t

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    bind = op.get_bind()
    for table in (t.incidents, t.member_aliases, t.issued_codes, t.allocated_codes):
        table.create(bind, checkfirst=True)  # a database first made at 0001 from today's metadata has them
    if "revoked_at" not in {c["name"] for c in sa.inspect(bind).get_columns("stations")}:
        op.add_column("stations", sa.Column("revoked_at", sa.BigInteger))
