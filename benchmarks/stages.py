"""Each stage's share of extraction time: the parse, every stage after it, and the event scorer inside events.

    python benchmarks/stages.py --corpus ../shared/corpus/wikinews.jsonl [--limit N] [--json]

One process, the model loaded first; every record goes through ``prepare``, the parse and each stage in
order, each timed on its own (the event scorer is timed within the event stage by timing the stage again
with the scorer left out). Shares are of the whole extraction time.
"""

from __future__ import annotations

import argparse
import json
import time
from itertools import islice

from newsgraph.document import Failure
from newsgraph.pipeline import STAGES, Pipeline, prepare
from newsgraph.readers import read_inputs
from newsgraph.settings import Settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", required=True, help="a JSONL corpus (one article a line, field 'text')")
    parser.add_argument("--limit", type=int, default=None, help="only the first N records")
    parser.add_argument("--json", action="store_true", help="end with one JSON object of the figures")
    args = parser.parse_args()
    items = [x for x in islice(read_inputs([args.corpus]), args.limit) if not isinstance(x, Failure)]
    pipeline = Pipeline(Settings())
    unscored = Settings(score_events=False)
    seconds = {name: 0.0 for name in ("prepare", "parse", *(step.name for step in STAGES), "events without scorer")}
    for raw in items:
        start = time.perf_counter()
        work = prepare(raw, pipeline.settings)
        seconds["prepare"] += time.perf_counter() - start
        start = time.perf_counter()
        work.parsed = pipeline.parse(work.document.text)
        seconds["parse"] += time.perf_counter() - start
        for step in STAGES:
            if step.name == "events":
                start = time.perf_counter()
                step.run(work, unscored)
                seconds["events without scorer"] += time.perf_counter() - start
            start = time.perf_counter()
            step.run(work, pipeline.settings)
            seconds[step.name] += time.perf_counter() - start
    total = sum(v for k, v in seconds.items() if k != "events without scorer")
    shares = {k: round(v / total, 3) for k, v in seconds.items()}
    shares["event scorer"] = round((seconds["events"] - seconds["events without scorer"]) / total, 3)
    for name, share in shares.items():
        print(f"{name:24s} {seconds.get(name, 0.0):8.1f} s  {share:6.1%}")
    print(f"records: {len(items)}, extraction: {total:.1f} s")
    if args.json:
        print(json.dumps({"records": len(items), "seconds": round(total, 2), "shares": shares}))


if __name__ == "__main__":
    main()
