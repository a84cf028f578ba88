"""Sign-up programmes and riders' sign-ups.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

from kiosk.hub import schema as t

revision = "0009"
down_revision = "0008"


def upgrade() -> None:
    existing = sa.inspect(op.get_bind())
    for table in (t.signup_programmes, t.signups):
        if not existing.has_table(table.name):
            table.create(op.get_bind())
