"""The hub's tables (SQLAlchemy Core); the same on SQLite and PostgreSQL."""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

settings = sa.Table(
    "settings", metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

stations = sa.Table(
    "stations", metadata,
    sa.Column("station_id", sa.String(32), primary_key=True),
    sa.Column("name", sa.String(120), nullable=False),
    sa.Column("enrol_code_hash", sa.String(64), unique=True),
    sa.Column("token_hash", sa.String(64), unique=True),
    sa.Column("public_key", sa.LargeBinary),
    sa.Column("kid", sa.String(32)),  # 16 bytes in hex: unique at the hub (see credentials.keys.key_id)
    sa.Column("acked_seq", sa.BigInteger, nullable=False, server_default="0"),
    sa.Column("created_at", sa.String(32), nullable=False),
    sa.Column("enrolled_at", sa.String(32)),
    sa.Column("revoked", sa.Boolean, nullable=False, server_default=sa.false()),
    # Unix time the office revoked the station: its key stays trusted for codes signed before it.
    sa.Column("revoked_at", sa.BigInteger),
    # Its X25519 public key: the office seals USB replies to it.
    sa.Column("box_public_key", sa.LargeBinary),
    sa.Column("district", sa.String(40)),  # 城中区, 湟中区 …: an operator's scope
    sa.Column("last_seen_at", sa.String(32)),  # its last sync
    sa.Column("health", sa.JSON),  # what it said of itself then: version, queue, clock, disk, stock
    sa.Index("stations_kid", "kid", unique=True),
)

events = sa.Table(
    "events", metadata,
    sa.Column("event_id", sa.String(40), primary_key=True),
    sa.Column("station_id", sa.String(32), sa.ForeignKey("stations.station_id"), nullable=False),
    sa.Column("seq", sa.BigInteger, nullable=False),
    sa.Column("type", sa.String(40), nullable=False),
    sa.Column("at", sa.String(32), nullable=False),
    sa.Column("day", sa.String(10), nullable=False),
    sa.Column("payload", sa.JSON, nullable=False),
    sa.UniqueConstraint("station_id", "seq", name="events_station_seq"),
    sa.Index("events_day", "day"),  # a report over days the rollups do not answer reads its events
)

members = sa.Table(
    "members", metadata,
    sa.Column("member_id", sa.String(40), primary_key=True),
    sa.Column("phone_hash", sa.String(64), unique=True),
    sa.Column("phone_last4", sa.String(4), nullable=False),
    sa.Column("name", sa.String(40), nullable=False),
    sa.Column("occupation", sa.String(32), nullable=False),
    sa.Column("platform", sa.String(40), nullable=False, server_default=""),
    sa.Column("union_member", sa.Boolean, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("station_id", sa.String(32)),
    sa.Column("registered_at", sa.String(32), nullable=False),
)

catalogue = sa.Table(  # campaigns and items as the hub defines them, kept as the JSON sent down
    "catalogue", metadata,
    sa.Column("kind", sa.String(16), primary_key=True),
    sa.Column("key", sa.String(40), primary_key=True),
    sa.Column("data", sa.JSON, nullable=False),
)

attendants = sa.Table(
    "attendants", metadata,
    sa.Column("attendant_id", sa.String(32), primary_key=True),
    sa.Column("name", sa.String(40), nullable=False),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("pin_hash", sa.String(200), nullable=False),
    sa.Column("station_id", sa.String(32)),  # NULL: every station
)

# What stations pull: an ordered feed; station_id NULL means every station.
changes = sa.Table(
    "changes", metadata,
    sa.Column("change_id", sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True, autoincrement=True),
    sa.Column("station_id", sa.String(32)),  # for that station only; NULL for all (no index: the pull
    sa.Column("kind", sa.String(24), nullable=False),  # reads the feed by change_id, never by station)
    sa.Column("data", sa.JSON, nullable=False),
    # For the stations of one district only ("" for stations with none), NULL for all: a claim goes to
    # the district where it was made, not to every station of the union.
    sa.Column("district", sa.String(40)),
)

claims = sa.Table(  # handouts derived from pushed events, for limits across stations and reports
    "claims", metadata,
    sa.Column("event_id", sa.String(40), primary_key=True),
    sa.Column("station_id", sa.String(32), nullable=False),
    sa.Column("member_id", sa.String(40), nullable=False),
    sa.Column("item_id", sa.String(40), nullable=False),
    sa.Column("programme", sa.String(40), nullable=False),
    sa.Column("quantity", sa.Integer, nullable=False),
    sa.Column("day", sa.String(10), nullable=False),
    sa.Column("voided", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Index("claims_member_item", "member_id", "item_id", "day"),
    sa.Index("claims_day", "day"),
)

overclaims = sa.Table(
    "overclaims", metadata,
    sa.Column("event_id", sa.String(40), primary_key=True),
    sa.Column("station_id", sa.String(32), nullable=False),
    sa.Column("member_id", sa.String(40), nullable=False),
    sa.Column("item_id", sa.String(40), nullable=False),
    sa.Column("period", sa.String(16), nullable=False),
    sa.Column("limit_value", sa.Integer, nullable=False),
    sa.Column("total", sa.Integer, nullable=False),
    sa.Column("day", sa.String(10), nullable=False),
)

revocations = sa.Table(
    "revocations", metadata,
    sa.Column("subject", sa.String(40), primary_key=True),
    sa.Column("issued_before", sa.BigInteger, nullable=False),
    sa.Column("reason", sa.String(200), nullable=False),
)

# What the hub did not take from a station as it came: an event it kept but did not act on (a void of
# another station's claim, a date far off, an unknown item), a revocation waiting for the office, a
# change a station set aside. The office reads them; nothing here reaches another station.
incidents = sa.Table(
    "incidents", metadata,
    sa.Column("incident_id", sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True,
              autoincrement=True),
    sa.Column("station_id", sa.String(32), nullable=False),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("event_id", sa.String(40)),
    sa.Column("reason", sa.String(300), nullable=False),
    sa.Column("data", sa.JSON, nullable=False),
    sa.Column("at", sa.String(32), nullable=False),
    sa.Column("resolved", sa.String(16)),  # NULL while open; "approved" or "dismissed"
)

# A rider registered offline at two stations with one phone: the later id is an alias of the first.
member_aliases = sa.Table(
    "member_aliases", metadata,
    sa.Column("alias_id", sa.String(40), primary_key=True),
    sa.Column("member_id", sa.String(40), nullable=False),
    sa.Column("station_id", sa.String(32), nullable=False),
)

# Every voucher code the office allocated, once: a code reaches one station only.
allocated_codes = sa.Table(
    "allocated_codes", metadata,
    sa.Column("code", sa.String(64), primary_key=True),
    sa.Column("station_id", sa.String(32), nullable=False),
    sa.Column("item_id", sa.String(40), nullable=False),
)

# Which station issued codes to which rider: a station may revoke only those.
issued_codes = sa.Table(
    "issued_codes", metadata,
    sa.Column("station_id", sa.String(32), primary_key=True),
    sa.Column("subject", sa.String(40), primary_key=True),
)

# The union office's people: who may use the console, the admin API and what they may change.
operators = sa.Table(
    "operators", metadata,
    sa.Column("operator_id", sa.String(32), primary_key=True),
    sa.Column("username", sa.String(40), nullable=False, unique=True),
    sa.Column("name", sa.String(60), nullable=False),
    sa.Column("password_hash", sa.String(200), nullable=False),
    sa.Column("role", sa.String(16), nullable=False),  # admin, officer, caseworker, viewer
    sa.Column("district", sa.String(40)),  # NULL: the whole union
    sa.Column("failed_logins", sa.Integer, nullable=False, server_default="0"),
    sa.Column("locked_until", sa.BigInteger),
    sa.Column("disabled", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("created_at", sa.String(32), nullable=False),
)

# Console sessions live in the database, so several hub processes share them; only a hash of the cookie.
sessions = sa.Table(
    "sessions", metadata,
    sa.Column("session_hash", sa.String(64), primary_key=True),
    sa.Column("operator_id", sa.String(32), nullable=False),
    sa.Column("csrf", sa.String(64), nullable=False),
    sa.Column("expires_at", sa.BigInteger, nullable=False),
)

# Every change an operator (or the command line) made: who, when, what, before and after.
audit_log = sa.Table(
    "audit_log", metadata,
    sa.Column("audit_id", sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True, autoincrement=True),
    sa.Column("at", sa.String(32), nullable=False),
    sa.Column("actor", sa.String(60), nullable=False),
    sa.Column("action", sa.String(40), nullable=False),
    sa.Column("target", sa.String(120), nullable=False),
    sa.Column("before", sa.JSON),
    sa.Column("after", sa.JSON),
)

# A roster file the office uploaded and is looking at before it applies (phones already hashed); an hour.
staged_imports = sa.Table(
    "staged_imports", metadata,
    sa.Column("token", sa.String(40), primary_key=True),
    sa.Column("operator_id", sa.String(32), nullable=False),
    sa.Column("rows", sa.JSON, nullable=False),
    sa.Column("created_at", sa.BigInteger, nullable=False),
)

# The office's figures as events arrive (kiosk.hub.rollups): counts per day, station and what was counted.
daily_counts = sa.Table(
    "daily_counts", metadata,
    sa.Column("day", sa.String(10), primary_key=True),
    sa.Column("station_id", sa.String(32), primary_key=True),
    sa.Column("district", sa.String(40), primary_key=True),  # the station's district that day ("" for none)
    sa.Column("measure", sa.String(16), primary_key=True),
    sa.Column("key", sa.String(80), primary_key=True),
    sa.Column("programme", sa.String(40), primary_key=True),
    sa.Column("n", sa.BigInteger, nullable=False),
    sa.Column("quantity", sa.BigInteger, nullable=False),
)

# Each rider's first days in a year or a month: one row per rider and period, ``firsts`` every group's
# (kiosk.hub.rollups._encode; retention deletes old periods' rows) ...
rider_firsts = sa.Table(
    "rider_firsts", metadata,
    sa.Column("member_id", sa.String(40), primary_key=True),
    sa.Column("period", sa.String(7), primary_key=True),
    sa.Column("firsts", sa.Text, nullable=False),
)

# ... and how many riders had their first day there on each day: what reports read.
rider_counts = sa.Table(
    "rider_counts", metadata,
    sa.Column("period", sa.String(7), primary_key=True),
    sa.Column("scope", sa.String(48), primary_key=True),
    sa.Column("grp", sa.String(84), primary_key=True),
    sa.Column("first_day", sa.String(10), primary_key=True),
    sa.Column("shard", sa.SmallInteger, primary_key=True),  # kiosk.hub.rollups.shard_of: reports add them up
    sa.Column("riders", sa.BigInteger, nullable=False),
)

# Riders' help requests (kiosk.core.help): what the station could read, and the sealed rest.
help_requests = sa.Table(
    "help_requests", metadata,
    sa.Column("request_id", sa.String(40), primary_key=True),
    sa.Column("station_id", sa.String(32), nullable=False),
    sa.Column("member_id", sa.String(40), nullable=False),  # "" when the rider did not say who they are
    sa.Column("category", sa.String(40), nullable=False),
    sa.Column("urgent", sa.Boolean, nullable=False),
    sa.Column("contact", sa.String(16), nullable=False),
    sa.Column("sealed", sa.Text, nullable=False),  # the description and phone, for the office's key only
    sa.Column("status", sa.String(32), nullable=False),
    sa.Column("assignee", sa.String(60)),
    sa.Column("notes", sa.JSON, nullable=False),
    sa.Column("at", sa.String(32), nullable=False),
    sa.Column("first_contact_at", sa.String(32)),
    sa.Column("closed_at", sa.String(32)),
)

# Sign-up programmes the office runs (kiosk.core.signups): what stations are sent, as the office wrote it.
signup_programmes = sa.Table(
    "signup_programmes", metadata,
    sa.Column("programme_id", sa.String(40), primary_key=True),
    sa.Column("data", sa.JSON, nullable=False),
    sa.Column("created_at", sa.String(32), nullable=False),
)

# Riders' sign-ups: where, for what, the outcome, and the sealed answers (for the office's key only).
signups = sa.Table(
    "signups", metadata,
    sa.Column("signup_id", sa.String(40), primary_key=True),
    sa.Column("programme_id", sa.String(40), nullable=False, index=True),
    sa.Column("session_id", sa.String(40), nullable=False),
    sa.Column("station_id", sa.String(32), nullable=False),
    sa.Column("member_id", sa.String(40), nullable=False),
    sa.Column("sealed", sa.Text, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),  # confirmed, waiting, cancelled
    sa.Column("in_share", sa.Boolean, nullable=False),  # a place the station gave within its share
    sa.Column("at", sa.String(32), nullable=False),
)

# Riders signing in at a session they signed up for (a class day, a job fair): one row per sign-in event;
# a sign-up signed in twice on one day (two stations offline) counts once.
signup_attendance = sa.Table(
    "signup_attendance", metadata,
    sa.Column("event_id", sa.String(40), primary_key=True),
    sa.Column("signup_id", sa.String(40), nullable=False, index=True),
    sa.Column("station_id", sa.String(32), nullable=False),
    sa.Column("day", sa.String(10), nullable=False),
)
