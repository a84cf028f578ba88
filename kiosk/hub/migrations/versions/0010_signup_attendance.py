"""Sign-ins at sign-up sessions.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

from kiosk.hub import schema as t

revision = "0010"
down_revision = "0009"


def upgrade() -> None:
    if not sa.inspect(op.get_bind()).has_table(t.signup_attendance.name):
        t.signup_attendance.create(op.get_bind())
