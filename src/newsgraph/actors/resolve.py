"""Actor resolution: one actor per real-world entity, with every mention of it.

Steps, each recording its reason on the mentions it adds:
1. named: the model's entities, trimmed ("the", possessive "'s"), repaired by document-level
   consistency (a string that is a person's name or surname elsewhere is a person; a string keeps the
   label it has most often), grouped into states (by ISO code: names, demonyms, capitals), persons (full
   name, surname, title + name), organizations (name, acronym, short form) and locations. Only story
   lines create actors; set-aside lines may add mentions of actors the story has.
2. repeats: other occurrences of a name the model missed.
3. coding (coding.py): roles, country and sector from premodifiers, appositions, lexicons and context.
4. coreference (coref.py): bare titles, collective groups, pronoun subjects.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from rapidfuzz.distance import Levenshtein
from spacy.tokens import Doc, Span, Token

from newsgraph.actors import coding
from newsgraph.actors.drafts import Draft
from newsgraph.actors.lexicon import Lexicon, key, org_words
from newsgraph.document import Actor, Document, Intervals, MentionVia
from newsgraph.names import name_key
from newsgraph.quotations import Quotations

PERSON_LABELS = {"PERSON"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
ACTOR_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
POSSESSIVE = {"'s", "’s", "'", "’"}
PLACE_PREPOSITIONS = {"in", "of", "from", "at", "near", "to"}
DETERMINERS = {"the", "a", "an"}
NAME_PREFIXES = ("al-", "el-")
#: A model designation after a maker's name makes the phrase a product ("a Volvo XC90", "Airbus A320").
MODEL = re.compile(r"^(?=.*\d)[A-Z]{0,3}-?\d+[A-Za-z0-9-]*$")


#: Generational suffixes after a surname ("Robert Downey Jr."): not the name a person is called by.
NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


def name_tokens(name: str) -> list[str]:
    """Name words for matching: the name key's words (no case, accents or punctuation: quotation marks
    around a nickname go), Arabic article prefixes dropped, a generational suffix after the surname dropped."""
    words = name_key(name).split()
    out = [w for w in words if w not in {"al", "el"}]
    while len(out) > 1 and out[-1] in NAME_SUFFIXES:
        out.pop()
    return out or words or name.casefold().split()


def surname(name: str) -> str:
    """The last word of a person's name that is no generational suffix ("Downey" of "Robert Downey Jr.")."""
    words = name.split()
    while len(words) > 1 and key(words[-1]) in NAME_SUFFIXES:
        words.pop()
    return words[-1].rstrip(",")


def contains(whole: list[str], part: list[str]) -> bool:
    """``part`` is a contiguous run of ``whole`` ending at its last word, or of two words or more, or the
    first of two surnames ("Vázquez" of "Wanda Vázquez Garced"), or another spelling of it (``variant``,
    ``without_initials``)."""
    if not part or len(part) > len(whole):
        return False
    if variant(whole, part) or without_initials(whole, part):
        return True
    if len(part) == 1 and len(whole) >= 3 and whole[-2] == part[0]:
        return True
    if len(part) >= 2 and part[0] == whole[0] and part[-1] == whole[-1]:
        return True
    for i in range(len(whole) - len(part) + 1):
        if whole[i:i + len(part)] == part and (i + len(part) == len(whole) or len(part) >= 2):
            return True
    return False


def variant(one: list[str], other: list[str]) -> bool:
    """Two spellings of one name of two words or more that differ by one letter in one word of four letters or
    more ("Aldo Brenn" and "Aldo Bren", "Ilse Varga" and "Ilse Verga")."""
    if len(one) != len(other) or len(one) < 2:
        return False
    differ = [(a, b) for a, b in zip(one, other, strict=True) if a != b]
    return len(differ) == 1 and min(map(len, differ[0])) >= 4 and Levenshtein.distance(*differ[0]) == 1


def without_initials(whole: list[str], part: list[str]) -> bool:
    """``part`` (two words or more) begins ``whole`` once the initials are left out, and at most a second
    surname follows it ("Aldo Brenn" of "Aldo R. Brenn Varga")."""
    full = [w for w in whole if len(w) > 1]
    return len(part) >= 2 and full[:len(part)] == part and len(full) <= len(part) + 1


class Resolver:
    def __init__(self, parsed: Doc, document: Document, lex: Lexicon, *, quotations: Quotations) -> None:
        self.doc = parsed
        self.quotations = quotations
        self.document = document
        self.lex = lex
        self.states: dict[str, Draft] = {}
        self.persons: list[Draft] = []
        self.orgs: dict[str, Draft] = {}
        self.org_alias: dict[str, str] = {}
        self.places: dict[str, Draft] = {}
        self.taken = Intervals()
        self.person_names: list[list[str]] = []
        self.labels: dict[str, str] = {}
        self.person_starts: set[int] = set()
        self.aside = [(s.start, s.end) for s in document.set_aside]
        self._chunks: list[Span] | None = None

    # ------------------------------------------------------------ helpers
    def story(self, start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in self.aside)

    def story_chunks(self) -> list[Span]:
        if self._chunks is None:
            self._chunks = [c for c in self.doc.noun_chunks if self.story(c.start_char, c.end_char)]
        return self._chunks

    def free(self, start: int, end: int, *, nested: bool = False) -> bool:
        """No mention overlaps [start, end); with ``nested``, mentions wholly inside it are allowed (not one
        over the same words: those are another actor's already)."""
        return not any(not (nested and start <= s and e <= end and (s, e) != (start, end))
                       for s, e in self.taken.overlapping(start, end))

    def mention(self, draft: Draft, start: int, end: int, via: MentionVia, reason: str, *, nested: bool = False,
                role: str | None = None) -> None:
        """A mention of the draft over [start, end), found ``via`` (``reason`` says how in words), where the
        text there is free (with ``nested``, around mentions wholly inside it)."""
        text = self.document.text[start:end]
        if self.free(start, end, nested=nested) and draft.add(start, end, text, reason, via=via, role=role):
            self.taken.add(start, end)

    def widen(self, draft: Draft, start: int, end: int, via: MentionVia, reason: str) -> None:
        """A mention of the draft over [start, end) that takes the place of its mentions inside it ("the
        Gondorian government" for "Gondorian"), so that the whole phrase, its head word too, names it."""
        if not self.free(start, end, nested=True):
            return
        inside = [m for m in draft.mentions if start <= m.start and m.end <= end]
        draft.mentions = [m for m in draft.mentions if m not in inside]
        if not draft.add(start, end, self.document.text[start:end], reason, via=via):
            draft.mentions += inside
            return
        self.taken.add(start, end)

    def state(self, iso3: str) -> Draft:
        if iso3 not in self.states:
            self.states[iso3] = Draft("country", coding.state_name(iso3), country=iso3, reason="state",
                                     via="state")
        return self.states[iso3]

    def city_not_person(self, ent: Span) -> bool:
        """A lone word taken for a person that is a city's name after a place's preposition, and in no
        longer person's name ("the people of Qom")."""
        word = key(ent.text)
        before = ent.doc[ent.start - 1].lower_ if ent.start else ""
        return len(ent) == 1 and word in self.lex.cities and before in PLACE_PREPOSITIONS and \
            not any(len(whole) > 1 and word in whole for whole in self.person_names)

    def is_person_name(self, tokens: list[str]) -> bool:
        """A known person's name or surname, or the given name of exactly one of them."""
        if any(contains(whole, tokens) for whole in self.person_names):
            return True
        given = [whole for whole in self.person_names if len(whole) > 1 and whole[0] == tokens[0]]
        return len(tokens) == 1 and bool(given) and all(contains(given[0], w) or contains(w, given[0]) for w in given)

    # ------------------------------------------------------------ 1. named entities
    def named(self) -> None:
        ents = [t for t in (trimmed(e) for e in self.doc.ents if e.label_ in ACTOR_LABELS)
                if t is not None and not product(t)]
        ents = [part for ent in extend_names(ents) for part in coordinated(ent, self.lex)]
        ents = join_names(coding.whole_person_names(ents, self.lex), self.lex)
        self.learn(ents)
        people: list[Span] = []
        for ent in ents:
            kind, span = self.kind_of(ent)
            if kind == "state":
                self.state_mention(span)
            elif kind == "person":
                people.append(span)
            elif kind == "organization":
                self.organization(span)
            elif kind == "location" and self.story(span.start_char, span.end_char) and \
                    not (self.region(span, ent.label_) and only_where(span)):
                draft = self.places.setdefault(key(span.text), Draft(
                    "location", span.text, country=self.lex.place_country(span.text), reason="ner", via="place"))
                self.mention(draft, span.start_char, span.end_char, "ner", f"ner:{ent.label_}")
        for span in sorted(people, key=lambda e: (-len(name_tokens(e.text)), e.start)):
            self.person(span)
        self.merge_short_forms()
        self.merge_kind_words()

    def merge_short_forms(self) -> None:
        """An organization first named by a short form ("NBC", "the Court") joins its full name."""
        for okey in sorted(self.orgs, key=len):
            target = coding.short_form_of(okey, [k for k in self.orgs if k != okey])
            if target is not None and target in self.orgs:
                self.orgs[target].mentions += self.orgs.pop(okey).mentions

    def merge_kind_words(self) -> None:
        """An organization named by a kind word alone ("the Party", "the Federation") that heads the names of
        several organizations: each of its mentions joins the one of them named last before it (the first
        one named, where none is before)."""
        for okey in [k for k in self.orgs if k in org_words()]:
            owners = [d for k, d in self.orgs.items() if k != okey and name_head(k) == okey]
            if not owners:
                continue
            for m in self.orgs.pop(okey).mentions:
                before = [(max(n.start for n in d.mentions if n.start < m.start), i) for i, d in enumerate(owners)
                          if d.first < m.start]
                owner = owners[max(before)[1]] if before else min(owners, key=lambda d: d.first)
                owner.mentions.append(m)

    def learn(self, ents: list[Span]) -> None:
        """Document-level facts: person names on story lines, and each string's commonest label."""
        votes: dict[str, Counter[str]] = {}
        for ent in ents:
            votes.setdefault(key(ent.text), Counter())[ent.label_] += 1
            if ent.label_ in PERSON_LABELS and self.story(ent.start_char, ent.end_char):
                bare = strip_titles(ent, self.lex)
                if self.lex.state(bare.text) is None and bare.text[:1].isupper():
                    self.person_names.append(name_tokens(bare.text))
            titled = titled_name(ent, self.lex) or self.role_apposed(ent)
            if titled is not None and self.story(ent.start_char, ent.end_char):
                self.person_names.append(name_tokens(titled.text))
        self.labels = {k: c.most_common(1)[0][0] for k, c in votes.items()}
        self.person_starts = {e.start for e in ents if e.label_ in PERSON_LABELS}
        org_heads = {words[0] for e in ents if e.label_ == "ORG" and len(e) > 1 and (words := name_tokens(e.text))}
        single = [n for n in self.person_names if len(n) == 1 and n[0] in org_heads]
        self.person_names = [n for n in self.person_names if n not in single or
                             any(len(m) > 1 and n[0] in m for m in self.person_names)]

    def role_apposed(self, ent: Span) -> Span | None:
        """A name the model took for another kind that a person's role is apposed to ("X, the Secretary of
        Justice"): two to four capitalised words, no organization word, no state."""
        if ent.label_ in PERSON_LABELS or not 2 <= len(ent) <= 4 or coding.has_org_word(ent):
            return None
        if any(not t.is_alpha or not t.text[:1].isupper() or self.lex.state(t.text) for t in ent):
            return None
        for app in coding.appositions(ent):
            if any(self.lex.roles[r] != "-" for r in coding.roles_in(list(app), self.lex)):
                return ent
        return None

    def kind_of(self, ent: Span) -> tuple[str | None, Span]:
        label = self.labels.get(key(ent.text), ent.label_)
        if key(ent.text) in coding.not_actors()[1] or not ent.text[:1].isalnum() or set(ent.text) & set("[]{}<>|"):
            return None, ent
        if (ent.label_ in ("ORG", "PERSON") and common_word(ent)) or foreign_script(ent.text):
            return None, ent
        if coding.known_orgs().get(key(ent.text)):
            return "organization", ent
        if label not in PERSON_LABELS and self.lex.sovereign(ent.text) is not None:
            return "state", ent
        if label not in PERSON_LABELS and coding.state_body(ent, self.lex) is not None:
            return "state", ent
        bare = strip_titles(ent, self.lex)
        if len(bare) == 1 and is_title_token(bare[0], self.lex) and not self.region(bare, label):
            return None, ent
        if len(ent) == 1 and self.members_of(key(ent.text)):
            return "organization", ent
        if label in PERSON_LABELS and self.city_not_person(ent):
            return "location", ent
        if self.is_person_name(name_tokens(bare.text)) or (label != "PERSON" and self.titled(ent, bare)):
            return "person", bare
        tail = person_tail(ent, self)
        if tail is not None:
            return "person", tail
        if label in PERSON_LABELS and len(bare) == 1 and coding.short_form_of(key(bare.text), list(self.orgs)):
            return "organization", bare
        if label == "NORP" and coding.named_by_state(ent, self.lex):
            return "organization", ent
        if label == "ORG" and coding.is_org_name(ent, self.lex) and ent.end not in self.person_starts \
                and (self.lex.roles.get(key(ent[-1].text), "-") == "-" or ent[-2:-1].text.lower() == "of"):
            return "organization", ent
        if label in PLACE_LABELS and not (len(ent) == 1 and key(ent.text) in self.lex.groups):
            return "location", ent
        return None, ent

    def region(self, span: Span, label: str) -> bool:
        """A place the model named that is a region of a state (a US state), not a title's word."""
        place = self.lex.state(span.text)
        return label in PLACE_LABELS and place is not None and place.how == "region"

    def titled(self, ent: Span, bare: Span) -> bool:
        """A name the model mislabelled that a person's title precedes ("Governor Wanda Vazquez") or that
        ends in a known person's surname ("Morgan Tsvangirai" beside "Tsvangirai"), or has it as the first of
        two surnames ("Wanda Vázquez Garced" beside "Vázquez")."""
        if len(bare) > 4 or not all(t.text[:1].isupper() for t in bare) or coding.has_org_word(bare):
            return False
        before = ent.doc[ent.start - 1] if ent.start > 0 else None
        if bare.start == ent.start and before is not None and before.text[:1].isupper() \
                and key(before.text) in self.lex.roles and self.lex.roles[key(before.text)] != "-":
            return True
        toks = name_tokens(bare.text)
        return len(bare) >= 2 and any(len(n) == 1 and contains(toks, n) for n in self.person_names)

    def state_mention(self, ent: Span) -> None:
        place = self.lex.sovereign(ent.text) or self.lex.sovereign(ent[:-1].text)
        if place is None:
            return
        if not self.story(ent.start_char, ent.end_char) and place.iso3 not in self.states:
            return
        self.mention(self.state(place.iso3), ent.start_char, ent.end_char, "ner", f"ner:{ent.label_}:{place.how}")

    def organization(self, ent: Span) -> None:
        head, owner = coding.split_owner(ent, self.lex)
        okey = self.org_key(head)
        if not self.story(ent.start_char, ent.end_char) and okey not in self.orgs:
            return
        if owner is not None:
            self.mention(self.state(owner[1]), owner[0].start_char, owner[0].end_char, "owner state", "owner state")
        draft = self.orgs.get(okey)
        if draft is None:
            draft = self.orgs[okey] = Draft("organization", coding.org_name(head.text), reason="ner:ORG")
        if owner is not None and draft.country is None:
            draft.country = owner[1]
        acronym = coding.acronym_after(head)
        if acronym:
            self.org_alias.setdefault(key(acronym), okey)
        self.mention(draft, head.start_char, head.end_char, "ner", "ner:ORG")

    def members_of(self, okey: str) -> str | None:
        """The organization whose members a plural of its name stands for ("the Houthis": "Houthi")."""
        return okey[:-1] if okey.endswith("s") and okey[:-1] in self.orgs else None

    def org_key(self, span: Span) -> str:
        okey = coding.org_key(span.text)
        if okey in self.orgs:
            return okey
        if self.members_of(okey):
            return okey[:-1]
        if okey in self.org_alias:
            return self.org_alias[okey]
        return coding.short_form_of(okey, list(self.orgs)) or okey

    def person(self, span: Span) -> None:
        toks = name_tokens(span.text)
        draft = self.match_person(toks, span.start_char)
        if draft is None:
            if not self.story(span.start_char, span.end_char):
                return
            draft = Draft("person", span.text, reason="ner:PERSON")
            self.persons.append(draft)
        self.mention(draft, span.start_char, span.end_char, "name", f"name:{span.label_ or 'PERSON'}")

    def match_person(self, toks: list[str], pos: int) -> Draft | None:
        found = [p for p in self.persons if contains(name_tokens(p.name), toks)]
        if not found and len(toks) == 1:
            found = [p for p in self.persons if len(name_tokens(p.name)) > 1 and name_tokens(p.name)[0] == toks[0]]
            found = found if len(found) == 1 else []
        if len(found) <= 1:
            return found[0] if found else None
        return min(found, key=lambda p: p.first)

    # ------------------------------------------------------------ 2. repeats the model missed
    def repeats(self) -> None:
        text = self.document.text
        for draft in self.persons:
            forms = {m.text for m in draft.mentions} | {surname(draft.name)}
            for form in sorted(forms, key=len, reverse=True):
                self.find_all(draft, form, text, "repeat of a name")
        for draft in list(self.states.values()):
            for form in {m.text for m in draft.mentions}:
                self.find_all(draft, form, text, "repeat of a state name")
        for draft in list(self.orgs.values()):
            self.short_names(draft, text)

    def short_names(self, draft: Draft, text: str) -> None:
        """An organization's name without its legal suffix, anywhere ("Arnor Media's" before "Arnor Media
        Corporation is ..."), unless more of a name follows it ("Arnor Media News") or, for one word, the
        word is also written in lowercase (a common word)."""
        short = coding.without_suffix(draft.name)
        if short is None or (" " not in short and re.search(rf"(?<![\w-]){re.escape(short.lower())}(?!\w)", text)):
            return
        for m in re.finditer(rf"(?<![\w-]){re.escape(short)}(?![\w-])", text):
            after = re.match(r"[ \t]+([A-Z][\w-]*)", text[m.end():])
            if after is None or key(after.group(1)) in self.lex.roles:
                self.mention(draft, m.start(), m.end(), "short name", "name without its suffix")

    def find_all(self, draft: Draft, form: str, text: str, reason: str) -> None:
        if len(form) < 3 or not form[:1].isupper():
            return
        for m in re.finditer(rf"(?<![\w-]){re.escape(form)}(?!\w)", text):
            self.mention(draft, m.start(), m.end(), "repeat", reason)

    # ------------------------------------------------------------ build
    def actors(self) -> list[Actor]:
        drafts = [d for d in [*self.states.values(), *self.persons, *self.orgs.values(), *self.places.values()]
                  if d.mentions]
        drafts.sort(key=lambda d: d.first)
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
                             roles=d.roles, mentions=d.mentions, reason=d.reason, via=d.via,
                             country_from_context=d.country_from_context))
        return out


def name_head(okey: str) -> str:
    """The head word of an organization's name key: its last word before "of", "for" or "on" ("centre" of
    "gondor congress centre for the arts")."""
    words = okey.split()
    cut = next((i for i, w in enumerate(words) if w in ("of", "for", "on") and i), len(words))
    return words[cut - 1]


def only_where(span: Span) -> bool:
    """A region named not as an actor: only a subject, an owner ("Ohio's governor") or "the state of Ohio"
    acts (a conjunct or an apposition as the word it joins); "in Ohio", "from Dayton, Ohio", "Ohio
    voters" and "visited Ohio" say where."""
    word = span.root
    while word.dep_ in ("conj", "appos") and word.head is not word:
        word = word.head
    if word.dep_ in ("nsubj", "nsubjpass", "poss"):
        return False
    return not (word.dep_ == "pobj" and word.head.lower_ == "of" and word.head.head.lemma_.lower() == "state")


def common_word(ent: Span) -> bool:
    """A lone capitalised word the model took for a name that its own tagger reads as a common word
    ("Started in 2004, ...", "Observers noted", "Correct."), never tagged a proper noun in the text; an
    acronym is a name."""
    if len(ent) != 1 or ent.text.isupper() or ent[0].pos_ == "PROPN":
        return False
    return not any(t.text == ent.text and t.pos_ == "PROPN" for t in ent.doc)


def foreign_script(text: str) -> bool:
    """A name with a letter of another script than the Latin (Cyrillic, Devanagari...): the English model
    cannot read it, and takes words of a quoted sentence in that script for names."""
    return any(c.isalpha() and not unicodedata.name(c, "").startswith("LATIN") for c in text)


def person_tail(ent: Span, resolver: Resolver) -> Span | None:
    """The end of a non-person entity that is a known person's name ("Scotland Nicola Sturgeon")."""
    for i in range(ent.start + 1, ent.end - 1):
        tail = Span(ent.doc, i, ent.end, label="PERSON")
        if resolver.is_person_name(name_tokens(tail.text)) and len(tail) >= 2:
            return tail
    return None


def titled_name(ent: Span, lex: Lexicon) -> Span | None:
    """The person's name in an entity that runs a title's place into it: "(First Minister of) Scotland
    Nicola Sturgeon" -> "Nicola Sturgeon" (two or three capitalised words after a state, a role and "of"
    before it)."""
    doc = ent.doc
    if not 3 <= len(ent) <= 4 or ent.start < 2 or doc[ent.start - 1].lower_ != "of":
        return None
    if key(doc[ent.start - 2].text) not in lex.roles or lex.state(ent[0].text) is None:
        return None
    tail = ent[1:]
    if coding.has_org_word(tail) or any(not t.is_alpha or not t.text[:1].isupper() or lex.state(t.text)
                                        for t in tail):
        return None
    return Span(doc, tail.start, tail.end, label="PERSON")


def product(ent: Span) -> bool:
    """A maker's name with a model designation, inside the entity or just after it ("a Volvo XC90")."""
    if ent.label_ != "ORG":
        return False
    after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    last = ent[-1]
    return bool(MODEL.match(last.text) and len(ent) > 1) or (after is not None and bool(MODEL.match(after.text)))


def coordinated(ent: Span, lex: Lexicon) -> list[Span]:
    """The names an organization's entity joins with "and": "the Coast Guard and the National Police",
    "Crete and Cyprus" (two places), "the Secret Service and the Park Police" (two bodies); not one name
    with "and" inside ("Islamic State of Iraq and the Levant", "Centers for Disease Control and
    Prevention", "Police and Crime Commissioner")."""
    if ent.label_ != "ORG":
        return [ent]
    for tok in ent[1:-1]:
        if tok.lower_ != "and":
            continue
        left = ent.doc[ent.start:tok.i]
        right = ent.doc[tok.i + 2 if ent.doc[tok.i + 1].lower_ == "the" else tok.i + 1:ent.end]
        if not len(right) or any(t.lower_ in ("of", "for", "and") for t in left):
            return [ent]
        places = all(lex.state(p.text) is not None or lex.place_country(p.text) is not None for p in (left, right))
        bodies = all(len(p) >= 2 and key(p[-1].text) in org_words() for p in (left, right))
        if places or bodies or ent.doc[tok.i + 1].lower_ == "the":
            label = "GPE" if places else "ORG"
            return [Span(ent.doc, p.start, p.end, label=label) for p in (left, right)]
        return [ent]
    return [ent]


def trimmed(ent: Span) -> Span | None:
    """The entity without a leading determiner, a trailing possessive or punctuation."""
    doc = ent.doc
    start, end = ent.start, ent.end
    for i in range(start + 1, end):
        if doc[i].text == "(":
            end = i
            break
    while start < end and (doc[start].lower_ in DETERMINERS or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].text in POSSESSIVE or doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if start >= end:
        return None
    span = Span(doc, start, end, label=ent.label_)
    for suffix in ("’s", "'s"):
        if span.text.endswith(suffix) and len(span.text) > len(suffix):
            cut = doc.char_span(span.start_char, span.end_char - len(suffix), label=ent.label_,
                                alignment_mode="contract")
            if cut is not None and len(cut):
                return cut
    return span


CONNECTORS = {"of", "for", "and", "the", "on", "in"}


def extend_names(ents: list[Span]) -> list[Span]:
    """An organization's name that the model cut at "of"/"for" ("Tunisian League" + "for the Defence of Human
    Rights"): extended over the capitalised words that follow, swallowing the entities there."""
    out: list[Span] = []
    skip_until = -1
    for ent in ents:
        if ent.start < skip_until:
            continue
        if ent.label_ == "ORG" and coding.has_org_word(ent[-1:]):
            end = ent.end
            i = end
            while i < len(ent.doc) and ent.doc[i].lower_ in CONNECTORS and ent.doc[i].sent == ent.sent:
                i += 1
            while i < len(ent.doc) and ent.doc[i].text[:1].isupper() and not ent.doc[i].is_sent_start \
                    and ent.doc[i].ent_type_ not in ("GPE", "LOC", "NORP", "PERSON", "DATE"):
                i += 1
                end = i
                while i < len(ent.doc) - 1 and ent.doc[i].lower_ in CONNECTORS and ent.doc[i + 1].text[:1].isupper():
                    i += 1
            if end > ent.end:
                ent = Span(ent.doc, ent.start, end, label="ORG")
                skip_until = end
        out.append(ent)
    return out


def join_names(ents: list[Span], lex: Lexicon) -> list[Span]:
    """Two person entities with nothing between them, all of name-like words (no title, no state), are
    one name the model cut ("Zine El Abidine" + "Ben Ali")."""
    out: list[Span] = []
    for ent in ents:
        last = out[-1] if out else None
        if last is not None and last.label_ == ent.label_ == "PERSON" and last.end == ent.start and all(
                t.is_alpha and t.is_title and not is_title_token(t, lex) for t in (*last, *ent)):
            out[-1] = Span(ent.doc, last.start, ent.end, label="PERSON")
        else:
            out.append(ent)
    return out


def strip_titles(ent: Span, lex: Lexicon) -> Span:
    """A person entity without leading title words ("President", "Crown Prince", "Mr")."""
    start = ent.start
    while start < ent.end - 1:
        longest = max((n for n in range(1, min(lex.max_role_words, ent.end - 1 - start) + 1)
                       if key(ent.doc[start:start + n].text) in lex.roles), default=0)
        if longest:
            start += longest
        elif is_title_token(ent.doc[start], lex):
            start += 1
        else:
            break
    return Span(ent.doc, start, ent.end, label=ent.label_)


def is_title_token(token: Token, lex: Lexicon) -> bool:
    return key(token.text) in lex.roles or token.text in POSSESSIVE or lex.state(token.text) is not None
