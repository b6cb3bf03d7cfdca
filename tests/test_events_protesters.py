"""A demand or accusation that protesters make is a protest against its target too (events/__init__.py)."""

from __future__ import annotations

import pytest

from newsgraph.document import Document
from newsgraph.pipeline import Pipeline
from newsgraph.readers.base import RawDocument


def typed(document: Document) -> set[tuple[str, str | None, str | None]]:
    def name(actor_id: str | None) -> str | None:
        actor = document.actor(actor_id) if actor_id else None
        return actor.name.lower() if actor else None
    return {(e.type, name(e.source), name(e.target)) for e in document.events}


@pytest.mark.parametrize("text", [
    "Thousands of protesters called for the resignation of Governor Elrond Halfelven on Sunday.",
    "Demonstrators accused Governor Elrond Halfelven of corruption outside the palace on Sunday.",
])
def test_a_demand_by_protesters_is_also_a_protest(pipeline: Pipeline, text: str) -> None:
    found = typed(pipeline.run(RawDocument(text=text, origin="test", published="2030-05-06")))
    assert any(t == "PROTEST" and s and s.endswith(("protesters", "demonstrators")) and o == "elrond halfelven"
               for t, s, o in found), found


def test_a_demand_by_others_is_no_protest(pipeline: Pipeline) -> None:
    text = "Senator Aragorn Elessar called for the resignation of Governor Elrond Halfelven on Sunday."
    found = typed(pipeline.run(RawDocument(text=text, origin="test", published="2030-05-06")))
    assert any(t == "REQUEST" for t, _, _ in found), found
    assert not any(t == "PROTEST" for t, _, _ in found), found
