"""The event store: documents as extraction produced them, linked across articles, queried and exported.

SQLite by default, PostgreSQL for a ``postgresql://`` URL; one SQLAlchemy Core schema for both with
versioned migrations. The store knows the document schema, never a pipeline stage. The names below load
their module (and SQLAlchemy) on first use, so a command's ``--help`` starts without them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsgraph.store.db import NoStore, Store, StoreError, connect, database_url
    from newsgraph.store.exports import export, safe_cell
    from newsgraph.store.filters import QueryError
    from newsgraph.store.ingestion import IngestReport, ingest, record_failure, store_document, store_results
    from newsgraph.store.integrity import check
    from newsgraph.store.queries import actor, dyad, events, figures, quotes, search
    from newsgraph.store.records import read_document

#: The store a command opens when no ``--db`` is given.
DEFAULT_DB = "newsgraph.db"
#: The export formats (``export``).
FORMATS = ("jsonl", "csv", "parquet", "plover")

_MODULES = {
    "check": "integrity", "NoStore": "db", "Store": "db", "StoreError": "db", "connect": "db", "database_url": "db",
    "export": "exports", "safe_cell": "exports", "QueryError": "filters", "IngestReport": "ingestion",
    "ingest": "ingestion", "record_failure": "ingestion", "store_document": "ingestion",
    "store_results": "ingestion", "actor": "queries",
    "dyad": "queries", "events": "queries", "figures": "queries", "quotes": "queries", "search": "queries",
    "read_document": "records",
}

__all__ = [
    "DEFAULT_DB", "FORMATS", "IngestReport", "NoStore", "QueryError", "Store", "StoreError", "actor", "check",
    "connect", "database_url", "dyad", "events", "export", "figures", "ingest", "quotes", "read_document",
    "record_failure", "safe_cell", "search",
    "store_document", "store_results",
]


def __getattr__(name: str) -> Any:
    """Load a name's module on first use and keep its names here (no module of the package is named like a
    name it exports, which importing the module would rebind)."""
    if name in _MODULES:
        module = import_module(f"newsgraph.store.{_MODULES[name]}")
        globals().update({n: getattr(module, n) for n, m in _MODULES.items() if m == _MODULES[name]})
        return globals()[name]
    raise AttributeError(f"module 'newsgraph.store' has no attribute {name!r}")
