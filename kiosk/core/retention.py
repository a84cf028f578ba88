"""Retention: visits and handouts older than the retention period keep their counts but lose the person.

The one place a station rewrites its own log: after RETENTION_MONTHS a check-in or handout names the
placeholder rider "-" instead of the rider, in the event and in its derived row alike (so a replay of the
log still equals the tables). Claims made elsewhere that old are dropped (they count against no limit).
"""

from __future__ import annotations

import calendar
from datetime import date

from kiosk.store import Store

RETENTION_MONTHS = 24
ANONYMOUS = "-"  # the rider an old visit or handout names once its link to the person is gone
FORGETS = ("checked_in", "handed_out")


def cutoff(today: date, months: int = RETENTION_MONTHS) -> date:
    """The first day still linked to riders: ``months`` before today (that month's last day if shorter)."""
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    return date(year, month + 1, min(today.day, calendar.monthrange(year, month + 1)[1]))


def forget_old_links(store: Store, today: date, months: int = RETENTION_MONTHS) -> int:
    """Unlink visits and handouts from before the cut-off; returns how many were unlinked now."""
    store.require_transaction("forget_old_links")
    day = cutoff(today, months).isoformat()
    store.conn.execute("DELETE FROM remote_claims WHERE day < ?", (day,))
    if not any(store.one(f"SELECT 1 FROM {table} WHERE day < ? AND member_id <> ? LIMIT 1", (day, ANONYMOUS))
               for table in ("checkins", "handouts")):
        return 0
    store.conn.execute(
        "INSERT OR IGNORE INTO members (member_id, phone_hash, phone_last4, name, occupation, status, source, "
        "registered_at) VALUES (?, NULL, '', '', 'other', 'deleted', 'retention', '2000-01-01T00:00:00.000Z')",
        (ANONYMOUS,))
    unlinked = 0
    for table in ("checkins", "handouts"):
        unlinked += store.conn.execute(f"UPDATE {table} SET member_id = ? WHERE day < ? AND member_id <> ?",
                                       (ANONYMOUS, day, ANONYMOUS)).rowcount
    store.conn.execute(
        f"UPDATE events SET payload = json_set(payload, '$.member_id', ?) WHERE type IN "
        f"({','.join('?' * len(FORGETS))}) AND day < ? AND json_extract(payload, '$.member_id') <> ?",
        (ANONYMOUS, *FORGETS, day, ANONYMOUS))
    return unlinked
