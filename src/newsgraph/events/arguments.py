"""Arguments: source and target actors from the dependency parse, and the event's date and place."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from newsgraph.document import Document
from newsgraph.events.lexicon import Lexicon
from newsgraph.events.triggers import Trigger

#: Prepositions whose object is the one acted upon ("attack on", "talks with", "sanctions against").
TARGET_PREPS = {"against", "on", "with", "to", "into", "at", "toward", "towards", "upon", "onto", "from"}
#: Modifiers inside a noun phrase that may name the actor the phrase stands for ("Iraqi forces", "US-led").
MODIFIERS = {"compound", "amod", "nmod", "npadvmod", "poss", "nummod"}
#: "on a trip", "during a meeting": the subject of the clause takes part in the event.
OCCASION_PREPS = {"on", "during", "at"}
RELATIVE = {"who", "which", "that", "whom"}
SUBJECTS = ("nsubj", "csubj")
#: Prepositions whose object owns the phrase ("forces of Gondor", "envoys from Arnor").
OWNER_PREPS = {"of", "from"}
MAX_DEPTH = 4
#: Pronouns of the one speaking, read as a quotation's speaker.
FIRST_PERSON = {"i", "we", "me", "us"}
#: Object pronouns read as the person named just before in the sentence.
OBJECT_PRONOUNS = {"him", "her"}


@dataclass(frozen=True)
class Parties:
    """The actor ids on each side of an event (several for coordinated actors) and how they were found."""

    sources: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    rule: str = ""
    #: True where a side with no actor is also unexpressed in the clause ("the rebels withdrew"), rather
    #: than expressed by words that name no known actor ("praised those moves", "he visited").
    unexpressed: bool = False
    #: True where the object is a pronoun that names no actor ("released them"): the target is unknown.
    pronoun_object: bool = False


@dataclass(frozen=True)
class Context:
    document: Document
    lexicon: Lexicon
    triggers: dict[int, Trigger]


def actor_id(token: Token, ctx: Context, depth: int = 0) -> str | None:
    """The actor a noun phrase names: its head word, else a modifier to its left ("Israeli helicopters",
    "US Predator attacks", "Arnor's army"), an apposition, or the owner in an "of"/"from" phrase
    ("positions of the Gondorian army", "doctors from Arnorian aid groups")."""
    actor = ctx.document.actor_at(token.idx, token.idx + len(token))
    if actor is not None:
        return actor.id
    if depth > MAX_DEPTH:
        return None
    for found in (_modifier_actor(token, ctx, depth), _inner_actor(token, ctx, depth), _definite(token, ctx)):
        if found is not None:
            return found
    return None


def _definite(token: Token, ctx: Context) -> str | None:
    """"the embassy", "the ministry": the organization named earlier whose name ends in the same noun
    (the latest one mentioned before this phrase)."""
    if token.pos_ != "NOUN" or token.i in ctx.triggers or not any(c.lower_ == "the" for c in token.children):
        return None
    best, best_start = None, -1
    for actor in ctx.document.actors:
        words = actor.name.lower().split()
        if actor.kind != "organization" or not words or words[-1] not in (token.lower_, token.lemma_.lower()):
            continue
        starts = [m.start for m in actor.mentions if m.start < token.idx]
        if starts and max(starts) > best_start:
            best, best_start = actor.id, max(starts)
    return best


def _modifier_actor(token: Token, ctx: Context, depth: int) -> str | None:
    for c in token.lefts:
        if c.dep_ in MODIFIERS and c.i not in ctx.triggers:
            found = actor_id(c, ctx, depth + 1)
            if found is not None:
                return found
    return None


def _inner_actor(token: Token, ctx: Context, depth: int) -> str | None:
    """An apposition, or the object of "of"/"from" on a phrase that is not itself an event."""
    if token.i in ctx.triggers:
        return None
    for c in token.children:
        if c.dep_ == "appos" and c.i not in ctx.triggers:
            found = actor_id(c, ctx, depth + 1)
            if found is not None:
                return found
    agent = prep_object(token, {"by"})  # "calls by Gondor", "an admission by Arnor"
    if agent is not None and agent.i not in ctx.triggers:
        found = actor_id(agent, ctx, depth + 1)
        if found is not None:
            return found
    heads_for_owner = token.lemma_.lower() in ctx.lexicon.owner_heads or token.pos_ == "NUM"
    owner = prep_object(token, OWNER_PREPS | ({"in"} if heads_for_owner else set()))
    if owner is None or owner.i in ctx.triggers:
        return None
    if heads_for_owner:  # "positions of the Gondorian army", "opposition parties in Gondor"
        return actor_id(owner, ctx, depth + 1)
    named = ctx.document.actor_at(owner.idx, owner.idx + len(owner))  # "members of the Union", not "a photo of X"
    return named.id if named is not None and named.kind != "person" and owner.head.lower_ == "of" else None


def actor_ids(token: Token | None, ctx: Context) -> tuple[str, ...]:
    """The actors of a phrase and of the phrases coordinated with it ("Arnor and Gondor")."""
    if token is None:
        return ()
    ids = [actor_id(t, ctx) or pronoun_actor(t, ctx) for t in (token, *token.conjuncts)]
    return tuple(dict.fromkeys(i for i in ids if i))


def pronoun_actor(token: Token, ctx: Context) -> str | None:
    """"I"/"we" inside a quotation: its speaker; "him"/"her" as an object: the person named last before
    it in the sentence, other than the clause's subject."""
    word = token.lower_
    if word in FIRST_PERSON:
        quote = next((q for q in ctx.document.quotes if q.start <= token.idx < q.end and q.speaker), None)
        return quote.speaker if quote is not None else None
    if word not in OBJECT_PRONOUNS or token.dep_ not in ("dobj", "pobj", "dative"):
        return None
    subject = next((c for c in token.head.children if c.dep_ in SUBJECTS), None)
    skip = ctx.document.actor_at(subject.idx, subject.idx + len(subject)) if subject is not None else None
    best, best_start = None, -1
    for actor in ctx.document.actors:
        if actor.kind != "person" or actor is skip:
            continue
        starts = [m.start for m in actor.mentions if token.sent.start_char <= m.start < token.idx]
        if starts and max(starts) > best_start:
            best, best_start = actor.id, max(starts)
    return best


def child(token: Token, *deps: str) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def prep_object(token: Token, preps: set[str]) -> Token | None:
    return next(iter(prep_objects(token, preps)), None)


def prep_objects(token: Token, preps: set[str]) -> list[Token]:
    """The objects of this word's prepositions among ``preps``, in text order."""
    found = []
    for c in token.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ in preps:
            obj = child(c, "pobj")
            if obj is not None:
                found.append(obj)
    return found


def prep_actors(token: Token | None, preps: set[str], ctx: Context) -> tuple[str, ...]:
    """The actors named by any of the word's prepositional objects ("met on Monday with Gondor")."""
    if token is None:
        return ()
    ids = [i for obj in prep_objects(token, preps) for i in actor_ids(obj, ctx)]
    return tuple(dict.fromkeys(ids))


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or (
        verb.dep_ == "acl" and verb.tag_ == "VBN")


# ------------------------------------------------------------------ verbs
def verb_source(verb: Token, ctx: Context, depth: int = 0) -> tuple[str, ...]:
    if depth > MAX_DEPTH:
        return ()
    if is_passive(verb):
        return passive_agent(verb, ctx, depth)
    subj = child(verb, *SUBJECTS)
    if subj is not None and subj.lower_ in RELATIVE and verb.dep_ == "relcl":
        subj = verb.head
    if subj is not None:
        if subj.i in ctx.triggers and not ctx.triggers[subj.i].is_verb:
            return noun_source(subj, ctx, depth + 1)  # "a drone strike killed ..."
        found = actor_ids(subj, ctx)
        if not found and subj.pos_ == "PRON" and verb.dep_ in ("ccomp", "xcomp"):
            return verb_source(verb.head, ctx, depth + 1)  # "X said it would ...": the pronoun is X
        return found
    if verb.dep_ in ("xcomp", "conj", "advcl", "acomp") and verb.head.pos_ in ("VERB", "AUX", "ADJ"):
        return verb_source(verb.head, ctx, depth + 1)  # "is ready to send": the subject of "is"
    if verb.dep_ in ("relcl", "acl"):
        return actor_ids(verb.head, ctx) or clause_source(verb.head, ctx, depth + 1)
    return ()


def clause_source(noun: Token, ctx: Context, depth: int) -> tuple[str, ...]:
    """The subject of the clause a participle phrase hangs from: "X issued a statement blaming Y" -> X."""
    current = noun
    for _ in range(3):  # "posted a message on Twitter blaming ...": up through the noun phrases to the verb
        if current.dep_ not in ("dobj", "attr", "pobj", "prep") or current.head is current:
            return ()
        current = current.head
        if current.pos_ in ("VERB", "AUX"):
            return verb_source(current, ctx, depth + 1) if depth <= MAX_DEPTH else ()
    return ()


def passive_agent(verb: Token, ctx: Context, depth: int) -> tuple[str, ...]:
    agent = prep_object(verb, {"by"})
    if agent is not None:
        if agent.i in ctx.triggers:
            return noun_source(agent, ctx, depth + 1)
        return actor_ids(agent, ctx)
    means = prep_object(verb, {"in", "during"})  # "killed in a drone strike"
    if means is not None and means.i in ctx.triggers and not ctx.triggers[means.i].is_verb:
        return noun_source(means, ctx, depth + 1)
    return ()


def verb_target(verb: Token, ctx: Context, depth: int = 0) -> tuple[str, ...]:
    if is_passive(verb):
        subj = child(verb, "nsubjpass")
        if (subj is not None and subj.lower_ in RELATIVE) or (subj is None and verb.dep_ in ("relcl", "acl")):
            return actor_ids(verb.head, ctx)
        return actor_ids(subj, ctx)
    for dep in ("dobj", "dative"):
        obj = child(verb, dep)
        if obj is not None and obj.lower_ in RELATIVE and verb.dep_ == "relcl":
            obj = verb.head
        found = actor_ids(obj, ctx) or prep_actors(obj, TARGET_PREPS | {"between"}, ctx)
        if found:
            return found
    return prep_actors(verb, TARGET_PREPS, ctx) or complement_target(verb, ctx, depth)


def complement_target(verb: Token, ctx: Context, depth: int) -> tuple[str, ...]:
    """The one a complement clause is about: its subject ("demanded that Gondor withdraw") or, for an
    infinitive, its own target ("agreed to lift sanctions on Gondor")."""
    if depth > MAX_DEPTH:
        return ()
    for c in verb.children:
        if c.dep_ == "ccomp":
            subj = child(c, "nsubj", "nsubjpass")
            found = actor_ids(subj, ctx) if subj is not None and subj.pos_ != "PRON" else ()
            if found:
                return found
        if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") and c.i not in ctx.triggers:
            found = verb_target(c, ctx, depth + 1)
            if found:
                return found
    return ()


# ------------------------------------------------------------------ nouns
def support_verb(noun: Token, ctx: Context) -> Token | None:
    """A light verb whose object is this event noun ("launched an attack", "sanctions that X imposed")."""
    head = noun.head
    if noun.dep_ in ("dobj", "nsubjpass") and ctx.lexicon.cue(head) == "support":
        return head
    if noun.dep_ == "pobj" and head.lower_ in ("in", "into") and ctx.lexicon.cue(head.head) == "support":
        return head.head  # "entered into an agreement", "engaged in talks"
    if noun.dep_ == "pobj" and head.lower_ == "under" and head.head.pos_ == "VERB":
        return head.head  # "placed Elendil under arrest"
    for c in noun.children:
        if c.dep_ == "relcl" and ctx.lexicon.cue(c) == "support":
            return c
    return None


def noun_source(noun: Token, ctx: Context, depth: int = 0) -> tuple[str, ...]:
    entry = ctx.triggers[noun.i].entry if noun.i in ctx.triggers else None
    by = prep_object(noun, {"by"})
    if by is not None:
        return actor_ids(by, ctx)
    if entry is not None and entry.of == "src":
        found = actor_ids(prep_object(noun, {"of"}), ctx)
        if found:
            return found
    skip = "poss" if entry is not None and entry.poss == "tgt" else ""
    for c in noun.lefts:
        if c.dep_ in MODIFIERS and c.dep_ != skip and c.i not in ctx.triggers and not opposed(c):
            found = actor_ids(c, ctx) or tuple(i for i in [actor_id(c, ctx)] if i)
            if found:
                return found
    verb = support_verb(noun, ctx) or occasion_verb(noun)
    if verb is not None and depth <= MAX_DEPTH:
        found = verb_source(verb, ctx, depth + 1)
        if found:
            return found
    parties_between = prep_actors(noun, {"between", "among"}, ctx)  # "talks between Arnor and Gondor"
    return parties_between if len(parties_between) > 1 else ()


def opposed(modifier: Token) -> bool:
    """"anti-Brexit march", "pro-Gondor rally": the modifier names what the event is about, not who acts."""
    first = modifier.left_edge
    while first.i > 0 and not modifier.doc[first.i - 1].whitespace_:  # "anti" "-" "Gondor": one written word
        first = modifier.doc[first.i - 1]
    left = modifier.doc[first.i:modifier.i + 1].text.lower()
    return left.startswith(("anti", "pro-", "counter"))


def occasion_verb(noun: Token) -> Token | None:
    """The verb of "X said on a trip to ...", "X, during a meeting with ...": X is the one on the trip."""
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ in OCCASION_PREPS and prep.head.pos_ in ("VERB", "AUX"):
        return prep.head
    return None


def noun_target(noun: Token, ctx: Context) -> tuple[str, ...]:
    entry = ctx.triggers[noun.i].entry
    if entry.poss == "tgt":
        found = actor_ids(child(noun, "poss"), ctx)
        if found:
            return found
    preps = TARGET_PREPS | ({"of"} if entry.of == "tgt" else set())
    found = prep_actors(noun, preps, ctx)
    if found:
        return found
    verb = support_verb(noun, ctx)
    if verb is None:
        return ()
    return (actor_ids(child(verb, "dobj"), ctx) if noun.head.lower_ == "under" else ()) or prep_actors(
        verb, TARGET_PREPS, ctx)


def parties(trigger: Trigger, ctx: Context) -> Parties:
    token = trigger.token
    if trigger.is_verb:
        sources, targets = verb_source(token, ctx), verb_target(token, ctx)
        if not targets and trigger.entry.type == "REQUEST":
            targets = prep_actors(token, {"for"}, ctx)  # "called for Gondorian action"
        pronoun = not targets and any(c.dep_ == "dobj" and c.pos_ == "PRON" for c in token.children)
        return Parties(sources, targets, "verb", unexpressed=not unnamed_slot(token, sources, targets),
                       pronoun_object=pronoun)
    return Parties(noun_source(token, ctx), noun_target(token, ctx), "noun")


def unnamed_slot(verb: Token, sources: tuple[str, ...], targets: tuple[str, ...]) -> bool:
    """True where the clause has a subject or object that names no actor."""
    deps = {c.dep_ for c in verb.children}
    subject = bool(deps & {"nsubj", "nsubjpass", "agent", "csubj"}) or verb.dep_ in ("relcl", "acl")
    obj = bool(deps & {"dobj", "dative", "nsubjpass"}) or prep_object(verb, TARGET_PREPS) is not None
    return (not sources and subject) or (not targets and obj)
