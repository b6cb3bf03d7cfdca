"""Trigger words: verbs and nouns (with their particles and compound modifiers) found in the lexicon."""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from newsgraph.events.codebook import QUADS
from newsgraph.events.lexicon import Entry, Lexicon, VerbPattern
from newsgraph.rules import fires, scope

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
    #: The rules that chose this reading (see newsgraph.rules).
    rules: frozenset[str] = frozenset()

    @property
    def is_verb(self) -> bool:
        return self.entry.pos == "V"


def find_triggers(sent: SpacySpan, lexicon: Lexicon) -> list[Trigger]:
    found = []
    for token in sent:
        with scope() as ids:
            trigger = verb_trigger(token, lexicon) if token.pos_ in VERB_TAGS else None
            if trigger is None and token.pos_ in NOUN_TAGS:
                trigger = noun_trigger(token, lexicon)
            if trigger is None and token.pos_ in VERB_TAGS:
                trigger = modal_trigger(token, lexicon)
            trigger = no_event(trigger)
        if trigger is not None:
            found.append(replace(trigger, rules=frozenset(ids)))
    return found


#: Dependencies of the words that fill a verb's object: direct objects and passive subjects ("arms were sent").
OBJECT_DEPS = {"dobj", "nsubjpass"}
#: Dependencies of an adjective that says what a verb finds its object to be ("found them guilty").
COMPLEMENT_DEPS = {"ccomp", "oprd", "acomp"}
#: Dependencies of a noun's own modifiers, which tell its sense apart ("a general strike").
#: Dependencies of a noun phrase, where a participle with a determiner stands for people ("the wounded").
NOMINAL_DEPS = {"dobj", "pobj", "nsubj", "nsubjpass"}
MODIFIER_DEPS = {"amod", "compound", "poss", "nmod", "npadvmod", "nummod"}


def verb_trigger(token: Token, lexicon: Lexicon) -> Trigger | None:
    if nominal(token):
        return None
    trigger = object_trigger(token, lexicon) or lexicon_verb(token, lexicon) or dictionary_verb(token, lexicon)
    return sensed(trigger, lexicon) if trigger is not None else None


def no_event(trigger: Trigger | None) -> Trigger | None:
    """None for a sense that is no event ("struck a deal")."""
    return None if trigger is None or trigger.entry.type == "-" else trigger


def nominal(token: Token) -> bool:
    """A participle used as a noun is no act: "evacuated the wounded", "the injured were flown out"."""
    return token.dep_ in NOMINAL_DEPS and any(c.dep_ == "det" for c in token.children)


def lexicon_verb(token: Token, lexicon: Lexicon) -> Trigger | None:
    # a particle or preposition of the verb's pattern follows it: "In March, Gondor gave money" is no "give in"
    particles = {c.lower_: c for c in token.children if c.dep_ in ("prt", "prep", "agent") and c.i > token.i}
    inert = any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in lexicon.not_objects for c in token.children)
    if fires("received-from", lexicon.cue(token) == "undergo" and any(
            c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in lexicon.nouns for c in token.children)):
        return None  # "assistance was received by Gondor": the event is the assistance, not a reception
    for entry in lexicon.verbs.get(token.lemma_.lower(), ()):
        if fires("data:event_not_objects", inert and QUADS[entry.type] in (2, 4)):
            continue  # material acts on information are none: "released a statement" (but "rejected a statement")
        if len(entry.words) == 1 or particles.get(entry.words[1]) is not None:
            fires("data:event_triggers")
            return Trigger(token, entry, token.idx, token.idx + len(token))
    return None


#: The rule ids of the generated dictionary's files (see tools/build_event_dictionary.py): its patterns, and
#: the verb groups that give each verb its group's patterns.
DICTIONARY_PATTERNS = "data:event_dictionary_patterns"
DICTIONARY_VERBS = "data:event_dictionary_verbs"


def dictionary_verb(token: Token, lexicon: Lexicon) -> Trigger | None:
    """A verb the hand-written lexicon does not know, read by the pattern of the generated dictionary that its
    particle, object and prepositions fit ("levied sanctions on", "rushed aid to"); a pattern of no event
    leaves the verb none, and so does a verb no pattern fits. Cue words ("hope", "prepare") are read as
    modality, not by the dictionary."""
    lemma = token.lemma_.lower()
    if lemma in lexicon.cues or lemma in lexicon.verbs or lemma in lexicon.verb_objects:
        return None  # the hand-written lexicon knows the verb: its reading (or none) stands
    patterns = lexicon.dictionary_patterns.get(lemma, ())
    words = frame_words(token) if patterns else frozenset()
    for pattern in patterns:
        if not pattern.words <= words:
            continue  # a word the pattern asks for is nowhere around the verb: no need to read the parse
        if fits(token, pattern) and fires(DICTIONARY_PATTERNS) and fires(DICTIONARY_VERBS):
            return Trigger(token, pattern.entry, token.idx, token.idx + len(token))
    return None


def frame_words(token: Token) -> frozenset[str]:
    """Every word (lemma and form) of the verb's phrases: whatever a pattern that fits the verb names is
    among them (its particle, its object's head, its preposition and that one's object)."""
    return frozenset(w for t in token.subtree if t is not token for w in (t.lower_, t.lemma_.lower()))


def fits(token: Token, pattern: VerbPattern) -> bool:
    """Whether the verb carries the pattern's particle, object and prepositional phrase."""
    children = list(token.children)
    if pattern.particle and not any(c.lower_ == pattern.particle and c.dep_ in PARTICLE_DEPS for c in children):
        return False
    objects = [o for c in children if c.dep_ in OBJECT_DEPS or (c.dep_ in COMPLEMENT_DEPS and c.pos_ == "ADJ")
               for o in (c, *(g for g in c.children if g.dep_ == "conj"))]
    if pattern.obj and not any(phrase_fits(o, pattern.obj) for o in objects):
        return False
    if not pattern.prep:
        return True
    preps = [c for t in (token, *objects) for c in t.children if c.dep_ in PREP_DEPS and c.lower_ == pattern.prep]
    return bool(preps) and (not pattern.prep_obj or any(
        phrase_fits(g, pattern.prep_obj) for p in preps for g in p.children if g.dep_ in ("pobj", "pcomp")))


#: Dependencies of a verb's particle ("set off"), and of its prepositions ("put on trial").
PARTICLE_DEPS = {"prt", "prep", "advmod"}
PREP_DEPS = {"prep", "agent", "dative"}


def phrase_fits(head: Token, words: tuple[str, ...]) -> bool:
    """Whether a phrase's head is the pattern's last word (lemma or form) and the words before it hold its
    other words ("humanitarian aid")."""
    if words[-1] not in (head.lemma_.lower(), head.lower_):
        return False
    before = {w for t in head.subtree if t.i < head.i for w in (t.lemma_.lower(), t.lower_)}
    return all(w in before for w in words[:-1])


def object_trigger(token: Token, lexicon: Lexicon) -> Trigger | None:
    """A general verb read by the class of its object: "sent arms to" (AID), "dispatched inspectors" (ACCUSE)."""
    entries = lexicon.verb_objects.get(token.lemma_.lower(), ())
    if not entries:
        return None
    objects = [c for c in token.children if c.dep_ in OBJECT_DEPS or (c.dep_ in COMPLEMENT_DEPS and c.pos_ == "ADJ")]
    classes = {k for o in objects for w in object_words(o) for k in lexicon.classes_of(w)}
    marks = {c.lower_ for t in (token, *objects) for c in t.children if c.dep_ in ("prt", "prep", "dative")}
    for entry in entries:
        found = classes | {k for w in prepositional_objects(token, entry) for k in lexicon.classes_of(w)}
        if fires("data:event_verb_objects", entry.needs in found and all(w in marks for w in entry.words[1:])):
            return Trigger(token, entry, token.idx, token.idx + len(token))
    return None


def prepositional_objects(token: Token, entry: Entry) -> list[Token]:
    """The objects of the verb's own prepositions that the pattern names: "spoke by phone" (a phone call)."""
    return [g for c in token.children if c.dep_ == "prep" and c.lower_ in entry.words[1:]
            for g in c.children if g.dep_ == "pobj"]


def object_words(obj: Token) -> list[Token]:
    """The words that say what an object is: its head, modifiers, coordinated heads and, after a measure or
    group, its "of" phrase ("500 tons of grain", "a team of inspectors")."""
    heads = [obj, *(c for c in obj.children if c.dep_ == "conj")]
    words = [*heads, *(c for h in heads for c in h.children if c.dep_ in ("compound", "amod"))]
    for head in heads:
        words.extend(g for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                     for g in c.children if g.dep_ == "pobj")
    return words


#: Classes that tell a verb's sense only by its object's head word: "released a report" is publishing, but in
#: "released French prisoners" the modifier ("French", also a language) says whose, not what.
HEAD_CLASSES = {"content", "statute"}


def object_heads(token: Token) -> list[Token]:
    """A verb's objects' head words, coordinated heads too."""
    heads = [c for c in token.children if c.dep_ in OBJECT_DEPS]
    return [*heads, *(c for h in heads for c in h.conjuncts)]


def sensed(trigger: Trigger, lexicon: Lexicon) -> Trigger:
    """The trigger in another sense when the words around it say so: "a general strike" is a protest."""
    entry = trigger.entry
    if entry.needs:
        return trigger
    around = {k for w in context_words(trigger.token) for k in lexicon.classes_of(w) if k not in HEAD_CLASSES}
    around |= {k for w in object_heads(trigger.token) for k in lexicon.classes_of(w) if k in HEAD_CLASSES}
    if grounds(trigger.token):
        around.add("grounds")
    for sense in lexicon.senses.get(entry.head, ()):
        if (sense.pattern == entry.pattern and sense.pos == entry.pos and sense.needs in around  # roles stay
                and fires(f"senses:{sense.needs}") and fires("data:event_senses")):
            return Trigger(trigger.token, replace(sense, poss=entry.poss, of=entry.of), trigger.start, trigger.end)
    return trigger


#: Prepositions that give the grounds of a verbal act ("attacked the minister for his remarks").
GROUNDS_PREPS = {"for", "over"}
#: Entity types of a span of time, which is no grounds ("attacked the town for three days").
TIME_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL"}


def grounds(token: Token) -> bool:
    """Whether a verb with an object has a "for"/"over" phrase of grounds: a gerund ("for accumulating
    wealth") or a noun phrase that is no span of time ("over its handling", not "for three days")."""
    if token.pos_ != "VERB" or not any(c.dep_ == "dobj" for c in token.children):
        return False
    phrases = [g for c in token.children if c.dep_ == "prep" and c.lower_ in GROUNDS_PREPS
               for g in c.children if g.dep_ in ("pobj", "pcomp")]
    return any(g.dep_ == "pcomp" or not timed(g) for g in phrases)


def timed(phrase: Token) -> bool:
    return phrase.ent_type_ in TIME_ENTS or any(w.ent_type_ in TIME_ENTS for w in phrase.subtree)


def context_words(token: Token) -> list[Token]:
    """The words that tell a trigger's sense: a noun's modifiers and "of" phrase, the verb it is the object
    of (through a preposition: "went on strike") and that verb's subject; a verb's subject, object and
    causes ("killed in a crash"). Subjects and objects bring their own modifiers ("the teachers' union")."""
    words = [w for c in token.children if c.dep_ in MODIFIER_DEPS for w in c.subtree]
    words.extend(w for c in token.children if c.dep_ in OBJECT_DEPS for w in object_words(c))
    words.extend(w for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                 for g in c.children if g.dep_ == "pobj" for w in object_words(g))
    verb = token
    if token.dep_ in ("dobj", "nsubjpass", "nsubj"):
        verb = token.head
    elif token.dep_ == "pobj" and token.head.dep_ == "prep":
        verb = token.head.head
    if verb is not token:
        words.append(verb)
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c is not token]
    words.extend(w for s in subjects for w in s.subtree)
    words.extend(causes(token))
    return [w for w in words if w.dep_ != "aux"]  # "to" of an infinitive is no preposition


#: Prepositions of a verb that name what caused it ("killed in a crash", "killed by a landslide").
CAUSE_PREPS = {"in", "by"}


def causes(token: Token) -> list[Token]:
    """What a verb tells as its cause besides its subject: the noun a relative clause hangs on ("a collision
    which killed"), the objects of "in"/"by" ("were killed in a crash") and the verb that describes them
    ("struck by a van driving on the wrong side")."""
    if token.pos_ != "VERB":
        return []
    found = [token.head] if token.dep_ == "relcl" else []
    objects = [g for c in token.children if c.dep_ in ("prep", "agent") and c.lower_ in CAUSE_PREPS
               for g in c.children if g.dep_ == "pobj"]
    found.extend(objects)
    found.extend(c for g in objects for c in g.children if c.dep_ == "acl")  # "by a van driving on"
    return found


def modal_trigger(token: Token, lexicon: Lexicon) -> Trigger | None:
    """A verb with no trigger of its own, under a modal of obligation, in a clause reported by a verb:
    "Arnor said Gondor must drop its barriers" (a demand)."""
    if token.dep_ != "ccomp" or token.head.pos_ != "VERB":
        return None
    for aux in (c for c in token.children if c.dep_ == "aux"):
        for entry in lexicon.modals.get(aux.lower_, ()):
            fires("data:event_triggers")
            return Trigger(token, entry, token.idx, token.idx + len(token))
    return None


def noun_trigger(token: Token, lexicon: Lexicon) -> Trigger | None:
    if token.ent_type_ in NAMED or (modifies_noun(token) and not framed(token, lexicon)):
        return None
    for key in dict.fromkeys((token.lemma_.lower(), token.lower_)):  # in this order, whatever the hash seed
        for entry in lexicon.nouns.get(key, ()):
            start = modifier_start(token, entry.words[:-1])
            if fires("data:event_triggers", start is not None) and start is not None:
                return sensed(Trigger(token, entry, start, token.idx + len(token)), lexicon)
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
