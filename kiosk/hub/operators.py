"""The union office's operators: accounts, passwords, sessions, roles and scope, and the audit log."""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from kiosk.base.errors import InvalidInput, KioskError, NotPermitted
from kiosk.base.ids import short_id
from kiosk.hub import schema as t
from kiosk.hub.database import HubDatabase, now_iso

# What each role may do. A viewer reads figures (riders masked); a caseworker also handles help requests;
# an officer runs programmes, stock, staff and reports; an admin also manages operators, keys and stations.
ROLES = ("admin", "officer", "caseworker", "viewer")
MAY = {
    "read": set(ROLES),
    "riders": {"admin", "officer", "caseworker"},  # a rider's own record, named
    "programmes": {"admin", "officer"},
    "stations": {"admin"},
    "operators": {"admin"},
    "help": {"admin", "caseworker"},  # help requests: what riders wrote, and their phones
}
SESSION_S = 8 * 3600          # a working day
LOCK_AFTER = 5                # wrong passwords in a row
LOCK_S = 15 * 60
MIN_PASSWORD = 10
_hasher = PasswordHasher()


class LoginFailed(KioskError):
    code = "login_failed"


@dataclass(frozen=True)
class Operator:
    operator_id: str
    username: str
    name: str
    role: str
    district: str | None

    def may(self, what: str) -> bool:
        return self.role in MAY[what]

    def require(self, what: str) -> None:
        if not self.may(what):
            raise NotPermitted("Your role may not do this.")

    @property
    def actor(self) -> str:
        return self.username


def _session_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def check_password(password: str) -> str:
    if not isinstance(password, str) or len(password) < MIN_PASSWORD or len(password) > 200:
        raise InvalidInput(f"A password is {MIN_PASSWORD} to 200 characters.", field="password")
    return password


class Operators(HubDatabase):
    def audit_entries(self, limit: int = 200, offset: int = 0, actor: str = "",
                      action: str = "") -> list[dict[str, Any]]:
        """The newest changes first; ``actor`` and ``action`` narrow them (an action by its start: 'station.')."""
        query = sa.select(t.audit_log).order_by(t.audit_log.c.audit_id.desc()).limit(limit).offset(offset)
        if actor:
            query = query.where(t.audit_log.c.actor == actor)
        if action:
            query = query.where(t.audit_log.c.action.startswith(action, autoescape=True))
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query).all()]

    def operator_count(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(t.operators)).scalar_one()

    def add_operator(self, actor: str, username: str, name: str, role: str, password: str,
                     district: str | None = None) -> str:
        username = (username or "").strip().lower()
        if not (3 <= len(username) <= 40 and username.replace("_", "").replace(".", "").isalnum()
                and username.isascii()):
            raise InvalidInput("A user name is 3 to 40 letters, digits, dots or underscores.", field="username")
        name = (name or "").strip() or username
        if len(name) > 60:
            raise InvalidInput("A name is at most 60 characters.", field="name")
        if role not in ROLES:
            raise InvalidInput(f"A role is one of {', '.join(ROLES)}.", field="role")
        district = (district or "").strip() or None
        check_password(password)
        operator_id = "OP-" + short_id(8)
        with self.writer.begin() as conn:
            if conn.execute(sa.select(t.operators.c.operator_id).where(t.operators.c.username == username)).first():
                raise InvalidInput(f"There is already an operator {username!r}.", field="username")
            conn.execute(t.operators.insert().values(
                operator_id=operator_id, username=username, name=name, role=role, district=district,
                password_hash=_hasher.hash(password), created_at=now_iso()))
            self._audit(conn, actor, "operator.add", username, None,
                       {"name": name, "role": role, "district": district})
        return operator_id

    def set_password(self, actor: str, username: str, password: str) -> None:
        """A new password for an operator (their own, or anyone's by an admin); their sessions end."""
        check_password(password)
        with self.writer.begin() as conn:
            row = conn.execute(sa.select(t.operators.c.operator_id).where(t.operators.c.username == username)).first()
            if row is None:
                raise InvalidInput(f"No operator {username!r}.", field="username")
            conn.execute(t.operators.update().where(t.operators.c.operator_id == row.operator_id).values(
                password_hash=_hasher.hash(password), failed_logins=0, locked_until=None))
            conn.execute(t.sessions.delete().where(t.sessions.c.operator_id == row.operator_id))
            self._audit(conn, actor, "operator.password", username)

    def set_disabled(self, actor: str, username: str, disabled: bool) -> None:
        """Disable an operator (who left) or enable them again; a disabled one's sessions end at once."""
        if actor == username and disabled:
            raise InvalidInput("You cannot disable yourself.", field="username")
        with self.writer.begin() as conn:
            row = conn.execute(sa.select(t.operators.c.operator_id, t.operators.c.disabled)
                               .where(t.operators.c.username == username)).first()
            if row is None:
                raise InvalidInput(f"No operator {username!r}.", field="username")
            conn.execute(t.operators.update().where(t.operators.c.operator_id == row.operator_id)
                         .values(disabled=disabled))
            if disabled:
                conn.execute(t.sessions.delete().where(t.sessions.c.operator_id == row.operator_id))
            self._audit(conn, actor, "operator.disable" if disabled else "operator.enable", username,
                        {"disabled": row.disabled}, {"disabled": disabled})

    def list_operators(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(t.operators.c.operator_id, t.operators.c.username, t.operators.c.name,
                                          t.operators.c.role, t.operators.c.district, t.operators.c.disabled)
                                .order_by(t.operators.c.username)).all()
        return [dict(r._mapping) for r in rows]

    def login(self, username: str, password: str, now: float | None = None) -> tuple[str, str]:
        """A new session (its cookie token and CSRF token) for the right password. Five wrong ones in a row
        lock the account for 15 minutes; the message never says whether the user name exists."""
        now = time.time() if now is None else now
        refused = LoginFailed("Wrong user name or password.")
        with self.writer.begin() as conn:
            row = conn.execute(sa.select(t.operators).where(
                t.operators.c.username == (username or "").strip().lower())).first()
            if row is None or row.disabled:
                _hasher.hash("spend the same time as a real check")
                raise refused
            if row.locked_until and row.locked_until > now:
                raise LoginFailed("Too many wrong passwords: this account is locked for 15 minutes.",
                                  wait_s=int(row.locked_until - now))
            try:
                _hasher.verify(row.password_hash, password or "")
            except (VerificationError, InvalidHashError):
                failed = row.failed_logins + 1
                conn.execute(t.operators.update().where(t.operators.c.operator_id == row.operator_id).values(
                    failed_logins=0 if failed >= LOCK_AFTER else failed,
                    locked_until=int(now + LOCK_S) if failed >= LOCK_AFTER else None))
                if failed >= LOCK_AFTER:
                    self._audit(conn, row.username, "operator.locked", row.username)
                wrong = True  # refused once the count is committed: it must survive the refusal
            else:
                wrong = False
        if wrong:
            raise refused
        with self.writer.begin() as conn:
            token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
            conn.execute(t.operators.update().where(t.operators.c.operator_id == row.operator_id)
                         .values(failed_logins=0, locked_until=None))
            conn.execute(t.sessions.delete().where(t.sessions.c.expires_at < now))
            conn.execute(t.sessions.insert().values(session_hash=_session_hash(token), operator_id=row.operator_id,
                                                    csrf=csrf, expires_at=int(now + SESSION_S)))
        return token, csrf

    def session(self, token: str, now: float | None = None) -> tuple[Operator, str] | None:
        """The operator and CSRF token of a live session, or None."""
        now = time.time() if now is None else now
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(t.operators, t.sessions.c.csrf).join(
                t.sessions, t.sessions.c.operator_id == t.operators.c.operator_id).where(
                t.sessions.c.session_hash == _session_hash(token or ""), t.sessions.c.expires_at > now,
                t.operators.c.disabled.is_(False))).first()
        if row is None:
            return None
        return Operator(row.operator_id, row.username, row.name, row.role, row.district), row.csrf

    def logout(self, token: str) -> None:
        with self.writer.begin() as conn:
            conn.execute(t.sessions.delete().where(t.sessions.c.session_hash == _session_hash(token or "")))
