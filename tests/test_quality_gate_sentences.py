"""Quality gate on public sentence sets: event types and sides on PLV (news sentences with a PLOVER type and
both sides marked, never trained on) and on PLOVER's gold standard records (the scorer's training data: a
regression check), scored by the shared ``score_sentences.py``, with floors that only go up.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from newsgraph.events.learn import Item, gsr_items, plv_items, run
from newsgraph.pipeline import Pipeline

#: score_sentences.py's figures on main when last raised.
FLOORS: dict[str, dict[str, float]] = {
    "plv": {"type_recall": 0.47, "type_precision": 0.70, "arg_recall": 0.345},
    "gsr": {"type_recall": 0.73, "type_precision": 0.98},
}
FILES = {"plv": "research/plv/PLV_train.tsv", "gsr": "research/plover/PLOVER_GSR_CAMEO.txt"}
READERS: dict[str, Callable[[Path], list[Item]]] = {"plv": plv_items, "gsr": gsr_items}


@pytest.fixture(scope="module")
def figures(shared: Path, pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    out = {}
    for name, relative in FILES.items():
        gold = shared / relative
        if not gold.exists():
            pytest.skip(f"{gold} is not there")
        pred = tmp_path_factory.mktemp(name) / "pred.jsonl"
        with pred.open("w", encoding="utf-8") as handle:
            for item in READERS[name](gold):
                handle.write(run(pipeline, item).document.to_json() + "\n")
        scored = subprocess.run([sys.executable, str(shared / "eval" / "score_sentences.py"), "--gold", str(gold),
                                 "--cmd", f"cat {pred}", "--json"], capture_output=True, text=True, check=True)
        out[name] = json.loads(scored.stdout.strip().splitlines()[-1])
    return out


@pytest.mark.slow
@pytest.mark.parametrize(("name", "figure", "floor"),
                         [(n, f, v) for n, floors in sorted(FLOORS.items()) for f, v in sorted(floors.items())])
def test_sentence_set_figure_stays_above_floor(figures: dict[str, dict], name: str, figure: str,
                                               floor: float) -> None:
    assert figures[name][figure] is not None and figures[name][figure] >= floor, figures[name]
