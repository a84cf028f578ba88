"""The office console: operators, their sessions, the audit log, staged roster imports; each station's
district and health.

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
    for table in (t.operators, t.sessions, t.audit_log, t.staged_imports):
        table.create(bind, checkfirst=True)  # a database first made at 0001 from today's metadata has them
    columns = {c["name"] for c in sa.inspect(bind).get_columns("stations")}
    for column in (sa.Column("district", sa.String(40)), sa.Column("last_seen_at", sa.String(32)),
                   sa.Column("health", sa.JSON)):
        if column.name not in columns:
            op.add_column("stations", column)
