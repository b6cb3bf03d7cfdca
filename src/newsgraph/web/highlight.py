"""The document view: the text cut into lines and pieces, each piece knowing which items cover it.

Mentions, quotes, event triggers and event evidence spans may overlap; a sweep over their boundaries
cuts the text into pieces that each carry the classes and item references of everything covering them,
so the template can render flat ``<span>``s (escaped by Jinja) and the page script can light up an event.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import pairwise

from newsgraph.document import Document


@dataclass(frozen=True)
class Mark:
    """One highlighted item: a stretch of the text, a CSS class and the reference the page uses for it."""

    start: int
    end: int
    cls: str
    ref: str


@dataclass(frozen=True)
class Piece:
    text: str
    classes: tuple[str, ...] = ()
    refs: tuple[str, ...] = ()


@dataclass
class Line:
    """One line of the text; ``aside`` is the set-aside kind (caption, heading, ...) or None for story text."""

    start: int
    aside: str | None
    pieces: list[Piece] = field(default_factory=list)


def marks(document: Document) -> list[Mark]:
    """Every highlightable item of the document, clamped to the text (bad offsets never break the view)."""
    found = [Mark(m.start, m.end, "m", f"a{i}") for i, a in enumerate(document.actors) for m in a.mentions]
    found += [Mark(q.start, q.end, "q", f"q{i}") for i, q in enumerate(document.quotes)]
    for i, e in enumerate(document.events):
        found.append(Mark(e.trigger.start, e.trigger.end, "t", f"e{i}"))
        found += [Mark(s.start, s.end, "ev", f"e{i}") for s in e.spans]
    size = len(document.text)
    clamped = [Mark(max(0, min(m.start, size)), max(0, min(m.end, size)), m.cls, m.ref) for m in found]
    return [m for m in clamped if m.start < m.end]


def lines(document: Document) -> list[Line]:
    """The text's non-empty lines, each cut into pieces by the items that cover it."""
    text = document.text
    bounds = _line_bounds(text)
    cuts = {0, len(text)} | {b for span in bounds for b in span}
    pieces = _sweep(text, marks(document), cuts)
    result = []
    index = 0
    for start, end in bounds:
        while index < len(pieces) and pieces[index][0] < start:
            index += 1
        line = Line(start=start, aside=_aside_kind(document, start, end))
        while index < len(pieces) and pieces[index][0] < end:
            line.pieces.append(pieces[index][1])
            index += 1
        result.append(line)
    return result


def _line_bounds(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for part in text.split("\n"):
        end = start + len(part)
        if part.strip():
            bounds.append((start, end))
        start = end + 1
    return bounds


def _aside_kind(document: Document, start: int, end: int) -> str | None:
    return next((s.kind for s in document.set_aside if s.start < end and start < s.end), None)


def _sweep(text: str, found: list[Mark], cuts: set[int]) -> list[tuple[int, Piece]]:
    opening: dict[int, list[Mark]] = defaultdict(list)
    closing: dict[int, list[Mark]] = defaultdict(list)
    for mark in found:
        opening[mark.start].append(mark)
        closing[mark.end].append(mark)
    points = sorted(cuts | set(opening) | set(closing))
    active: dict[Mark, None] = {}
    pieces = []
    for a, b in pairwise(points):
        for mark in closing.get(a, []):
            active.pop(mark, None)
        for mark in opening.get(a, []):
            active[mark] = None
        classes = tuple(sorted({m.cls for m in active}))
        refs = tuple(sorted({m.ref for m in active}))
        pieces.append((a, Piece(text[a:b], classes, refs)))
    return pieces
