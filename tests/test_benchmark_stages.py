"""benchmarks/stages.py: each stage's share of extraction time, on stories written for the test."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

STORIES = [
    {"id": "a", "text": "Gondor and Arnor talk\n\nThe foreign minister of Gondor met his Arnorian counterpart.\n"},
    {"id": "b", "text": "Mordor raid\n\nMordor attacked a border town of Gondor on Tuesday, officials said.\n"},
]


def test_the_stage_shares_cover_the_whole_extraction(tmp_path: Path) -> None:
    corpus = tmp_path / "stories.jsonl"
    corpus.write_text("".join(json.dumps(s) + "\n" for s in STORIES), encoding="utf-8")
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "stages.py"), "--corpus", str(corpus), "--json"],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    figures = json.loads(run.stdout.strip().splitlines()[-1])
    assert figures["records"] == 2
    stages = ("prepare", "parse", "quotations", "actors", "quotes", "dates", "figures", "events")
    assert abs(sum(figures["shares"][s] for s in stages) - 1.0) < 0.01
    assert figures["shares"]["parse"] > 0
