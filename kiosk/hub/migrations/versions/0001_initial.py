"""The hub's first schema.

Revision ID: 0001
Revises:
"""

from alembic import op

from kiosk.hub.schema import metadata

revision = "0001"
down_revision = None


def upgrade() -> None:
    # The first revision is the metadata as first released; later changes come as new revisions
    # with op.* calls (tests/test_hub.py checks the migrated database matches kiosk.hub.schema).
    metadata.create_all(op.get_bind())
