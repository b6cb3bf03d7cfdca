"""Tributes to the dead (events/tribute.py) on short stories written for the tests."""

from __future__ import annotations

import pytest

from newsgraph.document import Document
from newsgraph.pipeline import Pipeline
from newsgraph.readers.base import RawDocument

DEATH = ("Former president Elrond Halfelven has died at the age of 90, the government announced on Friday. "
         "He led the country for thirty years.\n\n")


def run(pipeline: Pipeline, text: str) -> Document:
    return pipeline.run(RawDocument(text=text, origin="test", published="2030-05-06"))


def name(document: Document, actor_id: str | None) -> str | None:
    actor = document.actor(actor_id) if actor_id else None
    return actor.name if actor else None


def supports(document: Document) -> set[tuple[str | None, str | None]]:
    return {(name(document, e.source), name(document, e.target)) for e in document.events if e.type == "SUPPORT"}


@pytest.mark.parametrize("tribute", [
    'Offering his condolences, foreign minister Faramir Hurinson wrote on Twitter: "His years of service '
    'were sincere."',
    # the participle's "his" is the main clause's subject, past a title the parse takes as a second subject
    'Offering his condolence, speaker of the parliament Faramir Hurinson wrote on Instagram: "The years of '
    'his life have always served the people."',
    '"It is with the utmost sadness that I learned of the passing of Elrond Halfelven. His contribution '
    'to our nation will never be forgotten," said Aragorn Elessar.',
    'Boromir Denethorsson, the president of the neighbouring republic, said in a statement: "Many important '
    'dates in our history are tied to the name of Elrond Halfelven, a great and wise friend."',
])
def test_a_tribute_or_condolence_is_support_for_the_one_who_died(pipeline: Pipeline, tribute: str) -> None:
    document = run(pipeline, DEATH + tribute)
    tributes = [e for e in document.events if e.type == "SUPPORT" and name(document, e.target) == "Elrond Halfelven"]
    assert tributes, supports(document)
    assert tributes[0].date == "2030-05-03"  # the Friday of the death's telling, not the publication day
    assert name(document, tributes[0].source) != "Elrond Halfelven"


@pytest.mark.parametrize("text", [
    # no one died: the same words are no tribute
    'Elrond Halfelven retired at the age of 90 on Friday.\n\n"It is with the utmost sadness that I see him '
    'go. His contribution will never be forgotten," said Aragorn Elessar.',
    # a quotation about the dead that speaks ill of him is no tribute
    DEATH + '"Elrond Halfelven was a cruel and corrupt tyrant who ruined the country," said Aragorn Elessar.',
])
def test_no_tribute_without_a_death_or_with_ill_words(pipeline: Pipeline, text: str) -> None:
    document = run(pipeline, text)
    assert ("Aragorn Elessar", "Elrond Halfelven") not in supports(document)
