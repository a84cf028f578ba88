"""Station key ids of 16 bytes, unique (they were 4 bytes: two stations could share one).

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

from kiosk.credentials.keys import key_id, public_from_raw

revision = "0005"
down_revision = "0004"


def upgrade() -> None:
    bind = op.get_bind()
    columns = {c["name"]: c for c in sa.inspect(bind).get_columns("stations")}
    if bind.dialect.name != "sqlite" and getattr(columns["kid"]["type"], "length", 32) < 32:
        op.alter_column("stations", "kid", type_=sa.String(32), existing_type=sa.String(16))
    stations = sa.table("stations", sa.column("station_id"), sa.column("public_key"), sa.column("kid"))
    for station_id, public_key in bind.execute(sa.select(stations.c.station_id, stations.c.public_key)
                                               .where(stations.c.public_key.is_not(None))).all():
        bind.execute(stations.update().where(stations.c.station_id == station_id)
                     .values(kid=key_id(public_from_raw(public_key)).hex()))
    if "stations_kid" not in {i["name"] for i in sa.inspect(bind).get_indexes("stations")}:
        op.create_index("stations_kid", "stations", ["kid"], unique=True)
