"""Writing one document's rows and reading a document back, field for field."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Connection, Row, Table, delete, select

from newsgraph.document import (
    INTERNAL_EVENT_FIELDS,
    Actor,
    Document,
    Event,
    Figure,
    Mention,
    Quote,
    SetAside,
    Span,
    TimeExpr,
)
from newsgraph.geo import Place, event_places
from newsgraph.store import schema

#: The event table's columns that hold its resolved place (not fields of ``Event``).
PLACE_FIELDS = ("place", "lat", "lon", "place_country")


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def source_of(document: Document) -> str | None:
    """Who published it: the outlet, else the host of its URL."""
    if document.outlet:
        return document.outlet
    host = urlsplit(document.url).hostname if document.url else None
    return host.removeprefix("www.") if host else None


def document_row(document: Document, *, origin: str, record: str) -> dict[str, Any]:
    return {"hash": document.hash, "record_id": document.id, "url": document.url, "title": document.title,
            "outlet": document.outlet, "source": source_of(document), "published": document.published,
            "published_reason": document.published_reason, "model": document.model, "schema": document.schema,
            "text": document.text, "origin": origin, "record": record, "ingested_at": now()}


def write_document(conn: Connection, document: Document, *, origin: str = "", record: str = "") -> None:
    """Insert the document and all its items (the caller owns the transaction)."""
    conn.execute(schema.documents.insert().values(document_row(document, origin=origin, record=record)))
    doc = document.hash
    _insert(conn, schema.set_aside, [{"doc": doc, "ord": i, **asdict(s)} for i, s in enumerate(document.set_aside)])
    _insert(conn, schema.actors, [_actor_row(doc, i, a) for i, a in enumerate(document.actors)])
    _insert(conn, schema.mentions, [
        {"doc": doc, "ord": n, "actor_ord": i, **asdict(m)}
        for n, (i, m) in enumerate((i, m) for i, a in enumerate(document.actors) for m in a.mentions)])
    places = event_places(document)
    _insert(conn, schema.events, [_event_row(doc, i, e, p) for i, (e, p) in enumerate(zip(document.events, places,
                                                                                          strict=True))])
    _insert(conn, schema.quotes, [_item_row(doc, i, q, "quote_id") for i, q in enumerate(document.quotes)])
    _insert(conn, schema.dates, [_item_row(doc, i, d, "date_id") for i, d in enumerate(document.dates)])
    _insert(conn, schema.figures, [_item_row(doc, i, f, "figure_id") for i, f in enumerate(document.figures)])


def _insert(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(table.insert(), rows)


def _actor_row(doc: str, ord_: int, actor: Actor) -> dict[str, Any]:
    return {"doc": doc, "ord": ord_, "actor_id": actor.id, "name": actor.name, "kind": actor.kind,
            "country": actor.country, "sector": actor.sector, "roles": json.dumps(actor.roles, ensure_ascii=False),
            "reason": actor.reason, "via": actor.via, "country_from_context": actor.country_from_context}


def _event_row(doc: str, ord_: int, event: Event, place: Place | None) -> dict[str, Any]:
    data = asdict(event)
    trigger, spans = data.pop("trigger"), data.pop("spans")
    for name in INTERNAL_EVENT_FIELDS:
        data.pop(name)
    return {"doc": doc, "ord": ord_, "event_id": data.pop("id"), **data,
            "trigger_start": trigger["start"], "trigger_end": trigger["end"], "trigger_text": trigger["text"],
            "spans": json.dumps(spans, ensure_ascii=False), **place_row(place)}


def place_row(place: Place | None) -> dict[str, Any]:
    """The event table's place columns for a resolved place (all None for none)."""
    if place is None:
        return dict.fromkeys(PLACE_FIELDS)
    return {"place": json.dumps(place.to_dict(), ensure_ascii=False), "lat": place.lat, "lon": place.lon,
            "place_country": place.country_code}


def _item_row(doc: str, ord_: int, item: Quote | TimeExpr | Figure, id_column: str) -> dict[str, Any]:
    data = asdict(item)
    return {"doc": doc, "ord": ord_, id_column: data.pop("id"), **data}


def delete_document(conn: Connection, doc: str) -> None:
    """Remove a document and its items (not its links: see ``linking.unlink_document``)."""
    for table in schema.DOCUMENT_ITEMS:
        conn.execute(delete(table).where(table.c.doc == doc))
    conn.execute(delete(schema.search_index).where(schema.search_index.c.doc == doc))
    conn.execute(delete(schema.documents).where(schema.documents.c.hash == doc))


def read_document(conn: Connection, doc: str) -> Document | None:
    """The stored document with this hash, equal to the one written; None if there is none."""
    row = conn.execute(select(schema.documents).where(schema.documents.c.hash == doc)).mappings().first()
    if row is None:
        return None
    document = Document(text=row["text"], id=row["record_id"], hash=row["hash"], title=row["title"],
                        url=row["url"], outlet=row["outlet"], published=row["published"],
                        published_reason=row["published_reason"], model=row["model"], schema=row["schema"])
    document.set_aside = [SetAside(**_fields(r, "doc", "ord")) for r in _items(conn, schema.set_aside, doc)]
    document.actors = _read_actors(conn, doc)
    document.events = [_event(r) for r in _items(conn, schema.events, doc)]
    document.quotes = [Quote(**_renamed(r, "quote_id")) for r in _items(conn, schema.quotes, doc)]
    document.dates = [TimeExpr(**_renamed(r, "date_id")) for r in _items(conn, schema.dates, doc)]
    document.figures = [Figure(**_renamed(r, "figure_id")) for r in _items(conn, schema.figures, doc)]
    return document


def _items(conn: Connection, table: Table, doc: str) -> Iterable[Row[Any]]:
    return conn.execute(select(table).where(table.c.doc == doc).order_by(table.c.ord)).all()


def _fields(row: Row[Any], *drop: str) -> dict[str, Any]:
    return {k: v for k, v in row._mapping.items() if k not in drop}


def _renamed(row: Row[Any], id_column: str) -> dict[str, Any]:
    data = _fields(row, "doc", "ord")
    data["id"] = data.pop(id_column)
    return data


def _read_actors(conn: Connection, doc: str) -> list[Actor]:
    found = [Actor(id=r.actor_id, name=r.name, kind=r.kind, country=r.country, sector=r.sector,
                   roles=json.loads(r.roles), reason=r.reason, via=r.via,
                   country_from_context=bool(r.country_from_context)) for r in _items(conn, schema.actors, doc)]
    for r in _items(conn, schema.mentions, doc):
        found[r.actor_ord].mentions.append(Mention(**_fields(r, "doc", "ord", "actor_ord")))
    return found


def _event(row: Row[Any]) -> Event:
    data = _fields(row, "doc", "ord", "linked", "trigger_start", "trigger_end", "trigger_text", *PLACE_FIELDS)
    data["id"] = data.pop("event_id")
    data["trigger"] = Span(row.trigger_start, row.trigger_end, row.trigger_text)
    data["spans"] = [Span(**s) for s in json.loads(row.spans)]
    return Event(**data)
