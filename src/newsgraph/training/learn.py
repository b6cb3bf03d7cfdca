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

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsgraph import shared_scorer as shared_scorer_file
from newsgraph.document import Document
from newsgraph.events import find_events
from newsgraph.events.annotated import Example, Item, article_items, gsr_items, plv_items
from newsgraph.events.scorer import ScorerModel, features
from newsgraph.pipeline import Pipeline, Work
from newsgraph.readers import read_text
from newsgraph.settings import LINK_THRESHOLD

if TYPE_CHECKING:
    from newsgraph.training.links import LinkLabeller

def run(pipeline: Pipeline, item: Item) -> Work:
    raw = read_text(item.text, published=item.published)
    raw.id = item.ident
    return pipeline.run_work(raw)


@dataclass
class Labelled:
    """One set's texts as the pipeline read them (sides as the rules read them, unscored), the linker's
    labelled options and the scorer's labelled proposals."""

    works: dict[str, tuple[Item, Work]] = field(default_factory=dict)
    links: list[Example] = field(default_factory=list)
    examples: list[Example] = field(default_factory=list)
    matcher: Matcher | None = None


#: Labels each event of a document: (the item, the document with its events) -> 0/1 for each event.
Matcher = Callable[[Item, Document], list[int]]


def read_set(pipeline: Pipeline, items: list[Item], *, source: str, labeller: LinkLabeller | None,
             matcher: Matcher | None) -> Labelled:
    """Each item run through the pipeline once, with the linker's labelled options where it has sides."""
    from newsgraph.training.links import link_examples

    part = Labelled(matcher=matcher)
    for item in items:
        group = f"{source}:{item.ident}"
        part.works[group] = (item, run(pipeline, item))
        if labeller is not None:
            part.links += link_examples(group, item, part.works[group][1], labeller)
    return part


def label_proposals(part: Labelled, linker: ScorerModel | Callable[[str], ScorerModel | None] | None) -> None:
    """The scorer's examples: every event the rules propose, with the linker's sides, labelled. ``linker``
    may give each text its own (one that was not trained on it)."""
    part.examples = []
    for group, (item, work) in part.works.items():
        chosen = linker(group) if callable(linker) else linker
        work.document.events = find_events(work.doc, work.document, linker=chosen, link=chosen is not None,
                                           scored=False)
        labels = matcher_of(part)(item, work.document)
        for index, (event, label) in enumerate(zip(work.document.events, labels, strict=True)):
            part.examples.append(Example(features(event, work.doc, work.document), label, group, index))


def matcher_of(part: Labelled) -> Matcher:
    return part.matcher or (lambda item, document: [int(e.type in item.types) for e in document.events])


def shared_scorer(scorer_file: Path) -> Any:
    """The shared article scorer as a module (its actor mapping and line matching label article examples)."""
    return shared_scorer_file.load(scorer_file)


def article_matcher(module: Any) -> Matcher:
    """Labels for an article's proposals, matched to its gold events the way the shared scorer does."""

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
    #: The sets whose marked sides train the linker ("plv", "articles"). Articles alone by default: a linker
    #: also trained on PLV's one-event sentences links more on PLV and worse in articles (validation
    #: articles 0.247 pooled F1 against 0.283, both at link threshold 0.5).
    link_on: tuple[str, ...] = ("articles",)


def collect(pipeline: Pipeline, sources: Sources) -> dict[str, Labelled]:
    """Each set read by the pipeline (with the rules' sides, unscored), its linker options labelled."""
    from newsgraph.training.links import article_labeller, sentence_labeller

    sets: dict[str, Labelled] = {}
    if sources.plv:
        sets["plv"] = read_set(pipeline, plv_items(sources.plv), source="plv",
                               labeller=sentence_labeller if "plv" in sources.link_on else None, matcher=None)
    if sources.gsr:
        sets["gsr"] = read_set(pipeline, gsr_items(sources.gsr), source="gsr", labeller=None, matcher=None)
    if sources.gold_dirs:
        if sources.scorer_file is None:
            raise ValueError("article gold needs the shared scorer file (its map_actors) to label proposals")
        module = shared_scorer(sources.scorer_file)
        sets["articles"] = Labelled(matcher=article_matcher(module))
        for folder in sources.gold_dirs:
            part = read_set(pipeline, article_items(folder), source=f"article:{folder.name}",
                            labeller=article_labeller(module) if "articles" in sources.link_on else None,
                            matcher=None)
            sets["articles"].works |= part.works
            sets["articles"].links += part.links
    return sets


def record(sets: dict[str, Labelled], sources: Sources, *, links: bool = False) -> dict[str, object]:
    """What a model was trained on: each set's texts, examples and right examples, and the files."""
    made: dict[str, object] = {}
    for name, part in sets.items():
        chosen = part.links if links else part.examples
        if chosen:
            made[name] = {"texts": len(part.works), "examples": len(chosen), "positive": sum(ex.label for ex in chosen)}
    made["files"] = [p.name for p in (sources.plv, sources.gsr) if p] + [d.name for d in sources.gold_dirs]
    return made


def folds_of(part: Labelled, folds: int) -> list[set[str]]:
    """The texts of a set in ``folds`` folds: every ``folds``-th text in the order of their names."""
    ordered = sorted(part.works)
    return [set(ordered[k::folds]) for k in range(folds)]


def fit_linker(sets: dict[str, Labelled], *, c: float, threshold: float, trained_on: dict[str, object],
               without: set[str] | frozenset[str] = frozenset()) -> ScorerModel | None:
    """The linker fitted on every set's options but those of the texts ``without`` (None where none are left)."""
    train = [ex for part in sets.values() for ex in part.links if ex.group.rsplit(":", 1)[0] not in without]
    return fit(train, c=c, trained_on=trained_on, threshold=threshold) if train else None


def cross_validate(sets: dict[str, Labelled], name: str, *, folds: int, c: float, threshold: float,
                   only: int | None = None, link_threshold: float = LINK_THRESHOLD,
                   link: bool = True) -> dict[str, dict[str, Any]]:
    """The texts of set ``name`` in ``folds`` folds, each coded by a scorer (and with ``link`` a linker) trained
    without it and with every other set: each text's document, by its group, for the shared scorers.
    ``only``: code that one fold alone."""
    part = sets[name]
    held = folds_of(part, folds)
    others = [ex for other, rest in sets.items() if other != name for ex in rest.examples]
    out = {}
    for k in range(folds) if only is None else [only]:
        linker = fit_linker(sets, c=c, threshold=link_threshold, without=held[k], trained_on={}) if link else None
        model = fit(others + [ex for ex in part.examples if ex.group not in held[k]], c=c, trained_on={},
                    threshold=threshold)
        for group in sorted(held[k]):
            work = part.works[group][1]
            work.document.events = find_events(work.doc, work.document, linker=linker, link=linker is not None,
                                               model=model, min_score=threshold)
            out[group] = work.document.to_dict()
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


def train(pipeline: Pipeline, sources: Sources, *, c: float = 0.5, threshold: float = 0.5, folds: int = 5,
          link_threshold: float = LINK_THRESHOLD, link: bool = False) -> Trained:
    """The linker and the scorer trained on every set, and each set's cross-validated documents (by set, then
    text). The pipeline should code events with the rules' sides, unscored (``Settings(link_events=False,
    score_events=False)``): the linker is trained first; the scorer on the rules' proposals, or with
    ``link`` on the proposals the linker links (as ``extract --link`` codes them)."""
    sets = collect(pipeline, sources)
    linker = fit_linker(sets, c=c, threshold=link_threshold, trained_on=record(sets, sources, links=True) | {"c": c})
    for part in sets.values():
        label_proposals(part, out_of_fold(sets, part, linker, c=c, threshold=link_threshold, folds=max(folds, 2))
                        if link else None)
    every = [ex for part in sets.values() for ex in part.examples]
    model = fit(every, c=c, trained_on=record(sets, sources) | {"c": c, "linked": link}, threshold=threshold)
    validated = {name: cross_validate(sets, name, folds=folds, c=c, threshold=threshold,
                                      link_threshold=link_threshold, link=link) for name in sets if folds > 1}
    return Trained(model, linker, validated)


def out_of_fold(sets: dict[str, Labelled], part: Labelled, linker: ScorerModel | None, *, c: float,
                threshold: float, folds: int) -> ScorerModel | Callable[[str], ScorerModel | None] | None:
    """For a set whose sides taught the linker, each text's linker trained without its fold: the scorer then
    learns from the linker's mistakes on texts it did not see, not from its near-perfect recall of its own
    training texts. Other sets: the linker itself."""
    if not part.links or linker is None:
        return linker
    held = folds_of(part, folds)
    linkers = [fit_linker(sets, c=c, threshold=threshold, without=texts, trained_on={}) for texts in held]
    fold_of = {group: k for k, texts in enumerate(held) for group in texts}
    return lambda group: linkers[fold_of[group]]


@dataclass
class Trained:
    """The scorer, the linker (None without sentences or articles whose sides are marked) and each set's
    cross-validated documents."""

    scorer: ScorerModel
    linker: ScorerModel | None
    validated: dict[str, dict[str, dict[str, Any]]]
