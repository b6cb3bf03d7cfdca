"""Opening a store: a SQLite file by default, PostgreSQL for a ``postgresql://`` URL.

A store opened ``read_only`` (the read commands and a read-only ``serve``) is a SQLite file opened with
``mode=ro``, and, where its folder cannot be written (read-only media: SQLite could not make the
write-ahead log's index there), also ``immutable=1``: it is read as it is, with no journal set up.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import quote

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


def connect(db: str | os.PathLike[str] | None = None, *, migrate: bool = True, create: bool = True,
            read_only: bool = False) -> Store:
    """Open (and by default create or migrate) the store named by ``db``; ``create=False``: a SQLite file that
    does not exist raises ``NoStore`` rather than being created; ``read_only`` opens an existing SQLite file
    for reading only (on read-only media too), and never migrates."""
    from newsgraph.store.migrations import apply_migrations

    url = database_url(db)
    if not create and (path := _sqlite_file(url)) is not None and not os.path.exists(path):
        raise NoStore(f"no store at {os.fspath(db) if db is not None else DEFAULT_DB}")
    if read_only and make_url(url).get_backend_name() == "sqlite":
        url, migrate = read_only_url(url, db), False
    try:
        engine = create_engine(url, **_engine_options(url))
    except (ArgumentError, ImportError) as e:
        raise StoreError(f"cannot open store {db!r}: {e}") from e
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", partial(_sqlite_pragmas, read_only=read_only))
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


def read_only_url(url: str, db: object) -> str:
    """The SQLite URI that opens the file of ``url`` for reading: ``mode=ro``, and ``immutable=1`` where its
    folder cannot be written."""
    database = make_url(url).database
    if not database or database == ":memory:":
        return url
    path = Path(database)
    if not path.is_file():
        raise NoStore(f"no store at {path}: build one with `newsgraph ingest --db {db}`")
    options = "mode=ro" + ("" if writable(path.parent) else "&immutable=1")
    return f"sqlite:///file:{quote(str(path))}?{options}&uri=true"


def on_read_only_media(db: str | os.PathLike[str] | None) -> bool:
    """Whether ``db`` is an existing SQLite file that cannot be written where it is (read-only media, or a
    folder or file without write permission)."""
    url = make_url(database_url(db))
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return False
    path = Path(url.database)
    return path.is_file() and not (writable(path.parent) and os.access(path, os.W_OK))


def writable(folder: Path) -> bool:
    """Whether files can be made in ``folder`` (not on read-only media, and permitted)."""
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return False
    except OSError:
        return False
    return os.access(folder, os.W_OK)


def _engine_options(url: str) -> dict[str, Any]:
    if make_url(url).get_backend_name() == "sqlite":
        return {"connect_args": {"timeout": 30}}
    return {"pool_pre_ping": True}


def _sqlite_pragmas(dbapi_connection: Any, _record: Any, *, read_only: bool = False) -> None:
    cursor = dbapi_connection.cursor()
    if not read_only:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
