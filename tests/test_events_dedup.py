"""Deduplication of tellings (events/dedup.py) and the definite event nouns it is told of."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph import nlp
from newsgraph.document import Event, Span
from newsgraph.events import definite_nouns
from newsgraph.events.dedup import dedup


@pytest.fixture(scope="module")
def model() -> Language:
    return nlp.load()


def killing(start: int, source: str | None, date: str) -> Event:
    span = Span(start, start + 6, "murder")
    return Event(id="", type="ASSAULT", source=source, target="elendil", trigger=span, evidence=f"s{start}",
                 spans=[span], date=date, reason=f"murder:asserted:noun:date:{date}")


@pytest.mark.parametrize(("definite", "merged"), [
    # "accepted responsibility in December for the murder": the sentence's date is the acceptance's
    ({100}, 1),
    # "a murder in December" with no doer named is another killing
    (set(), 2),
])
def test_a_definite_telling_with_no_doer_keeps_no_date_of_its_own(definite: set[int], merged: int) -> None:
    events = [killing(0, "mordor", "2030-10"), killing(100, None, "2030-12")]
    assert len(dedup(events, definite=definite)) == merged


def test_definite_nouns_are_the_event_nouns_with_a_definite_determiner(model: Language) -> None:
    text = "Mordor denied a murder. Arnor condemned the murder."
    parsed = model(text)
    first, second = text.index("murder"), text.rindex("murder")
    events = [killing(first, None, "2030-10"), killing(second, None, "2030-10")]
    assert definite_nouns(parsed, events) == {second}
