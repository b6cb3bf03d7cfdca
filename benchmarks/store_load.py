"""Load test: 1,000,000 synthetic linked events in a SQLite store; time ``dyad`` and ``events --actor``.

    .venv/bin/python benchmarks/store_load.py [--events N] [--db PATH]

Writes synthetic rows straight into the store's tables (documents, entities, per-document events and
linked events; skewed so that a few actors and dyads carry many events), then times the query functions
the CLI calls. Prints one line per query with the median and worst of several runs, in milliseconds.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from newsgraph import store as st
from newsgraph.store import schema

TYPES = ("CONSULT", "AGREE", "SUPPORT", "REQUEST", "ACCUSE", "THREATEN", "PROTEST", "ASSAULT")
QUAD = {"CONSULT": 1, "AGREE": 1, "SUPPORT": 2, "REQUEST": 1, "ACCUSE": 3, "THREATEN": 3, "PROTEST": 3,
        "ASSAULT": 4}
ENTITIES = 2_000
EVENTS_PER_DOC = 10
BATCH = 20_000


def entity_rows() -> list[dict[str, Any]]:
    return [{"id": i, "name": f"Actor {i}", "kind": "person", "country": f"C{i % 150:03d}", "key": f"actor {i}",
             "surname": str(i)} for i in range(1, ENTITIES + 1)]


def pick_entity(rng: random.Random) -> int:
    """Zipf-like: a few actors take part in very many events."""
    return min(ENTITIES, int(rng.paretovariate(1.1)))


def synthetic(n: int, rng: random.Random) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    start = date(2015, 1, 1)
    for i in range(1, n + 1):
        type_ = rng.choice(TYPES)
        source = pick_entity(rng)
        target = pick_entity(rng) % ENTITIES + 1 if rng.random() < 0.5 else rng.randint(1, ENTITIES)
        day = (start + timedelta(days=rng.randrange(3650))).isoformat()
        linked = {"id": i, "type": type_, "negated": False, "source_entity": source, "target_entity": target,
                  "date": day, "quad": QUAD[type_], "intensity": round(rng.uniform(-10, 10), 1), "mentions": 1,
                  "articles": 1, "sources": 1}
        event = {"doc": f"d{(i - 1) // EVENTS_PER_DOC:015d}", "ord": (i - 1) % EVENTS_PER_DOC, "event_id": f"e{i}",
                 "type": type_, "source": "a1", "target": "a2", "trigger_start": 0, "trigger_end": 3,
                 "trigger_text": "met", "evidence": f"Actor {source} met Actor {target}.", "spans": "[]",
                 "negated": False, "quad": QUAD[type_], "intensity": linked["intensity"], "date": day,
                 "reason": "synthetic", "linked": i}
        yield linked, event


def document_rows(n_docs: int) -> Iterator[dict[str, Any]]:
    for d in range(n_docs):
        yield {"hash": f"d{d:015d}", "record_id": f"d{d}", "url": None, "title": None, "outlet": None,
               "source": f"outlet{d % 50}", "published": None, "published_reason": "", "model": None,
               "schema": "newsgraph.document/1", "text": "met", "origin": "synthetic", "record": "",
               "ingested_at": "2024-01-01T00:00:00+00:00"}


def chunks(rows: Iterator[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def load(store: st.Store, n: int, *, seed: int = 7) -> None:
    rng = random.Random(seed)
    with store.engine.begin() as conn:
        conn.execute(insert(schema.entities), entity_rows())
        conn.execute(insert(schema.entity_names), [{"entity": i, "key": f"actor {i}"}
                                                   for i in range(1, ENTITIES + 1)])
        for batch in chunks(document_rows(-(-n // EVENTS_PER_DOC)), BATCH):
            conn.execute(insert(schema.documents), batch)
        for batch in chunks(synthetic(n, rng), BATCH):
            conn.execute(insert(schema.linked_events), [linked for linked, _ in batch])
            conn.execute(insert(schema.events), [event for _, event in batch])
    with store.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")


def timed(label: str, call: Callable[[], list[Any]], *, runs: int = 7) -> dict[str, Any]:
    times, rows = [], 0
    for _ in range(runs):
        began = time.perf_counter()
        rows = len(call())
        times.append((time.perf_counter() - began) * 1000)
    return {"query": label, "rows": rows, "median_ms": round(statistics.median(times), 1),
            "max_ms": round(max(times), 1)}


def measure(store: st.Store) -> list[dict[str, Any]]:
    return [
        timed("dyad 'Actor 1' 'Actor 2' --by month", lambda: st.dyad(store, "Actor 1", "Actor 2", by="month")),
        timed("dyad 'Actor 1' 'Actor 2' --by week", lambda: st.dyad(store, "Actor 1", "Actor 2", by="week")),
        timed("dyad 'Actor 3' 'Actor 250' --by day", lambda: st.dyad(store, "Actor 3", "Actor 250", by="day")),
        timed("events --actor 'Actor 1'", lambda: st.events(store, actor="Actor 1")),
        timed("events --actor 'Actor 1500'", lambda: st.events(store, actor="Actor 1500")),
        timed("events --actor 'Actor 1' --type ASSAULT", lambda: st.events(store, actor="Actor 1", type="ASSAULT")),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, help="SQLite file to (re)use; default: a temporary file")
    args = parser.parse_args()
    path = args.db or Path(tempfile.mkdtemp(prefix="newsgraph-bench-")) / "load.db"
    fresh = not path.exists()
    store = st.connect(path)
    if fresh:
        began = time.perf_counter()
        load(store, args.events)
        print(f"loaded {args.events:,} events in {time.perf_counter() - began:.0f} s into {path}")
    for row in measure(store):
        verdict = "ok" if row["max_ms"] < 300 else "SLOW"
        print(f"{row['query']:<45} rows={row['rows']:<5} median={row['median_ms']:>7} ms  "
              f"max={row['max_ms']:>7} ms  {verdict}")
    store.close()


if __name__ == "__main__":
    main()
