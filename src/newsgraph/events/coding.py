"""Coding: turn a trigger, its reading and its parties into events with PLOVER type, CAMEO code,
quad class and intensity (Goldstein score)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Token

from newsgraph.document import Event, Span
from newsgraph.events.arguments import (
    TARGET_PREPS,
    Context,
    Parties,
    actor_ids,
    child,
    first_object,
    is_passive,
    parties,
    prep_actors,
    prep_object,
    prep_objects,
    under_subject,
    verb_source,
)
from newsgraph.events.codebook import (
    AGENTLESS_TYPES,
    CALLED_OFF_PROTEST,
    CONTENT_TYPES,
    JOINT_TYPES,
    NATURAL_HARM_TYPES,
    ONE_SIDED_TYPES,
    PASSIVE_AGENTLESS_TYPES,
    QUADS,
)
from newsgraph.events.context import event_date, event_place
from newsgraph.events.modality import Reading, clause_verb
from newsgraph.events.triggers import Trigger
from newsgraph.rules import enabled, fires

#: Prepositions of the place of an act.
PLACE_PREPS = {"in", "inside", "across", "throughout"}
#: The prepositions that give what a passive charge is for ("accused of", "charged with", "indicted for").
CHARGE_PREPS = {"of", "with", "for", "over"}
#: Where the saying verb stands: the main verb, or the clause reported by it ("said it had agreed to ...");
#: a joined verb ("did not concede and vowed to ...") was measured to add false positives on the articles.
MAIN_DEPS = {"ROOT", "ccomp"}
#: Cues whose subject answers someone else's act (grants a demand, breaks a ban): the act's maker is the target.
ANSWERING_CUES = {"accede", "breach"}
#: Nouns that name the one an act falls on, as a predicate ("X was the target of ...").
UNDERGOER_NOUNS = {"target", "subject", "victim", "object"}
#: Most events made from one trigger (coordinated sources times targets).
MAX_PAIRS = 6


@dataclass(frozen=True)
class Coded:
    trigger: Trigger
    reading: Reading
    parties: Parties


def cue_parties(trigger: Trigger, reading: Reading, ctx: Context) -> Parties:
    """The parties of an event, read through its cue; a state named as the place of an act with no one
    acted upon is its target ("lifted the curfew in Gondor")."""
    found = _cue_parties(trigger, reading, ctx)
    if not found.targets:
        found = other_side(trigger, reading, found, ctx)
    if found.targets or not found.sources or (len(found.sources) > 1 and joint(trigger, ctx)):
        return found  # "A and B met in Minas": they meet each other, not the place
    place = place_actor(trigger.token, ctx)
    if place is None or place in found.sources:
        return found
    return replace(found, targets=(place,), rule=found.rule + "+place")


def joint(trigger: Trigger, ctx: Context) -> bool:
    """A joint act: agreeing, meeting and cooperating, or a verb of doing to each other ("exchanged fire")."""
    return trigger.entry.type in JOINT_TYPES or "reciprocal" in ctx.lexicon.classes_of(trigger.token)


def other_side(trigger: Trigger, reading: Reading, found: Parties, ctx: Context) -> Parties:
    """The side acted upon, found outside the event's own phrase: the one a saying is addressed to, the
    subject an act is said to fall on, those wronged by an act one answers for."""
    word = reading.cue or trigger.token  # an infinitive under a verb that is no cue of it is a purpose
    tries = (("told", lambda: addressee(word, ctx, purpose=reading.cue is None), reading.type in CONTENT_TYPES),
             ("undergoer", lambda: undergoer_of(trigger.token, ctx), True),
             ("for", lambda: answered_for(trigger, ctx), reading.type == "CONCEDE"))
    for rule, find, applies in tries:
        targets = tuple(a for a in find() if a not in found.sources) if applies else ()
        if targets:
            return replace(found, targets=targets, rule=f"{found.rule}+{rule}")
    return found


def addressee(word: Token, ctx: Context, *, purpose: bool) -> tuple[str, ...]:
    """The one a saying is addressed to through the verb it goes with, where it names no one of its own ("it"
    stands for it): the "to" object for a participle ("wrote to Gondor asking it to ..."), the object for a
    purpose clause ("summoned the Gondorian envoy to complain of ..."), where the verb above is no cue that
    makes its object the doer ("urged Gondor to ...")."""
    told = child(word, "dobj", "dative")
    if word.dep_ not in ("advcl", "xcomp") or (told is not None and told.pos_ != "PRON"):
        return ()
    if word.tag_ == "VBG":
        return actor_ids(prep_object(word.head, {"to"}), ctx)
    if purpose and child(word, "aux") is not None and word.head.pos_ == "VERB":
        return actor_ids(child(word.head, "dobj"), ctx)  # "summoned Gondor's envoy to complain"
    return ()


def undergoer_of(noun: Token, ctx: Context) -> tuple[str, ...]:
    """The subject said to be the one an act falls on ("Gondor has been the target of Arnorian sanctions")."""
    frame = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else None
    if frame is None or frame.lemma_.lower() not in UNDERGOER_NOUNS or frame.dep_ != "attr":
        return ()
    return actor_ids(child(frame.head, "nsubj"), ctx)


def answered_for(trigger: Trigger, ctx: Context) -> tuple[str, ...]:
    """Those wronged by the act one answers for ("accepted responsibility for the killing of X", "apologised
    for the raid on X"): the targets of the event named in the "for" phrase."""
    token = trigger.token
    heads = [token, *(c for c in token.children if c.dep_ == "dobj")]
    for act in (o for head in heads for o in prep_objects(head, {"for"})):
        if act.i in ctx.triggers and act.i != token.i:
            return parties(ctx.triggers[act.i], ctx).targets
    return ()


def place_actor(token: Token, ctx: Context) -> str | None:
    """The state where the act happens: a place phrase on the trigger, on its clause's verb, on a participle
    of the trigger ("the curfew imposed in Gondor") or on the verb's object ("retook a village in Gondor",
    "fired at targets in Gondor")."""
    verb = clause_verb(token)
    objects = [c for c in verb.children if c.dep_ == "dobj" and c is not token]
    aimed = [o for head in (verb, *objects) for o in prep_objects(head, TARGET_PREPS) if o is not token]
    heads = [token, verb, *(c for c in token.children if c.dep_ == "acl"), *objects, *aimed]
    for head in heads:
        obj = prep_object(head, PLACE_PREPS)
        found = state_named(obj, ctx) if obj is not None else None
        if found is not None:
            return found
    return None


def state_named(place: Token, ctx: Context, depth: int = 0) -> str | None:
    """The country or located place a place phrase names: the word itself, a name before it ("Gondor
    province"), or the place it is said to be of or in ("the town of Minas in northern Gondor"); not an
    event ("killed in the Gondorian strike")."""
    if place.i in ctx.triggers:
        return None
    for word in (place, *(c for c in place.lefts if c.dep_ == "compound")):
        actor = ctx.actor_at(word.idx, word.idx + len(word))
        if actor is not None and actor.kind in ("country", "location"):
            return actor.id
    inner = prep_object(place, {"of"} | PLACE_PREPS)
    return state_named(inner, ctx, depth + 1) if inner is not None and depth < 2 else None


def _cue_parties(trigger: Trigger, reading: Reading, ctx: Context) -> Parties:
    own = parties(trigger, ctx)
    cue = reading.cue
    if cue is None:
        return own
    cue_source = verb_source(cue, ctx) if cue.pos_ in ("VERB", "AUX") else ()
    cue_object = actor_ids(child(cue, "dobj", "dative"), ctx)
    if not cue_object and reading.cue_kind == "request":  # "called on Gondor to release ..."
        cue_object = actor_ids(prep_object(cue, {"on", "upon"}), ctx)
    if reading.cue_kind == "request":  # the one asked: the cue's object, else the event's own doer, not the asker
        doers = tuple(a for a in own.sources if a not in cue_source)
        return Parties(cue_source or own.sources, cue_object or doers or own.targets, "request", own.unexpressed)
    if reading.cue_kind in ("refuse", "permit"):
        return Parties(cue_source or own.sources, own.targets or cue_object, reading.cue_kind, own.unexpressed)
    if reading.cue_kind in ANSWERING_CUES and cue_source:  # "met the demands of Gondor", "broke Gondor's ban"
        makers = tuple(a for a in own.sources if a not in cue_source)
        return Parties(cue_source, makers or own.targets or cue_object, reading.cue_kind, own.unexpressed)
    cue_target = cue_object or actor_ids(prep_object(cue, TARGET_PREPS), ctx)  # "halted aid to Gondor"
    return Parties(own.sources or cue_source, own.targets or cue_target, own.rule + "+cue", own.unexpressed)


def pairs(found: Parties, *, joint: bool) -> list[tuple[str | None, str | None]]:
    """Source/target pairs; coordinated sources of a joint act with no target act on each other ("A and B
    agreed", "A and B exchanged fire")."""
    sources: list[str | None] = list(found.sources) or [None]
    targets: list[str | None] = list(found.targets) or [None]
    if targets == [None] and len(sources) > 1 and joint:
        return [(s, t) for s in sources for t in sources if s != t][:MAX_PAIRS]
    return [(s, t) for s in sources for t in targets if s != t][:MAX_PAIRS]


def to_events(coded: Coded, ctx: Context) -> list[Event]:
    trigger, reading = coded.trigger, coded.reading
    if reading.type in NATURAL_HARM_TYPES and fires("natural-cause", natural_cause(trigger.token, ctx)):
        return []
    if fires("host-needs-guest", hosts_a_thing(trigger, ctx)):
        return []
    found = replace(coded.parties, targets=tuple(t for t in coded.parties.targets if acted_upon(t, ctx)))
    row = ctx.lexicon.cameo_row(reading.cameo)
    dating = event_date(trigger.token, ctx.document)
    span = Span(trigger.start, trigger.end, ctx.document.text[trigger.start:trigger.end])
    sides = ("content" if content_only(coded, ctx) else "agentless" if agentless(coded, ctx)
             else "open" if found.unexpressed else "closed")
    fires("called-off-protest", reading.cameo == CALLED_OFF_PROTEST and not found.targets)
    reason = (f"{trigger.token.lemma_.lower()}:{reading.rule}:{found.rule}:"
              f"lexicon={trigger.entry.label}:{dating.rule}:sides={sides}")
    events = []
    for source, target in pairs(found, joint=joint(trigger, ctx)):  # "A and B failed to reach an agreement": mutual
        if (source is None and target is None) or (target is None and found.pronoun_object):
            continue
        events.append(Event(
            id="", type=reading.type, source=source, target=target, trigger=span,
            evidence=sentence_text(trigger.token), spans=[span], mode=trigger.entry.mode, cameo=reading.cameo,
            quad=row.quad if row else QUADS.get(reading.type), intensity=row.goldstein if row else None,
            negated=reading.negated, modality=reading.modality, date=dating.value, location=event_place(trigger.token),
            reason=reason, dated_by=dating.kind, cue=reading.cue_kind if reading.cue is not None else None,
            origin=f"{trigger.entry.source}:{found.rule}:{trigger.entry.label}", sides=sides))
    return events


def hosts_a_thing(trigger: Trigger, ctx: Context) -> bool:
    """A verb of hosting whose object is a common thing, not a guest: "received her degree from the
    university", "received treatment in Rohan", "hosted a radio show". An event noun stays ("hosted talks"),
    and so do a named gathering ("hosted the Asean Summit") and a thing held for a guest ("a dinner for X")."""
    if not trigger.is_verb or trigger.entry.mode != "host":
        return False
    obj = first_object(trigger.token, "dobj")
    if obj is None or obj.i in ctx.triggers or obj.pos_ != "NOUN" or prep_actors(obj, {"for"}, ctx):
        return False
    return ctx.actor_at(obj.idx, obj.idx + len(obj)) is None


def natural_cause(token: Token, ctx: Context) -> bool:
    """Harm done by an animal, a disease or a natural phenomenon ("an earthquake struck, injuring 25 people",
    "was killed by his lions", "a shark attack"): no one acted (``data/event_natural_causes.tsv``)."""
    doer = causer(token)
    return doer is not None and fires("data:event_natural_causes", doer.lemma_.lower() in ctx.lexicon.natural_causes)


def causer(token: Token) -> Token | None:
    """What does the harm: the verb's subject or passive agent, a noun's compound ("shark attack"), or for a
    participle hung on a clause ("struck, injuring ...") that clause's subject."""
    for word in token.children:
        if word.dep_ in ("nsubj", "compound"):
            return word
        if word.dep_ == "agent":
            return next((c for c in word.children if c.dep_ == "pobj"), None)
    if token.tag_ == "VBG" and token.dep_ in ("advcl", "conj", "xcomp") and token.head is not token:
        return next((c for c in token.head.children if c.dep_ == "nsubj"), None)
    return None


def agentless(coded: Coded, ctx: Context) -> bool:
    """A passive verb that names no doer ("Elendil was arrested"): the one acted upon alone; a charge only
    with what it charges ("was accused of fraud", not "was criticised on Tuesday"), or a formal charge ("was
    impeached"); also an event noun a passive puts the one acted upon under ("was placed under arrest")."""
    token = coded.trigger.token
    verb = token if coded.trigger.is_verb else placed_under(token)  # "was placed under arrest"
    if verb is None or (coded.reading.type == "ACCUSE" and "legal_charge" not in ctx.lexicon.classes_of(token)
                        and not any(c.dep_ == "prep" and c.lower_ in CHARGE_PREPS for c in verb.children)):
        return False
    return (is_passive(verb) and verb.dep_ != "acl" and not coded.parties.sources
            and bool(coded.parties.targets) and prep_object(verb, {"by"}) is None)


def placed_under(noun: Token) -> Token | None:
    """The passive verb of an event noun after "under" ("was placed under arrest", "was put under
    investigation for fraud"), read as the passive of the event's own verb. General grammar (passives, rule
    ``placed-under``): kept however rarely it fires on the corpus."""
    subject = under_subject(noun)
    return noun.head.head if fires("placed-under", subject is not None and subject.dep_ == "nsubjpass") else None


def acted_upon(actor_id: str, ctx: Context) -> bool:
    """A place that belongs to no state (a sea, a region) is where something happens, not who is acted upon."""
    actor = next((a for a in ctx.document.actors if a.id == actor_id), None)
    return actor is None or actor.kind != "location" or actor.country is not None


def content_only(coded: Coded, ctx: Context) -> bool:
    """A saying by a named actor whose object is what is said, not someone: the main verb of its sentence
    (or the clause it reports) with a complement clause or an object that names no actor."""
    reading, found = coded.reading, coded.parties
    if reading.type not in CONTENT_TYPES or not found.sources or found.targets or found.pronoun_object:
        return False
    if reading.negated:
        return False
    word = reading.cue if reading.cue is not None and reading.cue.pos_ in ("VERB", "ADJ") else coded.trigger.token
    verb = word.head if word.dep_ == "acomp" else word  # "is ready to ...", "is committed to ..."
    if verb.pos_ not in ("VERB", "AUX") or not (main_clause(verb) or self_told(verb, found.sources, ctx)):
        return False
    return any((infinitive(c) and not someone_unnamed(c, ctx)) or (c.dep_ == "ccomp" and said_that(c))
               or gerund_to(c) for c in word.children)


def gerund_to(prep: Token) -> bool:
    """What is pledged as a doing after "to" ("committed to opening the economy")."""
    return prep.dep_ == "prep" and prep.lower_ == "to" and any(c.dep_ == "pcomp" and c.tag_ == "VBG"
                                                               for c in prep.children)


def self_told(verb: Token, sources: tuple[str, ...], ctx: Context) -> bool:
    """A clause reported by its own doer or one of its own people ("Gondor announced that it is ready to ...",
    "a Gondorian minister said Gondor is committed to ..."): no one else is told of."""
    if verb.dep_ not in MAIN_DEPS or verb.head.dep_ != "ROOT":
        return False
    tellers = verb_source(verb.head, ctx)
    return bool(tellers) and all(t in sources or owner(t, ctx) in sources for t in tellers)


def owner(actor_id: str, ctx: Context) -> str | None:
    """The state a person or body belongs to (a state's minister tells of its own acts)."""
    actor = next((a for a in ctx.document.actors if a.id == actor_id), None)
    return actor.country if actor is not None and actor.kind != "country" else None


def infinitive(clause: Token) -> bool:
    """An infinitive complement, also where the parse reads it as an adverbial clause ("swore to fight")."""
    if clause.dep_ == "xcomp":
        return True
    to = next((c for c in clause.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    return clause.dep_ == "advcl" and to is not None and to.i == clause.head.i + 1


def main_clause(verb: Token) -> bool:
    """The main verb of its sentence, or the clause told before its attribution ("Gondor has agreed to ...,
    officials said"): the news itself, with its teller put after it. A statement introduced by its teller
    ("Elendil said that Gondor agreed to ...") is the teller's, who may be the one agreed with or asked."""
    return verb.dep_ == "ROOT" or (verb.dep_ in MAIN_DEPS and verb.head.dep_ == "ROOT" and verb.i < verb.head.i)


def someone_unnamed(clause: Token, ctx: Context) -> bool:
    """The infinitive acts on a definite phrase or a pronoun that names no actor ("to provide the network
    with ...", "to release them"): a target is expressed but unresolved, not absent; an event named there
    is something done, not someone ("to postpone the march")."""
    for obj in (c for c in clause.children if c.dep_ in ("dobj", "dative") and c.i not in ctx.triggers):
        if obj.pos_ == "PRON" or any(d.dep_ == "poss" or d.lower_ == "the" for d in obj.children):
            return True
    return False


def said_that(clause: Token) -> bool:
    """A "that" clause whose subject is a named thing, not a pronoun ("demanded that the army withdraw")."""
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    marked = any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
    return marked and subject is not None and subject.pos_ != "PRON"


def sentence_text(token: Token) -> str:
    return token.sent.text.strip()


def complete(event: Event) -> bool:
    """Both sides named: who did what to whom; or, for the types whose action needs no one acted upon
    (resigning, demonstrating, deploying), the one who acted; or, for violence, the victim where no agent
    is named ("three soldiers were killed in a bombing"). Other one-sided tellings are left out: measured
    on the annotated articles, a missing side is far more often an unresolved phrase than a truly
    one-sided action."""
    if event.source is not None and event.target is not None:
        return True
    if event.source is None:
        return event.target is not None and (event.type in AGENTLESS_TYPES or (
            event.type in PASSIVE_AGENTLESS_TYPES and event.sides == "agentless" and not event.negated))
    return (event.type in ONE_SIDED_TYPES or (event.type in CONTENT_TYPES and event.sides == "content")
            or (event.cameo == CALLED_OFF_PROTEST and enabled("called-off-protest")))
