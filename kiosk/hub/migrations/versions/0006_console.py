"""The office console: operators, their sessions, the audit log, and each station's district.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

from kiosk.hub import schema as t

revision = "0006"
down_revision = "0005"


def upgrade() -> None:
    bind = op.get_bind()
    for table in (t.operators, t.sessions, t.audit_log):
        table.create(bind, checkfirst=True)  # a database first made at 0001 from today's metadata has them
    if "district" not in {c["name"] for c in sa.inspect(bind).get_columns("stations")}:
        op.add_column("stations", sa.Column("district", sa.String(40)))
