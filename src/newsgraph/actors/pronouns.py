"""Pronouns resolved once, for every stage after them: quotes, events and stance read the answer with
``Document.actor_at`` and never resolve a pronoun again.

In the actors stage, on its drafts: "he"/"she" as a subject is the person subject of the same or the previous
sentence where only one fits (never a speaker of the quotation it is in, nor one called by the other
pronoun); "they" as a subject is the group named as the nearest subject before it. After the stage, on its
actors, objects and owners, each a mention of the actor it stands for with its reason:

- an owner ("his resignation") is the person subject of its clause ("X announced his resignation"; in a
  participle phrase before the clause, the main clause's subject), else the person named last before it
  in its sentence;
- an object is the one the verb a participle phrase serves acted on ("expelled the envoy, accusing him"),
  else the person named last before it in its sentence other than the clause's subject, else the one
  person the sentence before names.

A third-person subject inside a quotation ("He was a tyrant," said X) is resolved once the quotation has its
speaker (``quoted_pronouns``, run by the quotes stage): the one person other than the speaker named from
the sentence before the quotation on, else the person the story is about.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from newsgraph.actors.coref import PARTITIVES, draft_at, inside_quotes
from newsgraph.actors.drafts import Draft
from newsgraph.document import Actor, Document, Mention, Quote
from newsgraph.quotes import load_cues
from newsgraph.rules import fires

if TYPE_CHECKING:
    from newsgraph.actors.resolve import Resolver

#: Subject pronouns of one person.
PRONOUNS = frozenset({"he", "she"})
#: Object pronouns read as a person named before them.
OBJECT_PRONOUNS = frozenset({"him", "her"})
#: Possessive pronouns read as a person named before them.
POSSESSIVE_PRONOUNS = frozenset({"his", "her"})
OBJECTS_AND_OWNERS = OBJECT_PRONOUNS | POSSESSIVE_PRONOUNS
OBJECT_DEPS = ("dobj", "pobj", "dative")
#: How many heads up from an owner pronoun its clause's verb may lie.
MAX_DEPTH = 4
#: Third-person pronouns that a quotation's subject may be.
THIRD_PERSON = frozenset({"he", "she", "him", "her", "his"})
QUOTED_SUBJECTS = ("nsubj", "nsubjpass")
#: Whole quotations: the speaker's own words (in a fragment quoted inside reported speech, "he said that "he
#: had no plans"", a third person may be the speaker).
QUOTED = frozenset({"direct"})
#: The person a story is about is mentioned at least this many times as often as anyone else.
PROTAGONIST_LEAD = 2


# ------------------------------------------------------------------ subjects (on the drafts, in the actors stage)
def pronouns(resolver: Resolver) -> None:
    """He/she as a subject: the person subject of the same or the previous sentence, if only one fits."""
    for token in resolver.doc:
        if token.lower_ not in PRONOUNS or not token.dep_.startswith("nsubj"):
            continue
        if not resolver.story(token.idx, token.idx + len(token)):
            continue
        speakers = frozenset(id(d) for d in quote_speakers(resolver, token))
        target = antecedent(resolver, token.i, excluded=speakers | other_gender(resolver, token))
        if target is not None:
            resolver.mention(target, token.idx, token.idx + len(token), "pronoun", "pronoun")


def antecedent(resolver: Resolver, i: int, *, excluded: frozenset[int] = frozenset()) -> Draft | None:
    """The person a pronoun subject stands for, never one of ``excluded`` (ids of the drafts that cannot
    be meant: the speakers of the quotation the pronoun is in, as a speaker says "I", and those called by
    the other pronoun). After a quotation that names no one else, its speaker."""
    doc = resolver.doc
    sent = doc[i].sent
    here = [(pos, d) for pos, d in persons_between(resolver, sent.start_char, doc[i].idx, excluded)
            if is_subject(resolver, pos, d) and not inside_quotes(resolver, sent.start_char, pos)]
    if here:
        return here[-1][1]
    if sent.start == 0:
        return None
    prev = doc[sent.start - 1].sent
    if prev.text.strip() == "" and prev.start > 0:
        prev = doc[prev.start - 1].sent
    before = persons_between(resolver, prev.start_char, prev.end_char, excluded)
    distinct = {id(d) for _, d in before}
    if len(distinct) == 1:
        return before[0][1]
    subjects = [(pos, d) for pos, d in before if is_subject(resolver, pos, d)]
    if subjects or before or quotation_opening(resolver, doc[i].idx) is not None:
        return subjects[0][1] if subjects else None
    speakers = [d for d in quote_speakers(resolver, prev[-1]) if id(d) not in excluded]
    return speakers[0] if len(speakers) == 1 else None


def persons_between(resolver: Resolver, start: int, end: int,
                    excluded: frozenset[int] = frozenset()) -> list[tuple[int, Draft]]:
    found = [(m.start, p) for p in resolver.persons for m in p.mentions
             if start <= m.start < end and id(p) not in excluded]
    return sorted(found, key=lambda x: x[0])


def other_gender(resolver: Resolver, token: Token) -> frozenset[int]:
    """The persons already called by the other pronoun ("she" is not one called "he")."""
    other = {"he": "she", "she": "he"}.get(token.lower_)
    return frozenset(id(p) for p in resolver.persons if any(m.text.lower() == other for m in p.mentions))


def quotation_opening(resolver: Resolver, pos: int) -> int | None:
    """Where the quotation that ``pos`` lies in opens (the quotations stage's spans); None outside quotations."""
    found = resolver.quotations.at(pos)
    return None if found is None else found.open


def quote_speakers(resolver: Resolver, token: Token) -> list[Draft]:
    """The actors that speak the quotation ``token`` is in: subjects of a speech verb (or their
    appositions) before its opening mark, in the sentence where it opens (or the one before, when it
    opens that sentence). Only for whole quotations (after "said:" or "said," or opening a sentence),
    where a speaker says "I"."""
    opening = quotation_opening(resolver, token.idx)
    mark = None if opening is None else resolver.doc.char_span(opening, opening + 1, alignment_mode="expand")
    if mark is None:
        return []
    sent = mark.sent
    first = sent.start
    opens_sentence = all(t.is_punct or t.is_space for t in resolver.doc[sent.start:mark.start])
    if not opens_sentence and resolver.doc[mark.start - 1].text not in (":", ","):
        return []  # a fragment quoted inside reported speech ('said that "she would ..."')
    if opens_sentence and sent.start > 0:
        first = resolver.doc[sent.start - 1].sent.start
    drafts = [*resolver.persons, *resolver.orgs.values()]
    subjects = [t for t in resolver.doc[first:mark.start]
                if t.dep_.startswith("nsubj") and t.head.lemma_.lower() in load_cues().uses]
    found = [draft_at(n, drafts) for t in subjects for n in (t, *(c for c in t.children if c.dep_ == "appos"))]
    return list({id(d): d for d in found if d is not None}.values())


def is_subject(resolver: Resolver, pos: int, draft: Draft) -> bool:
    end = next((m.end for m in draft.mentions if m.start == pos), pos + 1)
    span = resolver.doc.char_span(pos, end, alignment_mode="expand")
    if span is None:
        return False
    token = span.root
    while token.dep_ in ("compound", "flat") and token.head is not token:
        token = token.head
    return token.dep_.startswith("nsubj")


def plural_pronouns(resolver: Resolver) -> None:
    """"They" as a subject outside quotations: the nearest subject before it in the same sentence, else
    the first subject of the previous sentence (of the one before when that one's is a person), when
    it names a group: a plural noun, coordinated actors (the first of them), an organization or a state."""
    drafts = [*resolver.states.values(), *resolver.persons, *resolver.orgs.values()]
    for token in resolver.doc:
        if token.lower_ != "they" or not token.dep_.startswith("nsubj"):
            continue
        if not resolver.story(token.idx, token.idx + 4) or inside_quotes(resolver, token.sent.start_char, token.idx):
            continue
        target = plural_antecedent(resolver, token, drafts)
        if target is not None:
            resolver.mention(target, token.idx, token.idx + len(token), "pronoun", "pronoun:they")


def plural_antecedent(resolver: Resolver, token: Token, drafts: list[Draft]) -> Draft | None:
    sent = token.sent
    here = subjects(resolver, [t for t in sent if t.i < token.i], drafts)
    if here:  # the nearest subject before it: a group, or one person ("X said they ...": unclear)
        return here[-1][1] if here[-1][0] else None
    for _ in range(2):  # the previous sentence, else the one before it when that one's subject is a person
        if sent.start == 0:
            return None
        sent = resolver.doc[sent.start - 1].sent
        found = subjects(resolver, list(sent), drafts)
        if found and found[0][0]:
            return found[0][1]
        if found and found[0][1].kind != "person":
            return None
    return None


def subjects(resolver: Resolver, tokens: list[Token], drafts: list[Draft]) -> list[tuple[bool, Draft]]:
    """The actors that are subjects of main or reported clauses among ``tokens``, each with whether it
    names a group (a plural noun, coordinated actors, "they", an organization or a state)."""
    found = []
    for t in tokens:
        if t.dep_ != "nsubj" or t.head.dep_ in ("relcl", "acl") or inside_quotes(resolver, t.sent.start_char, t.idx):
            continue
        if t.lower_ in PARTITIVES:  # "some of the protesters"
            t = next((g for c in t.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"), t)
        draft = draft_at(t, drafts)
        if draft is None:
            continue
        plural = t.tag_ in ("NNS", "NNPS") or t.lower_ == "they" or any(c.dep_ == "conj" for c in t.children)
        found.append((plural or draft.kind in ("organization", "country"), draft))
    return found


# ------------------------------------------------------------------ objects and owners (after the actors stage)
def object_pronouns(parsed: Doc, document: Document) -> None:
    """Every "him"/"her" object and "his"/"her" owner in the story, as a mention of the actor it stands for."""
    found: list[tuple[Token, Actor, str]] = []
    for token in parsed:
        word = token.lower_
        owner = word in POSSESSIVE_PRONOUNS and token.dep_ == "poss"
        if not owner and (word not in OBJECT_PRONOUNS or token.dep_ not in OBJECT_DEPS):
            continue
        start, end = token.idx, token.idx + len(token)
        if document.is_set_aside(start, end) or document.actor_at(start, end) is not None:
            continue
        answer = owner_of(token, document) if owner else object_of(token, document)
        if answer is not None:
            found.append((token, *answer))
    for token, actor, why in found:  # added after reading them all: one pronoun never answers another
        actor.mentions.append(Mention(token.idx, token.idx + len(token), token.text,
                                      reason=f"pronoun:{token.lower_}:{why}", via="pronoun"))
        actor.mentions.sort(key=lambda m: m.start)


def owner_of(pronoun: Token, document: Document) -> tuple[Actor, str] | None:
    """The person a possessive stands for: its clause's person subject, else the one named last before it."""
    served = owner_subject(pronoun, document)
    if served is not None:
        return served, "clause subject"
    last = last_person_before(pronoun, document, skip=None)
    return (last, "person named before") if last is not None else None


def object_of(pronoun: Token, document: Document) -> tuple[Actor, str] | None:
    """The actor an object pronoun stands for (see the module's docstring)."""
    served = participle_object(pronoun, document)
    if served is not None:
        return served, "object of the verb served"
    subject = next((c for c in pronoun.head.children if c.dep_ in ("nsubj", "csubj", "nsubjpass")), None)
    skip = document.actor_at(subject.idx, subject.idx + len(subject)) if subject is not None else None
    last = last_person_before(pronoun, document, skip=skip)
    if last is not None:
        return last, "person named before"
    before = previous_person(pronoun, document, skip=skip)
    return (before, "person of the sentence before") if before is not None else None


def persons(document: Document) -> list[Actor]:
    return [a for a in document.actors if a.kind == "person"]


def last_person_before(pronoun: Token, document: Document, *, skip: Actor | None) -> Actor | None:
    """The person named last before the pronoun in its sentence, ``skip`` aside."""
    start = pronoun.sent.start_char
    best, best_start = None, -1
    for person in persons(document):
        if person is skip:
            continue
        starts = [m.start for m in person.mentions if start <= m.start < pronoun.idx]
        if starts and max(starts) > best_start:
            best, best_start = person, max(starts)
    return best


def previous_person(pronoun: Token, document: Document, *, skip: Actor | None) -> Actor | None:
    """The one person the sentence before names (``skip`` aside); none where it names several."""
    sent = pronoun.sent
    if sent.start == 0:
        return None
    before = pronoun.doc[sent.start - 1].sent
    named = [p for p in persons(document) if p is not skip
             and any(before.start_char <= m.start < before.end_char for m in p.mentions)]
    return named[0] if fires("object-pronoun-before", len(named) == 1) else None


def owner_subject(pronoun: Token, document: Document) -> Actor | None:
    """"his"/"her" on a phrase of a clause whose subject is a person: that person ("Elendil, Isildur's
    envoy, announced his resignation" -> Elendil)."""
    verb = pronoun.head
    for _ in range(MAX_DEPTH):
        if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    lone = not any(c.dep_ == "nsubj" for c in verb.children)
    if fires("participle-his", verb.dep_ == "advcl" and verb.tag_ in ("VBG", "VBN") and lone):
        verb = verb.head  # "Offering his condolences, X wrote": the participle's subject is the clause's
    for subject in (c for c in verb.children if c.dep_ == "nsubj"):  # "the speaker of the house, X, wrote"
        found = document.actor_at(subject.idx, subject.idx + len(subject)) or person_in(subject, document)
        if found is not None and found.kind == "person":
            return found
    return None


def participle_object(pronoun: Token, document: Document) -> Actor | None:
    """"him"/"her" as the object of a participle phrase: the one the verb it serves acted on."""
    verb = pronoun.head
    if not fires("participle-object", pronoun.dep_ == "dobj" and verb.dep_ == "advcl" and verb.tag_ == "VBG"):
        return None
    obj = next((c for c in verb.head.children if c.dep_ == "dobj" and not c.is_punct), None)
    if obj is None:
        return None
    return document.actor_at(obj.idx, obj.idx + len(obj)) or named_apposition(obj, document) or \
        modifier_actor(obj, document)


def named_apposition(token: Token, document: Document) -> Actor | None:
    """A person named in apposition to a title ("the chief constable, Elendil")."""
    for c in token.children:
        found = document.actor_at(c.idx, c.idx + len(c)) if c.dep_ == "appos" else None
        if found is not None and found.kind == "person":
            return found
    return None


def modifier_actor(token: Token, document: Document) -> Actor | None:
    """The actor a modifier of the phrase names ("the Gondorian envoy": Gondor)."""
    for c in token.children:
        if c.dep_ in ("amod", "compound", "nmod", "poss") and c.i < token.i:
            found = document.actor_at(c.idx, c.idx + len(c))
            if found is not None:
                return found
    return None


def person_in(phrase: Token, document: Document) -> Actor | None:
    """The first person named in a phrase ("the speaker of the house, X")."""
    start, end = phrase.left_edge.idx, phrase.right_edge.idx + len(phrase.right_edge)
    found = [(m.start, n, p) for n, p in enumerate(persons(document)) for m in p.mentions if start <= m.start < end]
    return min(found, key=lambda f: (f[0], f[1]))[2] if found else None


# ------------------------------------------------------------------ inside quotations
def quoted_pronouns(parsed: Doc, document: Document) -> None:
    """Third-person pronouns inside quotations with a speaker, read again now that the speaker is known:
    a subject is the person it stands for (replacing the actors stage's reading; none where unclear); an
    object or owner is never the speaker (who would say "me" or "my")."""
    answers: list[tuple[int, int, str, tuple[Actor, str] | None]] = []
    for quote in document.quotes:
        if quote.speaker is None or quote.kind not in QUOTED or document.is_set_aside(quote.start, quote.end):
            continue
        span = parsed.char_span(quote.start, quote.end, alignment_mode="contract")
        for token in span if span is not None else ():
            if token.lower_ not in THIRD_PERSON:
                continue
            start, end = token.idx, token.idx + len(token)
            if token.dep_ in QUOTED_SUBJECTS:
                answers.append((start, end, token.text, quoted_antecedent(token, quote, document)))
            elif (found := document.actor_at(start, end)) is not None and found.id == quote.speaker:
                answers.append((start, end, token.text, None))
    for start, end, text, answer in answers:
        for actor in document.actors:
            actor.mentions = [m for m in actor.mentions if not (m.start == start and m.end == end)]
        if answer is not None:
            actor, why = answer
            actor.mentions.append(Mention(start, end, text, reason=f"pronoun:{text.lower()}:{why}",
                                            via="pronoun"))
            actor.mentions.sort(key=lambda m: m.start)


def quoted_antecedent(pronoun: Token, quote: Quote, document: Document) -> tuple[Actor, str] | None:
    """The one person named before the pronoun, from the sentence before the quotation on (the speaker
    and those named in the speaker's own phrase excepted); where there is none, the person the story is
    about (see ``protagonist``); None where there are several."""
    doc = pronoun.doc
    opening = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    sent = doc[opening.start if opening is not None else pronoun.i].sent
    before = doc[sent.start - 1].sent.start_char if sent.start > 0 else sent.start_char
    speaker = document.actor(quote.speaker) if quote.speaker else None
    described = {phrase_root(doc, m.start) for m in (speaker.mentions if speaker else [])}
    named = [a for a in document.actors if a.kind == "person" and a.id != quote.speaker
             and any(before <= m.start < pronoun.idx and m.text.lower() not in THIRD_PERSON
                     and phrase_root(doc, m.start) not in described for m in a.mentions)]
    if not named:
        found = protagonist(document, but=quote.speaker)
        return (found, "the person the story is about") if fires("story-person", found) and found else None
    return (named[0], "the one person named before the quotation") if len(named) == 1 else None


def protagonist(document: Document, *, but: str | None) -> Actor | None:
    """The person the story is about: named in the headline or first paragraph and mentioned at least
    twice as often as any other person (``but`` aside)."""
    people = sorted((a for a in document.actors if a.kind == "person" and a.id != but), key=lambda a: -named(a))
    if not people:
        return None
    first = people[0]
    if len(people) > 1 and named(first) < PROTAGONIST_LEAD * named(people[1]):
        return None
    lead = lead_end(document.text)
    return first if any(m.start < lead for m in first.mentions) else None


def named(actor: Actor) -> int:
    """How many times the text names the actor or makes it a subject ("she"), objects and owners aside."""
    return sum(m.text.lower() not in OBJECTS_AND_OWNERS for m in actor.mentions)


def lead_end(text: str) -> int:
    """The end of the headline and first paragraph."""
    lead = [m for m in text.split("\n") if m.strip()][:3]
    return len("\n".join(lead)) + 1 if lead else 0


def phrase_root(doc: Doc, start: int) -> int:
    """The head of the noun phrase a mention stands in, through possessives, compounds and appositions
    ("Dunn's mother, Jane Roe": Dunn and Jane Roe describe one person)."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None:
        return -1
    token = span.root
    while token.dep_ in ("poss", "compound", "appos", "amod", "nmod", "case") and token.head.i != token.i:
        token = token.head
    return token.i
