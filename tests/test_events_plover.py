"""Sentence benchmark: the shared sentence scorer on a fixed sample of the PLOVER gold standard records.

The sample (every fourth coded record, written to a temporary file at test time) keeps the run under a
minute; the floors are the figures reached when they were last raised, and only go up.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

GOLD = Path("research") / "plover" / "PLOVER_GSR_CAMEO.txt"
#: Every STEP-th coded record is scored.
STEP = 4
FLOORS = {"type_recall": 0.76, "type_precision": 0.83}


@pytest.fixture(scope="module")
def figures(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, float]:
    records = json.loads((shared / GOLD).read_text(encoding="utf-8"))
    coded = [r for r in records if r.get("event") and r.get("event") != "DOCUMENT"]
    sample = tmp_path_factory.mktemp("plover") / "sample.txt"
    sample.write_text(json.dumps(coded[::STEP]), encoding="utf-8")
    cli = Path(sys.executable).parent / "newsgraph"
    command = [sys.executable, str(shared / "eval" / "score_sentences.py"), "--gold", str(sample), "--json",
               "--cmd", f"{cli} extract --format jsonl {{file}}"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-2000:]
    found: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return found


@pytest.mark.parametrize(("name", "floor"), sorted(FLOORS.items()))
def test_plover_sample_stays_above_floor(figures: dict[str, float], name: str, floor: float) -> None:
    assert figures[name] >= floor, figures


def test_plover_sample_has_an_output_for_every_sentence(figures: dict[str, float]) -> None:
    assert figures["missing_outputs"] == 0
