"""Tributes to the dead: in a story that tells of a person's death, condolences that name no one
("offering his condolences, X wrote ...") and quoted praise that names the dead ("He was an icon of
liberation," said X) are SUPPORT from the speaker to the one who died.

The dead person is the one person of the story who is the subject of a verb of dying ("X died",
"X passed away") or the owner of a noun of death ("X's death", "the passing of X"); the words are in
data/tribute_words.tsv.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from newsgraph.document import Document, Event, Quote, Span
from newsgraph.events.arguments import Context, actor_ids
from newsgraph.events.codebook import QUADS
from newsgraph.events.context import ASSUMED_KINDS, event_date, event_place, with_lemmas
from newsgraph.events.lexicon import Lexicon
from newsgraph.events.stance import QUOTED, judge, load_stance
from newsgraph.knowledge import data_kinds, per_knowledge
from newsgraph.rules import enabled, fires, tag

RULE = "tribute-to-dead"
#: CAMEO code of praise.
PRAISE = "051"
#: Least polarity of a quotation that names the dead and has no tribute word.
PRAISE_FLOOR = 0.5
#: Particles that make "pass" a verb of dying.
PASS_PARTICLES = {"away", "on"}


@dataclass(frozen=True)
class Death:
    """The one who died, and the date of the telling of the death (tributes are paid on that day)."""

    who: str
    date: str | None
    date_rule: str


@dataclass(frozen=True)
class TributeWords:
    dying: frozenset[str]
    death: frozenset[str]
    tribute: tuple[tuple[str, ...], ...]


@per_knowledge
def tribute_words() -> TributeWords:
    kinds = data_kinds("tribute_words.tsv")
    return TributeWords(dying=kinds.get("die", frozenset()), death=kinds.get("death", frozenset()),
                        tribute=tuple(sorted(tuple(w.lower().split()) for w in kinds.get("tribute", ()))))


def for_the_dead(events: list[Event], parsed: Doc, document: Document, *, lexicon: Lexicon) -> list[Event]:
    """Condolences and tributes of the story aimed at the one who died; other events unchanged."""
    if not enabled(RULE):
        return events
    ctx = Context(document=document, lexicon=lexicon, triggers={})
    dead = deceased(parsed, ctx)
    if dead is None:
        return events
    words = tribute_words()
    out = [_aimed(e, dead, words, published=document.published) for e in events]
    judged = {(e.source, e.target) for e in out}
    for quote in document.quotes:
        event = _quoted_tribute(quote, dead, parsed, ctx, words)
        if fires(RULE, event is not None and (event.source, dead.who) not in judged) and event is not None:
            out.append(event)
            judged.add((event.source, dead.who))
    return out


# ------------------------------------------------------------------ the dead
def deceased(parsed: Doc, ctx: Context) -> Death | None:
    """The person whose death the story tells first (a person, never a group or a state), with the date
    of the first telling of that death that names one."""
    words = tribute_words()
    candidates = with_lemmas(parsed, words.dying | words.death)
    tellings = [(who, token) for token in candidates
                if not ctx.document.is_set_aside(token.sent.start_char, token.sent.end_char)
                for who in _who_died(token, ctx) if _person(who, ctx)]
    if not tellings:
        return None
    who = tellings[0][0]
    for dating in (event_date(token, ctx.document) for w, token in tellings if w == who):
        if dating.kind not in ASSUMED_KINDS:
            return Death(who, dating.value, dating.rule)
    return Death(who, ctx.document.published, "published")


def _person(actor_id: str, ctx: Context) -> bool:
    actor = ctx.document.actor(actor_id)
    return actor is not None and actor.kind == "person"


def _who_died(token: Token, ctx: Context) -> Iterator[str]:
    words = tribute_words()
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB" and lemma in words.dying and _dying(token):
        for subject in (c for c in token.children if c.dep_ == "nsubj"):
            yield from actor_ids(subject, ctx)
    elif token.pos_ == "NOUN" and (lemma in words.death or token.lower_ in words.death):
        owners = [c for c in token.children if c.dep_ == "poss"]
        owners += [p for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                   for p in c.children if p.dep_ == "pobj"]
        for owner in owners:
            yield from actor_ids(owner, ctx)


def _dying(verb: Token) -> bool:
    if verb.lemma_.lower() != "pass":
        return True
    return any(c.dep_ == "prt" and c.lower_ in PASS_PARTICLES for c in verb.children)


# ------------------------------------------------------------------ tributes
def _aimed(event: Event, dead: Death, words: TributeWords, *, published: str | None) -> Event:
    """A condolence or tribute that names no one it is for: for the dead, on the day of the death's telling
    unless it names a day of its own."""
    if event.type != "SUPPORT" or event.target is not None or event.source in (None, dead.who):
        return event
    if (event.trigger.text.lower(),) not in words.tribute:
        return event
    date = dead.date if event.date == published else event.date
    fires(RULE)
    return replace(event, target=dead.who, date=date, reason=tag(f"{event.reason}:for-the-dead", [RULE]))


def _quoted_tribute(quote: Quote, dead: Death, parsed: Doc, ctx: Context, words: TributeWords) -> Event | None:
    """A quotation by a named speaker that names the dead and speaks well of them, or in words of
    tribute ("will never be forgotten", "rest in peace") with no ill word overall."""
    document = ctx.document
    if quote.speaker in (None, dead.who) or quote.kind not in QUOTED or document.is_set_aside(quote.start, quote.end):
        return None
    actor = document.actor(dead.who)
    if actor is None or not any(quote.start <= m.start < quote.end for m in actor.mentions):
        return None
    span = parsed.char_span(quote.start, quote.end, alignment_mode="contract")
    if span is None or not len(span):
        return None
    tokens = list(span)
    marked = _tribute_words(tokens, words)
    # grief is no ill word about the dead: the polarity is read without the words of tribute
    judgement = judge([t for t in tokens if t.i not in marked], load_stance())
    if judgement.score < 0 or (not marked and judgement.score < PRAISE_FLOOR):
        return None
    first = min(marked) if marked else span.root.i
    return _tribute_event(quote, dead, span.doc[first], ctx, judgement.score)


def _tribute_words(tokens: list[Token], words: TributeWords) -> set[int]:
    """The positions of the words of tribute among ``tokens``."""
    lowered = [t.lower_ for t in tokens]
    found: set[int] = set()
    for i in range(len(tokens)):
        for w in words.tribute:
            if tuple(lowered[i:i + len(w)]) == w:
                found.update(t.i for t in tokens[i:i + len(w)])
    return found


def _tribute_event(quote: Quote, dead: Death, token: Token, ctx: Context, score: float) -> Event:
    row = ctx.lexicon.cameo_row(PRAISE)
    span = Span(token.idx, token.idx + len(token), ctx.document.text[token.idx:token.idx + len(token)])
    date, rule, kind = ((dead.date, f"date-of-death:{dead.date_rule}", "death") if dead.date
                        else (ctx.document.published, "published", "published"))
    return Event(id="", type="SUPPORT", source=quote.speaker, target=dead.who, trigger=span,
                 evidence=token.sent.text.strip(), spans=[span], cameo=PRAISE,
                 quad=row.quad if row else QUADS["SUPPORT"], intensity=row.goldstein if row else None,
                 date=date, location=event_place(token), dated_by=kind,
                 reason=tag(f"tribute:quote-{quote.id}:vader={score:+.2f}:{rule}", [RULE]), origin="tribute")
