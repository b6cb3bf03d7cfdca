"""Coreference beyond names: bare titles, people named by role, collective groups, institutions and
descriptions of organizations (pronouns: ``actors.pronouns``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from newsgraph.actors.coding import roles_in, states_in
from newsgraph.actors.descriptions import described_kind, fits, named_modifiers, person_words
from newsgraph.actors.drafts import Draft
from newsgraph.actors.lexicon import Lexicon, data_rows, institution_nouns, key, org_kinds, org_words, person_heads
from newsgraph.knowledge import per_knowledge

if TYPE_CHECKING:
    from newsgraph.actors.resolve import Resolver

GENERIC_ROLES = {"leader", "official", "head of state", "head of government"}
GOVERNMENT_NOUNS = {"government", "administration", "regime", "authorities"}
ACTING_DEPS = {"nsubj", "nsubjpass", "dobj", "agent"}
ACTING_PREPS = {"by", "against", "on", "with"}
INDEFINITE = {"a", "an", "one", "another"}
PARTITIVES = {"some", "many", "most", "one", "several", "all", "none", "few", "thousands", "hundreds", "dozens",
              "tens", "millions", "members", "majority", "half", "two", "three", "each", "any", "number", "dozen",
              "handful", "scores", "crowd", "crowds", "group", "groups", "minority", "lot", "lots", "couple",
              "hundred", "thousand", "million", "billions"}
#: Nouns for a state's armed forces as one body (not its members, "troops"): the story's one named force.
ARMED_BODIES = {"army", "military", "armed forces", "forces"}
#: Sectors whose members named as a group are the one force of that sector the story has ("officers" of
#: "the police", "soldiers" of "the army").
FORCE_SECTORS = {"COP", "MIL"}
CROWD_SCALES = {"dozens", "hundreds", "thousands", "tens", "millions", "scores", "hundred", "thousand", "million"}


def chunks(resolver: Resolver) -> list[Span]:
    """The noun phrases on story lines (parsed once per document)."""
    return resolver.story_chunks()


def without_det(chunk: Span) -> Span | None:
    start = chunk.start
    while start < chunk.end and chunk.doc[start].lower_ in ("the", "this", "that"):
        start += 1
    return chunk.doc[start:chunk.end] if start < chunk.end else None


def last_before(draft: Draft, pos: int) -> int:
    return max((m.start for m in draft.mentions if m.start < pos), default=-1)


def title_candidates(resolver: Resolver, role: str, country: str | None) -> list[Draft]:
    out = []
    for person in resolver.persons:
        if country and person.country and person.country != country:
            continue
        if role in GENERIC_ROLES:
            ok = person.sector == "GOV" and (country is None or person.country == country)
        else:
            ok = any(role == r or r.endswith(" " + role) for r in person.roles)
        if ok:
            out.append(person)
    return out


def described_candidates(resolver: Resolver, body: Span, role: str | None, country: str | None) -> list[Draft]:
    """The people a description fits: those holding its title (``title_candidates``) or described by its
    head word where the story names them ("Democratic presidential nominee X": "the nominee"), whose
    description agrees with its named modifiers ("the Democratic nominee", "the Florida senator")."""
    words = {id(p): person_words(resolver, p) for p in resolver.persons}
    head = {role} if role else {key(body.root.lemma_), key(body.root.text)}
    titled = {id(p) for p in title_candidates(resolver, role, country)} if role else set()
    found = [p for p in resolver.persons if id(p) in titled or (
        head & words[id(p)].heads and not (country and p.country and p.country != country))]
    role_words = set(key(role).split()) if role else set()
    states = {t.i for t in body if resolver.lex.sovereign(t.text) is not None}
    named = [key(t.text) for t in named_modifiers(body, states) if key(t.text) not in role_words]
    fit = {id(p): [fits(word, words[id(p)].words, resolver.lex) for word in named] for p in found}
    found = [p for p in found if False not in fit[id(p)]]
    sure = [p for p in found if all(fit[id(p)])]
    return sure if named and sure else found


def bare_titles(resolver: Resolver) -> None:
    """"the Iraqi prime minister", "Iraq's new prime minister", "the supreme leader", "the Democratic
    nominee" -> that person; a title in apposition with a name ("the current bishop, X,") -> the one named."""
    for chunk in chunks(resolver):
        body = without_det(chunk)
        if body is None or chunk.root.tag_ in ("NNS", "NNPS") or chunk[0].lower_ in ("a", "an"):
            continue
        if any(t.ent_type_ == "PERSON" for t in body) or not resolver.free(body.start_char, body.end_char,
                                                                            nested=True):
            continue
        if evaluative(body):
            continue
        roles = roles_in(list(body), resolver.lex)
        role = roles[-1] if roles and key(body.root.text) in key(roles[-1]).split() else None
        noun = key(body.root.lemma_) if chunk[0].lower_ == "the" and referring(body.root) else None
        if (role is None and noun is None) or titled_beside(resolver, body):
            continue
        states = states_in(list(body), resolver.lex)
        found = described_candidates(resolver, body, role, states[0] if states else None)
        if not found:
            continue
        best = max(found, key=lambda p: last_before(p, body.start_char))
        if len(found) > 1 and last_before(best, body.start_char) < 0:
            continue
        if role is not None:
            resolver.mention(best, body.start_char, body.end_char, "title", f"title:{role}", nested=True, role=role)
        else:
            resolver.mention(best, body.start_char, body.end_char, "description", f"description:{noun}", nested=True)


def referring(root: Token) -> bool:
    """A noun for a person that refers back by itself: not the title of a name ("the speaker X"), not said of
    someone ("X became the nominee"), not picked out by what follows ("the candidate who won", "the wife of
    a man")."""
    if key(root.lemma_) not in person_heads() or root.dep_ in ("compound", "attr", "oprd"):
        return False
    return not any(c.dep_ in ("relcl", "acl") or (c.dep_ == "prep" and c.lower_ == "of") for c in root.children)


def evaluative(body: Span) -> bool:
    """A title graded by a superlative ("the worst president", "the most powerful leader") judges its holder;
    it is neither a title of theirs nor a mention."""
    return any(t.tag_ in ("JJS", "RBS") for t in body if t.i < body.root.i)


def titled_beside(resolver: Resolver, body: Span) -> bool:
    """Whether the title is in apposition with a person's name; if so, it becomes a mention of them."""
    beside = named_beside(body)
    person = next((d for t in beside if (d := draft_at(t, resolver.persons)) is not None), None)
    if person is not None:
        resolver.mention(person, body.start_char, body.end_char, "title beside name", "title beside a name",
                          nested=True)
    return bool(beside)


def named_beside(body: Span) -> list[Token]:
    """The person's name a title is in apposition with ("the current bishop, X,"): it is that person's."""
    root = body.root
    beside = [c for c in root.children if c.dep_ == "appos"] + ([root.head] if root.dep_ == "appos" else [])
    return [t for t in beside if t.ent_type_ == "PERSON"]


def unnamed_people(resolver: Resolver) -> None:
    """"One MP told ...", "a Turkish official said ...", "expelled the Libyan ambassador": a person named only by
    role who acts, speaks or is acted upon."""
    for chunk in chunks(resolver):
        body = without_det(chunk)
        if body is None or chunk.root.tag_ not in ("NN", "NNP") or not (chunk.root.dep_.startswith("nsubj")
                                                                      or acted_upon(chunk)):
            continue
        if any(t.ent_type_ in ("PERSON", "ORG") for t in body) or not resolver.free(body.start_char, body.end_char,
                                                                                      nested=True):
            continue
        capitalised = chunk.root.text[:1].isupper() and not chunk.root.text.isupper()
        if not (chunk[0].lower_ in INDEFINITE or stated(chunk, resolver)) or capitalised or \
                any(t.like_num or t.ent_type_ == "ORDINAL" for t in chunk[1:]):
            continue
        roles = roles_in(list(chunk), resolver.lex)
        if not roles or key(chunk.root.text) not in key(roles[-1]).split() or resolver.lex.roles[roles[-1]] == "-":
            continue
        states = states_in(list(chunk), resolver.lex)
        draft = Draft("person", body.text, country=states[0] if states else None,
                      sector=resolver.lex.roles[roles[-1]], roles=[roles[-1]], reason=f"unnamed:{roles[-1]}",
                      via="unnamed")
        resolver.persons.append(draft)
        resolver.mention(draft, body.start_char, body.end_char, "unnamed", f"unnamed:{roles[-1]}", nested=True)


def acted_upon(chunk: Span) -> bool:
    """An object of what was done, not of what may be ("expelled a diplomat", not "to impeach an official")."""
    if not acting(chunk):
        return False
    verb = next((t for t in chunk.root.ancestors if t.pos_ in ("VERB", "AUX")), None)
    return verb is not None and verb.tag_ in ("VBD", "VBZ", "VBP", "VBN")


def stated(chunk: Span, resolver: Resolver) -> bool:
    """"the Libyan ambassador", "Gondor's envoy": a definite title of a state none of whose people the story
    names (it could be one of them: "the Iraqi prime minister" before or after the name)."""
    states = states_in(list(chunk), resolver.lex)
    if not states or not (chunk[0].lower_ == "the" or chunk[0].dep_ == "poss"):
        return False
    return not any(p.country == states[0] for p in resolver.persons)


def groups(resolver: Resolver) -> None:
    """Collective actors that act or are acted upon: "Iraqi security forces", "protesters"; a crowd counted
    by number that acts is the story's one group of protesters if it has one ("one million people marched")."""
    lex = resolver.lex
    crowds: list[Span] = []
    for chunk in chunks(resolver):
        body = without_det(chunk)
        if body is None or not acting(chunk):
            continue
        if any(t.ent_type_ in ("PERSON", "ORG") and lex.state(t.text) is None for t in body):
            continue  # a name, not a state's demonym the model took for one ("Azerbaijani troops")
        states = states_in(list(body), lex) or states_after(body.root, lex)
        noun = group_noun(body, resolver)
        if noun in counted_groups() and not counted(body.root):
            if crowd(body.root):
                crowds.append(body)
            continue
        if noun is None:
            if states and key(body.root.text) in GOVERNMENT_NOUNS:
                state = resolver.state(states[0])
                resolver.widen(state, body.start_char, body.end_char, "government", "government of a state")
            continue
        draft = group_draft(resolver, body, noun, states[0] if states else None)
        resolver.mention(draft, body.start_char, body.end_char, "group", f"group:{noun}", nested=True)
    for body in crowds:
        noun = group_noun(body, resolver) or ""
        protesters = [d for k, d in resolver.orgs.items() if k.split("|")[0].split()[-1] in protester_nouns()]
        draft = protesters[0] if len(protesters) == 1 else group_draft(resolver, body, noun, None)
        resolver.mention(draft, body.start_char, body.end_char, "crowd", f"crowd:{noun}", nested=True)


@per_knowledge
def protester_nouns() -> frozenset[str]:
    """Group nouns for people who protest (the events' list: a crowd that marches is such a group)."""
    return frozenset(key(r[0]) for r in data_rows("event_protesters.txt"))


def group_draft(resolver: Resolver, body: Span, noun: str, state: str | None) -> Draft:
    """The group this phrase names: the same noun of the same state (a bare noun: of any state, or an
    organization named with it, "National Police" for "police"), else a new one."""
    same = [k for k in resolver.orgs if k.startswith(f"{noun}|") and (state is None or k == f"{noun}|{state}"
                                                                       or k == f"{noun}|")]
    if not same:  # "the air force", "Israel's air force" after "the Israeli Air Force"
        same = [k for k, d in resolver.orgs.items() if "|" not in k and f" {k}".endswith(f" {noun}")
                and (state is None or d.country == state)]
    if not same and noun in ARMED_BODIES:  # "the army" after "the Armed Forces of Gondor"
        same = [k for k, d in resolver.orgs.items() if "|" not in k and d.sector == "MIL"
                and (state is None or d.country == state)]
        named = [k for k in same if any(f" {word} " in f" {k} " for word in ARMED_BODIES - {"forces"})]
        same = named if len(same) > 1 and len(named) == 1 else same  # "the Armed Forces", not "the Coast Guard"
    if not same and resolver.lex.groups[noun] in FORCE_SECTORS and body[0].tag_ != "PRP$":  # not "our troops"
        same = [k for k, d in resolver.orgs.items() if d.sector == resolver.lex.groups[noun]
                and (state is None or d.country in (state, None))]
    if len(same) == 1:
        draft = resolver.orgs[same[0]]
        draft.country = draft.country or state
        return draft
    gkey = f"{noun}|{state or ''}"
    if gkey not in resolver.orgs:
        resolver.orgs[gkey] = Draft("organization", group_name(body), country=state, sector=resolver.lex.groups[noun],
                                    reason=f"group:{noun}", via="group")
    return resolver.orgs[gkey]


def group_name(body: Span) -> str:
    """A group's name: its phrase without the count or quantity before it ("at least 75 displaced people"
    -> "displaced people", "some 300 protesters" -> "protesters")."""
    count = {t.i for c in body.root.children if c.dep_ in ("nummod", "quantmod", "det", "predet") for t in c.subtree}
    start = body.start
    while start < body.end - 1 and (start in count or body.doc[start].like_num or body.doc[start].pos_ in ("NUM", "DET")
                                     or body.doc[start].lower_ in PARTITIVES):
        start += 1
    return body.doc[start:body.end].text


def states_after(root: Token, lex: Lexicon) -> list[str]:
    """A state named in an "in"/"of"/"from" phrase on the noun ("police in Gondor", "troops from Arnor")."""
    for prep in root.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "of", "from"):
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    place = lex.sovereign(obj.text) or lex.sovereign(" ".join(t.text for t in obj.subtree))
                    if place is not None:
                        return [place.iso3]
    return []


@per_knowledge
def counted_groups() -> frozenset[str]:
    """Group nouns that name a group only with a number ("two people were wounded")."""
    return frozenset(key(r[0]) for r in data_rows("groups.tsv") if len(r) > 2 and r[2] == "counted")


def counted(root: Token) -> bool:
    """A noun with a number that something is done to ("killed two people", "two people were hurt", "the
    deaths of 12 people"); a crowd counted as the doer is left to the group nouns that name it."""
    if not any(c.dep_ == "nummod" for c in root.children):
        return False
    return root.dep_ in ("dobj", "nsubjpass") or (root.dep_ == "pobj" and root.head.lower_ in ("of", "against"))


@per_knowledge
def crowd_verbs() -> frozenset[str]:
    return frozenset(key(r[0]) for r in data_rows("crowd_verbs.txt"))


def crowd(root: Token) -> bool:
    """A crowd counted by a large number that does what crowds do ("one million people marched", "thousands
    of people protested", "hundreds of people gathered and chanted"); "two people marched" is no crowd."""
    subject = root
    if root.dep_ == "pobj" and root.head.lower_ == "of" and large(root.head.head):
        subject = root.head.head
    elif not any(c.dep_ == "nummod" and large(c) for c in root.children):
        return False
    if subject.dep_ != "nsubj":
        return False
    verbs = [subject.head, *(c for c in subject.head.children if c.dep_ == "conj" and c.pos_ == "VERB")]
    return any(v.lemma_.lower() in crowd_verbs() for v in verbs)


def large(number: Token) -> bool:
    """A number of a crowd: in hundreds or more ("dozens", "1,500", "one million")."""
    words = [number, *(c for c in number.children if c.dep_ in ("compound", "quantmod", "nummod"))]
    if any(w.lower_ in CROWD_SCALES for w in words):
        return True
    digits = number.text.replace(",", "")
    return digits.isdigit() and int(digits) >= 100


def group_noun(body: Span, resolver: Resolver) -> str | None:
    words = [key(t.text) for t in body]
    if body.root.i != body.end - 1:
        return None
    for n in (2, 1):
        phrase = " ".join(words[-n:])
        if len(words) >= n and phrase in resolver.lex.groups:
            return phrase
    return None


def inside_quotes(resolver: Resolver, start: int, pos: int) -> bool:
    """Whether ``pos`` lies inside a quotation opened at or after ``start`` (in the same sentence)."""
    found = resolver.quotations.at(pos)
    return found is not None and found.open >= start


def acting(chunk: Span) -> bool:
    """A noun phrase that acts, is acted upon or speaks: subject, object, agent, object of by/against/on, or
    the source of "according to"."""
    root = chunk.root
    while root.dep_ == "conj" and root.head is not root:
        root = root.head
    if root.dep_ in ACTING_DEPS:
        return True
    if root.dep_ != "pobj":
        return False
    prep = root.head
    if prep.lower_ == "of" and prep.head.dep_.startswith("nsubj") and (prep.head.lower_ in PARTITIVES
                                                                       or prep.head.pos_ == "NUM"):
        return True
    if prep.lower_ == "to" and prep.head.lower_ == "according":
        return True
    return prep.lower_ in ACTING_PREPS


def organization_heads(resolver: Resolver) -> None:
    """"the court", "the ministry": the one organization of the story whose name has that word."""

    for chunk in chunks(resolver):
        if len(chunk) != 2 or chunk[0].lower_ != "the" or chunk.root.i != chunk.end - 1:
            continue
        word = key(chunk.root.text)
        if word not in org_words() or not resolver.free(chunk[1:].start_char, chunk.end_char):
            continue
        named = [d for k, d in resolver.orgs.items() if "|" not in k and word in key(d.name).split()]
        if len(named) == 1:
            resolver.mention(named[0], chunk[1:].start_char, chunk.end_char, "head word", f"head word:{word}")


def institutions(resolver: Resolver) -> None:
    """"the interior ministry", "Kenya's port authority": an institution named by a common noun that
    acts or is acted upon. "the government" alone is the story's state when one state dominates."""
    nouns = institution_nouns()
    for chunk in chunks(resolver):
        body = without_det(chunk)
        if body is None or (chunk[0].lower_ != "the" and chunk[0].tag_ != "PRP$" and chunk[0].dep_ != "poss"):
            continue
        head = institution_head(body, nouns)
        if head is None or not acting(chunk) or any(t.ent_type_ in ("PERSON", "ORG") for t in body):
            continue
        if not resolver.free(body.start_char, body.end_char, nested=True):
            continue
        states = states_in(list(body), resolver.lex)
        if head in GOVERNMENT_NOUNS:
            continue
        named = named_with(resolver, head)
        if len(named) > 1:
            continue
        draft = named[0] if named else same_institution(resolver, body, head, states[0] if states else None)
        if draft is None:
            name = " ".join(t.lower_ for t in body if not (t.dep_ == "poss" or t.tag_ == "POS"))
            draft = resolver.orgs[f"institution:{name}|{states[0] if states else ''}"] = Draft(
                "organization", body.text, country=states[0] if states else None, sector=nouns[head],
                reason=f"institution:{head}", via="institution")
        resolver.mention(draft, body.start_char, body.end_char, "institution", f"institution:{head}", nested=True)


def named_with(resolver: Resolver, head: str) -> list[Draft]:
    """The named organizations of the story whose names have the institution's head word."""
    def stem(word: str) -> str:
        return word[:6] if len(word) >= 6 else word

    wanted = {stem(w) for w in head.split()}
    return [d for k, d in resolver.orgs.items() if "|" not in k and wanted <= {stem(w) for w in key(d.name).split()}]


def same_institution(resolver: Resolver, body: Span, head: str, state: str | None) -> Draft | None:
    """An institution already named with the same words, or by more words when this phrase is its head
    alone ("the ministry" after "the interior ministry"); any state when the phrase names none."""
    name = " ".join(t.lower_ for t in body if not (t.dep_ == "poss" or t.tag_ == "POS"))
    found = [d for k, d in resolver.orgs.items() if k.startswith("institution:")
             and (k.startswith(f"institution:{name}|") or (name == head and k.split("|")[0].endswith(f" {head}")))
             and (state is None or k.endswith(f"|{state}") or k.endswith("|"))]
    if len(found) == 1 and state and found[0].country is None:
        found[0].country = state
    return found[0] if len(found) == 1 else None


def institution_head(body: Span, nouns: dict[str, str]) -> str | None:
    if body.root.i != body.end - 1 or body.root.tag_ not in ("NN", "NNP"):
        return None
    words = [key(t.text) for t in body]
    for n in (2, 1):
        if len(words) >= n and " ".join(words[-n:]) in nouns:
            return " ".join(words[-n:])
    return None


def described_organizations(resolver: Resolver) -> None:
    """"the network", "the television network", "Gondor's largest broadcaster": the one organization of
    the story described by a noun of that kind ("X is the largest broadcasting company", "X, an airline,",
    "broadcaster X"; nouns of one kind are interchangeable, org_kinds.tsv), named before it or from the
    headline. Never when two organizations fit."""
    described, describing = descriptions(resolver)
    headline = resolver.document.text.find("\n")
    for token in resolver.doc:
        if token.i in describing or not definite_description(token, resolver):
            continue
        fits = {id(d): d for k in definite_keys(token) for d in described.get(k, [])}
        draft = next(iter(fits.values())) if len(fits) == 1 else None
        if draft is not None and (draft.first < token.idx or token.idx < headline):
            resolver.mention(draft, token.idx, token.idx + len(token), "description",
                             f"described as:{token.lemma_.lower()}")
        elif not fits and (draft := described_kind(resolver, token)) is not None:
            resolver.mention(draft, token.idx, token.idx + len(token), "description", f"kind:{token.lemma_.lower()}")


def definite_description(token: Token, resolver: Resolver) -> bool:
    """A singular common noun with "the" or a state's possessive, whose modifiers do not pick another one
    ("the rail network", "the other airline", "the only court with ...")."""
    if token.pos_ != "NOUN" or token.tag_ != "NN" or not resolver.story(token.idx, token.idx + len(token)):
        return False
    if not any((c.dep_ == "det" and c.lower_ == "the") or (c.dep_ == "poss" and state_word(c, resolver))
               for c in token.children):
        return False
    for c in token.children:
        if c.dep_ in ("nmod", "relcl", "acl") or (c.dep_ == "poss" and not state_word(c, resolver)):
            return False
        if c.dep_ == "prep" and not charge(c):
            return False
        if (c.dep_ == "amod" and c.tag_ != "JJS") or (c.dep_ == "compound" and compound_kind(token) is None):
            return False
    return True


def charge(prep: Token) -> bool:
    """"(accused) the airline of lying": an "of" with a gerund, which says what was done, not which one."""
    return prep.lower_ == "of" and any(c.tag_ == "VBG" for c in prep.children)


def state_word(token: Token, resolver: Resolver) -> bool:
    return resolver.lex.state(token.text) is not None


def compound_kind(token: Token) -> str | None:
    """The kind of a noun with the word before it ("television network", "broadcasting company")."""
    before = token.doc[token.i - 1] if token.i > 0 else None
    if before is None or before.i < token.left_edge.i or before.pos_ not in ("NOUN", "PROPN", "VERB", "ADJ"):
        return None
    return org_kinds().get(f"{before.lower_} {token.lemma_.lower()}")


def definite_keys(token: Token) -> set[str]:
    """What a definite description can stand for: its kind by its compound, else its noun and its kind."""
    noun = token.lemma_.lower()
    phrase = compound_kind(token)
    if phrase is not None:
        return {phrase}
    if noun not in description_nouns():
        return set()
    return {noun, org_kinds()[noun]} if noun in org_kinds() else {noun}


def describing_keys(token: Token) -> set[str]:
    """What a describing noun says an organization is: the noun and its kinds, by itself and with the word
    before it ("the largest broadcasting company": company, broadcaster)."""
    noun = token.lemma_.lower()
    keys = {noun, org_kinds().get(noun, noun)}
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
        return {noun}  # "a network of activists"
    phrase = compound_kind(token)
    return keys | {phrase} if phrase else keys


@per_knowledge
def description_nouns() -> frozenset[str]:

    return (frozenset(org_words()) | frozenset(key(r[0]) for r in data_rows("org_descriptions.tsv"))
            | frozenset(k for k in org_kinds() if " " not in k))


def descriptions(resolver: Resolver) -> tuple[dict[str, list[Draft]], set[int]]:
    """The kinds each named organization is described by (predicate, apposition or title-like modifier,
    org_kinds.tsv), and the positions of the describing words themselves."""
    kinds = description_nouns()
    out: dict[str, list[Draft]] = {}
    describing: set[int] = set()
    for okey, draft in resolver.orgs.items():
        if "|" in okey:
            continue
        for mention in draft.mentions:
            span = resolver.doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            for token in describing_nouns(span.root):
                if token.lemma_.lower() in kinds:
                    describing.add(token.i)
                    for k in describing_keys(token):
                        if draft not in out.setdefault(k, []):
                            out[k].append(draft)
    return out, describing


def describing_nouns(root: Token) -> list[Token]:
    found = []
    head = root.head
    if root.dep_ in ("nsubj", "nsubjpass") and head.lemma_ == "be":
        found += [c for c in head.children if c.dep_ == "attr"]  # "X is the largest network"
    found += [c for c in root.children if c.dep_ == "appos"]  # "X, an airline,"
    if root.dep_ == "appos":
        found.append(head)  # "the airline, X"
    found += [c for c in root.lefts if c.dep_ == "compound" and c.pos_ == "NOUN"]  # "broadcaster X"
    return [t for t in found if t.pos_ == "NOUN" and t.tag_ == "NN"]


def draft_at(token: Token, drafts: list[Draft]) -> Draft | None:
    """The actor named by this word or by a name word it is made of."""
    for t in (token, *(c for c in token.children if c.dep_ == "compound")):
        found = next((d for d in drafts if any(m.start <= t.idx < m.end for m in d.mentions)), None)
        if found is not None:
            return found
    return None
