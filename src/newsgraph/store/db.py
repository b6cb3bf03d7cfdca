"""Opening a store: a SQLite file by default, PostgreSQL for a ``postgresql://`` URL."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from newsgraph.store import DEFAULT_DB


class StoreError(RuntimeError):
    """The store cannot be opened or used (a message the user can act on)."""


class NoStore(StoreError):
    """Opened to read, the store does not exist (nothing is created)."""


@dataclass(frozen=True)
class Store:
    """An open store: the engine, and which dialect it speaks (``sqlite`` or ``postgresql``)."""

    engine: Engine
    url: str

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def is_sqlite(self) -> bool:
        return self.dialect == "sqlite"

    def close(self) -> None:
        self.engine.dispose()


def database_url(db: str | os.PathLike[str] | None) -> str:
    """The SQLAlchemy URL for a ``--db`` value: a file path, or a ``postgresql://`` / ``sqlite://`` URL."""
    name = os.fspath(db) if db is not None else DEFAULT_DB
    if name.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + name.split("://", 1)[1]
    if "://" in name:
        return name
    return f"sqlite:///{os.path.abspath(name)}"


def connect(db: str | os.PathLike[str] | None = None, *, migrate: bool = True, create: bool = True) -> Store:
    """Open (and by default create or migrate) the store named by ``db``; ``create=False``: a SQLite file that
    does not exist raises ``NoStore`` rather than being created."""
    from newsgraph.store.migrations import apply_migrations

    url = database_url(db)
    if not create and (path := _sqlite_file(url)) is not None and not os.path.exists(path):
        raise NoStore(f"no store at {os.fspath(db) if db is not None else DEFAULT_DB}")
    try:
        engine = create_engine(url, **_engine_options(url))
    except (ArgumentError, ImportError) as e:
        raise StoreError(f"cannot open store {db!r}: {e}") from e
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    store = Store(engine=engine, url=url)
    if migrate:
        try:
            apply_migrations(store)
        except OperationalError as e:
            engine.dispose()
            raise StoreError(f"cannot open store {db!r}: {e.orig}") from e
    return store


def _sqlite_file(url: str) -> str | None:
    """The file a SQLite URL names (None for another backend or an in-memory database)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return parsed.database


def _engine_options(url: str) -> dict[str, Any]:
    if make_url(url).get_backend_name() == "sqlite":
        return {"connect_args": {"timeout": 30}}
    return {"pool_pre_ping": True}


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
