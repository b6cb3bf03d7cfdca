"""Actor resolution: one actor per real-world entity, with every mention of it.

Steps, each recording its reason on the mentions it adds:
1. named: the model's entities, trimmed ("the", possessive "'s"), repaired by document-level
   consistency (a string that is a person's name or surname elsewhere is a person), grouped into
   states (by ISO code: names, demonyms, capitals), persons (full name, surname, title + name),
   organizations (name, acronym) and locations. Only story lines create actors.
2. repeats: other occurrences of a name the model missed.
3. coding (see coding.py): roles, country and sector from premodifiers, appositions and lexicons.
4. titles: bare titles used for a person ("the Iraqi prime minister").
5. groups: collective actors ("Iraqi security forces", "protesters") that act or are acted upon.
6. pronouns: he/she subjects that resolve unambiguously.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsgraph.actors import coding
from newsgraph.actors.lexicon import Lexicon, key, lexicon
from newsgraph.document import Actor, Document, Mention

PERSON_LABELS = {"PERSON"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
POSSESSIVE = {"'s", "’s", "'", "’"}
DETERMINERS = {"the", "a", "an"}
NAME_PARTICLES = ("al-", "el-", " al ", "el ")


@dataclass
class Draft:
    kind: str
    name: str
    mentions: list[Mention] = field(default_factory=list)
    country: str | None = None
    sector: str | None = None
    roles: list[str] = field(default_factory=list)
    reason: str = ""
    id: str = ""

    def add(self, start: int, end: int, text: str, reason: str) -> bool:
        if any(m.start < end and start < m.end for m in self.mentions):
            return False
        self.mentions.append(Mention(start, end, text, reason=reason))
        return True


def name_tokens(name: str) -> list[str]:
    """Name words for matching: lowercase, with Arabic article prefixes dropped."""
    words = key(name).replace("-", " - ").split()
    out = []
    for w in words:
        for p in NAME_PARTICLES:
            if w.startswith(p.strip()) and w != p.strip():
                w = w[len(p.strip()):]
        if w not in {"-", "al", "el"}:
            out.append(w)
    return out


class Resolver:
    def __init__(self, parsed: Doc, document: Document, lex: Lexicon) -> None:
        self.doc = parsed
        self.document = document
        self.lex = lex
        self.states: dict[str, Draft] = {}
        self.persons: list[Draft] = []
        self.orgs: dict[str, Draft] = {}
        self.places: dict[str, Draft] = {}
        self.taken: list[tuple[int, int]] = []

    # ------------------------------------------------------------ helpers
    def story(self, start: int, end: int) -> bool:
        return not self.document.is_set_aside(start, end)

    def free(self, start: int, end: int, *, nested: bool = False) -> bool:
        """No mention overlaps [start, end); with ``nested``, mentions wholly inside it are allowed."""
        return not any(s < end and start < e and not (nested and start <= s and e <= end) for s, e in self.taken)

    def mention(self, draft: Draft, start: int, end: int, reason: str, *, nested: bool = False) -> None:
        if self.free(start, end, nested=nested) and draft.add(start, end, self.document.text[start:end], reason):
            self.taken.append((start, end))

    def state(self, iso3: str) -> Draft:
        if iso3 not in self.states:
            self.states[iso3] = Draft("country", coding.state_name(iso3), country=iso3, reason="state")
        return self.states[iso3]

    # ------------------------------------------------------------ 1. named entities
    def named(self) -> None:
        ents = [trimmed(e) for e in self.doc.ents]
        ents = [e for e in ents if e is not None and e.text.strip()]
        surnames = self.person_forms(ents)
        people: list[Span] = []
        for ent in ents:
            kind = self.kind_of(ent, surnames)
            if kind == "state":
                self.state_mention(ent)
            elif kind == "person":
                people.append(ent)
            elif kind == "organization":
                self.organization(ent)
            elif kind == "location" and self.story(ent.start_char, ent.end_char):
                draft = self.places.setdefault(key(ent.text), Draft("location", ent.text, reason="ner"))
                self.mention(draft, ent.start_char, ent.end_char, f"ner:{ent.label_}")
        for ent in sorted(people, key=lambda e: (-len(name_tokens(strip_titles(e, self.lex).text)), e.start)):
            self.person(ent)

    def person_forms(self, ents: list[Span]) -> set[str]:
        """Keys of person names and their surnames, from the model's PERSON entities on story lines."""
        forms: set[str] = set()
        for ent in ents:
            if ent.label_ in PERSON_LABELS and self.story(ent.start_char, ent.end_char):
                bare = strip_titles(ent, self.lex)
                toks = name_tokens(bare.text)
                if toks and self.lex.state(bare.text) is None:
                    forms.add(" ".join(toks))
                    forms.add(toks[-1])
        return forms

    def kind_of(self, ent: Span, person_forms: set[str]) -> str | None:
        text = ent.text
        bare = " ".join(name_tokens(strip_titles(ent, self.lex).text))
        if ent.label_ not in PERSON_LABELS and self.lex.state(text) is not None:
            return "state"
        if bare and bare in person_forms and ent.label_ in PERSON_LABELS | {"NORP", "ORG", "GPE", "LOC"}:
            return "person"
        if ent.label_ in PERSON_LABELS:
            return "person" if strip_titles(ent, self.lex).text.strip() and text[:1].isupper() else None
        if ent.label_ == "ORG":
            ok = coding.is_org_name(text, self.lex) and not coding.starts_role(ent, self.lex)
            return "organization" if ok else None
        if ent.label_ in PLACE_LABELS:
            return "location"
        return None

    def state_mention(self, ent: Span) -> None:
        place = self.lex.state(ent.text)
        if place is None:
            return
        if not self.story(ent.start_char, ent.end_char) and place.iso3 not in self.states:
            return
        self.mention(self.state(place.iso3), ent.start_char, ent.end_char, f"ner:{ent.label_}:{place.how}")

    def organization(self, ent: Span) -> None:
        if not self.story(ent.start_char, ent.end_char) and coding.org_key(ent.text, self.lex) not in self.orgs:
            return
        head, owner = coding.split_owner(ent, self.lex)
        if owner is not None:
            self.mention(self.state(owner[1]), owner[0].start_char, owner[0].end_char, "possessive state")
        okey = coding.org_key(head.text, self.lex)
        draft = self.orgs.get(okey)
        if draft is None:
            draft = self.orgs[okey] = Draft("organization", coding.org_name(head.text, self.lex), reason="ner:ORG")
            if owner is not None:
                draft.country = owner[1]
        self.mention(draft, head.start_char, head.end_char, "ner:ORG")

    def person(self, ent: Span) -> None:
        if not self.story(ent.start_char, ent.end_char) and not self.persons:
            return
        bare = strip_titles(ent, self.lex)
        toks = name_tokens(bare.text)
        if not toks:
            return
        draft = self.match_person(toks, ent.start_char)
        if draft is None:
            if not self.story(ent.start_char, ent.end_char):
                return
            draft = Draft("person", bare.text, reason="ner:PERSON")
            self.persons.append(draft)
        self.mention(draft, bare.start_char, bare.end_char, f"name:{ent.label_}")

    def match_person(self, toks: list[str], pos: int) -> Draft | None:
        found = [p for p in self.persons if contains(name_tokens(p.name), toks)]
        if len(found) <= 1:
            return found[0] if found else None
        before = [(max((m.start for m in p.mentions if m.start < pos), default=-1), p) for p in found]
        return max(before, key=lambda x: x[0])[1]

    # ------------------------------------------------------------ 2. repeats the model missed
    def repeats(self) -> None:
        text = self.document.text
        for draft in self.persons:
            forms = {m.text for m in draft.mentions} | {name_tokens(draft.name)[-1]}
            for form in sorted(forms, key=len, reverse=True):
                self.find_all(draft, form, text, "repeat of a name")
        for draft in list(self.states.values()):
            for form in {m.text for m in draft.mentions}:
                self.find_all(draft, form, text, "repeat of a state name")

    def find_all(self, draft: Draft, form: str, text: str, reason: str) -> None:
        if len(form) < 3:
            return
        pattern = re.compile(rf"(?<![\w-]){re.escape(form)}(?![\w])", re.I if form[:1].islower() else 0)
        for m in pattern.finditer(text):
            if text[m.start()].isupper() or form[:1].islower():
                self.mention(draft, m.start(), m.end(), reason)

    # ------------------------------------------------------------ build
    def actors(self) -> list[Actor]:
        drafts = [d for d in [*self.states.values(), *self.persons, *self.orgs.values(), *self.places.values()]
                  if d.mentions]
        drafts.sort(key=lambda d: min(m.start for m in d.mentions))
        out = []
        n = 0
        for d in drafts:
            if d.kind == "country" and d.country:
                d.id = d.country
            else:
                n += 1
                d.id = f"a{n}"
            d.mentions.sort(key=lambda m: m.start)
            out.append(Actor(id=d.id, name=d.name, kind=d.kind, country=d.country, sector=d.sector,
                             roles=d.roles, mentions=d.mentions, reason=d.reason))
        return out


def contains(whole: list[str], part: list[str]) -> bool:
    """``part`` is ``whole`` or a contiguous run of it ending at a name word (surname, given + surname)."""
    if not part or len(part) > len(whole):
        return False
    for i in range(len(whole) - len(part) + 1):
        if whole[i:i + len(part)] == part and (i + len(part) == len(whole) or len(part) >= 2):
            return True
    return False


def trimmed(ent: Span) -> Span | None:
    """The entity without a leading determiner, a trailing possessive or punctuation."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (doc[start].lower_ in DETERMINERS or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].text in POSSESSIVE or doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if start >= end:
        return None
    span = doc[start:end]
    text = span.text
    for suffix in ("’s", "'s"):
        if text.endswith(suffix) and len(text) > len(suffix):
            chars = doc.char_span(span.start_char, span.end_char - len(suffix), label=ent.label_,
                                  alignment_mode="contract")
            if chars is not None and len(chars):
                return chars
    return Span(doc, start, end, label=ent.label_)


def strip_titles(ent: Span, lex: Lexicon) -> Span:
    """A person entity without leading title words ("President", "Ayatollah", "Mr")."""
    start = ent.start
    while start < ent.end - 1 and is_title_token(ent.doc[start], lex):
        start += 1
    return Span(ent.doc, start, ent.end, label=ent.label_)


def is_title_token(token: Token, lex: Lexicon) -> bool:
    return key(token.text) in lex.roles or token.text in POSSESSIVE or lex.state(token.text) is not None


def find_actors(parsed: Doc, document: Document) -> list[Actor]:
    """Every actor of the document with all its mentions, coded."""
    from newsgraph.actors.coref import bare_titles, groups, pronouns

    resolver = Resolver(parsed, document, lexicon())
    resolver.named()
    resolver.repeats()
    coding.code_people(resolver)
    coding.code_organizations(resolver)
    bare_titles(resolver)
    groups(resolver)
    pronouns(resolver)
    return resolver.actors()
