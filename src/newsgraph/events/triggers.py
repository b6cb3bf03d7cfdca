"""Trigger words: verbs and nouns (with their particles and compound modifiers) found in the lexicon."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from newsgraph.events.lexicon import QUADS, Entry, Lexicon

VERB_TAGS = {"VERB"}
NOUN_TAGS = {"NOUN", "PROPN"}
#: Named things whose words are not events ("Trade Ministry", "the Aid Act").
NAMED = {"ORG", "PERSON", "WORK_OF_ART", "LAW", "EVENT", "FAC", "PRODUCT", "DATE", "TIME"}


@dataclass(frozen=True)
class Trigger:
    """A token read as an event, with the lexicon entry that matched and the span it covers."""

    token: Token
    entry: Entry
    start: int
    end: int

    @property
    def is_verb(self) -> bool:
        return self.entry.pos == "V"


def find_triggers(sent: SpacySpan, lexicon: Lexicon) -> list[Trigger]:
    found = []
    for token in sent:
        trigger = verb_trigger(token, lexicon) if token.pos_ in VERB_TAGS else None
        if trigger is None and token.pos_ in NOUN_TAGS:
            trigger = noun_trigger(token, lexicon)
        if trigger is None and token.pos_ in VERB_TAGS:
            trigger = modal_trigger(token, lexicon)
        if trigger is not None:
            found.append(trigger)
    return found


def verb_trigger(token: Token, lexicon: Lexicon) -> Trigger | None:
    particles = {c.lower_: c for c in token.children if c.dep_ in ("prt", "prep", "agent")}
    inert = any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in lexicon.not_objects for c in token.children)
    for entry in lexicon.verbs.get(token.lemma_.lower(), ()):
        if inert and QUADS[entry.type] in (2, 4):
            continue  # material acts on information are none: "released a statement" (but "rejected a statement")
        if len(entry.words) == 1:
            return Trigger(token, entry, token.idx, token.idx + len(token))
        part = particles.get(entry.words[1])
        if part is not None:
            return Trigger(token, entry, token.idx, token.idx + len(token))
    return None


def modal_trigger(token: Token, lexicon: Lexicon) -> Trigger | None:
    """A verb with no trigger of its own, under a modal of obligation, in a clause reported by a verb:
    "Arnor said Gondor must drop its barriers" (a demand)."""
    if token.dep_ != "ccomp" or token.head.pos_ != "VERB":
        return None
    for aux in (c for c in token.children if c.dep_ == "aux"):
        for entry in lexicon.modals.get(aux.lower_, ()):
            return Trigger(token, entry, token.idx, token.idx + len(token))
    return None


def noun_trigger(token: Token, lexicon: Lexicon) -> Trigger | None:
    if token.ent_type_ in NAMED or (modifies_noun(token) and not framed(token, lexicon)):
        return None
    for key in dict.fromkeys((token.lemma_.lower(), token.lower_)):  # in this order, whatever the hash seed
        for entry in lexicon.nouns.get(key, ()):
            start = modifier_start(token, entry.words[:-1])
            if start is not None:
                return Trigger(token, entry, start, token.idx + len(token))
    return None


def modifies_noun(token: Token) -> bool:
    return token.dep_ == "compound" and token.head.pos_ in NOUN_TAGS


def framed(token: Token, lexicon: Lexicon) -> bool:
    """A compound modifier of a frame noun is the event itself: "a mediation effort", "peace mission"."""
    return lexicon.cues.get(token.head.lemma_.lower()) == "frame"


def modifier_start(token: Token, words: tuple[str, ...]) -> int | None:
    """Where the pattern's modifier words start, just before ``token``; None when they are not there."""
    if not words:
        return token.idx
    i = token.i - len(words)
    if i < token.sent.start:
        return None
    before = token.doc[i:token.i]
    lemmas = tuple(t.lemma_.lower() for t in before)
    texts = tuple(t.lower_ for t in before)
    return before.start_char if words in (lemmas, texts) else None
