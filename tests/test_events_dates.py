"""Event dates (events/context.py): a time expression of the event's own clause, else of a clause it is told
in, else the story's frame (the paragraph's last dated sentence, the lead's date) for an event told in the
past, else publication."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from newsgraph import nlp
from newsgraph.dates import resolve_all
from newsgraph.document import Document, Quote
from newsgraph.events.context import Dating, event_date

PUBLISHED = "2021-03-04"  # a Thursday
MON, TUE, WED = "2021-03-01", "2021-03-02", "2021-03-03"


@pytest.fixture(scope="module")
def model() -> Language:
    return nlp.load()


def dating(model: Language, text: str, word: str, *, quotes: list[Quote] | None = None) -> Dating:
    """The dating of the last occurrence of ``word`` in the story."""
    parsed = model(text)
    document = Document(text=text, published=PUBLISHED, quotes=quotes or [])
    document.dates = resolve_all(text, dt.date.fromisoformat(PUBLISHED), parsed=parsed)
    start = text.rindex(word)
    token = next(t for t in parsed if t.idx == start)
    return event_date(token, document)


@pytest.mark.parametrize(("text", "word", "expected"), [
    # each clause of a coordination keeps its own time expression
    ("Gondor and Arnor met on Monday and signed a treaty on Tuesday.", "signed", (TUE, "clause")),
    # a clause told in a dated one takes its date
    ("Elendil said on Monday that Mordor had attacked the border.", "attacked", (MON, "linked")),
    # the last dated sentence of the paragraph frames an undated past event
    ("Rohan's envoys arrived in Minas Tirith on Monday. They met the king of Gondor.", "met", (MON, "paragraph")),
    # else the lead's date does
    ("Mordor attacked Gondor on Tuesday.\n\nThe riders of Rohan crossed the river.\n\nArnor condemned the attack.",
     "condemned", (TUE, "lead")),
    # a headline's present tense tells the news of the lead
    ("Gondor signs treaty with Arnor\nGondor and Arnor signed a treaty on Monday in Osgiliath.", "signs",
     (MON, "lead")),
])
def test_an_event_is_dated_by_its_clause_else_by_the_story(model: Language, text: str, word: str,
                                                           expected: tuple[str, str]) -> None:
    found = dating(model, text, word)
    assert (found.value, found.kind) == expected


@pytest.mark.parametrize("sentence", [
    "Arnor says it condemns the attack.",  # a present-tense report
    "Arnor has condemned the attack.",  # present perfect
])
def test_an_event_told_in_the_present_takes_the_publication_date(model: Language, sentence: str) -> None:
    text = f"Mordor attacked Gondor on Tuesday.\n\n{sentence}"
    found = dating(model, text, "condemn")
    assert (found.value, found.kind) == (PUBLISHED, "present")


@pytest.mark.parametrize("lead", [
    "In 1990, Mordor invaded Gondor.",  # background, not the news of the day
    "The March 1 agreement between Gondor and Arnor was a surprise.",  # the date of a thing, not of a telling
    "After the envoys of Arnor arrived on Monday, the council of Gondor met.",  # the date of an earlier event
])
def test_an_old_adnominal_or_subordinate_date_frames_nothing(model: Language, lead: str) -> None:
    found = dating(model, f"{lead}\n\nArnor condemned the invasion.", "condemned")
    assert (found.value, found.kind) == (PUBLISHED, "published")


def test_a_quotation_is_dated_by_the_tense_of_its_reporting_clause(model: Language) -> None:
    text = 'On Monday, Gondor and Arnor met in Osgiliath.\n\n"We have signed the treaty," Elendil said.'
    start = text.index('"')
    quote = Quote(start, text.index('"', start + 1) + 1, text[start:text.index('"', start + 1) + 1], id="q1")
    found = dating(model, text, "signed", quotes=[quote])
    assert (found.value, found.kind) == (MON, "lead")
