"""The document view's pieces and the SVG geometry, on items written for the tests."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as hs

from newsgraph.document import Actor, Document, Event, Mention, Quote, SetAside, Span
from newsgraph.web import highlight

TEXT = "Gondor hailed Arnor.\n\nCaption: Arnor's king\nGondor said it would \"help Arnor\" soon.\n"


def at(word: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return start, start + len(word)


def document() -> Document:
    doc = Document(text=TEXT)
    doc.actors = [Actor("g", "Gondor", "country", mentions=[Mention(*at("Gondor", n), "Gondor") for n in (0, 1)]),
                  Actor("a", "Arnor", "country", mentions=[Mention(*at("Arnor", n), "Arnor") for n in (0, 1, 2)])]
    doc.quotes = [Quote(*at("help Arnor"), "help Arnor", id="q", speaker="g")]
    doc.events = [Event("e", "SUPPORT", "g", "a", Span(*at("hailed"), "hailed"), "Gondor hailed Arnor.",
                        spans=[Span(*at("Gondor hailed Arnor"), "Gondor hailed Arnor")])]
    doc.set_aside = [SetAside(*at("Caption: Arnor's king"), "Caption: Arnor's king", kind="caption")]
    return doc


def test_pieces_rebuild_every_non_empty_line() -> None:
    lines = highlight.lines(document())
    assert ["".join(p.text for p in line.pieces) for line in lines] == [
        "Gondor hailed Arnor.", "Caption: Arnor's king", 'Gondor said it would "help Arnor" soon.']
    assert [line.aside for line in lines] == [None, "caption", None]


@pytest.mark.parametrize(("text", "nth", "classes", "refs"), [
    ("Gondor", 0, ("ev", "m"), ("a0", "e0")),
    ("Gondor", 1, ("m",), ("a0",)),
    ("hailed", 0, ("ev", "t"), ("e0",)),
    ("help ", 0, ("q",), ("q0",)),
    ("Arnor", 2, ("m", "q"), ("a1", "q0")),
    ('" soon.', 0, (), ()),
])
def test_overlapping_items_combine_on_a_piece(text: str, nth: int, classes: tuple[str, ...],
                                              refs: tuple[str, ...]) -> None:
    pieces = [p for line in highlight.lines(document()) for p in line.pieces if p.text == text]
    assert (pieces[nth].classes, pieces[nth].refs) == (classes, refs)


@given(start=hs.integers(-50, 200), end=hs.integers(-50, 200))
def test_bad_offsets_never_break_the_view(start: int, end: int) -> None:
    doc = document()
    doc.quotes.append(Quote(start, end, "?", id="bad"))
    lines = highlight.lines(doc)
    assert "".join(p.text for line in lines for p in line.pieces) == TEXT.replace("\n", "")
