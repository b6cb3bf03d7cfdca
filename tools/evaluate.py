"""Score the pipeline on the shared article and sentence sets in one process, with the parses cached.

    .venv/bin/python tools/evaluate.py dev val plv gsr polnear   # any of the sets; 'all' for every one

Articles are extracted in this process (the spaCy parse of each text is cached under
``$NEWSGRAPH_PARSE_CACHE``, default ``/tmp/newsgraph-parse-cache``, so a second run re-runs only the stages
after the parse), their records written to a temporary folder, and the shared scorers
(``../shared/eval/score.py --pred-dir``, ``score_sentences.py``) read them. Only aggregate figures are
printed: the validation set is scored, never studied. ``--save DIR`` keeps the dev predictions.
``polnear`` scores quotes and reported speech on PolNeAR's train sample (``score_polnear.py``).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from spacy.tokens import Doc

from newsgraph.events.annotated import Item, article_items, gsr_items, plv_items
from newsgraph.pipeline import Budget, Pipeline
from newsgraph.settings import Settings
from newsgraph.training.learn import run

#: ../shared beside the checkout, or beside the folder that holds it (a worktree under ../wt/NAME).
SHARED = next((p / "shared" for p in Path(__file__).resolve().parents[1].parents if (p / "shared" / "eval").is_dir()),
              Path(__file__).resolve().parents[1].parent / "shared")
SETS = {"dev": SHARED / "gold", "val": SHARED / "validation"}
SENTENCES = {"plv": SHARED / "research/plv/PLV_train.tsv", "gsr": SHARED / "research/plover/PLOVER_GSR_CAMEO.txt"}
SENTENCE_READERS = {"plv": plv_items, "gsr": gsr_items}
POLNEAR = SHARED / "research/polnear"
CACHE = Path(os.environ.get("NEWSGRAPH_PARSE_CACHE", "/tmp/newsgraph-parse-cache"))
POOLED = ("events.pooled_f1", "events.pooled_precision", "events.pooled_recall", "events.dyad_recall",
          "events.date_accuracy", "events.duplicates", "actors.recall", "actors.precision",
          "actors.country_accuracy", "actors.splits", "quotes.attribution", "quotes.indirect_recall")


class CachedPipeline(Pipeline):
    """The pipeline, with each text's parse kept on disk between runs."""

    def parse(self, text: str, *, budget: Budget | None = None) -> Doc:
        key = hashlib.sha1((self.model_label + "\0" + text).encode()).hexdigest()
        path = CACHE / f"{key}.spacy"
        if path.exists():
            return Doc(self.nlp.vocab).from_bytes(path.read_bytes())
        parsed = super().parse(text, budget=budget)
        CACHE.mkdir(parents=True, exist_ok=True)
        part = path.with_suffix(f".{os.getpid()}.part")
        part.write_bytes(parsed.to_bytes())
        part.replace(path)
        return parsed


def extract_articles(pipeline: Pipeline, gold_dir: Path, out: Path) -> None:
    for item in article_items(gold_dir):
        (out / f"{item.ident}.json").write_text(run(pipeline, item).document.to_json())


def score_articles(name: str, pipeline: Pipeline, save: Path | None) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = save if (save and name == "dev") else Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        extract_articles(pipeline, SETS[name], out)
        scored = subprocess.run([sys.executable, str(SHARED / "eval/score.py"), "--gold-dir", str(SETS[name]),
                                 "--pred-dir", str(out), "--json"], capture_output=True, text=True, check=True)
    return json.loads(scored.stdout.strip().splitlines()[-1])


def score_sentences(name: str, pipeline: Pipeline) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "pred.jsonl"
        with out.open("w") as handle:
            for item in SENTENCE_READERS[name](SENTENCES[name]):
                handle.write(run(pipeline, item).document.to_json() + "\n")
        scored = subprocess.run([sys.executable, str(SHARED / "eval/score_sentences.py"), "--gold",
                                 str(SENTENCES[name]), "--cmd", f"cat {out}", "--json"],
                                capture_output=True, text=True, check=True)
    return json.loads(scored.stdout.strip().splitlines()[-1])


def score_polnear(pipeline: Pipeline) -> dict:
    """PolNeAR's train sample: each text extracted here, the shared scorer reading the records back."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        with (POLNEAR / "metadata.tsv").open() as handle:
            published = {row["filename"]: row.get("publication_date") or None
                         for row in csv.DictReader(handle, delimiter="\t")}
        for text in sorted((POLNEAR / "train" / "text").glob("*.txt")):
            item = Item(text.stem, text.read_text(), published=published.get(text.stem))
            (out / f"{text.stem}.json").write_text(run(pipeline, item).document.to_json())
        cmd = f'cat {out}/"$(basename {{file}} .txt)".json'
        scored = subprocess.run([sys.executable, str(SHARED / "eval/score_polnear.py"), "--dir", str(POLNEAR),
                                 "--split", "train", "--cmd", cmd, "--json"],
                                capture_output=True, text=True, check=True)
    return json.loads(scored.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sets", nargs="+", choices=[*SETS, *SENTENCES, "polnear", "all"])
    parser.add_argument("--save", type=Path, help="keep the dev set's predictions here")
    parser.add_argument("--min-score", type=float, default=None, help="the event scorer's threshold")
    args = parser.parse_args()
    chosen = [*SETS, *SENTENCES, "polnear"] if "all" in args.sets else args.sets
    pipeline = CachedPipeline(Settings(min_event_score=args.min_score))
    for name in chosen:
        if name in SETS:
            summary = score_articles(name, pipeline, args.save)
            print(name, "  ".join(f"{k.split('.', 1)[0][0]}.{k.split('.', 1)[1]}={summary.get(k)}" for k in POOLED))
        else:
            res = score_polnear(pipeline) if name == "polnear" else score_sentences(name, pipeline)
            print(name, "  ".join(f"{k}={v}" for k, v in res.items()))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
