"""Invariants of every document record, on arbitrary text: no exception escapes, every item's offsets
lie in the text and slice to its text, and the record survives a JSON round trip."""

from __future__ import annotations

from collections.abc import Iterator

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.document import Document, Span
from newsgraph.pipeline import Pipeline
from newsgraph.readers import ReadError, read_text

WORDS = ["Gondor", "Arnor's", "President", "Elena", "Varga", "said", "“", "”", '"', "'", "on", "Tuesday", "$3bn",
         "killed", "12", "people", "visited", "the", "\n\n", "(", ")", "[", "]", "—", "\u200b", "\u202e", "\x00"]


def spans(doc: Document) -> Iterator[Span]:
    yield from doc.set_aside
    for actor in doc.actors:
        yield from actor.mentions
    yield from doc.quotes
    yield from doc.dates
    yield from doc.figures
    for event in doc.events:
        yield event.trigger
        yield from event.spans


def check(doc: Document) -> None:
    for item in spans(doc):
        assert 0 <= item.start <= item.end <= len(doc.text)
        assert doc.text[item.start:item.end] == item.text
    assert Document.from_json(doc.to_json()).to_dict() == doc.to_dict()
    ids = {a.id for a in doc.actors}
    assert all(q.speaker is None or q.speaker in ids for q in doc.quotes)
    assert all(e.source in ids | {None} and e.target in ids | {None} for e in doc.events)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(min_size=1, max_size=400))
def test_arbitrary_unicode_never_breaks_a_record(pipeline: Pipeline, text: str) -> None:
    try:
        doc = pipeline.run(read_text(text))
    except ReadError:
        return
    check(doc)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=80))
def test_news_like_noise_never_breaks_a_record(pipeline: Pipeline, words: list[str]) -> None:
    try:
        doc = pipeline.run(read_text("Title\n\n" + " ".join(words)))
    except ReadError:
        return
    check(doc)
