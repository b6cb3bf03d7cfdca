"""Arguments: source and target actors from the dependency parse, and the event's date and place."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from newsgraph.document import Actor, Document, MentionIndex
from newsgraph.events.codebook import CLAUSE_TYPES, JOINT_TYPES, MUTUAL_TYPES, REACTION_TYPES
from newsgraph.events.lexicon import Lexicon
from newsgraph.events.triggers import Trigger
from newsgraph.rules import fires

#: Prepositions whose object is the one acted upon ("attack on", "talks with", "sanctions against").
TARGET_PREPS = {"against", "on", "with", "to", "into", "at", "toward", "towards", "upon", "onto", "from"}
#: Prepositions on a noun phrase that name the one it is aimed at ("talks between", "an aid program for").
NOMINAL_PREPS = {"between", "for"}
#: Event types whose noun's "for" phrase names the one it favours ("support for Gondor", "aid for Arnor"); for
#: the others it gives grounds ("arrested for fraud", "criticism for its handling").
BENEFACTIVE_TYPES = {"SUPPORT", "AID"}
#: Words that open the condition of a threat.
CONDITIONS = {"if", "unless"}
#: Possessive pronouns that stand for the subject of the clause ("Gondor renewed its demand").
OWN_PRONOUNS = {"its", "their"}
#: Prepositions before a gerund whose doer is the clause's subject ("replied by firing") or, after "for"
#: and "of", its object ("blamed Gondor for firing"); not time ("after pulling out"), where the parse errs.
GERUND_PREPS = {"by", "to", "for", "of", "in", "with", "without"}
#: Prepositions that aim a noun inside an "of" phrase at someone ("part of a program for X", "suspension of
#: links with X"); not place words ("part of a stronghold on the border").
DIRECTED_PREPS = {"with", "against", "to", "toward", "towards"}
#: Prepositions of the grounds of an act ("jailed on charges of", "expelled over allegations of").
GROUNDS_PREPS = {"on", "over", "for"}
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
    #: The document's mentions by offset, as they stand when the events stage starts (it adds none); made
    #: here unless given (give one made once per document where contexts are made per sentence).
    mentions: MentionIndex | None = None

    def actor_at(self, start: int, end: int) -> Actor | None:
        """``Document.actor_at``, through the index."""
        if self.mentions is None:
            object.__setattr__(self, "mentions", MentionIndex(self.document))
        assert self.mentions is not None
        return self.mentions.actor_at(start, end)


def actor_id(token: Token, ctx: Context, depth: int = 0) -> str | None:
    """The actor a noun phrase names: its head word, else a modifier to its left ("Israeli helicopters",
    "US Predator attacks", "Arnor's army"), an apposition, or the owner in an "of"/"from" phrase
    ("positions of the Gondorian army", "doctors from Arnorian aid groups")."""
    actor = ctx.actor_at(token.idx, token.idx + len(token))
    if actor is not None:
        return actor.id
    if depth > MAX_DEPTH:
        return None
    named = _named_apposition(token, ctx)  # "Gondor's chief envoy Elendil": the one named, not his state
    if named is not None:
        return named
    for found in (_modifier_actor(token, ctx, depth), _inner_actor(token, ctx, depth), _definite(token, ctx)):
        if found is not None:
            return found
    return None


def _named_apposition(token: Token, ctx: Context) -> str | None:
    """A person named in apposition to a title ("the chief constable, Elendil")."""
    for c in token.children:
        actor = ctx.actor_at(c.idx, c.idx + len(c)) if c.dep_ == "appos" else None
        if actor is not None and actor.kind == "person":
            return actor.id
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
    """A modifier that names an actor; an owner pronoun does not name the phrase ("his Gondorian counterpart")."""
    for c in token.lefts:
        if c.dep_ in MODIFIERS and c.i not in ctx.triggers and c.pos_ != "PRON":
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
    agent = prep_object(token, {"by"}) or participle_agent(token)  # "calls by Gondor", "crimes committed by X"
    if agent is not None and agent.i not in ctx.triggers:
        found = actor_id(agent, ctx, depth + 1)
        if found is not None:
            return found
    standing = standing_for(token, ctx)  # "the removal of X", "an offer from X", "positions of the army"
    if standing is not None:
        return actor_id(standing, ctx, depth + 1)
    owner = prep_object(token, OWNER_PREPS)
    if owner is None or owner.i in ctx.triggers:
        return None
    named = ctx.actor_at(owner.idx, owner.idx + len(owner))  # "members of the Union", not "a photo of X"
    return named.id if named is not None and named.kind != "person" and owner.head.lower_ == "of" else None


def standing_for(token: Token, ctx: Context) -> Token | None:
    """The phrase a noun stands for: the object of an argument noun ("the removal of X"), or the owner of
    an owner head ("positions of the Gondorian army", "opposition parties in Gondor", "a camp for X")."""
    argument = argument_object(token, ctx)
    if argument is not None:
        return argument
    example = such_as(token)
    if example is not None and example.i not in ctx.triggers:
        return example
    if not fires("data:event_owner_heads", token.lemma_.lower() in ctx.lexicon.owner_heads) and token.pos_ != "NUM":
        return None
    owner = prep_object(token, OWNER_PREPS | {"in", "for"})
    return owner if owner is not None and owner.i not in ctx.triggers else None


def such_as(token: Token) -> Token | None:
    """The examples a plural phrase is given by ("allies such as Gondor"): the object of its "such as"."""
    for c in token.children:
        if c.dep_ == "prep" and c.lower_ == "as" and any(d.lower_ == "such" for d in (*c.children, *token.children)):
            return child(c, "pobj")
    return None


def participle_agent(token: Token) -> Token | None:
    """The agent of a participle phrase on a noun: "crimes committed by Gondorian forces" -> forces."""
    for c in token.children:
        if c.dep_ == "acl" and c.tag_ == "VBN":
            agent = prep_object(c, {"by"})
            if agent is not None:
                return agent
    return None


def argument_object(token: Token, ctx: Context) -> Token | None:
    """The object of the preposition that names the actor an argument noun is about ("the release of X")."""
    preps = ctx.lexicon.argument_nouns.get(token.lemma_.lower()) or ctx.lexicon.argument_nouns.get(token.lower_)
    obj = prep_object(token, set(preps)) if preps else None
    return obj if fires("data:event_argument_nouns", obj is not None and obj.i not in ctx.triggers) else None


def actor_ids(token: Token | None, ctx: Context) -> tuple[str, ...]:
    """The actors of a phrase and of the phrases coordinated with it ("Arnor and Gondor")."""
    if token is None:
        return ()
    ids = [actor_id(t, ctx) or pronoun_actor(t, ctx) for t in (token, *token.conjuncts)]
    ids += [actor_id(first, ctx) for first in folded_conjuncts(token)]
    if ids[0] is not None and ctx.actor_at(token.idx, token.idx + len(token)) is None:
        ids += coordinated_modifiers(token, ctx)  # "the Arnorian and Gondorian sides"
        named = [a for a in token.children if a.dep_ == "appos"]  # "two envoys, A and B": each of them
        ids += [actor_id(c, ctx) for a in named for c in a.conjuncts]
        standing = standing_for(token, ctx) if token.i not in ctx.triggers else None
        ids += [actor_id(c, ctx) for c in (standing.conjuncts if standing is not None else ())]  # "envoys of A and B"
    return tuple(dict.fromkeys(i for i in ids if i))


def folded_conjuncts(token: Token) -> list[Token]:
    """Names coordinated with a phrase that the parse folded into its modifiers ("President A and Minister
    B met": "A and Minister" read as a modifier of "B"): the first conjunct of each "and" left of the head."""
    return [c.head for c in token.doc[token.left_edge.i:token.i]
            if c.dep_ == "cc" and c.lower_ == "and" and c.head.tag_ in ("NNP", "NNPS") and c.head is not token]


def coordinated_modifiers(token: Token, ctx: Context) -> list[str | None]:
    """The actors of the modifiers coordinated with a noun's modifier ("Arnorian and Gondorian sides")."""
    return [actor_id(c, ctx) for m in token.lefts if m.dep_ in ("amod", "compound", "nmod") for c in m.conjuncts]


def pronoun_actor(token: Token, ctx: Context) -> str | None:
    """"I"/"we" inside a quotation: its speaker (other pronouns are resolved by the actors stage and read
    with ``Document.actor_at``)."""
    if token.lower_ not in FIRST_PERSON:
        return None
    quote = next((q for q in ctx.document.quotes if q.start <= token.idx < q.end and q.speaker), None)
    return quote.speaker if quote is not None else None


def child(token: Token, *deps: str) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def prep_object(token: Token, preps: set[str]) -> Token | None:
    return next(iter(prep_objects(token, preps)), None)


def prep_objects(token: Token, preps: set[str]) -> list[Token]:
    """The objects of this word's prepositions among ``preps``, in text order."""
    found = []
    for c in token.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ in preps:
            obj = child(c, "pobj") or stranded_object(c)
            if obj is not None:
                found.append(obj)
    return found


#: Words that lead up to the head of a noun phrase.
PREMODIFIERS = {"det", "amod", "compound", "nummod", "nmod", "poss", "quantmod"}


def stranded_object(prep: Token) -> Token | None:
    """The object of a preposition the parse left empty because the phrase after it was read as the subject
    of a participle ("granted asylum to five officers holed up in ...": "officers" as subject of "holed")."""
    if prep.n_rights or prep.i + 1 >= len(prep.doc):
        return None
    head = prep.doc[prep.i + 1]
    while head.dep_ in PREMODIFIERS and head.head.i > head.i:
        head = head.head
    verb = head.head
    if head.left_edge.i != prep.i + 1 or head.dep_ != "nsubj" or verb.tag_ not in ("VBN", "VBD"):
        return None  # a clause of its own would have a subordinator or an auxiliary ("to X, who had ...")
    return None if any(c.dep_ in ("aux", "auxpass", "mark") for c in verb.children) else head


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
def stative(verb: Token, ctx: Context) -> bool:
    """"Gondor is opposed to the plan": a participle of stance with no agent; its subject acts. General grammar
    (passives that are no passive, data file ``event_stative_participles.tsv``): kept however rarely it fires."""
    return fires("data:event_stative_participles", verb.lemma_.lower() in ctx.lexicon.stative
                 and child(verb, "nsubjpass") is not None and prep_object(verb, {"by"}) is None)


def verb_source(verb: Token, ctx: Context, depth: int = 0) -> tuple[str, ...]:
    if depth > MAX_DEPTH:
        return ()
    if stative(verb, ctx):
        return actor_ids(child(verb, "nsubjpass"), ctx)
    if is_passive(verb):
        return passive_agent(verb, ctx, depth)
    subj = participle_subject(child(verb, *SUBJECTS)) or lent_subject(verb) or auxiliary_subject(verb)
    if subj is not None and subj.lower_ in RELATIVE and verb.dep_ == "relcl":
        subj = verb.head
    if subj is not None:
        if subj.i in ctx.triggers and not ctx.triggers[subj.i].is_verb:
            return noun_source(subj, ctx, depth + 1)  # "a drone strike killed ..."
        found = actor_ids(subj, ctx)
        owned = any(c.dep_ == "poss" and c.lower_ in OWN_PRONOUNS for c in subj.children)
        if not found and (subj.pos_ == "PRON" or owned) and verb.dep_ in ("ccomp", "xcomp"):
            return verb_source(verb.head, ctx, depth + 1)  # "X said it / its army would ...": X
        return found
    if verb.dep_ in ("xcomp", "conj", "advcl", "acomp") and verb.head.pos_ in ("VERB", "AUX", "ADJ"):
        return verb_source(verb.head, ctx, depth + 1)  # "is ready to send": the subject of "is"
    if verb.dep_ == "pcomp" and verb.head.lower_ in GERUND_PREPS and verb.head.head.pos_ in ("VERB", "AUX"):
        governor = verb.head.head  # "blamed Gondor for firing": Gondor; "replied by firing": the subject
        obj = first_object(governor, "dobj") if verb.head.lower_ in ("for", "of") else None
        return actor_ids(obj, ctx) if obj is not None else verb_source(governor, ctx, depth + 1)
    if verb.dep_ in ("relcl", "acl"):
        return actor_ids(verb.head, ctx) or clause_source(verb.head, ctx, depth + 1)
    return ()


def lent_subject(verb: Token) -> Token | None:
    """The subject the parse gave to a participle phrase before the verb instead of the verb itself
    ("Protesters, carrying banners, marched": "Protesters" read as the subject of "carrying"). General grammar
    (participles, rule ``lent-subject``): kept however rarely it fires on the corpus."""
    for c in verb.lefts:
        if c.dep_ == "advcl" and c.tag_ in ("VBG", "VBN") and child(c, "mark", "aux", "auxpass") is None:
            subj = child(c, "nsubj")
            if fires("lent-subject", subj is not None and subj.i < c.i and subj.pos_ != "PRON"):
                return subj
    return None


def auxiliary_subject(verb: Token) -> Token | None:
    """The subject the parse hung on an auxiliary of the verb ("Gondor has been urging": "Gondor" read as the
    subject of "been")."""
    return next((s for a in verb.children if a.dep_ == "aux" for s in a.children if s.dep_ == "nsubj"), None)


def participle_subject(subj: Token | None) -> Token | None:
    """A clausal subject with a subject of its own before it is a participle phrase the parse took for the
    subject ("Protesters, carrying placards asking ..., marched": "asking" read as the subject of "marched",
    "Protesters" as its own): the verb's subject is that one; a plain gerund subject is kept. General grammar
    (participles, rule ``participle-subject``): kept however rarely it fires on the corpus."""
    if subj is None or subj.dep_ != "csubj" or subj.tag_ != "VBG":
        return subj
    own = child(subj, "nsubj")
    return own if fires("participle-subject", own is not None and own.i < subj.i and own.pos_ != "PRON") else subj


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
    maker = prep_object(means, {"by"}) if means is not None else None  # "condemned in a statement by X"
    return actor_ids(maker, ctx) if maker is not None and maker.i not in ctx.triggers else ()


def verb_target(verb: Token, ctx: Context, depth: int = 0) -> tuple[str, ...]:
    if stative(verb, ctx):
        return prep_actors(verb, {"to", "with"}, ctx) or event_object_source(verb, ctx, depth)
    if is_passive(verb):
        subj = child(verb, "nsubjpass")
        if (subj is not None and subj.lower_ in RELATIVE) or (subj is None and verb.dep_ in ("relcl", "acl")):
            return actor_ids(verb.head, ctx)
        if subj is None and verb.dep_ == "conj":  # "Gondor resisted and was condemned": Gondor
            subj = child(verb.head, "nsubj", "nsubjpass")
        return actor_ids(subj, ctx)
    for obj in verb_objects(verb):
        if obj.lower_ in RELATIVE and verb.dep_ == "relcl":
            obj = verb.head
        found = actor_ids(obj, ctx) or nominal_target(obj, ctx)
        if found:
            return found
    return (prep_actors(verb, TARGET_PREPS, ctx) or complement_target(verb, ctx, depth)
            or event_object_source(verb, ctx, depth) or purpose_target(verb, ctx))


def event_object_source(verb: Token, ctx: Context, depth: int) -> tuple[str, ...]:
    """Where the verb's object is an event that names no one acted upon, the one whose act it was:
    "conceded to demands from Gondor", "rejected Gondor's calls" -> Gondor."""
    if depth > MAX_DEPTH:
        return ()
    for obj in (*verb_objects(verb), *prep_objects(verb, TARGET_PREPS)):
        if obj.i in ctx.triggers and not ctx.triggers[obj.i].is_verb:
            found = noun_source(obj, ctx, depth + 1, own_clause=False)
            if found:
                return found
    return ()


def purpose_target(verb: Token, ctx: Context) -> tuple[str, ...]:
    """A purpose clause with no object of its own acts on the object of the verb it serves: "summoned
    Gondor's envoy to complain" -> the envoy."""
    if verb.dep_ != "advcl" or verb.head.pos_ != "VERB" or any(
            c.dep_ in ("mark", "dobj", "dative", "nsubj") for c in verb.children):
        return ()
    return actor_ids(first_object(verb.head, "dobj"), ctx)


def verb_objects(verb: Token) -> list[Token]:
    """The verb's direct and indirect objects, and an object the parse put elsewhere: the count after "up
    to" read as a particle and a preposition ("kidnapped up to 16 advisers"), the phrase set in apposition
    after an "as" phrase ("denounced as a crime Gondor's crackdown")."""
    found = [obj for obj in (first_object(verb, dep) for dep in ("dobj", "dative")) if obj is not None]
    if found:
        return found
    for c in verb.children:
        if c.lower_ == "up" and c.dep_ in ("prt", "prep", "advmod"):
            obj = prep_object(c, {"to"})
            if obj is not None and any(d.dep_ == "nummod" for d in obj.children):
                found.append(obj)
        elif c.lower_ == "as" and c.dep_ == "prep":
            obj = child(c, "pobj")
            found.extend(d for d in (obj.children if obj is not None else ()) if d.dep_ == "appos")
    return found


def first_object(verb: Token, dep: str) -> Token | None:
    """The verb's first object of this relation, past a bracket ("urged [X]")."""
    return next((c for c in verb.children if c.dep_ == dep and not c.is_punct), None)


def nominal_target(noun: Token, ctx: Context, depth: int = 0) -> tuple[str, ...]:
    """The one a noun phrase is aimed at through its prepositions ("air links with Gondor", "an aid program
    for Gondor"), also through an "of" phrase ("part of a program for Gondor", "suspension of links with X")."""
    found = prep_actors(noun, (TARGET_PREPS if depth == 0 else DIRECTED_PREPS) | NOMINAL_PREPS, ctx)
    if found or depth >= 2:
        return found
    inner = prep_object(noun, {"of"})
    return nominal_target(inner, ctx, depth + 1) if inner is not None and inner.i not in ctx.triggers else ()


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
    """A light verb whose object is this event noun ("launched an attack", "sanctions that X imposed"), or
    the first of the nouns it is coordinated with ("launched an investigation and a lawsuit")."""
    while noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN") and noun.head is not noun:
        noun = noun.head
    head = noun.head
    if noun.dep_ in ("dobj", "nsubjpass") and ctx.lexicon.cue(head) == "support":
        return head
    if noun.dep_ == "dobj" and absorbing(head, ctx):
        return head  # "granted asylum to X": the verb read through its object gives the object its parties
    if noun.dep_ == "pobj" and head.lower_ in ("of", "in") and head.head.dep_ in ("dobj", "nsubjpass") and (
            ctx.lexicon.cue(head.head.head) == "support"):
        return head.head.head  # "launched ten days of war games", "gave X five million dollars of (in) aid"
    if noun.dep_ == "pobj" and head.lower_ in ("in", "into") and ctx.lexicon.cue(head.head) == "support":
        return head.head  # "entered into an agreement", "engaged in talks"
    if noun.dep_ == "pobj" and head.lower_ == "under" and head.head.pos_ == "VERB":
        return head.head  # "placed Elendil under arrest"
    for c in noun.children:
        if c.dep_ == "relcl" and ctx.lexicon.cue(c) == "support":
            return c
    return None


def absorbing(verb: Token, ctx: Context) -> bool:
    """A trigger verb read through the event its object names ("granted asylum"), as the event stage reads
    it; not a reaction to that event ("condemned the attack")."""
    trigger = ctx.triggers.get(verb.i)
    return trigger is not None and trigger.is_verb and trigger.entry.type not in REACTION_TYPES


def noun_source(noun: Token, ctx: Context, depth: int = 0, *, own_clause: bool = True) -> tuple[str, ...]:
    """Who acts in an event noun: its agent ("by"), its owner or sender, a modifier ("Gondorian strikes"),
    else (with ``own_clause``) the subject of the clause that carries it ("Gondor launched an attack")."""
    found = phrase_source(noun, ctx)
    if found is not None or not own_clause:
        return found or ()
    undergoer = under_subject(noun)
    if undergoer is not None and undergoer.dep_ == "nsubj":  # "Gondor came under attack from Mordor": not Gondor
        return actor_ids(prep_object(noun, {"from"}), ctx)
    verb = undergoing_verb(noun, ctx)
    if verb is not None:  # "Gondor received threats from Mordor": not Gondor
        return actor_ids(prep_object(noun, {"from"}) or prep_object(verb, {"from"}), ctx)
    return clause_noun_source(noun, ctx, depth)


def undergoing_verb(noun: Token, ctx: Context) -> Token | None:
    """A light verb whose object is an event that falls on its subject ("received threats", "faced
    criticism", "assistance is received by Gondor", "drew condemnation")."""
    head = noun.head
    kind = ctx.lexicon.cue(head) if noun.dep_ in ("dobj", "nsubjpass") else None
    return head if fires("received-from", kind == "undergo") else None


def undergone_by(noun: Token, ctx: Context) -> tuple[str, ...]:
    """The one an event named as the object of an undergoing verb falls on: its subject, or its agent."""
    verb = undergoing_verb(noun, ctx)
    if verb is None:
        return ()
    bearer = prep_object(verb, {"by"}) if is_passive(verb) else child(verb, "nsubj")
    if bearer is None and not is_passive(verb):
        return verb_source(verb, ctx)  # "launched strikes, drawing condemnation": the one who launched them
    if bearer is not None and bearer.i in ctx.triggers and not ctx.triggers[bearer.i].is_verb:
        return noun_source(bearer, ctx, own_clause=False)  # "Mordor's attack drew condemnation": Mordor
    return actor_ids(bearer, ctx)


def under_subject(noun: Token) -> Token | None:
    """The subject of a verb with no object whose "under" phrase is the event ("Gondor is under Arnorian
    sanctions", "Gondor came under attack", "Elendil was placed under arrest"): the one the event falls on."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "under" or prep.head.pos_ not in ("VERB", "AUX"):
        return None
    verb = prep.head
    return child(verb, "nsubj", "nsubjpass") if first_object(verb, "dobj") is None else None


def phrase_source(noun: Token, ctx: Context) -> tuple[str, ...] | None:
    """The source named inside the noun phrase; None where the phrase names none (an empty tuple where its
    "by" phrase names no known actor)."""
    entry = ctx.triggers[noun.i].entry if noun.i in ctx.triggers else None
    by = prep_object(noun, {"by"}) or next((o for c in noun.conjuncts if c.i > noun.i  # "his murder and
                                            for o in prep_objects(c, {"by"})), None)  # dismemberment by X"
    if by is not None:
        return actor_ids(by, ctx)
    sender = "from" in ctx.lexicon.argument_nouns.get(noun.lemma_.lower(), frozenset())
    for prep in ({"of"} if entry is not None and entry.of == "src" else set()) | ({"from"} if sender else set()):
        found = actor_ids(prep_object(noun, {prep}), ctx)  # "demands from Gondor"
        if found:
            return found
    skip = "poss" if entry is not None and entry.poss == "tgt" else ""
    for c in noun.lefts:
        if c.dep_ in MODIFIERS and c.dep_ != skip and c.i not in ctx.triggers and not opposed(c):
            found = actor_ids(c, ctx) or tuple(i for i in [actor_id(c, ctx)] if i)
            if found:
                return found
    return None


def clause_noun_source(noun: Token, ctx: Context, depth: int) -> tuple[str, ...]:
    phrase = frame_of(noun, ctx)
    verb = support_verb(phrase, ctx) or occasion_verb(phrase, ctx)
    if verb is not None and depth <= MAX_DEPTH:
        found = verb_source(verb, ctx, depth + 1)
        if found:
            return found
    if any(c.dep_ == "poss" and c.lower_ in OWN_PRONOUNS for c in noun.children) and depth <= MAX_DEPTH:
        found = clause_source(noun, ctx, depth + 1)  # "Gondor reiterated its demand": its = Gondor
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


def occasion_verb(noun: Token, ctx: Context) -> Token | None:
    """The verb of "X said on a trip to ...", "X, during a meeting with ...": X is the one on the trip; also
    a bare noun after "in" ("X went on strike in protest", "fired in retaliation") and the purpose of a
    plain verb ("negotiators returned to Geneva for talks"; not "called for talks", a cue)."""
    prep = noun.head
    bare = prep.lower_ == "in" and not any(c.dep_ in ("det", "poss", "nummod") for c in noun.children)
    verb = prep.head.head if bare and prep.head.dep_ == "dobj" else prep.head  # "staged a strike in protest"
    if noun.dep_ != "pobj" or verb.pos_ not in ("VERB", "AUX"):
        return None
    purpose = prep.lower_ == "for" and verb.i not in ctx.triggers and ctx.lexicon.cue(verb) is None
    return verb if prep.lower_ in OCCASION_PREPS or purpose or (bare and not is_passive(verb)) else None


def frame_of(noun: Token, ctx: Context) -> Token:
    """The noun an event word modifies where that noun frames it ("a mediation mission between A and B",
    "a peace effort"): the frame carries the event's verb and prepositions; else the word itself."""
    head = noun.head
    framed = noun.dep_ == "compound" and head.pos_ == "NOUN" and head.i not in ctx.triggers
    return head if framed else noun


def noun_target(noun: Token, ctx: Context) -> tuple[str, ...]:
    entry = ctx.triggers[noun.i].entry
    undergoer = actor_ids(under_subject(noun), ctx) or undergone_by(noun, ctx)
    if undergoer:
        return undergoer
    if entry.poss == "tgt":
        found = actor_ids(child(noun, "poss"), ctx)
        if found:
            return found
    aimed = aimed_preps(noun, ctx) | {"between"}
    preps = aimed | ({"of"} if entry.of == "tgt" else set())
    phrase = frame_of(noun, ctx)
    found = prep_actors(noun, preps, ctx) or clause_subject(noun, ctx, entry.type) or (
        prep_actors(phrase, aimed, ctx) if phrase is not noun else ())
    inner = prep_object(noun, {"of"}) if entry.of == "tgt" else None
    if not found and inner is not None and inner.i not in ctx.triggers:
        found = nominal_target(inner, ctx, 1)  # "a suspension of air links with Gondor"
    if found:
        return found
    found = grounds_target(noun, ctx, entry.type)
    if found:
        return found
    verb = support_verb(phrase, ctx)
    if verb is None:
        return ()
    return (actor_ids(child(verb, "dobj"), ctx) if noun.head.lower_ == "under" else ()) or prep_actors(
        verb, aimed_preps(noun, ctx), ctx) or actor_ids(first_object(verb, "dative"), ctx)  # "gave Gondor aid"


def aimed_preps(noun: Token, ctx: Context) -> set[str]:
    """The prepositions of an event noun or its supporting verb that name the one the event is aimed at:
    "with" names the other side of talks or of fighting ("talks with Gondor", "clashes with Gondor"), but
    the means or a partner of an attack ("launched airstrikes with its air force")."""
    event_type = ctx.triggers[noun.i].entry.type
    one_way = event_type == "ASSAULT" and "two_sided" not in ctx.lexicon.classes_of(noun)
    with_named = one_way and any(t.lower_ == "with" and t.dep_ == "prep" for t in noun.sent)
    preps = TARGET_PREPS - {"with"} if fires("with-one-way", with_named) else TARGET_PREPS
    return preps | {"for"} if fires("for-beneficiary", event_type in BENEFACTIVE_TYPES) else preps


def grounds_target(noun: Token, ctx: Context, event_type: str) -> tuple[str, ...]:
    """A charge given as the grounds of an act is a charge against the one acted upon: "jailed Gondorian
    activists on charges of treason", "expelled the envoy over allegations of spying" -> the object."""
    prep = noun.head
    if event_type != "ACCUSE" or noun.dep_ != "pobj" or prep.lower_ not in GROUNDS_PREPS:
        return ()
    return actor_ids(first_object(prep.head, "dobj"), ctx) if prep.head.pos_ == "VERB" else ()


def clause_subject(noun: Token, ctx: Context, event_type: str) -> tuple[str, ...]:
    """For a demand, charge, threat, refusal or agreement named by a noun, the subject of its "that" clause
    ("its demand that Gondor withdraw"), also where the parse hangs the clause on the verb whose object the
    noun is ("reiterated its demand today that Gondor ease ...")."""
    if event_type not in CLAUSE_TYPES:
        return ()
    clauses = [c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl")]
    if noun.dep_ == "dobj":
        clauses += [c for c in noun.head.children if c.dep_ == "ccomp" and c.i > noun.i]
    for clause in clauses:
        subject = child(clause, "nsubj", "nsubjpass")
        if subject is not None and subject.pos_ != "PRON" and any(
                c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
            found = actor_ids(subject, ctx)
            if found:
                return found
    return ()


def condition_subject(verb: Token, ctx: Context) -> tuple[str, ...]:
    """The one a threat is aimed at: the subject of its condition ("threatened to stop talks if Gondor goes
    ahead", "will retaliate unless Gondor withdraws")."""
    for head in (verb, *(c for c in verb.children if c.dep_ == "xcomp")):
        for clause in (c for c in head.children if c.dep_ == "advcl"):
            if any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in clause.children):
                subject = child(clause, "nsubj", "nsubjpass")
                found = actor_ids(subject, ctx) if subject is not None and subject.pos_ != "PRON" else ()
                if found:
                    return found
    return ()


def parties(trigger: Trigger, ctx: Context) -> Parties:
    return verb_parties(trigger, ctx) if trigger.is_verb else noun_parties(trigger, ctx)


def verb_parties(trigger: Trigger, ctx: Context) -> Parties:
    token = trigger.token
    sources, targets = verb_source(token, ctx), verb_target(token, ctx)
    left = prep_object(token, {"from"}) if trigger.entry.type == "RETREAT" else None
    if left is not None:  # "withdrew the troops / the country from X": X is the one left, not the object
        targets = actor_ids(left, ctx) or nominal_target(left, ctx)
    if not targets and trigger.entry.type == "REQUEST":
        targets = prep_actors(token, {"for"}, ctx)  # "called for Gondorian action"
    if not targets and trigger.entry.type == "THREATEN":
        targets = condition_subject(token, ctx)
    pronoun = not targets and any(c.dep_ == "dobj" and c.pos_ == "PRON" for c in token.children)
    if len(sources) > 1 and ((not targets and mutual(token, ctx)) or (
            trigger.entry.type in JOINT_TYPES and topic_only(token, targets, ctx))):
        return Parties(sources, sources, "verb+mutual")
    return Parties(sources, targets, "verb", unexpressed=not unnamed_slot(token, sources, targets),
                   pronoun_object=pronoun)


def topic_only(verb: Token, targets: tuple[str, ...], ctx: Context) -> bool:
    """The target of a joint act names only what is talked about ("A and B discussed Gondorian trade"):
    the object is no actor itself, only a modifier of it is."""
    obj = first_object(verb, "dobj")
    if obj is None or not targets or ctx.actor_at(obj.idx, obj.idx + len(obj)) is not None:
        return False
    return set(targets) <= set(actor_ids(obj, ctx)) and obj.i not in ctx.triggers


def noun_parties(trigger: Trigger, ctx: Context) -> Parties:
    token = trigger.token
    between = prep_actors(token, {"between", "among"}, ctx)
    if fires("between-parties", len(between) > 1):  # "announced deals between A and B": A and B, not the announcer
        return Parties(between, between, "noun+between")
    sources, targets = noun_source(token, ctx), noun_target(token, ctx)
    if not (sources and targets):
        sources, targets = shared_sides(token, sources, targets, ctx)
    if not targets and len(sources) > 1 and mutual(token, ctx):
        return Parties(sources, sources, "noun+mutual")
    if not sources and len(targets) > 1 and trigger.entry.type in JOINT_TYPES and prep_object(token, {"of"}):
        return Parties(targets, targets, "noun+members")  # "the trilateral meeting of A, B and C"
    return Parties(sources, targets, "noun")


def shared_sides(noun: Token, sources: tuple[str, ...], targets: tuple[str, ...],
                 ctx: Context) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Coordinated event nouns share the sides one of them names: "launched an investigation and a lawsuit
    against Gondor", "its rejection and condemnation of the plan" (the first takes the light verb's subject,
    the last the phrase after it)."""
    for other in noun.conjuncts:
        if other.i not in ctx.triggers or ctx.triggers[other.i].is_verb:
            continue
        if not sources:
            sources = noun_source(other, ctx) if fires("coordinated-nouns", True) else ()
        if not targets:
            targets = noun_target(other, ctx) if fires("coordinated-nouns", True) else ()
    return sources, targets


def mutual(token: Token, ctx: Context) -> bool:
    """"Arnor and Gondor upgraded their ties": coordinated actors act on each other when "their" owns a
    relation between them (ties, talks, cooperation), not an act on others ("their attacks")."""
    phrases = (token, *(c for c in token.children if c.dep_ == "dobj"))
    return any(p.i in ctx.triggers and ctx.triggers[p.i].entry.type in MUTUAL_TYPES
               and any(c.dep_ == "poss" and c.lower_ == "their" for c in p.children) for p in phrases)


def unnamed_slot(verb: Token, sources: tuple[str, ...], targets: tuple[str, ...]) -> bool:
    """True where the clause has a subject or object that names no actor."""
    deps = {c.dep_ for c in verb.children}
    subject = bool(deps & {"nsubj", "nsubjpass", "agent", "csubj"}) or verb.dep_ in ("relcl", "acl")
    obj = bool(deps & {"dobj", "dative", "nsubjpass"}) or prep_object(verb, TARGET_PREPS) is not None
    return (not sources and subject) or (not targets and obj)
