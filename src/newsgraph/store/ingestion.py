"""Ingest: documents into the store, one transaction each, idempotent and resumable.

A document already stored (same content hash) is skipped before it is parsed; a changed article at a
stored URL replaces the old record (keeping the analysts' corrections that still apply); every failure is
recorded with its input, record and reason.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy import Connection, delete, insert, select, text
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError

from newsgraph.document import Document, Failure
from newsgraph.pipeline import prepare
from newsgraph.readers import RawDocument, ReadError
from newsgraph.settings import Settings
from newsgraph.store import corrections, linking, overview, records, schema
from newsgraph.store.db import Store, StoreError

log = logging.getLogger(__name__)

Outcome = str  # "new" | "changed" | "unchanged"
#: The PostgreSQL advisory lock each document's write holds (SQLite's own write lock does the same there).
WRITE_LOCK = 0x6E657773


class Extractor(Protocol):
    """What ingest needs of a pipeline: its settings and ``run_many`` (newsgraph.Pipeline, or one over workers)."""

    settings: Settings

    def run_many(self, items: Iterable[RawDocument | Failure]) -> Iterator[tuple[RawDocument, Document] | Failure]:
        ...


@dataclass
class IngestReport:
    """What one ingest run did."""

    new: int = 0
    changed: int = 0
    unchanged: int = 0
    failures: list[Failure] = field(default_factory=list)

    def count(self, outcome: Outcome) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)

    def summary(self) -> str:
        return (f"{self.new} new, {self.changed} changed, {self.unchanged} unchanged, "
                f"{len(self.failures)} failed")


def stored_hashes(store: Store) -> set[str]:
    with store.engine.connect() as conn:
        return set(conn.scalars(select(schema.documents.c.hash)))


def ingest(store: Store, items: Iterable[RawDocument | Failure], pipeline: Extractor, *,
           on_item: Callable[[str, str], None] | None = None) -> IngestReport:
    """Run the pipeline over ``items`` and store each document; ``on_item(outcome, label)`` after each."""
    report = IngestReport()
    known = stored_hashes(store)
    for item in pipeline.run_many(_unseen(items, known, pipeline, report, on_item)):
        if isinstance(item, Failure):
            outcome, label = _failed(store, report, item), item.input
        else:
            raw, document = item
            outcome, label = _store_one(store, report, raw, document), raw.label
            known.add(document.hash)
        if on_item:
            on_item(outcome, label)
    return report


def _unseen(items: Iterable[RawDocument | Failure], known: set[str], pipeline: Extractor, report: IngestReport,
            on_item: Callable[[str, str], None] | None) -> Iterator[RawDocument | Failure]:
    """The items whose cleaned text is not stored yet (those that fail to prepare go on, to be recorded)."""
    for item in items:
        if not isinstance(item, Failure) and _prepared_hash(item, pipeline) in known:
            report.count("unchanged")
            if on_item:
                on_item("unchanged", item.label)
            continue
        yield item


def _prepared_hash(raw: RawDocument, pipeline: Extractor) -> str | None:
    try:
        return prepare(raw, pipeline.settings).document.hash
    except (ReadError, ValueError):
        return None


def _store_one(store: Store, report: IngestReport, raw: RawDocument, document: Document) -> Outcome:
    try:
        outcome = store_document(store, document, origin=raw.origin, record=raw.record)
    except OperationalError as e:  # the store's fault, not the document's: disk full, read-only, gone
        raise StoreError(f"cannot write to the store: {e.orig}") from e
    except (ValueError, SQLAlchemyError) as e:
        failure = Failure(input=raw.origin, record=raw.record, kind="error",
                          reason=f"{raw.label}: cannot store the document ({type(e).__name__}: {e})")
        return _failed(store, report, failure)
    report.count(outcome)
    return outcome


def _failed(store: Store, report: IngestReport, failure: Failure) -> Outcome:
    report.failures.append(failure)
    try:
        record_failure(store, failure)
    except OperationalError as e:
        raise StoreError(f"cannot write to the store: {e.orig}") from e
    return "failed"


def store_document(store: Store, document: Document, *, origin: str = "", record: str = "") -> Outcome:
    """Write one document with its items, links and search entries in one transaction."""
    check_storable(document)
    try:
        return _write(store, document, origin=origin, record=record)
    except IntegrityError:
        if _is_stored(store, document.hash):  # a concurrent writer stored the same article first
            return "unchanged"
        raise


def _is_stored(store: Store, doc: str) -> bool:
    with store.engine.connect() as conn:
        return conn.execute(select(schema.documents.c.hash).where(schema.documents.c.hash == doc)).first() is not None


def _write(store: Store, document: Document, *, origin: str, record: str) -> Outcome:
    with store.engine.begin() as conn:
        if store.dialect == "postgresql":  # one writer at a time, so linking sees what the others committed
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK})
        if conn.execute(select(schema.documents.c.hash).where(schema.documents.c.hash == document.hash)).first():
            return "unchanged"
        replaced = _same_url(conn, document)
        for old in replaced:
            remove_document(conn, old)
        put_document(conn, corrections.carry_over(conn, replaced, document), origin=origin, record=record)
        _clear_failures(conn, origin, record)
    return "changed" if replaced else "new"


def put_document(conn: Connection, document: Document, *, origin: str, record: str) -> None:
    """Write a document's rows, counts, search entries and links (the caller removed any older rows)."""
    records.write_document(conn, document, origin=origin, record=record)
    overview.add(conn, documents=1, events=len(document.events), quotes=len(document.quotes), writes=1)
    index_document(conn, document)
    linking.link_document(conn, document)


def _same_url(conn: Connection, document: Document) -> list[str]:
    if not document.url:
        return []
    D = schema.documents
    return list(conn.scalars(select(D.c.hash).where(D.c.url == document.url, D.c.hash != document.hash)))


def remove_document(conn: Connection, doc: str) -> None:
    """Delete a stored document, its items and search entries, and recount what it was linked to."""
    linked, entities = linking.unlink_document(conn, doc)
    overview.forget_document(conn, doc)
    records.delete_document(conn, doc)
    linking.prune(conn, linked, entities)


def index_document(conn: Connection, document: Document) -> None:
    rows = [{"doc": document.hash, "kind": "document", "ref": "", "body": document.text}]
    rows += [{"doc": document.hash, "kind": "quote", "ref": str(i), "body": q.text}
             for i, q in enumerate(document.quotes)]
    conn.execute(insert(schema.search_index), rows)


def check_storable(document: Document) -> None:
    """Refuse what no backend can keep: NUL characters (PostgreSQL text cannot hold them)."""
    if _has_nul(document.to_dict()):
        raise ValueError("the document contains NUL characters, which the store cannot keep")


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def record_failure(store: Store, failure: Failure) -> None:
    """Keep the latest failure of each (input, record)."""
    with store.engine.begin() as conn:
        _clear_failures(conn, _printable(failure.input), _printable(failure.record))
        conn.execute(insert(schema.failures).values(
            input=_printable(failure.input), record=_printable(failure.record), reason=_printable(failure.reason),
            kind=failure.kind, at=records.now()))


def _printable(value: str) -> str:
    return value.replace("\x00", "\\0")


def _clear_failures(conn: Connection, origin: str, record: str) -> None:
    F = schema.failures
    conn.execute(delete(F).where(F.c.input == origin, F.c.record == record))
