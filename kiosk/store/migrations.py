"""Forward-only schema migrations of the station database; each runs once, in its own transaction."""

from __future__ import annotations

INITIAL = """
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);

-- Every local fact, immutable; seq is gap-free and assigned inside the writing transaction.
CREATE TABLE events (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    at TEXT NOT NULL,
    day TEXT NOT NULL,
    payload TEXT NOT NULL
);

CREATE TABLE members (
    member_id TEXT PRIMARY KEY,
    phone_hash TEXT UNIQUE,
    phone_last4 TEXT NOT NULL,
    name TEXT NOT NULL,
    occupation TEXT NOT NULL,
    platform TEXT NOT NULL DEFAULT '',
    union_member INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'active',
    source TEXT NOT NULL,
    station_id TEXT,
    registered_at TEXT NOT NULL,
    consent_at TEXT
);

CREATE TABLE checkins (
    event_id TEXT PRIMARY KEY,
    member_id TEXT NOT NULL REFERENCES members(member_id),
    purpose TEXT NOT NULL,
    at TEXT NOT NULL,
    day TEXT NOT NULL
);
CREATE INDEX checkins_member ON checkins(member_id, at);
CREATE INDEX checkins_day ON checkins(day);

CREATE TABLE campaigns (
    campaign_id TEXT PRIMARY KEY,
    programme TEXT NOT NULL,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    opens_at TEXT NOT NULL DEFAULT '00:00',
    closes_at TEXT NOT NULL DEFAULT '24:00',
    occupations TEXT,
    members_only INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE items (
    item_id TEXT PRIMARY KEY,
    campaign_id TEXT NOT NULL REFERENCES campaigns(campaign_id),
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'goods' CHECK (kind IN ('goods', 'voucher')),
    self_service INTEGER NOT NULL DEFAULT 0,
    limit_day INTEGER,
    limit_week INTEGER,
    limit_month INTEGER,
    limit_year INTEGER,
    limit_campaign INTEGER,
    active INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE stock (
    item_id TEXT PRIMARY KEY REFERENCES items(item_id),
    on_hand INTEGER NOT NULL DEFAULT 0 CHECK (on_hand >= 0)
);

CREATE TABLE voucher_codes (
    code TEXT PRIMARY KEY,
    item_id TEXT NOT NULL REFERENCES items(item_id),
    handout_id TEXT
);
CREATE INDEX voucher_codes_free ON voucher_codes(item_id, handout_id);

CREATE TABLE handouts (
    event_id TEXT PRIMARY KEY,
    member_id TEXT NOT NULL REFERENCES members(member_id),
    item_id TEXT NOT NULL REFERENCES items(item_id),
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    at TEXT NOT NULL,
    day TEXT NOT NULL,
    channel TEXT NOT NULL,
    attendant_id TEXT,
    voucher_code TEXT,
    void_event_id TEXT
);
CREATE INDEX handouts_claims ON handouts(member_id, item_id, day);
CREATE INDEX handouts_day ON handouts(day);

-- Claims made at other stations by riders, sent down by the hub so limits hold across stations.
CREATE TABLE remote_claims (
    event_id TEXT PRIMARY KEY,
    station_id TEXT NOT NULL,
    member_id TEXT NOT NULL,
    item_id TEXT NOT NULL,
    quantity INTEGER NOT NULL,
    day TEXT NOT NULL,
    voided INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX remote_claims_member ON remote_claims(member_id, item_id, day);

CREATE TABLE activities (
    activity_id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    opened_at TEXT NOT NULL,
    closes_at TEXT NOT NULL,
    opened_by TEXT NOT NULL
);

CREATE TABLE activity_signins (
    event_id TEXT PRIMARY KEY,
    activity_id TEXT NOT NULL REFERENCES activities(activity_id),
    member_id TEXT NOT NULL REFERENCES members(member_id),
    at TEXT NOT NULL,
    day TEXT NOT NULL,
    UNIQUE (activity_id, member_id)
);

CREATE TABLE attendants (
    attendant_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('attendant', 'technician')),
    pin_hash TEXT NOT NULL,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT,
    active INTEGER NOT NULL DEFAULT 1
);

-- Station keys the station trusts, from the root-signed trust list.
CREATE TABLE trusted_keys (
    kid TEXT PRIMARY KEY,
    station_id TEXT NOT NULL,
    public_key BLOB NOT NULL,
    valid_from INTEGER NOT NULL,
    valid_to INTEGER
);

-- A credential for `subject` issued at or before `issued_before` (unix s) is revoked.
CREATE TABLE revocations (
    subject TEXT PRIMARY KEY,
    issued_before INTEGER NOT NULL,
    reason TEXT NOT NULL
);
"""

# The phone look-up hash kept as its 32 bytes instead of 64 hex characters: the unique index on it
# takes random inserts (a hash), and at half the size a first pull of a million riders rewrites far
# fewer of its pages. The hub and the sync protocol keep hex; members.py converts at the edge.
PHONE_HASH_BYTES = """
UPDATE members SET phone_hash = hex_to_blob(phone_hash) WHERE typeof(phone_hash) = 'text';
"""

# The last four digits of a phone beside its hash narrowed a guess ten thousand times: no longer kept
# (the column stays, empty, so older code reading it still runs).
FORGET_PHONE_LAST4 = """
UPDATE members SET phone_last4 = '' WHERE phone_last4 <> '';
"""

# A rider the union office found registered twice: the duplicate points to the id kept, so the phone
# it was registered with still finds the rider.
MERGED_INTO = """
ALTER TABLE members ADD COLUMN merged_into TEXT;
"""

# Riders' help requests as this station knows them: its own (their content sealed in the event) and the
# office's statuses of requests made anywhere.
HELP_REQUESTS = """
CREATE TABLE help_requests (
    request_id TEXT PRIMARY KEY,
    member_id TEXT NOT NULL,
    category TEXT NOT NULL,
    urgent INTEGER NOT NULL,
    status TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX help_requests_member ON help_requests (member_id);
"""

# Sign-up programmes the office runs here (as it sent them, with this station's share of each session's
# places) and riders' sign-ups: this station's own (their answers sealed in the event) and the office's
# outcome of sign-ups made anywhere.
SIGNUPS = """
CREATE TABLE signup_programmes (
    programme_id TEXT PRIMARY KEY,
    data TEXT NOT NULL
);
CREATE TABLE signups (
    signup_id TEXT PRIMARY KEY,
    programme_id TEXT NOT NULL,
    session_id TEXT NOT NULL,
    member_id TEXT NOT NULL,
    status TEXT NOT NULL,
    local INTEGER NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX signups_member ON signups (member_id);
CREATE INDEX signups_session ON signups (programme_id, session_id);
"""

# Riders signing in at a sign-up's session (a class day, a job fair), once a day per sign-up.
SIGNUP_ATTENDANCE = """
CREATE TABLE signup_attendance (
    event_id TEXT PRIMARY KEY,
    signup_id TEXT NOT NULL,
    day TEXT NOT NULL
);
CREATE UNIQUE INDEX signup_attendance_day ON signup_attendance (signup_id, day);
"""

MIGRATIONS: list[tuple[int, str, str]] = [
    (1, "initial schema", INITIAL),
    (2, "phone hashes as bytes", PHONE_HASH_BYTES),
    (3, "forget the last four digits of phones", FORGET_PHONE_LAST4),
    (4, "riders merged by the office", MERGED_INTO),
    (5, "help requests", HELP_REQUESTS),
    (6, "sign-ups", SIGNUPS),
    (7, "sign-ins at sign-up sessions", SIGNUP_ATTENDANCE),
]
