"""Event references: a reaction aimed at another event named by a definite phrase ("condemned the
operation", "would appeal the ruling", "denounced the conclusions of the summit") is aimed at whoever did
that event: the event the phrase itself tells in its sentence, else the nearest one told before of a kind
the noun can name (event_reference_nouns.tsv, or the same word as that event's trigger)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from newsgraph.document import Document, Event
from newsgraph.events.codebook import ENCOUNTER_TYPES, REACTING_TYPES
from newsgraph.events.dedup import from_dictionary
from newsgraph.events.lexicon import Lexicon
from newsgraph.knowledge import data_rows, per_knowledge
from newsgraph.rules import enabled, fires, tag

DEFINITE = {"the", "this", "that", "these", "those"}
#: How many sentences before the reaction the referred event may be told.
WINDOW = 8
#: Prepositions that attach what a reaction is aimed at ("protested against the decision", "objections to
#: the ruling", "condemnation of the attack").
AIMED_PREPS = {"against", "to", "over", "of"}
RULE = "event-reference"
#: Most events made from one reference (one per party of the referred event).
MAX_AGENTS = 4


@dataclass(frozen=True)
class Told:
    """An event with the token of its trigger and the number of its sentence."""

    event: Event
    token: Token
    sentence: int


@per_knowledge
def reference_nouns() -> dict[str, frozenset[str]]:
    """Reference noun lemma -> the PLOVER types of the events it can name."""
    return {cells[0].lower(): frozenset(cells[1].split()) for cells in data_rows("event_reference_nouns.tsv")
            if len(cells) > 1}


def reference_nouns_on() -> dict[str, frozenset[str]]:
    """The reference nouns, none where their data file is switched off for this run."""
    return reference_nouns() if enabled("data:event_reference_nouns") else {}


def resolve_references(events: list[Event], parsed: Doc, document: Document, *, lexicon: Lexicon,
                       acts_for: Mapping[str, str] | None = None) -> list[Event]:
    """Each one-sided event whose missing side is a definite reference to another event takes that event's
    doers as the missing side (one event per doer); other events are returned unchanged."""
    if not enabled(RULE):
        return events
    numbers = {sent.start: n for n, sent in enumerate(parsed.sents)}
    told = [t for t in (_told(e, parsed, numbers) for e in events) if t is not None]
    by_event = {id(t.event): t for t in told}
    # the generated dictionary's proposals are referred to by none of the hand-written lexicon's
    antecedents = [t for t in told if not from_dictionary(t.event)]
    resolved: list[Event] = []
    for event in events:
        me = by_event.get(id(event))
        found = _resolve(me, told if from_dictionary(event) else antecedents, document, lexicon,
                         acts_for or {}) if me is not None else []
        resolved.extend(found or [event])
    return resolved


def _told(event: Event, parsed: Doc, numbers: Mapping[int, int]) -> Told | None:
    span = parsed.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return Told(event, span.root, numbers.get(span.root.sent.start, 0))


def _resolve(me: Told, told: list[Told], document: Document, lexicon: Lexicon,
             acts_for: Mapping[str, str]) -> list[Event]:
    event = me.event
    if (event.source is None) == (event.target is None):
        return []
    wants_target = event.target is None
    if wants_target and event.type not in REACTING_TYPES:
        return []
    for noun in (*read_through(me, lexicon), *reference_words(me.token, wants_target=wants_target)):
        found = referred(noun, me, told)
        if found is None:
            continue
        actor = event.source if wants_target else event.target
        doers = [d for d in agents(found, told) if not _same_side(d, actor, acts_for)][:MAX_AGENTS]
        line = document.text.count("\n", 0, found.event.trigger.start) + 1
        reason = tag(f"{event.reason}:ref:{noun.lemma_.lower()}->L{line}", [RULE])
        fires(RULE, doers)
        return [_with_side(event, d, reason, target=wants_target) for d in doers]
    return []


def _with_side(event: Event, actor: str, reason: str, *, target: bool) -> Event:
    made = replace(event, spans=list(event.spans), reason=reason)
    if target:
        made.target = actor
    else:
        made.source = actor
    return made


def _same_side(a: str | None, b: str | None, acts_for: Mapping[str, str]) -> bool:
    return a == b or (a is not None and acts_for.get(a) == b) or (b is not None and acts_for.get(b) == a)


def read_through(me: Told, lexicon: Lexicon) -> list[Token]:
    """An event noun read through the verb that governs it ("rejected the sanctions", "opposed the
    deployment": a refusal, not a sanction), or an accusation that is the object of an attack ("attacked
    the investigation": criticism of the investigators), is itself the reference to the event told before."""
    token = me.token
    if me.event.target is not None or token.pos_ != "NOUN" or token.dep_ not in ("dobj", "pobj"):
        return []
    attacked = me.event.type == "ACCUSE" and token.dep_ == "dobj" and attack_verb(token.head, lexicon)
    return [token] if me.event.cue is not None or attacked else []


def attack_verb(verb: Token, lexicon: Lexicon) -> bool:
    """A verb of assault: aimed at a verbal act rather than someone, it is verbal criticism."""
    return verb.pos_ == "VERB" and any(e.type == "ASSAULT" for e in lexicon.verbs.get(verb.lemma_.lower(), ()))


def reference_words(token: Token, *, wants_target: bool) -> Iterator[Token]:
    """The nouns that may name the referred event: the head of each phrase on the missing side, after the
    event the head is "of" ("the conclusions of the summit": the summit, then the conclusions)."""
    for head in (aimed_phrases(token) if wants_target else subject_phrases(token)):
        for noun in (*_prep_objects(head, {"of"}), head):
            if noun.pos_ == "NOUN":
                yield noun


def aimed_phrases(token: Token) -> list[Token]:
    """What a reaction is aimed at: a verb's object (its subject when passive: "the operation was
    condemned") or prepositional object; a noun's prepositional object, or, for a noun that is the object
    of a verb, that verb's subject ("the decision prompted objections")."""
    if token.pos_ in ("VERB", "AUX"):
        deps = ("nsubjpass",) if any(c.dep_ == "auxpass" for c in token.children) else ("dobj",)
        return [c for c in token.children if c.dep_ in deps] + _prep_objects(token, AIMED_PREPS - {"of"})
    phrases = _prep_objects(token, AIMED_PREPS)
    if token.dep_ == "dobj" and token.head.pos_ == "VERB":
        phrases += [c for c in token.head.children if c.dep_ == "nsubj"]
    return phrases


def subject_phrases(token: Token) -> list[Token]:
    """Who did an act told by a verb: its subject, or the "by" phrase of a passive."""
    if token.pos_ not in ("VERB", "AUX"):
        return []
    if any(c.dep_ == "auxpass" for c in token.children):
        return [o for a in token.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"]
    return [c for c in token.children if c.dep_ == "nsubj"]


def _prep_objects(token: Token, preps: set[str]) -> list[Token]:
    return [o for p in token.children if p.dep_ == "prep" and p.lower_ in preps
            for o in p.children if o.dep_ == "pobj"]


def referred(noun: Token, me: Told, told: list[Told]) -> Told | None:
    """The event the noun names: its own event where the sentence names a doer other than the reacting
    actor ("the attack by Mordor"; not the subject of "Gondor protested the arrest"), else, for a definite
    phrase, the nearest event told before within the window, of a kind the noun can name, whose doer is
    named."""
    own = next((t for t in told if t.token.i == noun.i and t.event.source not in (None, me.event.source)
                and t.event.trigger.start != me.event.trigger.start), None)
    if own is not None:
        return own
    if not any(c.dep_ == "det" and c.lower_ in DEFINITE for c in noun.children):
        return None
    kinds = reference_nouns_on().get(noun.lemma_.lower(), frozenset())
    fires("data:event_reference_nouns", kinds)
    earlier = [t for t in told if t.token.i < noun.i and t.token.i != me.token.i
               and me.sentence - t.sentence <= WINDOW and t.event.source is not None and not t.event.negated
               and (t.event.type in kinds or t.token.lemma_.lower() == noun.lemma_.lower())]
    return max(earlier, key=lambda t: t.token.i, default=None)


def agents(found: Told, told: list[Told]) -> list[str]:
    """Who did the referred event: the sources of all its events (the parties too, for a meeting)."""
    same = [t.event for t in told if t.event.trigger.start == found.event.trigger.start
            and t.event.type == found.event.type]
    sides = [e.source for e in same] + ([e.target for e in same] if found.event.type in ENCOUNTER_TYPES else [])
    return list(dict.fromkeys(s for s in sides if s is not None))
