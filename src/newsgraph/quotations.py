"""Quotation spans: where each quotation opens and closes, found once, before actors and attribution.

Quotation marks are paired inside story paragraphs (set-aside lines and blank lines end a paragraph), so a
quotation never spans paragraphs; an opening mark left unclosed at a paragraph end closes there, and the
next paragraph that opens with a mark continues it. Only outermost pairs are quotations (inner ones are
quotes within the quote). The actors stage reads these spans (a pronoun inside a quotation is its
speaker's), and ``quotes.py`` attributes them after the actors stage.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from newsgraph.document import Document

DOUBLE_OPEN, DOUBLE_CLOSE, DOUBLE_EITHER = "“„«", "”»", '"'
SINGLE_OPEN, SINGLE_CLOSE, SINGLE_EITHER = "‘‹", "’›", "'"
QUOTE_MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE_EITHER + SINGLE_OPEN + SINGLE_CLOSE + SINGLE_EITHER
OPEN_BEFORE = "([{—–-/:;,"
CLOSE_AFTER = ".,;:!?)]}—–-…"
#: Two apostrophes in a row stand for a double quotation mark in some archives' plain text.
DOUBLED = "''"
_FAR = 1 << 62


def paragraphs(document: Document) -> list[tuple[int, int]]:
    """Story paragraphs: runs of non-blank lines, cut at blank lines and at set-aside lines."""
    text, out, start = document.text, [], None
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        story = bool(line.strip()) and not document.is_set_aside(pos, max(end, pos + 1))
        if story and start is None:
            start = pos
        if not story and start is not None:
            out.append((start, pos - 1))
            start = None
        pos = end + 1
    if start is not None:
        out.append((start, len(text)))
    return out


@dataclass
class Mark:
    pos: int
    family: str  # "double" or "single"
    role: str  # "open", "close" or "either"


def _role(text: str, i: int, lo: int, hi: int, *, width: int = 1) -> str | None:
    ch = '"' if width == 2 else text[i]
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + width] if i + width < hi else " "
    if ch in DOUBLE_OPEN + SINGLE_OPEN:
        return None if ch == "‘" and prev.isalnum() else "open"
    if ch in DOUBLE_CLOSE + SINGLE_CLOSE:
        if ch == "’" and prev.isalnum() and nxt.isalnum():
            return None  # an apostrophe: won’t, Gondor’s
        return None if ch == "’" and prev.isspace() else "close"
    if ch == "'" and prev.isalnum() and nxt.isalnum():
        return None
    opens = (prev.isspace() or prev in OPEN_BEFORE or prev in QUOTE_MARKS) and not nxt.isspace()
    closes = (nxt.isspace() or nxt in CLOSE_AFTER or nxt in QUOTE_MARKS) and not prev.isspace()
    if opens != closes:
        return "open" if opens else "close"
    return "either" if ch == '"' else None


def marks(text: str, lo: int, hi: int) -> list[Mark]:
    """The quotation marks of ``text[lo:hi]``; two apostrophes in a row (``''``) are one double mark."""
    out, i = [], lo
    while i < hi:
        width = 2 if text.startswith(DOUBLED, i) and i + 1 < hi else 1
        if text[i] in QUOTE_MARKS:
            role = _role(text, i, lo, hi, width=width)
            double = width == 2 or text[i] in DOUBLE_OPEN + DOUBLE_CLOSE + '"'
            if role:
                out.append(Mark(i, "double" if double else "single", role))
        i += width
    return out


@dataclass
class Pair:
    """A top-level quotation: the opening mark, the closing mark (None when left open)."""

    open: int
    close: int | None


def pair_marks(found: list[Mark]) -> list[Pair]:
    """Pair marks with a stack; only outermost pairs are quotes (inner ones are nested quotes). Where each family
    last stands in the stack is kept beside it, so pairing is linear in the marks."""
    stack: list[Mark] = []
    where: dict[str, list[int]] = {"double": [], "single": []}
    pairs: list[Pair] = []
    for mark in found:
        match = where[mark.family][-1] if where[mark.family] else None
        closing = mark.role == "close" or (mark.role == "either" and match is not None)
        if not closing:
            where[mark.family].append(len(stack))
            stack.append(mark)
            continue
        if match is None:
            continue  # a stray closing mark (or a plural possessive)
        if match == 0:
            pairs.append(Pair(stack[0].pos, mark.pos))
        del stack[match:]
        for indices in where.values():
            while indices and indices[-1] >= match:
                indices.pop()
    if stack and stack[0].family == "double":
        pairs.append(Pair(stack[0].pos, None))
    return pairs


# ---------------------------------------------------------------- the working context


@dataclass
class Quotation:
    """A quotation found in the text, before its speaker is known: the words inside the marks
    (``start``/``end``), the marks themselves (``open``/``close``; ``close`` is the paragraph end when the
    quotation is left open; ``after`` just after the closing mark) and the index of its paragraph."""

    start: int
    end: int
    open: int
    close: int
    after: int
    para: int
    continues: bool = False
    unclosed: bool = False


@dataclass(frozen=True)
class Quotations:
    """The document's story paragraphs and its quotations, in text order, with look-ups by position."""

    paras: tuple[tuple[int, int], ...]
    found: tuple[Quotation, ...]
    opens: tuple[int, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "opens", tuple(q.open for q in self.found))

    @property
    def spans(self) -> list[tuple[int, int]]:
        """Each quotation from its opening mark to just after its closing mark."""
        return [(q.open, q.after) for q in self.found]

    def at(self, pos: int) -> Quotation | None:
        """The quotation whose marks enclose ``pos`` (the marks included), if any."""
        i = bisect_right(self.opens, pos) - 1
        if i >= 0 and self.found[i].open <= pos <= self.found[i].close:
            return self.found[i]
        return None

    def inside(self, pos: int) -> bool:
        return self.at(pos) is not None


def find_quotations(document: Document) -> Quotations:
    """Every top-level quotation of the story text, paired within its paragraph."""
    text, out = document.text, []
    paras = paragraphs(document)
    for k, (lo, hi) in enumerate(paras):
        for pair in pair_marks(marks(text, lo, hi)):
            close = hi if pair.close is None else pair.close
            found = _trimmed(text, pair.open + _width(text, pair.open), close)
            if found is None:
                continue
            start, end = found
            after = close + (_width(text, close) if pair.close is not None else 1)
            out.append(Quotation(start, end, pair.open, close, after, k, unclosed=pair.close is None))
    _mark_continuations(text, paras, out)
    return Quotations(tuple(paras), tuple(out))


def _width(text: str, mark: int) -> int:
    return 2 if text.startswith(DOUBLED, mark) else 1


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if not any(ch.isalnum() for ch in text[start:end]):
        return None
    return start, end


def _mark_continuations(text: str, paras: list[tuple[int, int]], found: list[Quotation]) -> None:
    """A paragraph opening with a quote mark after a paragraph whose quote was left open continues it."""
    last_unclosed = {f.para for f in found if f.unclosed}
    firsts = {f.para: f for f in reversed(found)}  # only a paragraph's first quotation can open it
    for f in firsts.values():
        if f.para - 1 in last_unclosed and text[paras[f.para][0]:f.open].strip() == "":
            f.continues = True

