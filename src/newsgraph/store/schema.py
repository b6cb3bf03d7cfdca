"""The store's tables: one SQLAlchemy Core schema for SQLite and PostgreSQL.

Documents are keyed by their content hash; every item table holds one row per item of a document,
in document order (``ord``), so a stored document reads back equal to the one written.
Cross-document linking adds ``entities`` (one real-world actor across articles, with the name keys it
is known by) and ``linked_events`` (one real-world event reported by one or more articles).
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    Text,
)

metadata = MetaData()

migrations = Table(
    "schema_migrations", metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("name", Text, nullable=False),
    Column("applied_at", Text, nullable=False),
)

documents = Table(
    "documents", metadata,
    Column("hash", Text, primary_key=True),
    Column("record_id", Text, nullable=False),
    Column("url", Text),
    Column("title", Text),
    Column("outlet", Text),
    Column("source", Text),
    Column("published", Text),
    Column("published_reason", Text, nullable=False),
    Column("model", Text),
    Column("schema", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("origin", Text, nullable=False),
    Column("record", Text, nullable=False),
    Column("ingested_at", Text, nullable=False),
    Index("ix_documents_url", "url"),
    Index("ix_documents_published", "published"),
)


def _doc_key() -> list[Column]:
    return [Column("doc", Text, ForeignKey("documents.hash"), primary_key=True),
            Column("ord", Integer, primary_key=True, autoincrement=False)]


def _span() -> list[Column]:
    return [Column("start", BigInteger, nullable=False), Column("end", BigInteger, nullable=False),
            Column("text", Text, nullable=False)]


set_aside = Table(
    "set_aside", metadata, *_doc_key(), *_span(),
    Column("kind", Text, nullable=False), Column("reason", Text, nullable=False),
)

entities = Table(
    "entities", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("country", Text),
    Column("key", Text, nullable=False),
    Column("surname", Text),
    Index("ix_entities_kind_key", "kind", "key"),
    Index("ix_entities_kind_surname", "kind", "surname"),
)

entity_names = Table(
    "entity_names", metadata,
    Column("entity", Integer, ForeignKey("entities.id"), primary_key=True, autoincrement=False),
    Column("key", Text, primary_key=True),
    Index("ix_entity_names_key", "key"),
)

actors = Table(
    "actors", metadata, *_doc_key(),
    Column("actor_id", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("country", Text),
    Column("sector", Text),
    Column("roles", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("via", Text, nullable=False),
    Column("country_from_context", Boolean, nullable=False),
    Column("entity", Integer, ForeignKey("entities.id")),
    Index("ix_actors_entity", "entity"),
    Index("ix_actors_doc_actor", "doc", "actor_id"),
)

mentions = Table(
    "mentions", metadata, *_doc_key(),
    Column("actor_ord", Integer, nullable=False),
    *_span(),
    Column("reason", Text, nullable=False),
    Column("via", Text, nullable=False),
    Column("role", Text),
)

linked_events = Table(
    "linked_events", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("type", Text, nullable=False),
    Column("source_entity", Integer, ForeignKey("entities.id")),
    Column("target_entity", Integer, ForeignKey("entities.id")),
    Column("date", Text),
    Column("negated", Boolean, nullable=False),
    Column("quad", Integer),
    Column("intensity", Float),
    Column("mentions", Integer, nullable=False),
    Column("articles", Integer, nullable=False),
    Column("sources", Integer, nullable=False),
    Column("dyad", Text),
    Index("ix_linked_source_date", "source_entity", "date"),
    Index("ix_linked_target_date", "target_entity", "date"),
    Index("ix_linked_type_date", "type", "date"),
    Index("ix_linked_date", "date"),
)

def place_columns() -> list[Column]:
    """Where an event happened (newsgraph.geo): the PLOVER location object as JSON, and its point and country."""
    return [Column("place", Text), Column("lat", Float), Column("lon", Float), Column("place_country", Text)]


events = Table(
    "events", metadata, *_doc_key(),
    Column("event_id", Text, nullable=False),
    Column("type", Text, nullable=False),
    Column("source", Text),
    Column("target", Text),
    Column("trigger_start", BigInteger, nullable=False),
    Column("trigger_end", BigInteger, nullable=False),
    Column("trigger_text", Text, nullable=False),
    Column("evidence", Text, nullable=False),
    Column("spans", Text, nullable=False),
    Column("mode", Text),
    Column("cameo", Text),
    Column("quad", Integer),
    Column("intensity", Float),
    Column("negated", Boolean, nullable=False),
    Column("modality", Text),
    Column("date", Text),
    Column("location", Text),
    Column("reason", Text, nullable=False),
    Column("score", Float),
    Column("origin", Text, nullable=False, server_default=""),
    Column("sides", Text),
    Column("linked", Integer, ForeignKey("linked_events.id")),
    *place_columns(),
    Index("ix_events_linked", "linked"),
)

quotes = Table(
    "quotes", metadata, *_doc_key(), *_span(),
    Column("quote_id", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("speaker", Text),
    Column("cue", Text),
    Column("reason", Text, nullable=False),
)

dates = Table(
    "dates", metadata, *_doc_key(), *_span(),
    Column("date_id", Text, nullable=False),
    Column("value", Text),
    Column("kind", Text, nullable=False),
    Column("reason", Text, nullable=False),
)

figures = Table(
    "figures", metadata, *_doc_key(), *_span(),
    Column("figure_id", Text, nullable=False),
    Column("value", Float, nullable=False),
    Column("unit", Text),
    Column("approx", Text),
    Column("what", Text),
    Column("reason", Text, nullable=False),
)

failures = Table(
    "failures", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("input", Text, nullable=False),
    Column("record", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("at", Text, nullable=False),
    Index("ix_failures_input_record", "input", "record"),
)

#: The full-text index (FTS5 on SQLite, a tsvector column on PostgreSQL), created by a migration.
search_index = Table(
    "search_index", MetaData(),
    Column("doc", Text), Column("kind", Text), Column("ref", Text), Column("body", Text),
)

#: Tables added by later migrations (not by the first one, which creates ``metadata``).
later = MetaData()

#: Per day, per directed pair of entities and quad class: the linked events that happened (negated ones
#: left out), how many carry an intensity and its sum. ``day`` is "" for undated events, ``quad`` 0 for
#: uncoded ones. Kept in step with ``linked_events`` in each write's transaction; ``dyad`` reads it.
dyad_days = Table(
    "dyad_days", later,
    Column("source_entity", Integer, nullable=False),
    Column("target_entity", Integer, nullable=False),
    Column("day", Text, nullable=False),
    Column("quad", Integer, nullable=False),
    Column("events", Integer, nullable=False),
    Column("rated", Integer, nullable=False),
    Column("intensity_sum", Float, nullable=False),
    PrimaryKeyConstraint("source_entity", "target_entity", "day", "quad", name="pk_dyad_days"),
    sqlite_with_rowid=False,  # rows stored in key order: a pair's days are read in one sweep
)

#: Per day and quad class: the linked events (negated, one-sided and undated ones too; ``day`` "" when
#: undated, ``quad`` 0 when uncoded). The dashboard's events-per-month chart sums it.
quad_days = Table(
    "quad_days", later,
    Column("day", Text, nullable=False),
    Column("quad", Integer, nullable=False),
    Column("events", Integer, nullable=False),
    PrimaryKeyConstraint("day", "quad", name="pk_quad_days"),
    sqlite_with_rowid=False,
)

#: Per entity: the linked events it is a side of (one with the entity on both sides counts twice).
entity_events = Table(
    "entity_events", later,
    Column("entity", Integer, primary_key=True, autoincrement=False),
    Column("events", Integer, nullable=False),
    Index("ix_entity_events_events", "events"),
)

#: Per pair of distinct entities (``low`` the smaller id): linked events between them in either direction,
#: and how many of them are cooperation (quad 1, 2) and conflict (quad 3, 4).
pair_events = Table(
    "pair_events", later,
    Column("low", Integer, nullable=False),
    Column("high", Integer, nullable=False),
    Column("events", Integer, nullable=False),
    Column("cooperation", Integer, nullable=False),
    Column("conflict", Integer, nullable=False),
    PrimaryKeyConstraint("low", "high", name="pk_pair_events"),
    Index("ix_pair_events_events", "events"),
)

#: Per entity, month and quad class: the linked events the entity is a side of (once, when on both sides);
#: ``month`` "" when undated, ``quad`` 0 when uncoded. An actor's timeline reads it.
entity_months = Table(
    "entity_months", later,
    Column("entity", Integer, nullable=False),
    Column("month", Text, nullable=False),
    Column("quad", Integer, nullable=False),
    Column("events", Integer, nullable=False),
    PrimaryKeyConstraint("entity", "month", "quad", name="pk_entity_months"),
    sqlite_with_rowid=False,
)

#: Row counts of the main tables (``name`` is the table's), and ``writes``: a counter that every write
#: transaction moves on, so a reader can tell that the store changed since it last looked.
store_totals = Table(
    "store_totals", later,
    Column("name", Text, primary_key=True),
    Column("n", BigInteger, nullable=False),
)

#: Tables holding one row per item of a document, child-most first (the order to delete in).
DOCUMENT_ITEMS = (mentions, actors, events, quotes, dates, figures, set_aside)

#: The watcher's state (``newsgraph watch``) and the alerts it raised, created by a migration.
watch = MetaData()

#: Each feed watched: what its server last said (ETag, Last-Modified), when it is due again, and its last
#: failure with the reason (``failures`` counts failures in a row; 0 after a success).
watch_feeds = Table(
    "watch_feeds", watch,
    Column("url", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("checked_at", Text),
    Column("due_at", Text, nullable=False),
    Column("failures", Integer, nullable=False),
    Column("reason", Text),
)

#: Each article link a feed listed, once however many feeds list it: ``status`` is pending (to fetch, at
#: ``due_at``), done (``outcome``: new, changed, unchanged), failed (given up, with the reason) or skipped
#: (robots.txt forbids it).
watch_entries = Table(
    "watch_entries", watch,
    Column("link", Text, primary_key=True),
    Column("feed", Text, nullable=False),
    Column("title", Text),
    Column("published", Text),
    Column("seen_at", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("outcome", Text),
    Column("reason", Text),
    Column("attempts", Integer, nullable=False),
    Column("due_at", Text, nullable=False),
    Index("ix_watch_entries_due", "status", "published", "seen_at"),
)

#: Alerts raised by the watch's rules, once each (``key`` names the rule and what fired it); ``events`` is
#: the JSON list of the events that triggered it with their evidence sentences.
alerts = Table(
    "alerts", watch,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", Text, nullable=False, unique=True),
    Column("rule", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("fired_at", Text, nullable=False),
    Column("period", Text),
    Column("title", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("link", Text, nullable=False),
    Column("events", Text, nullable=False),
    Column("delivered_at", Text),
    Column("delivery", Text),
    Index("ix_alerts_fired", "fired_at"),
)

#: Settings of the watch kept in the store: ``events_before_watch`` is the last linked event id when the
#: watch tables were made (rules look at events after it, so an old store does not raise alerts for its past).
watch_meta = Table(
    "watch_meta", watch,
    Column("name", Text, primary_key=True),
    Column("value", Text, nullable=False),
)

#: Accounts and analysts' corrections (``newsgraph user``, ``serve --allow-writes``), created by a migration.
review = MetaData()

#: The people who may sign in: ``role`` is reader, editor or admin; the password is kept as its argon2 hash
#: and the API token as its SHA-256 digest (a token is random, so a plain digest cannot be reversed).
users = Table(
    "users", review,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False, unique=True),
    Column("role", Text, nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("token_hash", Text, unique=True),
    Column("created_at", Text, nullable=False),
)

#: Open sign-ins: the SHA-256 digest of the random session id the (signed) cookie carries, its user and
#: when it ends. Signing out deletes the row, so the cookie gives no access afterwards.
sessions = Table(
    "sessions", review,
    Column("id_hash", Text, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("created_at", Text, nullable=False),
    Column("expires_at", Text, nullable=False),
)

#: Each correction an analyst made, never folded into the machine's rows: ``kind`` (reject_event,
#: edit_event, add_event, edit_actor, merge_actors, split_actor, reattribute_quote), the item it concerns
#: (``target``, its id then, and ``anchor``, JSON that finds it again in a new extraction), the change asked
#: for (``change``), what the item was and became (JSON), who made it (``author``), when and why. ``status``
#: is applied, or stale where a re-extraction no longer holds the item (``stale_reason`` says what is
#: missing). ``doc`` is the document's current hash.
corrections = Table(
    "corrections", review,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc", Text, nullable=False),
    Column("url", Text),
    Column("kind", Text, nullable=False),
    Column("target", Text, nullable=False),
    Column("anchor", Text, nullable=False),
    Column("change", Text, nullable=False),
    Column("before", Text, nullable=False),
    Column("after", Text, nullable=False),
    Column("comment", Text, nullable=False),
    Column("author", Text, nullable=False),
    Column("at", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("stale_reason", Text),
    Index("ix_corrections_doc", "doc"),
    Index("ix_corrections_at", "at"),
)

#: The machine's record of each corrected document as the extractor wrote it (the item tables hold the
#: corrected view): the history of an item and the extractor's score read it.
machine_documents = Table(
    "machine_documents", review,
    Column("doc", Text, primary_key=True),
    Column("record", Text, nullable=False),
)

#: Settings kept in the store: ``cookie_secret`` signs session cookies (made by the migration).
review_meta = Table(
    "review_meta", review,
    Column("name", Text, primary_key=True),
    Column("value", Text, nullable=False),
)
