"""Load test: 1,000,000 synthetic linked events in a SQLite store; time ``dyad`` and ``events``.

    .venv/bin/python benchmarks/store_load.py [--events N] [--db PATH] [--runs N] [--json]

Writes synthetic rows straight into the store's tables in one transaction (documents with their
full-text entries, entities, per-document events and linked events; skewed so that a few actors and
dyads carry very many events), builds the per-day dyad summary as the migration does, then times each
query twice: the library function the CLI calls, and the whole ``newsgraph`` command run in-process
(opening the store, querying, printing JSON; Python start-up and imports excluded). The busiest dyad
and the busiest actor found in the data are always among the queries. Prints one line per query with
the median and worst of several runs in milliseconds; ``--json`` prints one JSON object instead.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from sqlalchemy import Connection, func, select

from newsgraph import store as st
from newsgraph.cli import main as cli_main
from newsgraph.store import schema, summary

TYPES = ("CONSULT", "AGREE", "SUPPORT", "REQUEST", "ACCUSE", "THREATEN", "PROTEST", "ASSAULT")
QUAD = {"CONSULT": 1, "AGREE": 1, "SUPPORT": 2, "REQUEST": 1, "ACCUSE": 3, "THREATEN": 3, "PROTEST": 3,
        "ASSAULT": 4}
ENTITIES = 2_000
EVENTS_PER_DOC = 10
BATCH = 50_000
LIMIT_MS = 300.0

LINKED_SQL = ("INSERT INTO linked_events (id, type, source_entity, target_entity, date, negated, quad, intensity, "
              "mentions, articles, sources, dyad) VALUES (?, ?, ?, ?, ?, 0, ?, ?, 1, 1, 1, ?)")
EVENT_SQL = ("INSERT INTO events (doc, ord, event_id, type, source, target, trigger_start, trigger_end, "
             "trigger_text, evidence, spans, negated, quad, intensity, date, reason, linked) "
             "VALUES (?, ?, ?, ?, 'a1', 'a2', 0, 3, 'met', ?, '[]', 0, ?, ?, ?, 'synthetic', ?)")
DOCUMENT_SQL = ("INSERT INTO documents (hash, record_id, source, published_reason, schema, text, origin, record, "
                "ingested_at) VALUES (?, ?, ?, '', 'newsgraph.document/1', ?, 'synthetic', '', "
                "'2024-01-01T00:00:00+00:00')")
SEARCH_SQL = "INSERT INTO search_index (doc, kind, ref, body) VALUES (?, 'document', '', ?)"


def pick_entity(rng: random.Random) -> int:
    """Zipf-like: a few actors take part in very many events."""
    return min(ENTITIES, int(rng.paretovariate(1.1)))


def synthetic(n: int, rng: random.Random) -> Iterator[tuple[tuple[Any, ...], tuple[Any, ...]]]:
    """(linked event, event) rows; event ``i`` is the only report of linked event ``i``."""
    start = date(2015, 1, 1)
    for i in range(1, n + 1):
        type_ = rng.choice(TYPES)
        source = pick_entity(rng)
        target = pick_entity(rng) % ENTITIES + 1 if rng.random() < 0.5 else rng.randint(1, ENTITIES)
        day = (start + timedelta(days=rng.randrange(3650))).isoformat()
        intensity = round(rng.uniform(-10, 10), 1)
        linked = (i, type_, source, target, day, QUAD[type_], intensity, f"{source}:{target}")
        event = (document_hash((i - 1) // EVENTS_PER_DOC), (i - 1) % EVENTS_PER_DOC, f"e{i}", type_,
                 f"Actor {source} met Actor {target}.", QUAD[type_], intensity, day, i)
        yield linked, event


def document_hash(n: int) -> str:
    return f"d{n:015d}"


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
    """All synthetic rows in one transaction, through the driver's executemany, the secondary indexes of the
    event tables dropped meanwhile and built again after; then the dyad summary, as its migration builds it."""
    rng = random.Random(seed)
    with store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA cache_size = -512000")
        conn.exec_driver_sql("PRAGMA synchronous = OFF")
    with store.engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO entities (id, name, kind, country, key, surname) VALUES (?, ?, ?, ?, ?, ?)",
                             [(i, f"Actor {i}", "person", f"C{i % 150:03d}", f"actor {i}", str(i))
                              for i in range(1, ENTITIES + 1)])
        conn.exec_driver_sql("INSERT INTO entity_names (entity, key) VALUES (?, ?)",
                             [(i, f"actor {i}") for i in range(1, ENTITIES + 1)])
        indexes = conn.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                                       "AND tbl_name IN ('linked_events', 'events')").all()
        for name, _ in indexes:  # built again once the rows are in: one sort each, not a million random inserts
            conn.exec_driver_sql(f'DROP INDEX "{name}"')
        for batch in chunks(synthetic(n, rng), BATCH):
            _write_batch(conn, batch)
        for _, sql in indexes:
            conn.exec_driver_sql(sql)
        summary.rebuild(conn)
    with store.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
    store.engine.dispose()  # the queries run on fresh connections, with the store's usual settings


def _write_batch(conn: Connection, batch: list[tuple[tuple[Any, ...], tuple[Any, ...]]]) -> None:
    texts: dict[str, list[str]] = {}
    for _, event in batch:
        texts.setdefault(event[0], []).append(event[4])
    documents = [(doc, doc[1:], f"outlet{int(doc[1:]) % 50}", " ".join(sentences)) for doc, sentences in texts.items()]
    conn.exec_driver_sql(DOCUMENT_SQL, documents)
    conn.exec_driver_sql(SEARCH_SQL, [(doc, text) for doc, _, _, text in documents])
    conn.exec_driver_sql(LINKED_SQL, [linked for linked, _ in batch])
    conn.exec_driver_sql(EVENT_SQL, [event for _, event in batch])


def timed(call: Callable[[], int], *, runs: int) -> dict[str, Any]:
    """Wall-clock median and worst, and the median CPU time of this process (less sensitive to a busy machine)."""
    times, cpu, rows = [], [], 0
    for _ in range(runs):
        began, began_cpu = time.perf_counter(), time.process_time()
        rows = call()
        times.append((time.perf_counter() - began) * 1000)
        cpu.append((time.process_time() - began_cpu) * 1000)
    return {"rows": rows, "median_ms": round(statistics.median(times), 1), "max_ms": round(max(times), 1),
            "cpu_median_ms": round(statistics.median(cpu), 1)}


def cli_call(db: Path, args: list[str]) -> Callable[[], int]:
    """The whole command in-process: open the store, query, print JSON (start-up and imports excluded)."""
    def call() -> int:
        result = CliRunner().invoke(cli_main, [*args, "--format", "json", "--db", str(db)], catch_exceptions=False)
        if result.exit_code != 0:
            raise RuntimeError(f"newsgraph {' '.join(args)} failed: {result.output}")
        return len(json.loads(result.stdout))
    return call


def busiest(store: st.Store) -> tuple[str, str, str]:
    """The names of the pair with the most events between them (either direction) and the busiest actor."""
    Y = schema.dyad_days
    low, high = func.min(Y.c.source_entity, Y.c.target_entity), func.max(Y.c.source_entity, Y.c.target_entity)
    with store.engine.connect() as conn:
        a, b = conn.execute(select(low, high).group_by(low, high).order_by(func.sum(Y.c.events).desc())
                            .limit(1)).one()
        actor = conn.scalar(select(Y.c.source_entity).group_by(Y.c.source_entity)
                            .order_by(func.sum(Y.c.events).desc()).limit(1))
        names = {i: name for i, name in conn.execute(select(schema.entities.c.id, schema.entities.c.name)
                                                     .where(schema.entities.c.id.in_([a, b, actor])))}
    return names[a], names[b], names[actor]


def queries(store: st.Store) -> list[tuple[list[str], Callable[[], list[Any]]]]:
    """(CLI arguments, library call) for each query timed."""
    a, b, top = busiest(store)
    asked: list[tuple[list[str], Callable[[], list[Any]]]] = [
        (["dyad", a, b, "--by", by], partial(st.dyad, store, a, b, by=by)) for by in ("day", "week", "month", "year")]
    asked += [
        (["dyad", a, b, "--by", "week", "--directed"], lambda: st.dyad(store, a, b, by="week", directed=True)),
        (["dyad", "Actor 3", "Actor 250", "--by", "day"], lambda: st.dyad(store, "Actor 3", "Actor 250", by="day")),
        (["events", "--actor", top], lambda: st.events(store, actor=top)),
        (["events", "--actor", "Actor 1500"], lambda: st.events(store, actor="Actor 1500")),
        (["events", "--actor", top, "--type", "ASSAULT"], lambda: st.events(store, actor=top, type="ASSAULT")),
        (["events", "--actor", top, "--since", "2019-01-01", "--until", "2019-12-31", "--quad", "4"],
         lambda: st.events(store, actor=top, since="2019-01-01", until="2019-12-31", quad=4)),
        (["events", "--actor", "Actor 1500", "--text", "Actor 7"],
         lambda: st.events(store, actor="Actor 1500", text="Actor 7")),
        (["events", "--text", "met Actor 1999"], lambda: st.events(store, text="met Actor 1999")),
    ]
    return asked


def measure(store: st.Store, db: Path, *, runs: int = 7) -> list[dict[str, Any]]:
    results = []
    for args, call in queries(store):
        library = timed(partial(_count_rows, call), runs=runs)
        command = timed(cli_call(db, args), runs=runs)
        results.append({"query": " ".join(_shell_word(a) for a in args), **library,
                        **{f"cli_{key}": value for key, value in command.items() if key != "rows"}})
    return results


def _count_rows(call: Callable[[], list[Any]]) -> int:
    return len(call())


def _shell_word(arg: str) -> str:
    return f"'{arg}'" if " " in arg else arg


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, help="SQLite file to (re)use; default: a temporary file")
    parser.add_argument("--runs", type=int, default=7, help="Runs per query (median and worst reported).")
    parser.add_argument("--json", action="store_true", help="Print one JSON object with all the timings.")
    args = parser.parse_args()
    path = args.db or Path(tempfile.mkdtemp(prefix="newsgraph-bench-")) / "load.db"
    fresh = not path.exists()
    store = st.connect(path)
    load_s = load_cpu_s = None
    if fresh:
        began, began_cpu = time.perf_counter(), time.process_time()
        load(store, args.events)
        load_s, load_cpu_s = round(time.perf_counter() - began, 1), round(time.process_time() - began_cpu, 1)
    with store.engine.connect() as conn:
        events = conn.scalar(select(func.count()).select_from(schema.linked_events))
    results = measure(store, path, runs=args.runs)
    store.close()
    worst = max(max(r["max_ms"], r["cli_max_ms"]) for r in results)
    if args.json:
        print(json.dumps({"db": str(path), "events": events, "load_s": load_s, "load_cpu_s": load_cpu_s,
                          "runs": args.runs, "limit_ms": LIMIT_MS, "worst_ms": worst, "ok": worst < LIMIT_MS,
                          "queries": results}))
        return
    if load_s is not None:
        print(f"loaded {events:,} events in {load_s} s ({load_cpu_s} s CPU) into {path}")
    for r in results:
        verdict = "ok" if max(r["max_ms"], r["cli_max_ms"]) < LIMIT_MS else "SLOW"
        print(f"{r['query']:<72} rows={r['rows']:<5} median={r['median_ms']:>6} max={r['max_ms']:>6} "
              f"(cpu {r['cpu_median_ms']:>5}) ms  cli median={r['cli_median_ms']:>6} max={r['cli_max_ms']:>6} "
              f"(cpu {r['cli_cpu_median_ms']:>5}) ms  {verdict}")


if __name__ == "__main__":
    main()
