"""Quality gates: the shared scorers on ../shared/gold, with floors that only go up.

The floors are the figures reached on main when they were last raised; a change that drops below
one fails here. Raise a floor when a change lifts its figure.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from newsgraph.pipeline import Pipeline
from newsgraph.readers import read_inputs
from tests.conftest import ROOT

#: Means over all annotated articles ("documents" as the scorer summarises them).
MEAN_FLOORS: dict[str, float] = {
    "published_ok": 1.0,
    "actors.recall": 0.955,
    "actors.precision": 0.935,
    "actors.country_accuracy": 0.945,
    "dates.accuracy": 0.98,
    "figures.recall": 1.0,
    "quotes.recall": 0.98,
    "quotes.attribution": 0.95,
    "quotes.indirect_recall": 0.86,
    "events.f1": 0.67,
    "events.precision": 0.94,
    "events.recall": 0.565,
    "events.dyad_recall": 0.57,
    "events.date_accuracy": 0.93,
}
#: Upper bounds over all annotated articles (sums).
MAX_TOTALS: dict[str, int] = {
    "actors.splits": 4,
    "events.from_noise_lines": 0,
}
#: Figures on the seed article.
SEED_FLOORS: dict[str, float] = {
    "actors.recall": 1.0,
    "actors.precision": 0.95,
    "actors.country_accuracy": 1.0,
    "dates.accuracy": 1.0,
    "figures.recall": 1.0,
    "quotes.recall": 1.0,
    "quotes.attribution": 1.0,
    "events.f1": 0.93,
    "events.precision": 0.93,
    "events.recall": 0.93,
    "events.dyad_recall": 0.93,
    "events.date_accuracy": 0.92,
}
SEED_MAX: dict[str, int] = {"actors.splits": 0, "events.from_noise_lines": 0}


def scorer(shared: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("newsgraph_shared_score", shared / "eval" / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def results(shared: Path, pipeline: Pipeline) -> list[dict[str, Any]]:
    score = scorer(shared)
    out = []
    for gold_path in sorted((shared / "gold").glob("*/gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        article = gold_path.parent / gold["file"]
        [raw] = list(read_inputs([str(article)]))
        if gold.get("published_given"):
            raw.published, raw.published_reason = gold["published"], "given"
        doc = pipeline.run(raw)  # type: ignore[arg-type]
        out.append(score.score(gold, json.loads(doc.to_json()), article.read_text(encoding="utf-8")))
    return out


def figure(result: dict[str, Any], name: str) -> Any:
    if "." not in name:
        return result[name]
    section, key = name.split(".")
    return result[section][key]


@pytest.mark.parametrize(("name", "floor"), sorted(MEAN_FLOORS.items()))
def test_mean_over_gold_articles_stays_above_floor(shared: Path, results: list[dict[str, Any]], name: str,
                                                   floor: float) -> None:
    summary = scorer(shared).summarize(results)
    assert summary[name] is not None and summary[name] >= floor, summary


@pytest.mark.parametrize(("name", "ceiling"), sorted(MAX_TOTALS.items()))
def test_totals_over_gold_articles_stay_below_ceiling(shared: Path, results: list[dict[str, Any]], name: str,
                                                      ceiling: int) -> None:
    assert scorer(shared).summarize(results)[name] <= ceiling


@pytest.mark.parametrize(("name", "floor"), sorted(SEED_FLOORS.items()))
def test_seed_article_stays_above_floor(results: list[dict[str, Any]], name: str, floor: float) -> None:
    seed = next(r for r in results if r["doc"] == "seed")
    assert figure(seed, name) is not None and figure(seed, name) >= floor, seed[name.split(".")[0]]


@pytest.mark.parametrize(("name", "ceiling"), sorted(SEED_MAX.items()))
def test_seed_article_stays_below_ceiling(results: list[dict[str, Any]], name: str, ceiling: int) -> None:
    seed = next(r for r in results if r["doc"] == "seed")
    assert figure(seed, name) <= ceiling


def test_scorer_command_runs_the_cli_on_the_seed(shared: Path, tmp_path: Path) -> None:
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "seed").symlink_to(shared / "gold" / "seed")
    cli = Path(sys.executable).parent / "newsgraph"
    command = [sys.executable, str(shared / "eval" / "score.py"), "--gold-dir", str(gold_dir), "--json",
               "--cmd", f"{cli} extract --format json {{published_opt}} {{file}}"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-2000:]
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["published_ok"] == 1.0 and summary["actors.recall"] >= SEED_FLOORS["actors.recall"]
