"""Versioned migrations, recorded in ``schema_migrations``; each runs once, in its own locked transaction."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Connection, func, inspect, select, text, update

from newsgraph.geo import event_places
from newsgraph.store import legacy, overview, records, schema, summary

if TYPE_CHECKING:  # the store opens (db.py) by applying these: the import runs one way
    from newsgraph.store.db import Store

Migration = Callable[[Connection, str], None]


def create_core_tables(conn: Connection, dialect: str) -> None:
    tables = [t for t in schema.metadata.sorted_tables if t is not schema.migrations]
    schema.metadata.create_all(conn, tables=tables)


def create_search_index(conn: Connection, dialect: str) -> None:
    if dialect == "sqlite":
        conn.execute(text("CREATE VIRTUAL TABLE search_index USING fts5("
                          "doc UNINDEXED, kind UNINDEXED, ref UNINDEXED, body, tokenize='unicode61')"))
        return
    conn.execute(text("CREATE TABLE search_index (doc TEXT NOT NULL REFERENCES documents(hash), "
                      "kind TEXT NOT NULL, ref TEXT NOT NULL, body TEXT NOT NULL, "
                      "tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', body)) STORED)"))
    conn.execute(text("CREATE INDEX ix_search_index_tsv ON search_index USING GIN (tsv)"))
    conn.execute(text("CREATE INDEX ix_search_index_doc ON search_index (doc)"))


def add_dyad_key(conn: Connection, dialect: str) -> None:
    """A "source:target" key per linked event, indexed with what dyad counts read (no table lookups)."""
    if "dyad" not in {c["name"] for c in inspect(conn).get_columns("linked_events")}:
        conn.execute(text("ALTER TABLE linked_events ADD COLUMN dyad TEXT"))
    conn.execute(text("UPDATE linked_events SET dyad = CAST(source_entity AS TEXT) || ':' || "
                      "CAST(target_entity AS TEXT) WHERE source_entity IS NOT NULL AND target_entity IS NOT NULL"))
    conn.execute(text("DROP INDEX IF EXISTS ix_linked_dyad_date"))
    conn.execute(text("CREATE INDEX ix_linked_dyad ON linked_events (dyad, date, quad, negated, intensity)"))


def create_dyad_summary(conn: Connection, dialect: str) -> None:
    """The per-day dyad summary, built from the linked events already stored."""
    schema.dyad_days.create(conn)
    summary.rebuild_dyads(conn)


def create_dashboard_summaries(conn: Connection, dialect: str) -> None:
    """The dashboard's summaries and row counts, built from the rows already stored; and an index that lists
    documents newest first, undated last, in the order the dashboard shows them (ties by hash)."""
    tables = [schema.quad_days, schema.entity_events, schema.pair_events, schema.store_totals]
    schema.later.create_all(conn, tables=tables)
    overview.rebuild(conn, shapes=("quad", "entity", "pair"))
    nulls = " NULLS LAST" if dialect == "postgresql" else ""  # SQLite sorts NULL first, so last when descending
    conn.execute(text(f"CREATE INDEX IF NOT EXISTS ix_documents_newest ON documents (published DESC{nulls}, hash)"))


def create_entity_months(conn: Connection, dialect: str) -> None:
    """Each entity's linked events per month and quad class (an actor's timeline), built from stored rows;
    and an index that finds the pairs an entity is the second of (its counterparts)."""
    schema.entity_months.create(conn)
    overview.rebuild(conn, shapes=("entity month",), totals=False)
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_pair_events_high ON pair_events (high, events)"))


def add_event_scores(conn: Connection, dialect: str) -> None:
    """The learned scorer's probability on each stored event, what proposed it and how its sides were read
    (empty for events stored before them)."""
    have = {c["name"] for c in inspect(conn).get_columns("events")}
    for column, kind in (("score", "FLOAT"), ("origin", "TEXT NOT NULL DEFAULT ''"), ("sides", "TEXT")):
        if column not in have:
            conn.execute(text(f"ALTER TABLE events ADD COLUMN {column} {kind}"))


def create_watch_tables(conn: Connection, dialect: str) -> None:
    """The watcher's feeds, entries and alerts; rules look only at linked events stored after this step."""
    schema.watch.create_all(conn)
    W = schema.watch_meta
    if conn.execute(select(W.c.value).where(W.c.name == "events_before_watch")).first() is None:
        last = conn.execute(select(func.max(schema.linked_events.c.id))).scalar()
        conn.execute(W.insert().values(name="events_before_watch", value=str(last or 0)))


def add_event_places(conn: Connection, dialect: str) -> None:
    """Each event's place (newsgraph.geo): the location object, its point and country; resolved now for the
    events already stored, from their documents."""
    have = {c["name"] for c in inspect(conn).get_columns("events")}
    for column, kind in (("place", "TEXT"), ("lat", "FLOAT"), ("lon", "FLOAT"), ("place_country", "TEXT")):
        if column not in have:
            conn.execute(text(f"ALTER TABLE events ADD COLUMN {column} {kind}"))
    EV = schema.events
    for doc in list(conn.scalars(select(schema.documents.c.hash))):
        document = records.read_document(conn, doc)
        if document is None:
            continue
        for ord_, place in enumerate(event_places(document)):
            if place is not None:
                conn.execute(update(EV).where(EV.c.doc == doc, EV.c.ord == ord_).values(records.place_row(place)))


def create_review_tables(conn: Connection, dialect: str) -> None:
    """Accounts, sessions, analysts' corrections and the machine's records of corrected documents; and the
    secret that signs session cookies."""
    schema.review.create_all(conn)
    M = schema.review_meta
    if conn.execute(select(M.c.value).where(M.c.name == "cookie_secret")).first() is None:
        conn.execute(M.insert().values(name="cookie_secret", value=secrets.token_urlsafe(32)))


def add_how_found(conn: Connection, dialect: str) -> None:
    """How each stored actor and mention was found (``via``), a title's role and whether an actor's country is
    the story's: read once from the reasons of the rows (and kept machine records) stored before them."""
    A, M, K = schema.actors, schema.mentions, schema.machine_documents
    text_column, flag = "TEXT NOT NULL DEFAULT ''", "BOOLEAN NOT NULL DEFAULT FALSE"
    added = {"actors": (("via", text_column), ("country_from_context", flag)),
             "mentions": (("via", text_column), ("role", "TEXT"))}
    for table, columns in added.items():
        have = {c["name"] for c in inspect(conn).get_columns(table)}
        for column, kind in columns:
            if column not in have:
                conn.execute(text(f"ALTER TABLE {table} ADD COLUMN {column} {kind}"))
    conn.execute(update(A).where(A.c.via == "").values(
        via=legacy.via_case(A.c.reason, legacy.ACTOR_REASONS, "ner"),
        country_from_context=legacy.from_context_case(A.c.reason)))
    conn.execute(update(M).where(M.c.via == "").values(
        via=legacy.via_case(M.c.reason, legacy.MENTION_REASONS, "description"), role=legacy.role_case(M.c.reason)))
    for doc, record in conn.execute(select(K.c.doc, K.c.record)).all():
        conn.execute(update(K).where(K.c.doc == doc).values(record=legacy.upgrade_json(record)))


#: (version, name, step): append only; never edit a released step.
MIGRATIONS: tuple[tuple[int, str, Migration], ...] = (
    (1, "documents, items, entities, linked events, failures", create_core_tables),
    (2, "full-text search over article text and quotes", create_search_index),
    (3, "dyad key and its covering index", add_dyad_key),
    (4, "per-day dyad summary (counts and intensity sums per pair, day and quad class)", create_dyad_summary),
    (5, "dashboard summaries (events per day and quad class, per entity, per pair), row counts, newest documents",
     create_dashboard_summaries),
    (6, "per-entity monthly summary (actor timelines) and the pairs by their second entity", create_entity_months),
    (7, "each event's scorer probability, origin and how its sides were read", add_event_scores),
    (8, "the watcher's feeds, entries and alerts", create_watch_tables),
    (9, "each event's place: location object, coordinates and country", add_event_places),
    (10, "accounts, sessions and analysts' corrections", create_review_tables),
    (11, "how each actor and mention was found, a title's role, a country from the story's context", add_how_found),
)

LATEST = MIGRATIONS[-1][0]


def applied_versions(store: Store) -> list[int]:
    if not inspect(store.engine).has_table("schema_migrations"):
        return []
    with store.engine.connect() as conn:
        return list(conn.scalars(select(schema.migrations.c.version).order_by(schema.migrations.c.version)))


def apply_migrations(store: Store) -> list[int]:
    """Run every migration the store lacks; returns the versions applied now.

    Each step runs in its own transaction holding the store's migration lock, so processes opening a new
    store at once take turns, and each finds what the others already did.
    """
    if {v for v, _, _ in MIGRATIONS} <= set(applied_versions(store)):
        return []  # nothing to do: no lock, so a read-only store opens
    applied = []
    with store.engine.connect() as conn:
        for version, name, step in MIGRATIONS:
            _lock(conn, store.dialect)
            schema.migrations.create(conn, checkfirst=True)
            if conn.execute(select(schema.migrations.c.version).where(schema.migrations.c.version == version)).first():
                conn.commit()
                continue
            step(conn, store.dialect)
            conn.execute(schema.migrations.insert().values(
                version=version, name=name, applied_at=datetime.now(UTC).isoformat(timespec="seconds")))
            conn.commit()
            applied.append(version)
    return applied


#: The PostgreSQL advisory lock a migration step holds.
MIGRATION_LOCK = 0x6D696772


def _lock(conn: Connection, dialect: str) -> None:
    """Begin a transaction that holds the store's write lock until it ends."""
    if dialect == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    elif dialect == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
