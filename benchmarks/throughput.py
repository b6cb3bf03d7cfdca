"""Throughput: bare spaCy against ``newsgraph extract`` and ``newsgraph ingest``, with 1 and 2 workers.

    python benchmarks/throughput.py --corpus ../shared/corpus/wikinews.jsonl [--limit N] [--json]

Over the same records of one JSONL corpus, each run in a fresh process of its own:
  (a) spacy     the bare spaCy pipeline that extraction uses (same model), ``nlp.pipe`` over the raw texts;
  (b) extract   what ``newsgraph extract --format jsonl --workers N`` runs: batched parse and every stage,
                each record written out as JSON;
  (c) ingest    what ``newsgraph ingest --workers N`` runs, into a fresh SQLite store.
Model loading (and starting the workers, which load it too) is left out of the timings: each run loads
first, then times the stream. Tokens are those spaCy counts in the raw texts, so tokens/s compare.
Peak RSS is the largest resident size of any one process of a run (a worker, or the in-process run).
Prints one line per run and the targets; with ``--json`` the last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path
from typing import Any

RUNS = (("spacy", 1), ("extract", 1), ("extract", 2), ("ingest", 1), ("ingest", 2))


def read_items(corpus: str, limit: int | None) -> list[Any]:
    from newsgraph.document import Failure
    from newsgraph.readers import read_inputs

    return [x for x in islice(read_inputs([corpus]), limit) if not isinstance(x, Failure)]


def time_spacy(items: list[Any], workers: int) -> dict[str, float]:
    import spacy

    from newsgraph import nlp
    from newsgraph.settings import DEFAULT

    model = spacy.load(nlp.best_model())
    model("Warm-up sentence for the model.")
    start = time.perf_counter()
    tokens = sum(len(doc) for doc in model.pipe((x.text for x in items), batch_size=DEFAULT.batch_size,
                                               n_process=workers))
    return {"seconds": time.perf_counter() - start, "docs": len(items), "tokens": tokens}


def started(workers: int) -> Any:
    from newsgraph.scale import ParallelPipeline

    pipeline = ParallelPipeline(workers=workers)
    if workers > 1:
        pipeline.start()
    else:
        pipeline.local()
    return pipeline


def time_extract(items: list[Any], workers: int) -> dict[str, float]:
    pipeline = started(workers)
    done = 0
    with open(os.devnull, "w", encoding="utf-8") as out:
        start = time.perf_counter()
        for result in pipeline.run_many(items):
            if isinstance(result, tuple):
                out.write(result[1].to_json() + "\n")
                done += 1
        seconds = time.perf_counter() - start
    pipeline.close()
    return {"seconds": seconds, "docs": done}


def time_ingest(items: list[Any], workers: int) -> dict[str, float]:
    from newsgraph import store as st

    pipeline = started(workers)
    with tempfile.TemporaryDirectory() as folder:
        store = st.connect(f"sqlite:///{Path(folder) / 'bench.db'}")
        start = time.perf_counter()
        report = st.ingest(store, items, pipeline)
        seconds = time.perf_counter() - start
        store.close()
    pipeline.close()
    return {"seconds": seconds, "docs": report.new + report.changed}


def child(kind: str, workers: int, corpus: str, limit: int | None) -> None:
    items = read_items(corpus, limit)
    timer = {"spacy": time_spacy, "extract": time_extract, "ingest": time_ingest}[kind]
    print(json.dumps(timer(items, workers)))


def measure(kind: str, workers: int, corpus: str, limit: int | None) -> dict[str, Any]:
    """One run in a fresh process; its figures and the peak RSS of its largest process."""
    command = [sys.executable, __file__, "--child", kind, "--workers", str(workers), "--corpus", corpus]
    if limit is not None:
        command += ["--limit", str(limit)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"{kind} with {workers} worker(s) failed (status {status})")
    figures = json.loads(output.strip().splitlines()[-1])
    return {**figures, "kind": kind, "workers": workers, "peak_rss_mb": usage.ru_maxrss / 1024,
            "docs_per_s": figures["docs"] / figures["seconds"]}


def summary(runs: dict[tuple[str, int], dict[str, Any]]) -> dict[str, Any]:
    spacy_run, one, two = runs["spacy", 1], runs["extract", 1], runs["extract", 2]
    ingest_one, ingest_two = runs["ingest", 1], runs["ingest", 2]
    return {
        "docs": one["docs"], "tokens": spacy_run["tokens"],
        "spacy_docs_per_s": round(spacy_run["docs_per_s"], 2),
        "extract_docs_per_s": round(one["docs_per_s"], 2),
        "ingest_docs_per_s": round(ingest_one["docs_per_s"], 2),
        "extract_2_workers_docs_per_s": round(two["docs_per_s"], 2),
        "ingest_2_workers_docs_per_s": round(ingest_two["docs_per_s"], 2),
        "ratio_extract_vs_spacy": round(one["docs_per_s"] / spacy_run["docs_per_s"], 3),
        "speedup_2_workers": round(two["docs_per_s"] / one["docs_per_s"], 3),
        "ratio_ingest_vs_extract": round(ingest_one["docs_per_s"] / one["docs_per_s"], 3),
        "peak_rss_mb_per_worker": round(max(r["peak_rss_mb"] for k, r in runs.items() if k[0] != "spacy"), 1),
        "cores": os.cpu_count(),
    }


TARGETS = (("ratio_extract_vs_spacy", ">=", 0.75), ("speedup_2_workers", ">=", 1.6),
           ("peak_rss_mb_per_worker", "<", 1536), ("ratio_ingest_vs_extract", ">=", 0.9))


def report(runs: dict[tuple[str, int], dict[str, Any]], figures: dict[str, Any]) -> None:
    tokens = figures["tokens"]
    print(f"{'run':<10}{'workers':>8}{'docs':>7}{'seconds':>10}{'docs/s':>9}{'tokens/s':>10}{'peak RSS MB':>13}")
    for (kind, workers), run in runs.items():
        print(f"{kind:<10}{workers:>8}{run['docs']:>7}{run['seconds']:>10.1f}{run['docs_per_s']:>9.2f}"
              f"{tokens / run['seconds']:>10.0f}{run['peak_rss_mb']:>13.0f}")
    for name, op, bound in TARGETS:
        value = figures[name]
        met = value >= bound if op == ">=" else value < bound
        print(f"{name}: {value} (target {op} {bound}: {'met' if met else 'NOT met'})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", required=True, help="a JSONL corpus (one article a line, field 'text')")
    parser.add_argument("--limit", type=int, default=None, help="only the first N records")
    parser.add_argument("--json", action="store_true", help="end with one JSON object of the figures")
    parser.add_argument("--child", choices=["spacy", "extract", "ingest"], help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.workers, args.corpus, args.limit)
        return
    runs = {(kind, workers): measure(kind, workers, args.corpus, args.limit) for kind, workers in RUNS}
    figures = summary(runs)
    report(runs, figures)
    if args.json:
        print(json.dumps(figures))


if __name__ == "__main__":
    main()
