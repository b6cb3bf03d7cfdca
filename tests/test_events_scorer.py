"""The learned event scorer (events/scorer.py) and its training (training/learn.py)."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import main
from newsgraph.document import Document
from newsgraph.events import find_events
from newsgraph.events.scorer import ScorerModel, shipped_model
from newsgraph.pipeline import Pipeline
from newsgraph.readers.base import RawDocument
from newsgraph.settings import Settings
from newsgraph.training.learn import Example, Sources, collect, cross_validate, fit, fit_linker, label_proposals

STORY = ("Gondor condemns Mordor over border raid\n\n"
         "The foreign minister of Gondor, Faramir Hurinson, condemned Mordor on Tuesday for the raid on the "
         "border town. Gondor and Rohan signed a trade agreement on Wednesday.\n")


def run(pipeline: Pipeline, text: str = STORY) -> Document:
    return pipeline.run(RawDocument(text=text, origin="test", published="2030-05-06"))


def model(weights: dict[str, float], *, bias: float = 0.0, threshold: float = 0.5) -> ScorerModel:
    return ScorerModel(weights=weights, bias=bias, threshold=threshold, trained_on={})


def test_the_shipped_model_scores_every_event_at_or_above_its_threshold(pipeline: Pipeline) -> None:
    trained = shipped_model()
    assert trained is not None and trained.weights and trained.trained_on
    document = run(pipeline)
    assert document.events
    assert all(e.score is not None and trained.threshold <= e.score <= 1 for e in document.events)


def test_the_threshold_leaves_out_events_the_model_doubts(pipeline: Pipeline) -> None:
    work = pipeline.run_work(RawDocument(text=STORY, origin="test", published="2030-05-06"))
    every = find_events(work.doc, work.document, min_score=0.0)
    assert every
    assert find_events(work.doc, work.document, model=model({}, bias=-5.0)) == []
    kept = find_events(work.doc, work.document, model=model({}, bias=5.0))
    assert [(e.type, e.source, e.target) for e in kept] == [(e.type, e.source, e.target) for e in every]


def test_a_model_survives_its_file() -> None:
    original = model({"T=AGREE": 0.25, "lemma=sign|AGREE": 1.5}, bias=-0.5, threshold=0.4)
    assert ScorerModel.from_json(original.to_json()) == original


def test_fitting_is_deterministic_and_learns_the_signal() -> None:
    train = [Example([f"lemma=w{i % 7}", "good" if i % 2 else "bad"], i % 2, f"g{i}") for i in range(80)]
    first, second = (fit(train, c=1.0, min_count=2, trained_on={"n": 80}) for _ in range(2))
    assert first == second
    assert first.probability(["good"]) > 0.8 > 0.2 > first.probability(["bad"])


def test_extract_min_score_zero_keeps_every_proposal(tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    article.write_text(STORY, encoding="utf-8")

    def events(*extra: str) -> list[dict]:
        result = CliRunner().invoke(main, ["extract", "--published", "2030-05-06", *extra, str(article)])
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)["events"]

    kept, every = events(), events("--min-score", "0")
    assert len(every) >= len(kept) >= 1
    assert all(e["score"] is not None for e in every)


def test_one_plv_fold_is_scored_by_a_model_that_did_not_see_it(shared: Path, tmp_path: Path) -> None:
    """Cross-validation on a sample of PLV: every sentence of a fold is coded by a model trained on the
    others; the shared sentence scorer reads the result."""
    rows = list(csv.DictReader(io.StringIO((shared / "research/plv/PLV_train.tsv").read_text()), delimiter="\t"))
    sample = tmp_path / "plv_sample.tsv"
    with sample.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter="\t")
        writer.writeheader()
        writer.writerows(rows[::8])
    sets = collect(Pipeline(Settings(score_events=False, link_events=False)), Sources(plv=sample, link_on=("plv",)))
    assert {ex.label for ex in sets["plv"].links} == {0, 1}
    for part in sets.values():
        label_proposals(part, fit_linker(sets, c=0.5, threshold=0.5, trained_on={}))
    assert {ex.label for ex in sets["plv"].examples} == {0, 1}
    validated = cross_validate(sets, "plv", folds=5, c=0.5, threshold=0.3, only=0)
    assert 0 < len(validated) < len(rows[::8])
    predictions = tmp_path / "cv.jsonl"
    predictions.write_text("".join(json.dumps(body) + "\n" for body in validated.values()))
    scored = subprocess.run([sys.executable, str(shared / "eval/score_sentences.py"), "--gold", str(sample),
                             "--cmd", f"cat {predictions}", "--json"], capture_output=True, text=True, check=True)
    figures = json.loads(scored.stdout.strip().splitlines()[-1])
    assert figures["type_precision"] >= 0.55
    assert figures["missing_outputs"] > 0  # the other folds were not scored


@pytest.fixture(scope="module")
def shared() -> Path:
    from tests.conftest import SHARED

    if not (SHARED / "research/plv/PLV_train.tsv").exists() or not importlib.util.find_spec("sklearn"):
        pytest.skip("../shared/research/plv or scikit-learn is missing")
    return SHARED


def test_the_codebook_names_only_plover_types() -> None:
    from newsgraph.events import codebook

    assert set(codebook.QUADS) == set(codebook.TYPES) and len(codebook.TYPES) == 16
    sets = [v for k, v in vars(codebook).items() if k.endswith("_TYPES") and isinstance(v, frozenset)]
    assert len(sets) >= 10 and all(s <= set(codebook.TYPES) for s in sets)
    recodings = [codebook.EASED, codebook.HALTED, codebook.BREACHED, dict(codebook.CUE_TYPES)]
    assert all(kind in codebook.TYPES for table in recodings for kind, _ in table.values())
