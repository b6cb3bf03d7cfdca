"""Flat tables of extraction results (documents, actors, events, quotes, figures, failures) and loading them back.

Events, quotes and figures carry their document's provenance (hash, URL, outlet, title, publication date)
and their sentence; events also their place (newsgraph.geo).

The Spark job writes these tables as Parquet; ``documents.json`` holds each whole document record, so
loading the output into the store (``load_parquet``) is lossless and needs only pyarrow.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from newsgraph.document import Document, Failure
from newsgraph.geo import Place, event_places
from newsgraph.pipeline import Result as Extracted
from newsgraph.readers import RawDocument
from newsgraph.store.db import Store
from newsgraph.store.ingestion import IngestReport, store_results
from newsgraph.store.queries import sentence_around
from newsgraph.store.records import source_of

Row = tuple[Any, ...]

#: Where an item comes from: its document's URL, outlet (else its URL's host), title and publication date.
PROVENANCE = (("url", "string"), ("outlet", "string"), ("title", "string"), ("published", "string"))
#: Each table's columns and their types (Spark SQL DDL type names).
TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "documents": (("doc_id", "string"), ("hash", "string"), ("title", "string"), ("url", "string"),
                  ("outlet", "string"), ("published", "string"), ("published_reason", "string"),
                  ("model", "string"), ("origin", "string"), ("record", "string"), ("actors", "bigint"),
                  ("events", "bigint"), ("quotes", "bigint"), ("text", "string"), ("json", "string")),
    "actors": (("doc_hash", "string"), ("doc_id", "string"), ("id", "string"), ("name", "string"),
               ("kind", "string"), ("country", "string"), ("sector", "string"), ("roles", "array<string>"),
               ("mentions", "bigint"), ("reason", "string")),
    "events": (("doc_hash", "string"), ("doc_id", "string"), *PROVENANCE, ("id", "string"), ("type", "string"),
               ("mode", "string"), ("source", "string"), ("source_name", "string"), ("target", "string"),
               ("target_name", "string"), ("cameo", "string"), ("quad", "bigint"), ("intensity", "double"),
               ("negated", "boolean"), ("modality", "string"), ("date", "string"), ("location", "string"),
               ("trigger", "string"), ("trigger_start", "bigint"), ("trigger_end", "bigint"),
               ("evidence", "string"), ("reason", "string"), ("score", "double"),
               ("origin", "string"), ("sides", "string"), ("place", "string"), ("place_country", "string"),
               ("lat", "double"), ("lon", "double"), ("place_json", "string")),
    "quotes": (("doc_hash", "string"), ("doc_id", "string"), *PROVENANCE, ("id", "string"), ("kind", "string"),
               ("speaker", "string"), ("speaker_name", "string"), ("cue", "string"), ("text", "string"),
               ("start", "bigint"), ("end", "bigint"), ("evidence", "string"), ("reason", "string")),
    "figures": (("doc_hash", "string"), ("doc_id", "string"), *PROVENANCE, ("id", "string"), ("text", "string"),
                ("value", "double"), ("unit", "string"), ("approx", "string"), ("what", "string"),
                ("start", "bigint"), ("end", "bigint"), ("evidence", "string"), ("reason", "string")),
    "failures": (("input", "string"), ("record", "string"), ("kind", "string"), ("reason", "string")),
}

#: One extraction result as the Spark job keeps it: (kind, origin, record, payload JSON).
Result = tuple[str, str, str, str]


def result_of(item: tuple[Any, Document] | Failure) -> Result:
    """A pipeline result as a plain tuple: a document's JSON record, or a failure's kind and reason."""
    if isinstance(item, Failure):
        return "failure", item.input, item.record, json.dumps({"kind": item.kind, "reason": item.reason})
    raw, document = item
    return "document", raw.origin, raw.record, document.to_json()


def table_rows(table: str, result: Result) -> list[Row]:
    """The rows ``result`` adds to ``table``, in the table's column order."""
    kind, origin, record, payload = result
    if table == "failures":
        if kind != "failure":
            return []
        data = json.loads(payload)
        return [(origin, record, data["kind"], data["reason"])]
    if kind != "document":
        return []
    return ROWS[table](Document.from_json(payload), origin, record, payload)


def _documents(doc: Document, origin: str, record: str, payload: str) -> list[Row]:
    return [(doc.id, doc.hash, doc.title, doc.url, doc.outlet, doc.published, doc.published_reason, doc.model,
             origin, record, len(doc.actors), len(doc.events), len(doc.quotes), doc.text, payload)]


def _actors(doc: Document, origin: str, record: str, payload: str) -> list[Row]:
    return [(doc.hash, doc.id, a.id, a.name, a.kind, a.country, a.sector, list(a.roles), len(a.mentions), a.reason)
            for a in doc.actors]


def _provenance(doc: Document) -> Row:
    return doc.hash, doc.id, doc.url, source_of(doc), doc.title, doc.published


def _events(doc: Document, origin: str, record: str, payload: str) -> list[Row]:
    return [(*_provenance(doc), e.id, e.type, e.mode, e.source, _name(doc, e.source), e.target,
             _name(doc, e.target), e.cameo, e.quad, e.intensity, e.negated, e.modality, e.date, e.location,
             e.trigger.text, e.trigger.start, e.trigger.end, e.evidence, e.reason, e.score,
             e.origin, e.sides, *_place(p)) for e, p in zip(doc.events, event_places(doc), strict=True)]


def _place(place: Place | None) -> Row:
    if place is None:
        return None, None, None, None, None
    return place.resolved_place, place.country_code, place.lat, place.lon, json.dumps(place.to_dict())


def _quotes(doc: Document, origin: str, record: str, payload: str) -> list[Row]:
    return [(*_provenance(doc), q.id, q.kind, q.speaker, _name(doc, q.speaker), q.cue, q.text, q.start, q.end,
             sentence_around(doc.text, q.start, q.end), q.reason) for q in doc.quotes]


def _figures(doc: Document, origin: str, record: str, payload: str) -> list[Row]:
    return [(*_provenance(doc), f.id, f.text, f.value, f.unit, f.approx, f.what, f.start, f.end,
             sentence_around(doc.text, f.start, f.end), f.reason) for f in doc.figures]


def _name(doc: Document, actor_id: str | None) -> str | None:
    actor = doc.actor(actor_id)
    return actor.name if actor else None


ROWS: dict[str, Callable[[Document, str, str, str], list[Row]]] = {
    "documents": _documents, "actors": _actors, "events": _events, "quotes": _quotes, "figures": _figures}


def read_results(directory: Path, *, batch_size: int = 64) -> Iterator[tuple[Document, str, str] | Failure]:
    """Stream the documents (with origin and record) and failures that a Spark job wrote under ``directory``."""
    for row in _rows(directory, "documents", ["json", "origin", "record"], batch_size):
        yield Document.from_json(row["json"]), row["origin"], row["record"]
    for row in _rows(directory, "failures", [name for name, _type in TABLES["failures"]], batch_size):
        yield Failure(**row)


def _rows(directory: Path, table: str, columns: list[str], batch_size: int) -> Iterator[dict[str, Any]]:
    import pyarrow.dataset as ds

    if not (directory / table).is_dir():
        raise FileNotFoundError(f"{directory / table}: no such table; is {directory} a newsgraph spark output?")
    for batch in ds.dataset(directory / table, format="parquet").to_batches(columns=columns, batch_size=batch_size):
        yield from batch.to_pylist()


def load_parquet(store: Store, directory: Path, *,
                 on_item: Callable[[str, str], None] | None = None) -> IngestReport:
    """Store every document of a Spark job's output (stored ones are skipped by hash); record its failures.
    Through the store's one ingest loop (``store_results``), as ``newsgraph ingest`` stores them."""
    return store_results(store, _as_results(read_results(directory)), on_item=on_item)


def _as_results(items: Iterable[tuple[Document, str, str] | Failure]) -> Iterator[Extracted]:
    """The Spark job's documents as the pipeline gives them: each with where it was read (input and record)."""
    for item in items:
        if isinstance(item, Failure):
            yield item
        else:
            document, origin, record = item
            yield RawDocument(document.text, origin=origin, record=record), document
