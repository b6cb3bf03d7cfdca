"""The coding passes over a document's actors while the actors stage finds them: each person's roles,
country and sector from its premodifiers and appositions, organizations' sectors and states (the text, then
the inventory, then the story's state), names only ever mentioned in passing made places, and the story's
state for actors the text gives none (``coding`` reads the phrases; this module applies it to the drafts).
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from spacy.tokens import Span

from newsgraph.actors.coding import (
    NAME_PARTICLES,
    appositions,
    known_org,
    known_orgs,
    posted_to,
    premodifiers,
    role_text,
    roles_in,
    sector_of,
    states_in,
)
from newsgraph.actors.drafts import Draft
from newsgraph.actors.lexicon import data_rows, institution_nouns, key, lexicon, org_kinds, org_words, thing_heads
from newsgraph.knowledge import per_knowledge
from newsgraph.names import name_key

if TYPE_CHECKING:
    from newsgraph.actors.resolve import Resolver


def posted_at(resolver: Resolver, start: int) -> bool:
    span = resolver.doc.char_span(start, start + 1, alignment_mode="expand")
    return span is not None and posted_to(list(span), 0)


def code_person(draft: Draft, resolver: Resolver) -> None:
    lex = resolver.lex
    roles: list[str] = []
    countries: Counter[str] = Counter()
    for m in draft.mentions:
        span = resolver.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or m.via != "name":
            continue
        pre = premodifiers(span)
        roles += roles_in(pre, lex)
        countries.update(states_in(pre, lex))
        for app in appositions(span):
            found = roles_in(list(app), lex)
            if found:
                roles.append(role_text(app))
                roles += found
                countries.update(states_in(list(app), lex))
    draft.roles = list(dict.fromkeys(r for r in roles if r))
    draft.sector = sector_of([r for r in roles if r in lex.roles], lex)
    if countries:
        draft.country = countries.most_common(1)[0][0]
    known = lex.person(draft.name)
    if known:
        draft.country = draft.country or known[0]
        draft.sector = draft.sector or known[1] or None


def code_people(resolver: Resolver) -> None:
    for draft in resolver.persons:
        code_person(draft, resolver)


def code_organizations(resolver: Resolver) -> None:
    for draft in resolver.orgs.values():
        known = known_org(draft.name)
        if known:
            draft.country = draft.country or known[0]
            draft.sector = known[1]
            continue
        words = {key(w) for w in draft.name.split()}
        draft.sector = next((sector for word, sector in org_words().items() if word in words), None)
        if draft.country is None:
            draft.country = org_country(draft, resolver)
        listed = inventoried(draft)
        if listed is not None:
            draft.country = draft.country or listed[0]
            draft.sector = draft.sector or listed[1]
            draft.reason += "; coded from the inventory"


@per_knowledge
def inventory() -> dict[str, tuple[str | None, str | None]]:
    """Organizations of PETRARCH2's dictionaries (inventory.tsv): state (None: international or stateless)
    and sector."""
    return {key(r[0]): (None if r[1] == "-" else r[1], None if r[2] == "-" else r[2])
            for r in data_rows("inventory.tsv")}


def news_outlets() -> frozenset[str]:
    """Name keys of the news outlets (sector MED) among the known organizations and the inventory."""
    known = (name for name, (_, sector, _) in known_orgs().items() if sector == "MED")
    listed = (r[0] for r in data_rows("inventory.tsv") if len(r) > 2 and r[2] == "MED")
    return frozenset(name_key(n) for n in (*known, *listed))


def inventoried(draft: Draft) -> tuple[str | None, str | None] | None:
    """The inventory's entry for an organization's name or one of its mentions; a short single word only
    as an acronym written in capitals ("AMAL", not "Amal")."""
    for text in (draft.name, *(m.text for m in draft.mentions)):
        found = inventory().get(key(text))
        if found is not None and (" " in text.strip() or len(text) > 5 or text.isupper()):
            return found
    return None


def org_country(draft: Draft, resolver: Resolver) -> str | None:
    """A state named inside the organization's name or just before it ('Iranian state television')."""
    lex = resolver.lex
    for m in draft.mentions:
        span = resolver.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        found = states_in(list(span), lex) or states_in(premodifiers(span), lex)
        for app in appositions(span):
            found = found or states_in(list(app), lex)
        if found:
            return found[0]
    return None


def code_from_context(resolver: Resolver) -> None:
    """Persons and organizations whose state the text does not give: the one state named in the sentence
    of their first mention, else the document's main state (the one named most often)."""
    counts = Counter({iso: len(d.mentions) for iso, d in resolver.states.items()})
    for place in resolver.places.values():
        if place.country:
            counts[place.country] += len(place.mentions)
    main = counts.most_common(1)[0][0] if counts else None
    passing = [d for d in resolver.places.values() if d.in_passing]
    for draft in [*resolver.persons, *resolver.orgs.values(), *passing]:
        if draft.country is not None or (draft.kind == "organization" and draft.sector in ("IGO", "NGO")):
            continue
        draft.country = sentence_state(draft, resolver) or main
        draft.country_from_context = bool(draft.country)
        draft.reason += "; country from context" if draft.country else ""


def sentence_state(draft: Draft, resolver: Resolver) -> str | None:
    """The state named nearest before the first mention in its sentence. A state named after it is most
    often the one the actor acts on ("Senator X criticised Gondor", "X met Gondor's envoy"), never its own."""
    first = min(draft.mentions, key=lambda m: m.start)
    span = resolver.doc.char_span(first.start, first.end, alignment_mode="expand")
    if span is None:
        return None
    sent = span.sent
    found = [(m.start, iso) for iso, d in resolver.states.items() for m in d.mentions
             if sent.start_char <= m.start < sent.end_char and not (first.start <= m.start < first.end)
             and not posted_at(resolver, m.start)]
    before = [x for x in found if x[0] < first.start]
    return max(before)[1] if before else None


# ------------------------------------------------------------------ names that are no actors
#: Prepositions of a place: a name only ever "in", "near" or "into" it is where things happen.
PLACE_OF = {"in", "near", "into", "across", "throughout", "around", "inside", "outside", "within"}


@per_knowledge
def actor_heads() -> frozenset[str]:
    """Words for people and bodies (roles, groups, institutions, kinds of organization, actor_heads.txt)."""
    lex = lexicon()
    phrases = (*lex.roles, *lex.groups, *org_words(), *institution_nouns(), *org_kinds(),
               *(key(r[0]) for r in data_rows("actor_heads.txt")))
    return frozenset(w for phrase in phrases for w in phrase.split() if w not in FUNCTION_WORDS)


FUNCTION_WORDS = {"of", "the", "and", "for", "to", "in", "on", "a", "an", "at", "by", "de"}


def only_named_in_passing(draft: Draft, resolver: Resolver, heads: frozenset[str]) -> bool:
    """A name that never stands for an actor: every mention of it modifies a thing's noun ("the EastMed
    pipeline", "Amazon rainforest", "the Sulu region") or names where something happens ("in Idku")."""
    spans = [resolver.doc.char_span(m.start, m.end, alignment_mode="expand") for m in draft.mentions]
    return bool(spans) and all(s is not None and (modifies_a_thing(s, heads) or where(s, draft)) for s in spans)


def modifies_a_thing(span: Span, heads: frozenset[str]) -> bool:
    root = span.root
    head = root.head
    return (root.dep_ in ("compound", "nmod") and head.i >= span.end and head.pos_ == "NOUN"
            and head.lower_ not in heads and head.lemma_.lower() not in heads)


def where(span: Span, draft: Draft) -> bool:
    """A name only after a place's preposition (a person's name after "at" too: "at Radcliffe Hospital")."""
    root = span.root
    while root.dep_ == "conj" and root.head.pos_ == "PROPN":  # "in Damietta and Idku"
        root = root.head
    place = PLACE_OF | ({"at"} if draft.kind == "person" else set())
    return root.dep_ == "pobj" and root.head.lower_ in place


def names_in_passing(resolver: Resolver) -> None:
    """Persons and organizations named only in passing become places (not actors); those the lexicons
    know and people whose names the story gives elsewhere stay. Things named like people are no actors."""
    heads = actor_heads()
    resolver.persons = [d for d in resolver.persons if not named_like_a_thing(d, resolver)]
    for draft in list(resolver.persons):
        if resolver.lex.person(draft.name) is None and only_named_in_passing(draft, resolver, heads):
            resolver.persons.remove(draft)
            as_place(draft, resolver)
    for okey, draft in list(resolver.orgs.items()):
        if known_org(draft.name) is None and not set(name_words(draft.name)) & heads and \
                only_named_in_passing(draft, resolver, heads):
            del resolver.orgs[okey]
            as_place(draft, resolver)


def named_like_a_thing(draft: Draft, resolver: Resolver) -> bool:
    """A "person" of three words or more (initials aside) whose last word is a thing's noun (a law, an
    instrument, a street: "Elendil Varga Space Telescope", "Aldo Brenn Avenue"), only ever named by names that
    end in that noun (a person's surname alone would name them), no particle before it ("bin"): no actor."""
    words = [w for w in name_words(draft.name) if len(w) > 1]
    if len(words) < 3 or words[-1] not in thing_heads() or words[-2] in NAME_PARTICLES or \
            resolver.lex.person(draft.name) is not None:
        return False
    return all(len(said := name_words(m.text)) > 1 and said[-1] == words[-1] for m in draft.mentions)


def name_words(name: str) -> list[str]:
    return key(name).replace("-", " ").split()


def as_place(draft: Draft, resolver: Resolver) -> None:
    """The draft kept as a place named in passing (coded from context like the actors were)."""
    place = resolver.places.setdefault(key(draft.name), draft)
    if place is not draft:
        place.mentions += draft.mentions
    place.kind = "location"
    place.reason += "; named in passing"
    place.in_passing = True
