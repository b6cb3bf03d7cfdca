"""Demands in quotations: a quoted speaker who says that something must be done ("Gondor must withdraw
its troops", "Parliament must be recalled", "it is time to give the people the final say") makes a
demand (REQUEST) of whoever must do it: the subject of an active verb where it names an actor other than
the speaker's own side, else no one named.

Not demands: the speaker's own side ("we must", "I should"), questions, conditions, and the epistemic
perfect ("he must have known", "it should have been").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newsgraph.document import Document, Event, Quote, Span
from newsgraph.events.arguments import Context, actor_ids, child, is_passive
from newsgraph.events.codebook import QUADS
from newsgraph.events.context import event_date, event_place
from newsgraph.events.lexicon import Lexicon
from newsgraph.events.stance import SPEAKER_DATED, own_side, speaker_date, spoken_quotations
from newsgraph.knowledge import data_kinds, per_knowledge
from newsgraph.rules import enabled, fires, tag

RULE = "quoted-demand"
#: CAMEO code of a demand.
DEMAND = "10"
#: Subjects that are the speaker's own side or the one spoken to.
OWN = {"i", "we", "you", "us", "me"}
#: Possessives of the speaker's own side, and subjects that name no one.
OWN_POSSESSIVES = {"our", "my", "your"}
NOBODY = {"nobody", "noone", "none", "nothing"}
#: Markers of a condition or a concession: what follows them is no demand.
CONDITIONS = {"if", "unless", "whether", "although", "though"}


@dataclass(frozen=True)
class DemandWords:
    modals: frozenset[str]
    needs: frozenset[str]
    times: frozenset[str]
    judged: frozenset[str]


@per_knowledge
def demand_words() -> DemandWords:
    kinds = data_kinds("demand_words.tsv")
    return DemandWords(*(kinds.get(kind, frozenset()) for kind in ("modal", "need", "time", "judged")))


def find_demands(parsed: Doc, document: Document, *, lexicon: Lexicon) -> list[Event]:
    """The demands of every quotation with a speaker, one per demanded act."""
    if not enabled(RULE):
        return []
    ctx = Context(document=document, lexicon=lexicon, triggers={})
    return [e for quote, span in spoken_quotations(parsed, document) for e in _demands(quote, span, ctx)]


def _demands(quote: Quote, span: SpacySpan, ctx: Context) -> list[Event]:
    """One demand per party asked in the quotation (the first telling of it)."""
    events: list[Event] = []
    for token in span:
        words = demand_words()
        verb = demanded(token, words)
        if (verb is None or not span.start <= verb.i < span.end or verb.lemma_.lower() in words.judged
                or _hedged(verb, token) or _asked(verb)):
            continue
        target = _doer(verb, quote, ctx)
        if target == "" or any(e.target == (target or None) for e in events):
            continue
        if target is None and not _concerns_actor(verb, quote, ctx):
            continue  # "no one should take this storm lightly": a warning to all, not a demand of anyone
        events.append(_event(quote, token, target or None, ctx))
    return events


def new_demands(demands: list[Event], events: list[Event]) -> list[Event]:
    """The demands no request of the same speaker in the same sentence tells already."""
    told = {(e.source, e.evidence) for e in events if e.type == "REQUEST"}
    return [d for d in demands if fires(RULE, (d.source, d.evidence) not in told)]


def demanded(token: Token, words: DemandWords) -> Token | None:
    """The verb demanded by this word: "must/should VERB", "need(s)/has to VERB", "it is time to VERB"."""
    lower = token.lower_
    if lower in words.modals and token.dep_ == "aux" and token.head.pos_ in ("VERB", "AUX"):
        return token.head
    if token.lemma_.lower() in words.needs and token.pos_ == "VERB":
        return next((c for c in token.children if c.dep_ == "xcomp" and child(c, "aux") is not None
                     and child(c, "aux").lower_ == "to"), None)  # type: ignore[union-attr]
    if lower in words.times and token.dep_ == "attr" and token.head.lemma_ == "be":
        return next((c for c in token.children if c.dep_ in ("relcl", "acl", "xcomp") and c.pos_ == "VERB"), None)
    return None


def _hedged(verb: Token, word: Token) -> bool:
    """"must have known": the perfect after a modal is a guess or a regret, not a demand; nor is what
    follows a condition ("if ..., X has to ...") or a negated need ("X does not have to ...")."""
    if any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children) and verb.tag_ == "VBN":
        return True
    if word.pos_ == "VERB" and child(word, "neg") is not None:
        return True
    return any(t.lower_ in CONDITIONS for t in verb.sent if t.i < word.i)


def _own_or_none(subject: Token) -> bool:
    """"our policy", "no two people", "nobody": the speaker's own side or a rule for all, not a demand of anyone."""
    if subject.lower_ in NOBODY:
        return True
    return any((c.dep_ == "poss" and c.lower_ in OWN_POSSESSIVES) or (c.dep_ == "det" and c.lower_ == "no")
               for c in subject.children)


def _concerns_actor(verb: Token, quote: Quote, ctx: Context) -> bool:
    """Whether the demanded act names an actor other than the speaker: the one it is done to or for
    ("Parliament must be recalled", "it is time to give the public of Arnor a say")."""
    parties = [c for c in verb.children if c.dep_ in ("nsubjpass", "dobj", "dative")]
    parties += [p for c in verb.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
    return any(a != quote.speaker for p in parties for a in actor_ids(p, ctx))


def _asked(verb: Token) -> bool:
    """A question, not a demand: the first end mark after the verb in its sentence is a question mark (the
    sentence may go on after a quotation: ``"Must Gondor leave?" asked Elendil.``)."""
    sent = verb.sent
    end = next((t.text for t in sent[verb.i - sent.start:] if t.text in (".", "!", "?")), None)
    return end == "?" or sent.text.rstrip().rstrip("\"'”’").endswith("?")


def _doer(verb: Token, quote: Quote, ctx: Context) -> str | None:
    """Who must act: the actor subject of an active verb ("Gondor must withdraw"); None where the verb is
    passive or its subject names no actor ("the troops must go"); "" where the speaker's own side must or
    a pronoun stands for someone unknown."""
    subject = child(verb, "nsubj", "nsubjpass")
    if subject is None:
        for head in verb.ancestors:  # "need to act": the subject of "need"
            subject = child(head, "nsubj")
            if subject is not None or head.dep_ not in ("xcomp", "aux"):
                break
    if subject is not None and (subject.lower_ in OWN or _own_or_none(subject)):
        return ""
    if subject is None or is_passive(verb):
        return None
    found = actor_ids(subject, ctx)
    if not found:
        return "" if subject.pos_ == "PRON" and subject.lower_ != "it" else None  # "they": unknown, not no one
    if own_side(quote.speaker or "", found[0], ctx.document):
        return ""
    return found[0]


def _event(quote: Quote, token: Token, target: str | None, ctx: Context) -> Event:
    row = ctx.lexicon.cameo_row(DEMAND)
    dating = event_date(token, ctx.document)
    if dating.kind in SPEAKER_DATED and quote.speaker:
        dating = speaker_date(token, quote.speaker, ctx.document) or dating
    span = Span(token.idx, token.idx + len(token), ctx.document.text[token.idx:token.idx + len(token)])
    return Event(id="", type="REQUEST", source=quote.speaker, target=target, trigger=span,
                 evidence=token.sent.text.strip(), spans=[span], cameo=DEMAND,
                 quad=row.quad if row else QUADS["REQUEST"], intensity=row.goldstein if row else None,
                 date=dating.value, location=event_place(token), dated_by=dating.kind,
                 reason=tag(f"demand:quote-{quote.id}:{token.lower_}:{dating.rule}", [RULE]), origin="demand")
