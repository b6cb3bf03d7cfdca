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
from newsgraph.pipeline import Item, Result, Work, prepare
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

    def run_many(self, items: Iterable[Item]) -> Iterator[Result]:
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
    results = pipeline.run_many(_unseen(items, known, pipeline, report, on_item))
    return store_results(store, _noted(results, known), report=report, on_item=on_item)


def store_results(store: Store, results: Iterable[Result], *,
                  report: IngestReport | None = None,
                  on_item: Callable[[str, str], None] | None = None) -> IngestReport:
    """Store each extracted document (with where it was read) and record each failure: the one loop of
    ``ingest`` and of loading a Spark job's output. ``on_item(outcome, label)`` after each."""
    report = report or IngestReport()
    for item in results:
        if isinstance(item, Failure):
            outcome, label = _failed(store, report, item), item.input
        else:
            raw, document = item
            outcome, label = _store_one(store, report, raw, document), raw.label
        if on_item:
            on_item(outcome, label)
    return report


def _noted(results: Iterable[Result],
           known: set[str]) -> Iterator[Result]:
    """The results, each document's hash added to ``known`` (a text read twice in one run is parsed once)."""
    for item in results:
        if not isinstance(item, Failure):
            known.add(item[1].hash)
        yield item


def _unseen(items: Iterable[RawDocument | Failure], known: set[str], pipeline: Extractor, report: IngestReport,
            on_item: Callable[[str, str], None] | None) -> Iterator[Item]:
    """The items whose cleaned text is not stored yet, prepared (cleaned once: the pipeline goes on from
    there); those that fail to prepare go on as they are, for the pipeline to record the failure."""
    for item in items:
        work = None if isinstance(item, Failure) else _prepared(item, pipeline)
        if work is not None and work.document.hash in known:
            report.count("unchanged")
            if on_item:
                on_item("unchanged", work.raw.label)
            continue
        yield item if work is None else work


def _prepared(raw: RawDocument, pipeline: Extractor) -> Work | None:
    try:
        return prepare(raw, pipeline.settings)
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
