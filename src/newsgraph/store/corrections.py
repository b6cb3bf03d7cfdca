"""The corrections an analyst made, kept as records of their own beside the machine's answer.

The item tables hold the *corrected view* (every query, dyad, export and page reads it); each correction is
one row (who, when, what the item was and became, why), and the machine's record of a corrected document is
kept whole in ``machine_documents``. When an article is extracted again (a changed text at its URL, a new
version of the coder), ``carry_over`` applies the corrections that still find their item to the new record
and marks the others stale, so that they are listed rather than lost.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from newsgraph.document import Document
from newsgraph.store import amend, records, schema
from newsgraph.store.db import Store

C = schema.corrections
M = schema.machine_documents


@dataclass(frozen=True)
class Correction:
    """One stored correction."""

    id: int
    doc: str
    url: str | None
    kind: str
    target: str
    before: Any
    after: Any
    comment: str
    author: str
    at: str
    status: str
    stale_reason: str | None

    def change(self, anchor: dict[str, Any], values: dict[str, Any]) -> amend.Change:
        return amend.Change(self.kind, anchor, values)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "doc": self.doc, "url": self.url, "kind": self.kind, "target": self.target,
                "before": self.before, "after": self.after, "comment": self.comment, "author": self.author,
                "at": self.at, "status": self.status, "stale_reason": self.stale_reason}


def _correction(row: Any) -> Correction:
    return Correction(id=row.id, doc=row.doc, url=row.url, kind=row.kind, target=row.target,
                      before=json.loads(row.before), after=json.loads(row.after), comment=row.comment,
                      author=row.author, at=row.at, status=row.status, stale_reason=row.stale_reason)


def record(conn: Connection, document: Document, change: amend.Change, *, target: str, before: Any, after: Any,
           author: str, comment: str) -> Correction:
    """Store one applied correction of ``document``."""
    row = {"doc": document.hash, "url": document.url, "kind": change.kind, "target": target,
           "anchor": json.dumps(change.anchor, ensure_ascii=False),
           "change": json.dumps(change.values, ensure_ascii=False),
           "before": json.dumps(before, ensure_ascii=False), "after": json.dumps(after, ensure_ascii=False),
           "comment": comment, "author": author, "at": records.now(), "status": "applied", "stale_reason": None}
    new_id = conn.execute(insert(C).values(row).returning(C.c.id)).scalar_one()
    return _correction(conn.execute(select(C).where(C.c.id == new_id)).one())


def keep_machine(conn: Connection, document: Document) -> None:
    """Keep the machine's record of ``document`` (once: the first correction finds it as the extractor wrote it)."""
    if conn.execute(select(M.c.doc).where(M.c.doc == document.hash)).first() is None:
        conn.execute(insert(M).values(doc=document.hash, record=document.to_json()))


def machine_document(store: Store, doc: str) -> Document | None:
    """The extractor's own record of a document: the kept one where it was corrected, else the stored one."""
    with store.engine.connect() as conn:
        kept = conn.execute(select(M.c.record).where(M.c.doc == doc)).scalar()
        return Document.from_json(kept) if kept else records.read_document(conn, doc)


def carry_over(conn: Connection, replaced: Iterable[str], document: Document) -> Document:
    """The corrected view of a new extraction of an article whose older records ``replaced`` were corrected:
    each correction that still finds its item is applied again (in the order made) and moves to the new
    record; the others are marked stale with the reason. ``document`` itself is kept as the machine's record."""
    old = list(replaced)
    rows = conn.execute(select(C).where(C.c.doc.in_(old), C.c.status == "applied").order_by(C.c.id)).all()
    conn.execute(delete(M).where(M.c.doc.in_(old)))
    if not rows:
        return document
    keep_machine(conn, document)
    corrected = Document.from_json(document.to_json())
    for row in rows:
        change = amend.Change(row.kind, json.loads(row.anchor), json.loads(row.change))
        try:
            amend.apply(corrected, change)
        except amend.NotApplicable as e:
            conn.execute(update(C).where(C.c.id == row.id).values(doc=document.hash, status="stale",
                                                                   stale_reason=str(e)))
            continue
        conn.execute(update(C).where(C.c.id == row.id).values(doc=document.hash))
    return corrected


def corrections(store: Store, *, doc: str | None = None, author: str | None = None, since: str | None = None,
                until: str | None = None, status: str | None = None) -> list[Correction]:
    """Corrections, oldest first: of one document, by one analyst, made between two dates (ISO, inclusive),
    applied or stale."""
    query = select(C).order_by(C.c.at, C.c.id)
    if doc:
        query = query.where(C.c.doc == doc)
    if author:
        query = query.where(C.c.author == author)
    if since:
        query = query.where(C.c.at >= since)
    if until:
        query = query.where(C.c.at < until + "\uffff")
    if status:
        query = query.where(C.c.status == status)
    with store.engine.connect() as conn:
        return [_correction(r) for r in conn.execute(query).all()]


def corrected_documents(store: Store) -> list[str]:
    """The hashes of the stored documents that carry applied corrections, in the order first corrected."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(C.c.doc).where(C.c.status == "applied").order_by(C.c.id)).scalars()
        stored = set(conn.scalars(select(schema.documents.c.hash).where(
            schema.documents.c.hash.in_(select(C.c.doc)))))
        return [d for d in dict.fromkeys(rows) if d in stored]
