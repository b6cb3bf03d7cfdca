"""The stage contract: docs/architecture.md's table says what each stage reads and fills, and the
pipeline refuses an order in which a stage would read what nothing has filled yet."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsgraph.pipeline import STAGES, Pipeline, Work, check_order, stage
from newsgraph.readers import read_text
from newsgraph.settings import Settings

DOC = Path(__file__).resolve().parents[1] / "docs" / "architecture.md"


def documented_stages() -> list[tuple[str, frozenset[str], frozenset[str]]]:
    rows = re.findall(r"^\| (\w+) \| ([\w ]+) \| ([\w ]+) \| `[^`]+` \|$", DOC.read_text(encoding="utf-8"), re.M)
    return [(name, frozenset(req.split()), frozenset(out.split())) for name, req, out in rows]


def test_the_architecture_table_names_every_stage_in_order_with_its_fields() -> None:
    declared = [(s.name, s.requires, s.assigns) for s in STAGES]
    assert documented_stages() == declared


def test_the_shipped_order_is_accepted_and_every_field_read_is_filled_first() -> None:
    check_order(STAGES)
    filled = {"text", "set_aside", "published", "parse"}
    for s in STAGES:
        assert s.requires <= filled, s.name
        filled |= s.assigns


def test_a_stage_before_what_it_reads_is_refused_when_the_pipeline_is_built() -> None:
    events_first = (STAGES[-1], *STAGES[:-1])
    with pytest.raises(ValueError, match=r"stage 'events' requires actors, dates, quotes"):
        Pipeline(Settings(), stages=events_first)


def test_a_stage_written_by_a_user_runs_in_its_place(pipeline: Pipeline) -> None:
    seen: list[list[str]] = []

    def names(work: Work, _settings: Settings) -> None:
        seen.append(sorted(a.name for a in work.document.actors if a.kind == "person"))

    extra = stage("names", names, requires="actors", assigns="")
    with pytest.raises(ValueError, match="requires actors"):
        check_order((STAGES[0], extra, *STAGES[1:]))
    runner = Pipeline(pipeline.settings, model=pipeline.nlp, stages=(*STAGES[:2], extra, *STAGES[2:]))
    document = runner.run(read_text("Talks\n\nPeter Walsh met Sarah Miller in Arnor on Monday.\n"))
    assert seen[-1] == ["Peter Walsh", "Sarah Miller"]
    assert document.events
