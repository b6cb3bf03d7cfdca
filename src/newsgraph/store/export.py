"""Export: document records (jsonl), linked events as a table (csv, parquet) or PLOVER-style records.

A file is written beside its destination under a temporary name and renamed into place once complete, so
a failed export leaves nothing. Every CSV cell that a spreadsheet would read as a formula (it begins with
``= + - @``, a tab or a carriage return: OWASP's list) is written with a leading apostrophe.
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from sqlalchemy import select

from newsgraph.document import dumps
from newsgraph.store import queries, records, schema
from newsgraph.store.db import Store

FORMATS = ("jsonl", "csv", "parquet", "plover")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


def documents(store: Store) -> Iterator[dict[str, Any]]:
    """Every stored document record, oldest first."""
    D = schema.documents
    with store.engine.connect() as conn:
        hashes = list(conn.scalars(select(D.c.hash).order_by(D.c.published, D.c.hash)))
        for doc in hashes:
            document = records.read_document(conn, doc)
            if document is not None:
                yield document.to_dict()


def event_rows(store: Store) -> list[dict[str, Any]]:
    """One flat row per linked event, oldest first."""
    return sorted(queries.events(store, limit=None), key=lambda r: (r["date"] or "", r["id"]))


def plover_records(store: Store) -> Iterator[dict[str, Any]]:
    """PLOVER-style records: actor, recipient, event, mode, context, date, location, text span, sources."""
    with store.engine.connect() as conn:
        reports = _reports(conn)
    for row in event_rows(store):
        members = reports.get(row["id"], [])
        first = members[0] if members else {}
        yield {"id": f"ng-{row['id']}", "event_date": row["date"], "event_type": row["type"],
               "event_mode": first.get("mode"), "contexts": [], "negated": bool(row["negated"]),
               "actor": row["source"], "actor_country": row["source_country"],
               "recipient": row["target"], "recipient_country": row["target_country"],
               "quad_class": QUAD_NAMES.get(row["quad"] or 0), "intensity": row["intensity"],
               "location": first.get("location"), "text": row["evidence"],
               "num_mentions": row["mentions"], "num_articles": row["articles"], "num_sources": row["sources"],
               "mentions": members}


def _reports(conn: Any) -> dict[int, list[dict[str, Any]]]:
    EV, D = schema.events, schema.documents
    found: dict[int, list[dict[str, Any]]] = {}
    query = (select(EV.c.linked, EV.c.doc, D.c.url, D.c.source, EV.c.mode, EV.c.location, EV.c.trigger_start,
                    EV.c.trigger_end, EV.c.trigger_text)
             .select_from(EV.join(D, D.c.hash == EV.c.doc)).order_by(EV.c.doc, EV.c.ord))
    for r in conn.execute(query):
        found.setdefault(r.linked, []).append(
            {"doc": r.doc, "url": r.url, "source": r.source, "mode": r.mode, "location": r.location,
             "trigger": {"start": r.trigger_start, "end": r.trigger_end, "text": r.trigger_text}})
    return found


def export(store: Store, fmt: str, out: IO[str] | Path) -> int:
    """Write the store in ``fmt`` to a text stream (parquet: to a file path); returns the records written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        if not isinstance(out, Path):
            raise ValueError("parquet needs an output file (-o PATH)")
        with replaced(out) as temporary:
            return write_parquet(event_rows(store), temporary)
    if isinstance(out, Path):
        with replaced(out) as temporary, temporary.open("w", encoding="utf-8", newline="") as handle:
            return export(store, fmt, handle)
    if fmt == "csv":
        return write_csv(event_rows(store), out)
    if fmt == "jsonl":
        return write_jsonl(documents(store), out)
    if fmt == "plover":
        return write_jsonl(plover_records(store), out)
    raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")


@contextmanager
def replaced(path: Path) -> Iterator[Path]:
    """A temporary file beside ``path`` that replaces it when the block ends without error, and is removed
    when it raises."""
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def safe_cell(value: Any) -> Any:
    """A CSV cell no spreadsheet runs as a formula: a string that begins with ``= + - @``, a tab or a carriage
    return gets a leading apostrophe (numbers are left as they are)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_jsonl(rows: Iterator[dict[str, Any]], out: IO[str]) -> int:
    written = 0
    for row in rows:
        out.write(dumps(row) + "\n")
        written += 1
    return written


def write_csv(rows: list[dict[str, Any]], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else [name for name, _ in queries.event_columns()])
    writer.writeheader()
    writer.writerows({k: safe_cell(v) for k, v in row.items()} for row in rows)
    return len(rows)


def write_parquet(rows: list[dict[str, Any]], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    arrow = {int: pa.int64(), float: pa.float64(), bool: pa.bool_(), str: pa.string()}
    schema = pa.schema([(name, arrow[kind]) for name, kind in queries.event_columns()])
    table = pa.table({name: [r[name] for r in rows] for name in schema.names}, schema=schema)
    pq.write_table(table, path)
    return len(rows)
