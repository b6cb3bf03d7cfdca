"""Deduplication of tellings (events/dedup.py) and the definite event nouns it is told of."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph import nlp
from newsgraph.document import Event, Span
from newsgraph.events import definite_nouns
from newsgraph.events.dedup import dedup, lend_dates


@pytest.fixture(scope="module")
def model() -> Language:
    return nlp.load()


def killing(start: int, source: str | None, date: str) -> Event:
    span = Span(start, start + 6, "murder")
    return Event(id="", type="ASSAULT", source=source, target="elendil", trigger=span, evidence=f"s{start}",
                 spans=[span], date=date, reason=f"murder:asserted:noun:date:{date}", dated_by="clause")


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


def telling(kind: str, start: int, sides: tuple[str | None, str | None], date: str, *, own: bool) -> Event:
    span = Span(start, start + 6, "marchd")
    reason = f"x:asserted:verb:date:{date}" if own else "x:asserted:verb:published:sides=open"
    return Event(id="", type=kind, source=sides[0], target=sides[1], trigger=span, evidence=f"s{start}",
                 spans=[span], date=date, reason=reason, dated_by="clause" if own else "published")


@pytest.mark.parametrize(("kind", "dropped_sides", "dropped_date", "sentences_apart", "lent"), [
    # "marched on Saturday" (doer unresolved), then "the students marched to the palace"
    ("PROTEST", (None, "gondor"), "2030-03-23", 2, True),
    # the named side agrees: "Arnor met on Friday ... Arnor met Gondor's envoy"
    ("CONSULT", ("arnor", None), "2030-03-25", 1, True),
    # another side named: a different meeting
    ("CONSULT", ("rohan", None), "2030-03-25", 1, False),
    # too far back to be the same telling
    ("PROTEST", (None, "gondor"), "2030-03-23", 6, False),
    # an old date is background history, not the undated event
    ("PROTEST", (None, "gondor"), "2014", 1, False),
])
def test_a_dropped_telling_lends_its_date_to_an_undated_one(
        kind: str, dropped_sides: tuple[str | None, str | None], dropped_date: str, sentences_apart: int,
        lent: bool) -> None:
    dropped = telling(kind, 0, dropped_sides, dropped_date, own=True)
    kept = telling(kind, 100, ("arnor", "palace"), "2030-03-28", own=False)
    lend_dates([kept], [dropped], sentence_of=lambda offset: 0 if offset < 100 else sentences_apart)
    assert (kept.date == dropped_date) is lent
    assert ("earlier-telling" in kept.reason) is lent
