"""The event store: documents as extraction produced them, linked across articles, queried and exported.

SQLite by default, PostgreSQL for a ``postgresql://`` URL; one SQLAlchemy Core schema for both with
versioned migrations. The store knows the document schema, never a pipeline stage.
"""

from newsgraph.store.check import check
from newsgraph.store.db import DEFAULT_DB, NoStore, Store, StoreError, connect, database_url
from newsgraph.store.export import FORMATS, export
from newsgraph.store.filters import QueryError
from newsgraph.store.ingest import IngestReport, ingest, record_failure, store_document
from newsgraph.store.queries import actor, dyad, events, figures, quotes, search
from newsgraph.store.records import read_document

__all__ = [
    "DEFAULT_DB", "FORMATS", "IngestReport", "NoStore", "QueryError", "Store", "StoreError", "actor", "check",
    "connect", "database_url", "dyad", "events", "export", "figures", "ingest", "quotes", "read_document",
    "record_failure", "search",
    "store_document",
]
