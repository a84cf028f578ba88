"""Alembic environment: the hub runs its migrations itself at start (see kiosk.hub.office.migrate)."""

from alembic import context

from kiosk.hub.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata)
with context.begin_transaction():
    context.run_migrations()
