"""Accounts, API tokens and sign-in sessions, kept in the store.

Passwords are kept only as argon2id hashes (argon2-cffi); API tokens and session ids are random and kept as
SHA-256 digests, so the store never holds anything that signs in as it stands.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from newsgraph.store import schema
from newsgraph.store.db import Store

ROLES = ("reader", "editor", "admin")
#: How long a sign-in lasts.
SESSION_HOURS = 12
U, S = schema.users, schema.sessions
_HASHER = PasswordHasher()


class UserError(ValueError):
    """A user that cannot be added (a name taken, a role unknown, a password too short)."""


@dataclass(frozen=True)
class User:
    """Someone who may sign in, and what they may do."""

    id: int
    name: str
    role: str

    def may(self, role: str) -> bool:
        """Whether this user holds ``role`` or one above it (reader < editor < admin)."""
        return ROLES.index(self.role) >= ROLES.index(role)


def add_user(store: Store, name: str, role: str, password: str) -> User:
    """Create an account (the password is kept as its argon2 hash)."""
    name = name.strip()
    if role not in ROLES:
        raise UserError(f"unknown role {role!r} (one of {', '.join(ROLES)})")
    if not name or len(password) < 8:
        raise UserError("a user needs a name and a password of at least 8 characters")
    try:
        with store.engine.begin() as conn:
            conn.execute(insert(U).values(name=name, role=role, password_hash=_HASHER.hash(password),
                                          created_at=_now().isoformat(timespec="seconds")))
    except IntegrityError as e:
        raise UserError(f"a user named {name!r} exists already") from e
    user = find_user(store, name)
    assert user is not None
    return user


def find_user(store: Store, name: str) -> User | None:
    with store.engine.connect() as conn:
        row = conn.execute(select(U.c.id, U.c.name, U.c.role).where(U.c.name == name)).first()
    return User(row.id, row.name, row.role) if row else None


def verify_password(store: Store, name: str, password: str) -> User | None:
    """The user if ``password`` is theirs, else None (the same work is done for an unknown name)."""
    with store.engine.connect() as conn:
        row = conn.execute(select(U).where(U.c.name == name)).first()
    try:
        _HASHER.verify(row.password_hash if row else _DUMMY, password)
    except (VerificationError, InvalidHashError):
        return None
    return User(row.id, row.name, row.role) if row else None


def new_token(store: Store, name: str) -> str:
    """A new API token for ``name`` (shown once; only its digest is kept, replacing any earlier token)."""
    token = "ng_" + secrets.token_urlsafe(32)
    with store.engine.begin() as conn:
        done = conn.execute(update(U).where(U.c.name == name).values(token_hash=digest(token))).rowcount
    if not done:
        raise UserError(f"no user named {name!r}")
    return token


def user_for_token(store: Store, token: str) -> User | None:
    with store.engine.connect() as conn:
        row = conn.execute(select(U.c.id, U.c.name, U.c.role).where(U.c.token_hash == digest(token))).first()
    return User(row.id, row.name, row.role) if row else None


def open_session(store: Store, user: User) -> str:
    """A new session id for ``user`` (the cookie carries it, signed; the store keeps its digest)."""
    session = secrets.token_urlsafe(32)
    now = _now()
    with store.engine.begin() as conn:
        conn.execute(delete(S).where(S.c.expires_at < now.isoformat(timespec="seconds")))
        conn.execute(insert(S).values(id_hash=digest(session), user_id=user.id,
                                      created_at=now.isoformat(timespec="seconds"),
                                      expires_at=(now + timedelta(hours=SESSION_HOURS)).isoformat(timespec="seconds")))
    return session


def session_user(store: Store, session: str) -> User | None:
    """The user of an open, unexpired session."""
    query = (select(U.c.id, U.c.name, U.c.role).join(S, S.c.user_id == U.c.id)
             .where(S.c.id_hash == digest(session), S.c.expires_at > _now().isoformat(timespec="seconds")))
    with store.engine.connect() as conn:
        row = conn.execute(query).first()
    return User(row.id, row.name, row.role) if row else None


def close_session(store: Store, session: str) -> None:
    with store.engine.begin() as conn:
        conn.execute(delete(S).where(S.c.id_hash == digest(session)))


def cookie_secret(store: Store) -> str:
    """The secret that signs session cookies (made when the store's review tables were)."""
    with store.engine.connect() as conn:
        M = schema.review_meta
        return str(conn.execute(select(M.c.value).where(M.c.name == "cookie_secret")).scalar_one())


def digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


#: A hash to verify against when the name is unknown, so that the answer takes as long either way.
_DUMMY = _HASHER.hash(secrets.token_urlsafe(16))
