"""When and where: an event's date from the time expressions of its clause, else the story's frame, and a
place named there."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable
from functools import lru_cache
from itertools import islice
from typing import NamedTuple

import numpy
from spacy.attrs import LEMMA
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newsgraph.document import Document, TimeExpr
from newsgraph.events.modality import clause_verb

PLACE_LABELS = {"GPE", "LOC", "FAC"}
PLACE_PREPS = {"in", "at"}
DATED_KINDS = {"date", "interval", "year", "month", "day", "time", "datetime", "relative"}
#: The relations by which a clause is told inside another one and shares its time ("said on Monday that
#: troops had withdrawn", "met on Monday and signed a deal"); a relative clause ("the deal in which they
#: agreed ...") tells of something else, at a time of its own.
LINKED_CLAUSES = {"ccomp", "xcomp", "advcl", "conj", "parataxis"}
#: Auxiliaries that put a clause in the past ("had withdrawn", "was arrested", "did not attend").
PAST_AUX = {"was", "were", "had", "did", "'d"}
#: Auxiliaries of a clause told as of now ("has said", "is holding", "are expected").
PRESENT_AUX = {"has", "have", "is", "are", "am", "'s", "'re", "'ve", "does", "do"}
#: How many story sentences the lead date may be read from.
LEAD_SENTENCES = 3
#: How many days before publication a recent date may lie (news of the day, not background history).
RECENT_DAYS = 31
#: The kinds of dating taken from the story around an event rather than from a time expression of its own
#: (see ``Dating.kind``): another telling with its own date is better.
ASSUMED_KINDS = {"published", "present", "paragraph", "lead"}


class Dating(NamedTuple):
    """An event's date, the rule's words for the reason (``date:on Monday``), and the rule's kind: ``clause``
    (a time expression of its own clause), ``linked`` (of a clause it is told in or coordinated with),
    ``present`` (told in the present: the publication date), ``paragraph`` (the last dated sentence before it
    in its paragraph), ``lead`` (the story's lead date), ``published`` (nothing better)."""

    value: str | None
    rule: str
    kind: str


def sentence_dates(sent: SpacySpan, document: Document) -> list[TimeExpr]:
    return [d for d in document.dates
            if d.value and sent.start_char <= d.start < sent.end_char and not d.value.startswith("P")]


def event_date(token: Token, document: Document) -> Dating:
    """The time expression of the trigger's own clause; else one of a clause it is told in or coordinated
    with; else, for an event told in the past, the date of the story's frame (the last dated sentence before
    it in the paragraph, else the lead's date); else the publication date."""
    dates = sentence_dates(sentence_of(token), document)
    own = clause_date(token, dates, document.published)
    if own is not None:
        return Dating(own.value, f"date:{own.text}", "clause")
    linked = linked_date(token, dates)
    if linked is not None:
        return Dating(linked.value, f"clause-date:{linked.text}", "linked")
    if dates:
        near = min(dates, key=lambda d: abs(d.start - token.idx))
        return Dating(near.value, f"sentence-date:{near.text}", "sentence")
    tense = clause_tense(token, document)
    if tense == "present" and not in_headline(token):
        return Dating(document.published, "present-tense", "present")
    if tense is not None:
        framed = paragraph_date(token, document)
        if framed is not None:
            return Dating(framed.value, f"paragraph-date:{framed.text}", "paragraph")
        lead = lead_date(token.doc, document)
        if lead is not None:
            return Dating(lead.value, f"lead-date:{lead.text}", "lead")
    return Dating(document.published, "published", "published")


def date_verb(token: Token, date: TimeExpr) -> Token | None:
    span = token.doc.char_span(date.start, date.end, alignment_mode="expand")
    return clause_verb(span.root) if span is not None and len(span) else None


def clause_date(token: Token, dates: list[TimeExpr], published: str | None) -> TimeExpr | None:
    """The time expression nearest the trigger among those of its own clause and those of its own phrase that
    are not after publication ("sanctions that were reimposed in 2018", not "an agreement to build a
    pipeline by 2025")."""
    verb = clause_verb(token)
    start, end = token.left_edge.idx, token.right_edge.idx + len(token.right_edge)
    phrase = token.pos_ not in ("VERB", "AUX")
    own = [d for d in dates if date_verb(token, d) == verb
           or (phrase and start <= d.start < end and not after(d, published))]
    return min(own, key=lambda d: abs(d.start - token.idx), default=None)


def after(date: TimeExpr, published: str | None) -> bool:
    """True where the expression's value lies after the publication day."""
    value = (date.value or "").split("/")[0]
    return bool(published and value) and value[:10] > str(published)[:len(value[:10])]


def linked_date(token: Token, dates: list[TimeExpr]) -> TimeExpr | None:
    """A time expression of a clause the trigger's clause is told in ("said on Monday that ... had
    withdrawn") or coordinated with ("met on Monday and signed"), nearest clause first."""
    verb = clause_verb(token)
    verbs = {d.start: date_verb(token, d) for d in dates}
    for clause in linked_clauses(verb):
        found = [d for d in dates if verbs[d.start] == clause]
        if found:
            return min(found, key=lambda d: abs(d.start - token.idx))
    return None


def linked_clauses(verb: Token) -> list[Token]:
    """The clauses above ``verb`` through the ``LINKED_CLAUSES`` relations, nearest first, then the clauses
    coordinated with it."""
    above: list[Token] = []
    current = verb
    while current.dep_ in LINKED_CLAUSES and current.head is not current:
        current = clause_verb(current.head)
        above.append(current)
    return above + [c for c in verb.children if c.dep_ == "conj"]


def clause_tense(token: Token, document: Document) -> str | None:
    """``past`` or ``present`` for the nearest clause, from the trigger's up, whose verb shows a tense
    ("would strike" shows none and reads the tense of "vowed" above it); None where none does. Inside a
    quotation the tense is the reporting clause's: what is said is told at the time of saying."""
    current = clause_verb(token)
    quoted = quotation_at(token, document)
    for _ in range(6):
        tense = None if quoted and quoted[0] <= current.idx < quoted[1] else verb_tense(current)
        if tense is not None or current.head is current:
            return tense
        current = clause_verb(current.head)
    return None


def quotation_at(token: Token, document: Document) -> tuple[int, int] | None:
    """The span of the quotation the token stands in, if any."""
    return next(((q.start, q.end) for q in document.quotes
                 if q.kind != "indirect" and q.start <= token.idx < q.end), None)


def verb_tense(verb: Token) -> str | None:
    auxes = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a in PAST_AUX for a in auxes):
        return "past"
    if any(a in PRESENT_AUX for a in auxes):
        return "present"
    if auxes:
        return None  # "will", "would", "to": no tense of its own
    if verb.tag_ == "VBD":
        return "past"
    if verb.tag_ in ("VBZ", "VBP"):
        return "present"
    return None


@lru_cache(maxsize=2)
def sentences(parsed: Doc) -> tuple[SpacySpan, ...]:
    """The document's sentences, listed once (``Doc.sents`` and ``Token.sent`` walk the whole document on
    every call)."""
    return tuple(parsed.sents)


@lru_cache(maxsize=2)
def text_of(parsed: Doc) -> str:
    """The document's text, joined once (``Doc.text`` joins every token's text on every call)."""
    return parsed.text


@lru_cache(maxsize=2)
def _starts(parsed: Doc) -> list[int]:
    return [sent.start for sent in sentences(parsed)]


def sentence_of(token: Token) -> SpacySpan:
    """The sentence that holds a token (what ``token.sent`` gives, without walking the document)."""
    return sentences(token.doc)[bisect_right(_starts(token.doc), token.i) - 1]


def in_headline(token: Token) -> bool:
    """True for the story's first line where it ends without a full stop: a headline, told in the present of
    the past ("Governor announces resignation")."""
    sent = sentence_of(token)
    text = text_of(token.doc)
    return sent.start_char == 0 and "\n" in text and not text[:text.find("\n")].rstrip().endswith((".", "!", "?"))


def past_dates(sent: SpacySpan, document: Document) -> list[TimeExpr]:
    """The sentence's adverbial expressions (said of a clause, not of a thing: "met on Monday", not "the
    November 27 agreement") of a day or a month that is not after publication."""
    return [d for d in sentence_dates(sent, document)
            if d.value and len(d.value) >= 7 and "/" not in d.value and not after(d, document.published)
            and adverbial(sent.doc, d)]


def adverbial(parsed: Doc, date: TimeExpr) -> bool:
    span = parsed.char_span(date.start, date.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    head = span.root.head
    if head.pos_ == "ADP":
        head = head.head
    return head.pos_ in ("VERB", "AUX")


def sentence_date(sent: SpacySpan, document: Document) -> TimeExpr | None:
    """The date a sentence is told at: the expression of its main clause. A date of a subordinate clause
    ("after a hearing was held on May 3, the senate ...", "unrest stemming from the killing in May went on")
    is the time of another, earlier event."""
    dates = past_dates(sent, document)
    return clause_date(sent.root, dates, document.published) if dates else None


def paragraph_date(token: Token, document: Document) -> TimeExpr | None:
    """The date of the last dated sentence before the trigger's in its paragraph (its line)."""
    sent = sentence_of(token)
    paragraph = text_of(token.doc).rfind("\n", 0, sent.start_char) + 1
    while sent.start > 0 and sent.start_char > paragraph:
        sent = sentence_of(token.doc[sent.start - 1])
        found = sentence_date(sent, document)
        if found is not None and sent.start_char >= paragraph:
            return found
    return None


def lead_date(parsed: Doc, document: Document) -> TimeExpr | None:
    """The date of the story's lead: the main-clause date of one of its first story sentences, where it is
    recent (see ``recent``): the news of the day, not the background the lead may open with."""
    story = (s for s in sentences(parsed)
             if s.text.strip() and not document.is_set_aside(s.start_char, s.end_char) and not in_headline(s.root))
    for sent in islice(story, LEAD_SENTENCES):
        found = sentence_date(sent, document)
        if found is not None and recent(str(found.value), document.published):
            return found
    return None


def event_place(token: Token) -> str | None:
    """A place named as "in/at X" in the trigger's phrase or clause."""
    verb = clause_verb(token)
    for head in (token, verb):
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in PLACE_PREPS:
                continue
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.ent_type_ in PLACE_LABELS:
                    return _entity_text(obj)
    return None


def _entity_text(token: Token) -> str:
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent.text
    return token.text


def with_lemmas(parsed: Doc, lemmas: Iterable[str]) -> list[Token]:
    """The tokens whose lemma is one of ``lemmas`` (lower case, or capitalised), found in one pass over the
    document's lemma column rather than token by token."""
    strings = parsed.vocab.strings
    wanted = [strings.add(w) for w in lemmas] + [strings.add(w.capitalize()) for w in lemmas]
    if not wanted or not len(parsed):
        return []
    column = parsed.to_array([LEMMA])
    return [parsed[int(i)] for i in numpy.flatnonzero(numpy.isin(column, numpy.array(wanted, dtype=column.dtype)))]


def recent(date: str, published: str | None) -> bool:
    """True where ``date`` holds the publication date or is a day at most ``RECENT_DAYS`` before it."""
    if not published:
        return False
    if published.startswith(date):
        return True
    try:
        gap = dt.date.fromisoformat(published[:10]) - dt.date.fromisoformat(date[:10])
    except ValueError:
        return False
    return 0 <= gap.days <= RECENT_DAYS
