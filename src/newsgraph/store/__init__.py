"""The event store: documents as extraction produced them, linked across articles, queried and exported.

SQLite by default, PostgreSQL for a ``postgresql://`` URL; one SQLAlchemy Core schema for both with
versioned migrations. The store knows the document schema, never a pipeline stage.
"""

from newsgraph.store.check import check
from newsgraph.store.db import DEFAULT_DB, Store, StoreError, connect, database_url
from newsgraph.store.export import FORMATS, export, safe_cell
from newsgraph.store.ingest import IngestReport, ingest, record_failure, store_document
from newsgraph.store.queries import actor, dyad, events, quotes, search
from newsgraph.store.records import read_document

__all__ = [
    "DEFAULT_DB", "FORMATS", "IngestReport", "Store", "StoreError", "actor", "check", "connect", "database_url",
    "dyad", "events", "export", "ingest", "quotes", "read_document", "record_failure", "safe_cell", "search",
    "store_document",
]
