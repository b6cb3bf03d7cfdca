"""When and where: an event's date from the time expressions of its clause, and a place named there."""

from __future__ import annotations

from collections.abc import Iterable

import numpy
from spacy.attrs import LEMMA
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newsgraph.document import Document, TimeExpr
from newsgraph.events.modality import clause_verb

PLACE_LABELS = {"GPE", "LOC", "FAC"}
PLACE_PREPS = {"in", "at"}
DATED_KINDS = {"date", "interval", "year", "month", "day", "time", "datetime", "relative"}


def sentence_dates(sent: SpacySpan, document: Document) -> list[TimeExpr]:
    return [d for d in document.dates
            if d.value and sent.start_char <= d.start < sent.end_char and not d.value.startswith("P")]


def event_date(token: Token, document: Document) -> tuple[str | None, str]:
    """The value of the time expression nearest the trigger in its own clause, then in its sentence,
    then the publication date."""
    dates = sentence_dates(token.sent, document)
    if not dates:
        return document.published, "published"
    verb = clause_verb(token)
    subtree = (token.left_edge.idx, token.right_edge.idx + len(token.right_edge))

    def rank(d: TimeExpr) -> tuple[int, int]:
        inside = subtree[0] <= d.start < subtree[1]
        date_token = token.doc.char_span(d.start, d.end, alignment_mode="expand")
        same_clause = date_token is not None and clause_verb(date_token.root) == verb
        return (0 if inside else 1 if same_clause else 2, abs(d.start - token.idx))

    best = min(dates, key=rank)
    return best.value, f"date:{best.text}"


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
