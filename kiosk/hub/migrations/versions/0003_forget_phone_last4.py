"""The hub no longer keeps the last four digits of riders' phones beside their hashes.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    op.execute(sa.text("UPDATE members SET phone_last4 = '' WHERE phone_last4 <> ''"))
