"""Speakers named only by a word for a person: "the bus driver told reporters ...", "doctors at the
hospital said ...", "according to analysts". The subject of a reporting verb, or the source of "according
to", whose head is a noun for a person (``data/person_nouns.txt``, from WordNet) or a role, becomes an actor
(a person where singular, a group where plural) so that its quotes have a speaker; never where the phrase
names an actor itself ("Dunn's mother, Jane Roe, said", "the speaker of the house X said").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from newsgraph.actors.coding import states_in
from newsgraph.actors.coref import group_draft
from newsgraph.actors.drafts import Draft
from newsgraph.actors.lexicon import key, person_nouns
from newsgraph.quotes import load_cues

if TYPE_CHECKING:
    from newsgraph.actors.resolve import Resolver

#: Words that open a phrase and are no part of the speaker's name.
OPENERS = {"det", "predet", "nummod", "quantmod", "poss"}


def speakers(resolver: Resolver) -> None:
    """Each unnamed speaker of the story as an actor (see the module)."""
    for source in speaking(resolver):
        body = phrase(source)
        if body is None or not resolver.story(body.start_char, body.end_char):
            continue
        whole = source.doc[source.left_edge.i:source.right_edge.i + 1]
        if names_another(resolver, whole, body):
            continue  # "Dunn's mother, Jane Roe, said", "members of the council": the one named speaks
        noun = key(source.lemma_)
        role = noun if noun in resolver.lex.roles else None
        if noun not in person_nouns() and role is None:
            continue
        states = states_in(list(body), resolver.lex)
        draft = speaker_draft(resolver, body, source, noun, states[0] if states else None, role)
        resolver.mention(draft, body.start_char, body.end_char, "speaker", f"speaker:{noun}", nested=True)


def names_another(resolver: Resolver, whole: Span, body: Span) -> bool:
    """The speaker's phrase names another actor: any but a state's demonym or name among the words before the
    head ("a German government source" speaks; "Dunn's mother, Jane Roe" is Jane Roe, and "representatives
    of Gondor" are Gondor)."""
    states = {(m.start, m.end) for d in resolver.states.values() for m in d.mentions
              if body.start_char <= m.start and m.end <= body.end_char}
    return any((s, e) not in states for s, e in resolver.taken.overlapping(whole.start_char, whole.end_char))


def speaking(resolver: Resolver) -> list[Token]:
    """The heads of the phrases that speak: subjects of reporting verbs, sources of "according to"."""
    cues = load_cues()
    found = []
    for token in resolver.doc:
        if cues.is_cue(token):
            subjects = [c for c in token.children if c.dep_ == "nsubj"]
            if all(c.pos_ == "NOUN" for c in subjects):  # "speaker of the house X wrote": X is a subject too
                found += subjects
        elif token.lower_ == "to" and token.head.lower_ == "according":
            found += [c for c in token.children if c.dep_ == "pobj" and c.pos_ == "NOUN"]
    return found


def phrase(head: Token) -> Span | None:
    """The speaker's words: the head and the modifiers before it, without determiners and counts."""
    start = head.i
    while start > head.left_edge.i and head.doc[start - 1].dep_ not in OPENERS and head.doc[start - 1].head.i >= start:
        start -= 1
    body = head.doc[start:head.i + 1]
    return body if len(body) and not any(t.ent_type_ in ("PERSON", "ORG", "GPE") for t in body) else None


def speaker_draft(resolver: Resolver, body: Span, head: Token, noun: str, state: str | None,
                  role: str | None) -> Draft:
    """One actor for each word of each state through the story ("residents" and "local residents", "the
    driver" again); a group noun joins the group of that noun ("police", "officials")."""
    if noun in resolver.lex.groups:
        return group_draft(resolver, body, noun, state)
    kind = "organization" if head.tag_ in ("NNS", "NNPS") else "person"
    sector = resolver.lex.roles.get(role) if role else None
    gkey = f"speaker:{noun}|{state or ''}"
    if gkey not in resolver.orgs and kind == "organization":
        resolver.orgs[gkey] = Draft(kind, body.text, country=state, sector=sector if sector != "-" else None,
                                    reason=f"speaker:{noun}", via="speaker", entry=noun)
    if kind == "organization":
        return resolver.orgs[gkey]
    same = next((p for p in resolver.persons if p.via == "speaker" and p.entry == noun and p.country == state), None)
    if same is None:
        same = Draft(kind, body.text, country=state, sector=sector if sector != "-" else None,
                     roles=[role] if role else [], reason=f"speaker:{noun}", via="speaker", entry=noun)
        resolver.persons.append(same)
    return same
