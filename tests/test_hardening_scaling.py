"""Texts built to make extraction quadratic (issue 17): crowded quotation marks and many short paragraphs.
Ten times the input costs at most fifteen times the CPU time (measured on the same machine, in this process),
and a text of 1.9 MB that would take minutes stops at its work budget, recorded as a failure, well under a
minute and 1.5 GB."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from newsgraph.document import Failure
from newsgraph.pipeline import Pipeline
from newsgraph.readers import read_text
from newsgraph.settings import Settings

SHAPES: dict[str, Callable[[int], str]] = {
    "quotation marks": lambda n: "Quotes\n" + "\"a\" “b” 'c' «d» " * n,
    "paragraphs": lambda n: "Ruto met Hassan.\n\n" * n,
}


def cpu_seconds(pipeline: Pipeline, text: str) -> float:
    began = time.process_time()
    pipeline.run(read_text(text))
    return time.process_time() - began


@pytest.mark.slow
@pytest.mark.parametrize("shape", SHAPES)
def test_ten_times_the_units_cost_at_most_fifteen_times_the_time(shape: str) -> None:
    pipeline = Pipeline(Settings(max_seconds=None))
    small, large = cpu_seconds(pipeline, SHAPES[shape](1_000)), cpu_seconds(pipeline, SHAPES[shape](10_000))
    assert large <= 15 * small, (shape, round(small, 2), round(large, 2))


def test_a_document_over_its_budget_is_a_failure_and_the_next_is_extracted(pipeline: Pipeline) -> None:
    budgeted = Pipeline(Settings(max_seconds=1.0), model=pipeline.nlp)
    hostile = read_text(SHAPES["quotation marks"](8_000), "hostile.txt")  # 7 parse chunks, seconds each
    good = read_text("Envoys meet\n\nKenya's president met Uganda's envoy in Nairobi on Monday.\n", "good.txt")
    first, second = budgeted.run_many([hostile, good])
    assert isinstance(first, Failure) and first.kind == "bad-input"
    assert first.reason.startswith("hostile.txt: extraction stopped after 1 s, in the parse (the work budget")
    assert not isinstance(second, Failure) and {a.country for a in second[1].actors} >= {"KEN", "UGA"}


#: The CLI in a process of its own, then its time and peak memory (VmHWM: this process's own, where the
#: rusage figure would keep the peak of the process it was forked from).
RUN = """
import json, sys, time
from newsgraph.cli import main
began = time.monotonic()
try:
    main(sys.argv[1:])
except SystemExit as e:
    code = e.code
peak = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"code": code, "seconds": time.monotonic() - began, "max_rss_mb": int(peak.split()[1]) / 1024}),
      file=sys.stderr)
"""


@pytest.mark.slow
@pytest.mark.parametrize("shape", SHAPES)
def test_a_hostile_text_of_1_9_megabytes_ends_within_a_minute_and_1_5_gigabytes(tmp_path: Path, shape: str) -> None:
    article = tmp_path / "hostile.txt"
    article.write_text(SHAPES[shape](106_000), encoding="utf-8")
    assert article.stat().st_size > 1_900_000 and len(article.read_text(encoding="utf-8")) < 2_000_000
    done = subprocess.run([sys.executable, "-c", RUN, "extract", "--workers", "1", str(article)],
                          capture_output=True, text=True, timeout=300)
    *errors, figures = done.stderr.splitlines()
    measured = json.loads(figures)
    assert measured["code"] == 1 and done.stdout == ""
    assert errors == [f"newsgraph: error: {article}: extraction stopped after 30 s, in the parse (the work budget "
                      "of one document; --max-seconds sets it)", "newsgraph: 1 input(s) failed, 0 extracted"]
    assert measured["seconds"] < 60 and measured["max_rss_mb"] < 1_500, measured
