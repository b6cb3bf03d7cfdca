"""Training the event scorer (``newsgraph train-events``): deterministic, offline, minutes on a CPU.

Every event the rules propose (with no threshold) in three kinds of annotated text becomes one example:
- sentences coded with one PLOVER event (PLV: type and both sides marked; PLOVER gold standard records:
  type): a proposal is right when its type is the sentence's type;
- articles annotated to the project's guidelines (``gold.json`` beside ``article.txt``): a proposal is right
  when it matches a required or optional gold event by type, negation and sides, the way the shared scorer
  maps predicted actors to gold ones (its ``map_actors``, read from the scorer file given).
A logistic model (scikit-learn, only needed here) is fitted on them; the weights ship as JSON.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.document import Document
from newsgraph.events.scorer import ScorerModel, features
from newsgraph.pipeline import Pipeline, Work
from newsgraph.readers import read_text

#: The old name of CONCEDE/RETREAT in PLV.
YIELD = {"CONCEDE", "RETREAT"}
#: Old PLOVER category names in the gold standard records.
OLD_TYPES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}


@dataclass
class Example:
    """One proposed event: its features, whether it is right, and the text it came from."""

    features: list[str]
    label: int
    group: str
    index: int = 0


@dataclass
class Item:
    """One annotated text: a sentence with its event's types, or an article with its gold."""

    ident: str
    text: str
    types: set[str] = field(default_factory=set)
    published: str | None = None
    gold: dict[str, Any] | None = None


def plv_items(path: Path) -> list[Item]:
    rows = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")), delimiter="\t")
    out = []
    for r in rows:
        root = r["gold_root"].strip().upper()
        out.append(Item(f"p{r['sentence_id']}", r["sentence"], YIELD if root == "YIELD" else {root}))
    return out


def gsr_items(path: Path) -> list[Item]:
    out = []
    for r in json.loads(path.read_text(encoding="utf-8")):
        kind = r.get("event")
        if kind and kind != "DOCUMENT":
            out.append(Item(str(r["id"]), r["text"], {OLD_TYPES.get(kind, kind)}))
    return out


def article_items(gold_dir: Path) -> list[Item]:
    out = []
    for folder in sorted(p for p in gold_dir.iterdir() if (p / "gold.json").is_file()):
        gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
        text = (folder / gold.get("file", "article.txt")).read_text(encoding="utf-8")
        out.append(Item(folder.name, text, published=gold.get("published") if gold.get("published_given") else None,
                        gold=gold))
    return out


def run(pipeline: Pipeline, item: Item) -> Work:
    raw = read_text(item.text, published=item.published)
    raw.id = item.ident
    return pipeline.run_work(raw)


def examples(pipeline: Pipeline, items: list[Item], *, source: str,
             matcher: Callable[[Item, Document], list[int]] | None = None) -> Labelled:
    """Each proposal in each item, labelled; ``matcher`` gives article labels."""
    found = Labelled()
    for item in items:
        work = run(pipeline, item)
        document, parsed = work.document, work.doc
        group = f"{source}:{item.ident}"
        found.documents[group] = document
        labels = matcher(item, document) if matcher else [int(e.type in item.types) for e in document.events]
        for index, (event, label) in enumerate(zip(document.events, labels, strict=True)):
            found.examples.append(Example(features(event, parsed, document), label, group, index))
    return found


@dataclass
class Labelled:
    """The labelled proposals of one set, and the document of each of its texts."""

    examples: list[Example] = field(default_factory=list)
    documents: dict[str, Document] = field(default_factory=dict)


def article_matcher(scorer_file: Path) -> Callable[[Item, Document], list[int]]:
    """Labels for an article's proposals, matched to its gold events the way the shared scorer does."""
    spec = importlib.util.spec_from_file_location("shared_score", scorer_file)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(f"cannot load the scorer {scorer_file}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)

    def labels(item: Item, document: Document) -> list[int]:
        gold = item.gold or {}
        pred = document.to_dict()
        amap = module.map_actors(gold, pred)
        return [int(any(matches(g, event, amap) for g in gold.get("events", []))) for event in pred["events"]]

    return labels


def matches(gold_event: dict[str, Any], event: dict[str, Any], amap: dict[Any, Any]) -> bool:
    if event["type"] not in gold_event["type"] or bool(event.get("negated")) != bool(gold_event["negated"]):
        return False
    source, target = amap.get(event.get("source")), amap.get(event.get("target"))
    pairs = [(gold_event["source"], gold_event["target"])]
    if gold_event.get("symmetric"):
        pairs.append((gold_event["target"], gold_event["source"]))
    return any(source in s and target in t for s, t in pairs)


def fit(train: list[Example], *, c: float = 0.5, min_count: int = 2, trained_on: dict[str, object],
        threshold: float = 0.5) -> ScorerModel:
    """A logistic model over the features seen at least ``min_count`` times; tiny weights are dropped."""
    from collections import Counter

    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for ex in train for f in set(ex.features))
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= min_count))}
    rows, cols = [], []
    for r, ex in enumerate(train):
        for f in set(ex.features):
            if f in vocab:
                rows.append(r)
                cols.append(vocab[f])
    matrix = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(train), len(vocab)))
    labels = np.array([ex.label for ex in train])
    model = LogisticRegression(C=c, solver="liblinear", random_state=0, max_iter=1000)
    model.fit(matrix, labels)
    names = sorted(vocab, key=vocab.__getitem__)
    weights = {f: round(float(w), 4) for f, w in zip(names, model.coef_[0], strict=True) if abs(w) >= 0.005}
    return ScorerModel(weights=weights, bias=round(float(model.intercept_[0]), 4), threshold=threshold,
                       trained_on=trained_on)


@dataclass
class Sources:
    """Where the training data are; any may be None."""

    plv: Path | None = None
    gsr: Path | None = None
    gold_dirs: tuple[Path, ...] = ()
    scorer_file: Path | None = None


def collect(pipeline: Pipeline, sources: Sources) -> dict[str, Labelled]:
    """The labelled proposals of each set, with the documents they came from."""
    sets: dict[str, Labelled] = {}
    if sources.plv:
        sets["plv"] = examples(pipeline, plv_items(sources.plv), source="plv")
    if sources.gsr:
        sets["gsr"] = examples(pipeline, gsr_items(sources.gsr), source="gsr")
    if sources.gold_dirs:
        if sources.scorer_file is None:
            raise ValueError("article gold needs the shared scorer file (its map_actors) to label proposals")
        matcher = article_matcher(sources.scorer_file)
        sets["articles"] = Labelled()
        for folder in sources.gold_dirs:
            part = examples(pipeline, article_items(folder), source=f"article:{folder.name}", matcher=matcher)
            sets["articles"].examples += part.examples
            sets["articles"].documents |= part.documents
    return sets


def record(sets: dict[str, Labelled], sources: Sources) -> dict[str, object]:
    """What a model was trained on: each set's texts, proposals and right proposals, and the files."""
    made: dict[str, object] = {name: {"texts": len(part.documents), "examples": len(part.examples),
                                      "positive": sum(ex.label for ex in part.examples)} for name, part in sets.items()}
    made["files"] = [p.name for p in (sources.plv, sources.gsr) if p] + [d.name for d in sources.gold_dirs]
    return made


def cross_validate(sets: dict[str, Labelled], name: str, *, folds: int, c: float, threshold: float,
                   only: int | None = None) -> dict[str, dict[str, Any]]:
    """The texts of set ``name`` in ``folds`` folds, each scored by a model trained without it (and with every
    other set): each text's document, by its group, with the proposals that model keeps, for the shared
    scorers. ``only``: score that one fold alone."""
    part = sets[name]
    fold_of = {g: i % folds for i, g in enumerate(sorted(part.documents))}
    others = [ex for other, rest in sets.items() if other != name for ex in rest.examples]
    chosen: dict[str, dict[int, float]] = {g: {} for g in part.documents}
    for k in range(folds) if only is None else [only]:
        model = fit(others + [ex for ex in part.examples if fold_of[ex.group] != k], c=c, trained_on={},
                    threshold=threshold)
        for ex in part.examples:
            if fold_of[ex.group] == k:
                chosen[ex.group][ex.index] = model.probability(ex.features)
    out = {}
    for group, document in part.documents.items():
        if only is not None and fold_of[group] != only:
            continue
        body = document.to_dict()
        body["events"] = [{**e, "score": round(chosen[group][i], 4)}
                          for i, e in enumerate(body["events"]) if chosen[group].get(i, 1.0) >= threshold]
        out[group] = body
    return out


def write_validated(validated: dict[str, dict[str, dict[str, Any]]], folder: Path) -> list[Path]:
    """Cross-validated documents for the shared scorers: ``NAME.jsonl`` for a sentence set (one document a
    line), ``articles/DOC.json`` for each article (``score.py --pred-dir``)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, bodies in validated.items():
        if name == "articles":
            (folder / name).mkdir(exist_ok=True)
            for group, body in bodies.items():
                path = folder / name / f"{group.rsplit(':', 1)[1]}.json"
                path.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
            written.append(folder / name)
        else:
            path = folder / f"{name}.jsonl"
            path.write_text("".join(json.dumps(b, ensure_ascii=False) + "\n" for b in bodies.values()),
                            encoding="utf-8")
            written.append(path)
    return written


def train(pipeline: Pipeline, sources: Sources, *, c: float = 0.5, threshold: float = 0.5,
          folds: int = 5) -> tuple[ScorerModel, dict[str, dict[str, dict[str, Any]]]]:
    """The model trained on every set, and each set's cross-validated documents (by set, then text)."""
    sets = collect(pipeline, sources)
    every = [ex for part in sets.values() for ex in part.examples]
    model = fit(every, c=c, trained_on=record(sets, sources) | {"c": c}, threshold=threshold)
    validated = {name: cross_validate(sets, name, folds=folds, c=c, threshold=threshold)
                 for name in sets if folds > 1}
    return model, validated
