"""Help requests at the office: the caseworkers' inbox, a case opened (its sealed part read, and that
reading audited), its status changed (every step audited, the status sent to every station)."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from kiosk.base.errors import InvalidInput, NotPermitted
from kiosk.core.casework import CATEGORY_KEY, DEFAULT_CATEGORIES, LABEL_EN_MAX, LABEL_ZH_MAX, STATUSES, request_id_of
from kiosk.credentials.boxes import open_sealed
from kiosk.hub import schema as t
from kiosk.hub.database import HubDatabase, now_iso

FIRST_CONTACT_HOURS = 24  # the office's target from a request to its first contact
CLOSED = ("resolved", "closed")


def categories_in(conn: sa.Connection) -> list[dict[str, Any]]:
    """What riders may ask for help about, in the order offered: the office's list (retired ones kept,
    inactive, for the requests already made), or the six it starts from."""
    rows = conn.execute(sa.select(t.catalogue.c.data).where(t.catalogue.c.kind == "help_category")).scalars().all()
    if not rows:
        return [{**c, "active": True, "order": i} for i, c in enumerate(DEFAULT_CATEGORIES)]
    return sorted(rows, key=lambda c: c["order"])


class Help(HubDatabase):
    def help_inbox(self, open_only: bool = True) -> list[dict[str, Any]]:
        """Requests, urgent and oldest first; ``overdue`` when still new past the first-contact target."""
        query = sa.select(*(c for c in t.help_requests.c if c.name != "sealed"))
        if open_only:
            query = query.where(t.help_requests.c.status.not_in(CLOSED))
        with self.engine.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(query)]
        due = (datetime.now(UTC) - timedelta(hours=FIRST_CONTACT_HOURS)).strftime("%Y-%m-%dT%H:%M:%S")
        for row in rows:
            row["overdue"] = row["status"] == "new" and row["at"][:19] < due
        return sorted(rows, key=lambda r: (not r["urgent"], r["at"]))

    def help_case(self, request_id: str, actor: str = "kiosk-hub", stations: set[str] | None = None) -> dict[str, Any]:
        """One request with its description and call-back phone opened; the reading is audited. An operator
        whose scope is ``stations`` is refused one made elsewhere before anything is opened."""
        request_id = request_id_of(request_id)
        with self.writer.begin() as conn:
            row = conn.execute(sa.select(t.help_requests).where(t.help_requests.c.request_id == request_id)).first()
            if row is None:
                raise InvalidInput("No such help request.")
            if stations is not None and row.station_id not in stations:
                raise NotPermitted("This request was made at a station outside your district.")
            self._audit(conn, actor, "help.read", request_id)
        opened = json.loads(open_sealed(self.box_key(), base64.b64decode(row.sealed), "help request"))
        return {**{k: v for k, v in row._mapping.items() if k != "sealed"}, **opened}

    def set_help_status(self, request_id: str, status: str, note: str = "", actor: str = "kiosk-hub",
                        stations: set[str] | None = None, assignee: str = "") -> None:
        """A step in a case (contacted, referred, resolved …) with an optional note, and the caseworker it is
        given to (none named: whoever has it, else the one taking this step); the status, never the content,
        reaches every station, where the rider can see it. ``stations``: the operator's scope."""
        if status not in STATUSES:
            raise InvalidInput("Choose a status from the list.", field="status")
        request_id = request_id_of(request_id)
        note = " ".join((note or "").split())[:500]
        with self.writer.begin() as conn:
            row = conn.execute(sa.select(t.help_requests).where(t.help_requests.c.request_id == request_id)
                               .with_for_update()).first()
            if row is None:
                raise InvalidInput("No such help request.")
            if stations is not None and row.station_id not in stations:
                raise NotPermitted("This request was made at a station outside your district.")
            if assignee and not conn.execute(sa.select(t.operators.c.username).where(
                    t.operators.c.username == assignee, t.operators.c.disabled.is_(False),
                    t.operators.c.role.in_(("admin", "caseworker")))).first():
                raise InvalidInput("Give the case to a caseworker from the list.", field="assignee")
            now = now_iso()
            values: dict[str, Any] = {"status": status, "assignee": assignee or row.assignee or actor}
            if note:
                values["notes"] = [*row.notes, {"at": now, "by": actor, "note": note}]
            if status != "new" and row.first_contact_at is None:
                values["first_contact_at"] = now
            if status in CLOSED and row.closed_at is None:
                values["closed_at"] = now
            conn.execute(t.help_requests.update().where(t.help_requests.c.request_id == request_id).values(**values))
            if status != row.status:
                self._change(conn, "help_status", {"request_id": request_id, "member_id": row.member_id,
                                                   "category": row.category, "status": status, "at": row.at})
            self._audit(conn, actor, "help.status", request_id, {"status": row.status, "assignee": row.assignee},
                        {"status": status, "assignee": values["assignee"], "note": bool(note)})

    def help_categories(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return categories_in(conn)

    def set_help_category(self, key: str, label_zh: str, label_en: str, active: bool = True,
                          actor: str = "kiosk-hub") -> None:
        """Add a category or change one (its names, or retire it: no longer offered, its requests kept);
        every station receives the whole list at its next sync."""
        key = (key or "").strip().lower()
        if not CATEGORY_KEY.fullmatch(key):
            raise InvalidInput("A category's id is lower-case letters, digits and _ (e.g. social_insurance).",
                               field="key")
        with self.writer.begin() as conn:
            listed = {c["key"]: c for c in categories_in(conn)}
            before = listed.get(key)
            listed[key] = {"key": key, "label_zh": (label_zh or "").strip(), "label_en": (label_en or "").strip(),
                           "active": bool(active), "order": before["order"] if before else len(listed)}
            if not (1 <= len(listed[key]["label_zh"]) <= LABEL_ZH_MAX
                    and 1 <= len(listed[key]["label_en"]) <= LABEL_EN_MAX):
                raise InvalidInput("A category's name is 1 to 20 characters in Chinese and 1 to 40 in English.",
                                   field="label_zh")
            if not any(c["active"] for c in listed.values()):
                raise InvalidInput("Keep at least one category offered to riders.", field="active")
            conn.execute(t.catalogue.delete().where(t.catalogue.c.kind == "help_category"))
            conn.execute(t.catalogue.insert(), [{"kind": "help_category", "key": k, "data": c}
                                                for k, c in listed.items()])
            self._replace_change(conn, "help_categories", {"categories": [
                {k: c[k] for k in ("key", "label_zh", "label_en", "active")}
                for c in sorted(listed.values(), key=lambda c: c["order"])]})
            self._audit(conn, actor, "help.category", key, before, listed[key])
