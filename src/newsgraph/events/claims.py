"""Claims of responsibility: "X claimed responsibility for the attacks" names X as the doer of the attacks
told before (the event the "for" phrase names, else the nearest violent event told before it with a
target). The claimed event is told again with X as its source; dedup then merges it with the telling
that named no doer. The words are in data/event_claims.tsv."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc, Token

from newsgraph.datafile import data_kinds
from newsgraph.document import Document, Event, Span
from newsgraph.events.arguments import Context, child, verb_source
from newsgraph.events.context import with_lemmas
from newsgraph.events.lexicon import Lexicon
from newsgraph.events.rules import enabled, fires, tag

#: How many sentences before the claim the claimed event may be told.
WINDOW = 8


@dataclass(frozen=True)
class ClaimWords:
    verbs: frozenset[str]
    nouns: frozenset[str]
    acts: frozenset[str]


@lru_cache(maxsize=1)
def claim_words() -> ClaimWords:
    kinds = data_kinds("event_claims.tsv")
    return ClaimWords(*(kinds.get(kind, frozenset()) for kind in ("verb", "noun", "act")))


def claimed(events: list[Event], parsed: Doc, document: Document, *, lexicon: Lexicon) -> list[Event]:
    """The events plus, for each claim of responsibility, the claimed event told with its claimer as source."""
    if not enabled("claimed-responsibility") or not enabled("data:event_claims"):
        return events
    ctx = Context(document=document, lexicon=lexicon, triggers={})
    words = claim_words()
    candidates = with_lemmas(parsed, words.nouns)
    sentences = {s.start: n for n, s in enumerate(parsed.sents)} if candidates else {}
    out = list(events)
    for token in candidates:
        verb = token.head
        if (token.dep_ != "dobj" or verb.lemma_.lower() not in words.verbs
                or child(verb, "neg") is not None or document.is_set_aside(token.idx, token.idx + len(token))):
            continue
        act = _claimed_act(token, events, parsed, sentences, words)
        if act is None:
            continue
        span = Span(verb.idx, verb.idx + len(verb), verb.text)
        for claimer in verb_source(verb, ctx)[:1]:  # one group claims an attack
            if fires("claimed-responsibility", claimer != act.target):
                fires("data:event_claims")
                reason = tag(f"{act.reason}:claimed-by:{verb.lemma_.lower()}",
                             ["claimed-responsibility", "data:event_claims"])
                out.append(replace(act, source=claimer, spans=[*act.spans, span], reason=reason))
    return out


def _claimed_act(noun: Token, events: list[Event], parsed: Doc, sentences: dict[int, int],
                 words: ClaimWords) -> Event | None:
    """The event told by the "for" phrase of the claim, else the nearest violent one before it that
    names a target and no doer other than the claim's."""
    named = [o for p in noun.children if p.dep_ == "prep" and p.lower_ == "for" for o in p.children
             if o.dep_ == "pobj"]
    if named:
        own = next((e for e in events if e.trigger.start == named[0].idx and e.target is not None), None)
        if own is not None:
            return own
    here = sentences.get(noun.sent.start, 0)
    before = [e for e in events if e.trigger.start < noun.sent.start_char and e.type in words.acts
              and e.target is not None and e.source is None and not e.negated
              and here - _sentence(e, parsed, sentences) <= WINDOW]
    return max(before, key=lambda e: e.trigger.start, default=None)


def _sentence(event: Event, parsed: Doc, sentences: dict[int, int]) -> int:
    span = parsed.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    return sentences.get(span.root.sent.start, 0) if span is not None and len(span) else 0
