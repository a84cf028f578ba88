"""Sign-up programmes at the office: defined, sent to the stations they run at (each with its share of each
session's places), riders' sign-ups confirmed or put on the waiting list as they arrive, moved or
cancelled by an officer, and their sealed answers read (audited) for the lists the insurer or the class
teacher needs."""

from __future__ import annotations

import base64
import json
from collections import defaultdict
from typing import Any

import sqlalchemy as sa

from kiosk.base.errors import InvalidInput
from kiosk.base.ids import short_id
from kiosk.core.signups import STATUSES, define
from kiosk.credentials.boxes import open_sealed
from kiosk.hub import schema as t
from kiosk.hub.catalogue import check_reach, reaches
from kiosk.hub.database import HubDatabase, now_iso

SEALED_KINDS = ("phone", "id_number")  # shown masked unless the list is opened in full


def shares(capacity: int | None, stations: list[str]) -> dict[str, int | None]:
    """Each station's places in a session: the capacity split as evenly as it goes (first stations get the
    remainder); no capacity, no limit."""
    if capacity is None:
        return dict.fromkeys(stations)
    base, extra = divmod(capacity, max(1, len(stations)))
    return {s: base + (1 if i < extra else 0) for i, s in enumerate(stations)}


SessionCounts = defaultdict[tuple[str, str], dict[str, int]]  # zeros for a session nobody signed up for


def session_counts(conn: sa.Connection, made: list[Any], came: list[Any]) -> SessionCounts:
    """Per (programme, session): sign-ups by outcome and in all (those matching ``made``), the sign-ups that
    came at least once and their sign-ins, one a day (those matching ``came``)."""
    su, at = t.signups.c, t.signup_attendance.c
    counts: SessionCounts = defaultdict(
        lambda: {"signups": 0, **dict.fromkeys(STATUSES, 0), "attended": 0, "attendances": 0})
    for programme_id, session_id, status, n in conn.execute(
            sa.select(su.programme_id, su.session_id, su.status, sa.func.count()).where(*made)
            .group_by(su.programme_id, su.session_id, su.status)):
        counts[(programme_id, session_id)][status] = n
        counts[(programme_id, session_id)]["signups"] += n
    days = sa.select(at.signup_id, at.day).where(*came).distinct().subquery()
    for programme_id, session_id, riders, times in conn.execute(
            sa.select(su.programme_id, su.session_id, sa.func.count(sa.distinct(days.c.signup_id)), sa.func.count())
            .join(days, days.c.signup_id == su.signup_id).group_by(su.programme_id, su.session_id)):
        counts[(programme_id, session_id)].update(attended=riders, attendances=times)
    return counts


def _counted(programme: dict[str, Any], tally: SessionCounts) -> dict[str, Any]:
    return {**programme, "sessions": [{**s, **tally[(programme["programme_id"], s["session_id"])]}
                                      for s in programme["sessions"]]}


class Signups(HubDatabase):
    def add_programme(self, data: dict[str, Any], actor: str = "kiosk-hub") -> str:
        """A new sign-up programme from the console's form (fields named from FIELD_PRESETS), sent to the
        stations it runs at; its id."""
        programme = define(data, "SU-" + short_id(8))
        with self.writer.begin() as conn:
            check_reach(conn, programme)
            reached = self._reached(conn, programme)
            programme["shares"] = {s["session_id"]: shares(s.get("capacity"), reached) for s in programme["sessions"]}
            conn.execute(t.signup_programmes.insert().values(programme_id=programme["programme_id"],
                                                             data=programme, created_at=now_iso()))
            self._send_programme(conn, programme)
            self._audit(conn, actor, "signup.add", programme["programme_id"], None, {"title": programme["title_zh"]})
        return programme["programme_id"]

    def close_programme(self, programme_id: str, actor: str = "kiosk-hub") -> None:
        """No more sign-ups from now (those made offline before stations hear of it still arrive)."""
        with self.writer.begin() as conn:
            programme = self._programme(conn, programme_id)
            programme = {**programme, "open": False}
            conn.execute(t.signup_programmes.update().where(t.signup_programmes.c.programme_id == programme_id)
                         .values(data=programme))
            self._send_programme(conn, programme)
            self._audit(conn, actor, "signup.close", programme_id)

    def _programme(self, conn: sa.Connection, programme_id: str) -> dict[str, Any]:
        data = conn.execute(sa.select(t.signup_programmes.c.data)
                            .where(t.signup_programmes.c.programme_id == programme_id)).scalar()
        if data is None:
            raise InvalidInput("No such sign-up programme.")
        return data

    def _reached(self, conn: sa.Connection, programme: dict[str, Any], only: str | None = None) -> list[str]:
        """The stations a programme runs at, in the order they were added (the order shares are given in)."""
        query = sa.select(t.stations.c.station_id, t.stations.c.district).where(t.stations.c.revoked.is_(False))
        if only is not None:
            query = query.where(t.stations.c.station_id == only)
        rows = conn.execute(query.order_by(t.stations.c.created_at)).all()
        return [r.station_id for r in rows if reaches(programme, r.station_id, r.district)]

    @staticmethod
    def _share(programme: dict[str, Any], session: dict[str, Any], station_id: str) -> int | None:
        """A station's places in a session, fixed when the programme was made (a station added or moved in
        since has none: its riders go on the waiting list there, and the office confirms while there is room)."""
        if session.get("capacity") is None:
            return None
        return programme["shares"][session["session_id"]].get(station_id, 0)

    def _send_programme(self, conn: sa.Connection, programme: dict[str, Any], only: str | None = None) -> None:
        """The programme to the stations it runs at (``only``: to that station, closed there if it does not)."""
        reached = self._reached(conn, programme, only)
        data = {k: v for k, v in programme.items() if k not in ("districts", "stations", "shares")}
        for station_id in reached if only is None else [only]:
            sessions = [{**s, "share": self._share(programme, s, station_id)} for s in programme["sessions"]]
            self._change(conn, "signup_programme", {**data, "open": data["open"] and station_id in reached,
                                                    "sessions": sessions}, station_id=station_id)

    def offer_programmes(self, conn: sa.Connection, station_id: str) -> None:
        """A station added, or moved to another district: the programmes as they now stand there."""
        for programme in conn.execute(sa.select(t.signup_programmes.c.data)).scalars():
            self._send_programme(conn, programme, only=station_id)

    def programmes(self) -> list[dict[str, Any]]:
        """Every programme with its sign-ups counted by session and outcome."""
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(t.signup_programmes.c.data).order_by(t.signup_programmes.c.created_at)
                                ).scalars().all()
            tally = session_counts(conn, [], [])
        return [_counted(p, tally) for p in rows]

    def programme(self, programme_id: str) -> dict[str, Any]:
        """One programme with its sign-ups counted by session and outcome (InvalidInput: no such programme)."""
        with self.engine.connect() as conn:
            programme = self._programme(conn, programme_id)
            return _counted(programme, session_counts(conn, [t.signups.c.programme_id == programme_id], []))

    def programme_signups(self, programme_id: str, actor: str = "kiosk-hub", reveal: bool = False,
                          stations: set[str] | None = None) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """A programme and its sign-ups with their answers opened (phone and ID number masked unless
        ``reveal``); the reading is audited. ``stations``: the operator's scope."""
        with self.writer.begin() as conn:
            programme = self._programme(conn, programme_id)
            query = sa.select(t.signups, t.members.c.name).outerjoin(
                t.members, t.members.c.member_id == t.signups.c.member_id).where(
                t.signups.c.programme_id == programme_id).order_by(t.signups.c.at)
            rows = [dict(r._mapping) for r in conn.execute(query)
                    if stations is None or r.station_id in stations]
            self._audit(conn, actor, "signup.export" if reveal else "signup.read", programme_id, None,
                        {"signups": len(rows)})
        key = self.box_key()
        kinds = {f["key"]: f["kind"] for f in programme["fields"]}
        for row in rows:
            answers = json.loads(open_sealed(key, base64.b64decode(row.pop("sealed")), "sign-up"))
            if not reveal:
                answers = {k: (v[:3] + "*" * (len(v) - 5) + v[-2:] if kinds.get(k) in SEALED_KINDS and v else v)
                           for k, v in answers.items()}
            row["answers"] = answers
        return programme, rows

    def move_signup(self, signup_id: str, status: str, actor: str = "kiosk-hub",
                    stations: set[str] | None = None) -> None:
        """Confirm a place (if the session has one free), move to the waiting list, or cancel; the rider
        sees the outcome at any station."""
        if status not in STATUSES:
            raise InvalidInput("Choose confirmed, waiting or cancelled.", field="status")
        with self.writer.begin() as conn:
            row = conn.execute(sa.select(t.signups).where(t.signups.c.signup_id == signup_id).with_for_update()
                               ).first()
            if row is None:
                raise InvalidInput("No such sign-up.")
            if stations is not None and row.station_id not in stations:
                raise InvalidInput("No such sign-up.")
            if status == "confirmed" and row.status != "confirmed":
                session = next(s for s in self._programme(conn, row.programme_id)["sessions"]
                               if s["session_id"] == row.session_id)
                if session.get("capacity") is not None and self._confirmed(conn, row) >= session["capacity"]:
                    raise InvalidInput("This session is full: cancel a place first.", field="status")
            conn.execute(t.signups.update().where(t.signups.c.signup_id == signup_id).values(
                status=status, in_share=row.in_share and status == "confirmed"))
            self._signup_changed(conn, {**row._mapping, "status": status})
            self._audit(conn, actor, "signup.move", signup_id, {"status": row.status}, {"status": status})

    def _confirmed(self, conn: sa.Connection, row: Any) -> int:
        return conn.execute(sa.select(sa.func.count()).select_from(t.signups).where(
            t.signups.c.programme_id == row.programme_id, t.signups.c.session_id == row.session_id,
            t.signups.c.status == "confirmed")).scalar_one()

    def _signup_changed(self, conn: sa.Connection, row: dict[str, Any]) -> None:
        self._change(conn, "signup_status", {k: row[k] for k in (
            "signup_id", "programme_id", "session_id", "member_id", "status", "at")})

    def _take_signup(self, conn: sa.Connection, station_id: str, event: dict[str, Any], member_id: str) -> None:
        """A sign-up arriving: a place the station gave within its share stands; beyond it, a place is given
        while the session has room not held for other stations' shares; else the waiting list (or, with
        none, cancelled as full). Every rider hears their outcome at any station."""
        p = event["payload"]
        programme = self._programme(conn, p["programme_id"])
        session = next(s for s in programme["sessions"] if s["session_id"] == p["session_id"])
        capacity = session.get("capacity")
        share = programme["shares"][p["session_id"]] if capacity is not None else {}
        rows = conn.execute(sa.select(t.signups.c.station_id, t.signups.c.status, t.signups.c.in_share).where(
            t.signups.c.programme_id == p["programme_id"], t.signups.c.session_id == p["session_id"])).all()
        in_share = {s: sum(1 for r in rows if r.station_id == s and r.in_share and r.status == "confirmed")
                    for s in {*share, station_id}}
        held = sum(max(0, n - in_share[s]) for s, n in share.items() if s != station_id)
        confirmed = sum(1 for r in rows if r.status == "confirmed")
        if capacity is None or (p["status"] == "confirmed" and in_share[station_id] < share.get(station_id, 0)):
            status, within = "confirmed", True
        elif confirmed + held < capacity:
            status, within = "confirmed", False
        else:
            status, within = ("waiting" if programme.get("waiting_list") else "cancelled"), False
        row = {"signup_id": p["signup_id"], "programme_id": p["programme_id"], "session_id": p["session_id"],
               "station_id": station_id, "member_id": member_id, "sealed": p["sealed"], "status": status,
               "in_share": within, "at": event["at"]}
        conn.execute(t.signups.insert().values(**row))
        self._signup_changed(conn, row)

    def signup_doubt(self, conn: sa.Connection, kind: str, payload: dict[str, Any], member_id: str) -> str | None:
        """Why a sign-up or a sign-in at its session cannot be taken (None: it can). A sign-in must be on
        the rider's own sign-up (one the office cancelled since still counts: the rider came)."""
        if kind == "signup_attended":
            owner = conn.execute(sa.select(t.signups.c.member_id).where(
                t.signups.c.signup_id == payload["signup_id"])).scalar()
            return None if owner == member_id else "a sign-in for a sign-up this rider did not make"
        data = conn.execute(sa.select(t.signup_programmes.c.data)
                            .where(t.signup_programmes.c.programme_id == payload["programme_id"])).scalar()
        if data is None or payload["session_id"] not in {s["session_id"] for s in data["sessions"]}:
            return "a sign-up for a programme or session the office does not run"
        if payload["status"] not in ("confirmed", "waiting"):
            return "a sign-up with an unknown outcome"
        if conn.execute(sa.select(t.signups.c.signup_id).where(t.signups.c.signup_id == payload["signup_id"])).first():
            return "a sign-up whose number is already taken"
        return None
