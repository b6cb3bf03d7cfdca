"""The integrity check: what must hold in a store, each broken rule reported as one line."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, func, select

from newsgraph.document import Document, Span, content_id
from newsgraph.store import linking, migrations, overview, records, schema, summary
from newsgraph.store.db import Store

D, A, EV, L, E = schema.documents, schema.actors, schema.events, schema.linked_events, schema.entities


def check(store: Store) -> list[str]:
    """Problems found in the store (empty: the store is sound)."""
    problems = _check_migrations(store)
    with store.engine.connect() as conn:
        problems += list(_check_orphans(conn))
        problems += list(_check_links(conn))
        problems += list(_check_search(conn))
        problems += list(summary.mismatches(conn))
        problems += list(overview.mismatches(conn))
        for doc in conn.scalars(select(D.c.hash).order_by(D.c.hash)):
            document = records.read_document(conn, doc)
            if document is not None:
                problems += [f"document {doc}: {p}" for p in document_problems(document)]
    return problems


def _check_migrations(store: Store) -> list[str]:
    missing = sorted({v for v, _, _ in migrations.MIGRATIONS} - set(migrations.applied_versions(store)))
    return [f"migration {v} not applied" for v in missing]


def _check_orphans(conn: Connection) -> Iterator[str]:
    for table in schema.DOCUMENT_ITEMS:
        n = _count(conn, select(func.count()).select_from(table).where(table.c.doc.not_in(select(D.c.hash))))
        if n:
            yield f"{table.name}: {n} row(s) of documents that are not stored"
    repeated = select(D.c.url).where(D.c.url.is_not(None)).group_by(D.c.url).having(func.count() > 1).subquery()
    n = _count(conn, select(func.count()).select_from(repeated))
    if n:
        yield f"documents: {n} URL(s) stored more than once"


def _check_links(conn: Connection) -> Iterator[str]:
    unlinked = _count(conn, select(func.count()).select_from(A).where(A.c.entity.is_(None)))
    if unlinked:
        yield f"actors: {unlinked} actor(s) without an entity"
    empty = _count(conn, select(func.count()).select_from(E).where(E.c.id.not_in(select(A.c.entity).where(
        A.c.entity.is_not(None)))))
    if empty:
        yield f"entities: {empty} entit(ies) with no actor"
    unlinked = _count(conn, select(func.count()).select_from(EV).where(EV.c.linked.is_(None)))
    if unlinked:
        yield f"events: {unlinked} event(s) without a linked event"
    for row in conn.execute(select(L)).mappings():
        yield from _linked_problems(conn, row)


def _linked_problems(conn: Connection, row: Any) -> Iterator[str]:
    expected = linking.linked_counts(conn, row["id"])
    if expected["mentions"] == 0:
        yield f"linked event {row['id']}: no report"
        return
    for key in ("mentions", "articles", "sources"):
        if row[key] != expected[key]:
            yield f"linked event {row['id']}: {key} is {row[key]}, its reports say {expected[key]}"


def _check_search(conn: Connection) -> Iterator[str]:
    S = schema.search_index
    indexed = _count(conn, select(func.count()).select_from(S).where(S.c.kind == "document"))
    docs = _count(conn, select(func.count()).select_from(D))
    if indexed != docs:
        yield f"search index: {indexed} document entries for {docs} document(s)"
    quotes = _count(conn, select(func.count()).select_from(schema.quotes))
    indexed = _count(conn, select(func.count()).select_from(S).where(S.c.kind == "quote"))
    if indexed != quotes:
        yield f"search index: {indexed} quote entries for {quotes} quote(s)"


def _count(conn: Connection, query: Any) -> int:
    return int(conn.execute(query).scalar() or 0)


def document_problems(document: Document) -> Iterator[str]:
    """Rules each document keeps: its hash is its text's, offsets slice to the item's text, ids resolve."""
    if document.hash != content_id(document.text):
        yield "hash does not match the text"
    spans: list[tuple[str, Span]] = [("set-aside line", s) for s in document.set_aside]
    spans += [("mention", m) for a in document.actors for m in a.mentions]
    spans += [(kind, item) for kind, items in (("quote", document.quotes), ("date", document.dates),
                                               ("figure", document.figures)) for item in items]
    spans += [("event trigger", e.trigger) for e in document.events]
    for kind, span in spans:
        if document.text[span.start:span.end] != span.text:
            yield f"{kind} at {span.start}-{span.end} does not slice to {span.text!r}"
    ids = {a.id for a in document.actors}
    refs = [(e.id, e.source) for e in document.events] + [(e.id, e.target) for e in document.events]
    refs += [(q.id, q.speaker) for q in document.quotes]
    for item, ref in refs:
        if ref is not None and ref not in ids:
            yield f"{item} points at actor {ref!r}, which the document does not have"
