"""What each named event rule earns: on how many corpus articles it fires, and what leaving it out does to the
pooled event figures of the dev and validation sets (validation in aggregate only).

    PYTHONPATH=src .venv/bin/python benchmarks/rules.py                 # every rule in newsgraph.rules
    PYTHONPATH=src .venv/bin/python benchmarks/rules.py --rules a,b     # ablate these only
    PYTHONPATH=src .venv/bin/python benchmarks/rules.py --no-ablation   # count firings only
    PYTHONPATH=src .venv/bin/python benchmarks/rules.py --json

A rule fires on an article where it takes a decision (``rules.fires``) or an event's reason carries its id.
Corpus articles whose text overlaps a validation article are left out of the counts (the validation set is
scored, never studied); the report says how many were counted.
Parses are cached as in tools/evaluate.py, so a rerun costs only the stages after the parse.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

from newsgraph import rules
from newsgraph.readers import read_text

ROOT = Path(__file__).resolve().parents[1]
FIGURES = ("events.pooled_f1", "events.pooled_precision", "events.pooled_recall")


def evaluate_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("newsgraph_tools_evaluate", ROOT / "tools" / "evaluate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _words(text: str) -> str:
    return " ".join(text.split())


def overlaps_any(text: str, held_out: list[str], *, span: int = 200) -> bool:
    """Whether ``text`` shares its opening, or a held-out text's opening or close, with any held-out text."""
    words = _words(text)
    return any(h[:span] in words or words[:span] in h or h[-span:] in words for h in held_out)


def corpus_firings(pipeline: object, corpus: Path, held_out: list[str]) -> tuple[int, int, Counter[str]]:
    """The number of articles counted and skipped (overlapping ``held_out``), and for each rule the number of
    counted articles where it fires."""
    articles: Counter[str] = Counter()
    total = skipped = 0
    for line in corpus.read_text().splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        if overlaps_any(record["text"], held_out):
            skipped += 1
            continue
        raw = read_text(record["text"], published=record.get("published"))
        if record.get("id"):
            raw.id = str(record["id"])
        counter: Counter[str] = Counter()
        with rules.running(counter=counter):
            document = pipeline.run(raw)  # type: ignore[attr-defined]
        fired = {k for k, n in counter.items() if n} | {r for e in document.events for r in rules.fired_in(e.reason)}
        articles.update(fired)
        total += 1
    return total, skipped, articles


def figures(evaluate: ModuleType, pipeline: object, disabled: frozenset[str]) -> dict[str, dict[str, float]]:
    """The pooled event figures of the dev and validation sets with ``disabled`` switched off."""
    out = {}
    for name in ("dev", "val"):
        with rules.running(disabled=disabled):
            summary = evaluate.score_articles(name, pipeline, None)
        out[name] = {k: float(summary.get(k) or 0.0) for k in FIGURES}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rules", help="comma-separated rule ids to ablate (default: all)")
    parser.add_argument("--no-ablation", action="store_true", help="count firings only")
    parser.add_argument("--corpus", type=Path, help="JSONL of articles (default ../shared/corpus/wikinews.jsonl)")
    parser.add_argument("--json", action="store_true", help="print the table as JSON")
    args = parser.parse_args()
    evaluate = evaluate_module()
    chosen = [r.strip() for r in args.rules.split(",") if r.strip()] if args.rules else list(rules.BY_ID)
    unknown = [r for r in chosen if r not in rules.BY_ID]
    if unknown:
        parser.error(f"no such rule: {', '.join(unknown)}")
    pipeline = evaluate.CachedPipeline()
    corpus = args.corpus or evaluate.SHARED / "corpus" / "wikinews.jsonl"
    held_out = [_words(p.read_text()) for p in sorted(evaluate.SETS["val"].glob("*/article.txt"))]
    total, skipped, fired = corpus_firings(pipeline, corpus, held_out)
    rows = []
    base = None if args.no_ablation else figures(evaluate, pipeline, frozenset())
    for rule_id in chosen:
        rule = rules.BY_ID[rule_id]
        row: dict[str, object] = {"rule": rule_id, "module": rule.module, "general": rule.general,
                                  "articles": fired.get(rule_id, 0)}
        if base is not None:
            off = figures(evaluate, pipeline, frozenset({rule_id}))
            for name in ("dev", "val"):
                for key in FIGURES:
                    row[f"{name}.{key.rsplit('_', 1)[1]}"] = round(off[name][key] - base[name][key], 3)
        rows.append(row)
        if not args.json:
            print(*([_header(row)] if len(rows) == 1 else []), _line(row), sep="\n", flush=True)
    if args.json:
        print(json.dumps({"corpus_articles": total, "skipped_validation": skipped, "baseline": base, "rules": rows},
                         indent=1))
    else:
        print(f"corpus articles counted: {total} ({skipped} overlapping validation articles left out)")
        if base is not None:
            for name in ("dev", "val"):
                print(f"baseline {name}: " + "  ".join(f"{k}={base[name][k]:.3f}" for k in FIGURES))
    sys.stdout.flush()


def _header(row: dict[str, object]) -> str:
    cols = [k for k in row if k not in ("rule", "module", "general")]
    return f"{'rule':28} {'module':10} {'gen':3} " + " ".join(f"{c:>12}" for c in cols)


def _line(row: dict[str, object]) -> str:
    cells = " ".join(f"{row[k]!s:>12}" for k in row if k not in ("rule", "module", "general"))
    return f"{row['rule']!s:28} {row['module']!s:10} {'yes' if row['general'] else '':3} {cells}"


if __name__ == "__main__":
    main()
