"""Stations' X25519 public keys, to seal USB replies to them.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade() -> None:
    if "box_public_key" not in {c["name"] for c in sa.inspect(op.get_bind()).get_columns("stations")}:
        op.add_column("stations", sa.Column("box_public_key", sa.LargeBinary))
