"""Riders' help requests.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

from kiosk.hub import schema as t

revision = "0008"
down_revision = "0007"


def upgrade() -> None:
    if not sa.inspect(op.get_bind()).has_table("help_requests"):
        t.help_requests.create(op.get_bind())
