"""Correcting a stored document: the change is checked against the corrected view, recorded as a correction
of its own, and the document's rows (links, dyads, summaries, search) are written again from the new view.

Items are named as the document view shows them: an event, actor or quote by its id, a missed event by the
span selected (``"START:END"``); actors a change points at (source, target, speaker, merge into) by id or
name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, text, update

from newsgraph.document import Document
from newsgraph.store import amend, corrections, records, schema
from newsgraph.store.corrections import Correction
from newsgraph.store.db import Store
from newsgraph.store.ingestion import WRITE_LOCK, put_document, remove_document

#: Values of a change that name an actor.
ACTOR_VALUES = ("source", "target", "speaker", "into")


class CorrectionError(ValueError):
    """A correction that cannot be made (no such document or item, a value not allowed): the message says why."""


class NoDocument(CorrectionError):
    """No stored document has this hash."""


@dataclass(frozen=True)
class Request:
    """A correction as an analyst asks for it."""

    kind: str
    target: str
    values: dict[str, Any] = field(default_factory=dict)
    comment: str = ""


def correct(store: Store, doc: str, request: Request, *, author: str) -> Correction:
    """Make one correction of the stored document ``doc`` as ``author``; its rows are written again from the
    corrected view in the same transaction."""
    with store.engine.begin() as conn:
        if store.dialect == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK})
        D = schema.documents
        row = conn.execute(select(D.c.origin, D.c.record, D.c.ingested_at).where(D.c.hash == doc)).first()
        document = records.read_document(conn, doc)
        if row is None or document is None:
            raise NoDocument(f"no document {doc}")
        try:
            change = change_for(document, request)
            corrections.keep_machine(conn, document)
            before, after = amend.apply(document, change)
        except amend.NotApplicable as e:
            raise CorrectionError(str(e)) from e
        remove_document(conn, doc)
        put_document(conn, document, origin=row.origin, record=row.record)
        conn.execute(update(D).where(D.c.hash == doc).values(ingested_at=row.ingested_at))
        return corrections.record(conn, document, change, target=request.target, before=before, after=after,
                                  author=author, comment=request.comment.strip())


def change_for(document: Document, request: Request) -> amend.Change:
    """The change a request asks for, its item named by an anchor and its actors by name."""
    if request.kind not in amend.KINDS:
        raise amend.NotApplicable(f"unknown correction {request.kind!r} (one of {', '.join(amend.KINDS)})")
    values = {k: (_actor_name(document, v) if k in ACTOR_VALUES else v) for k, v in request.values.items()}
    return amend.Change(request.kind, anchor(document, amend.KINDS[request.kind], request.target), values)


def anchor(document: Document, what: str, target: str) -> dict[str, Any]:
    """The anchor of the item ``target`` names (an event, actor or quote id, or a "START:END" span)."""
    if what == "span":
        start, _, end = target.partition(":")
        if not (start.isdigit() and end.isdigit()):
            raise amend.NotApplicable(f"{target!r} is not a span (START:END character offsets)")
        return amend.span_anchor(document, int(start), int(end))
    if what == "event":
        event = next((e for e in document.events if e.id == target), None)
        if event is None:
            raise amend.NotApplicable(f"no event {target!r} in this document")
        return amend.event_anchor(event)
    if what == "actor":
        actor = document.actor(target) or next((a for a in document.actors if a.name == target), None)
        if actor is None:
            raise amend.NotApplicable(f"no actor {target!r} in this document")
        return amend.actor_anchor(actor)
    quote = next((q for q in document.quotes if q.id == target), None)
    if quote is None:
        raise amend.NotApplicable(f"no quote {target!r} in this document")
    return amend.quote_anchor(quote)


def _actor_name(document: Document, value: Any) -> str | None:
    """The name of the actor a value gives by id or name (None or "" for none)."""
    if value is None or value == "":
        return None
    actor = document.actor(str(value))
    return actor.name if actor else amend.find_actor(document, value).name
